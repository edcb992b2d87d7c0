package dev.tflm.benchmarks;

import dev.tflm.TensorType;
import dev.tflm.examples.sine.SineModel;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models the benchmarks run: the shared models by file name (without {@code .tflite}),
 * from {@code -Dtflm.models=DIR} or {@code ../shared/models} beside the working directory,
 * plus {@value #SINE}, the sine model this project trains and quantizes in Java.
 */
public final class BenchModels {

    /** The project's own model, built by {@link SineModel#build()}. */
    public static final String SINE = "sine";

    private BenchModels() {
    }

    /** The directory holding the shared models. */
    public static Path directory() {
        return Path.of(System.getProperty("tflm.models", "../shared/models"));
    }

    public static byte[] bytes(String name) {
        if (name.equals(SINE)) {
            return SineModel.build();
        }
        Path file = directory().resolve(name + ".tflite");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + name + " at " + file.toAbsolutePath()
                    + " (set -Dtflm.models=DIR)", e);
        }
    }

    /**
     * A model with no operators whose one input is also its output: invoking it runs no
     * kernel, so its time is the cost of the call itself.
     */
    public static byte[] empty() {
        TfliteWriter writer = new TfliteWriter().description("no operators");
        SubgraphBuilder graph = writer.addSubgraph("main");
        int tensor = graph.addTensor(TensorDef.of("x", TensorType.FLOAT32, 1));
        graph.inputs(tensor).outputs(tensor);
        return writer.toByteArray();
    }
}
