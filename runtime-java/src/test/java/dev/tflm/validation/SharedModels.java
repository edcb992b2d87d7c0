package dev.tflm.validation;

import dev.tflm.oracle.GoldenFile;
import dev.tflm.oracle.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The shared models ({@code ../shared/models/*.tflite}) by name, and their golden files. */
final class SharedModels {
    /** Uses the TFLM signal library's custom ops, which this runtime does not implement. */
    static final String AUDIO_PREPROCESSOR = "audio_preprocessor_int8";
    /** TF Lite 2.6.2 refuses it: per-channel quantization along axis 3 of a CONV_2D filter. */
    static final String PERSON_DETECT = "person_detect";
    static final String HELLO_WORLD_INT8 = "hello_world_int8";
    static final String HELLO_WORLD_FLOAT = "hello_world_float";

    private SharedModels() {
    }

    /** Names (file names without ".tflite") of every shared model but {@code excluded}, sorted. */
    static List<String> namesExcept(Set<String> excluded) {
        Path dir = SharedData.file("models");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".tflite"))
                    .map(f -> f.substring(0, f.length() - ".tflite".length()))
                    .filter(name -> !excluded.contains(name))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no .tflite models in " + dir);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(SharedData.file("models/" + name + ".tflite"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoldenFile goldenInputs(String name) {
        return golden(name + ".input.txt");
    }

    static GoldenFile goldenOutputs(String name) {
        return golden(name + ".output.txt");
    }

    private static GoldenFile golden(String file) {
        try {
            return GoldenFile.read(SharedData.file("golden/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
