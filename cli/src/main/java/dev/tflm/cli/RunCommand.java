package dev.tflm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import dev.tflm.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run MODEL [--input INDEX=FILE]... [--output-dir DIR] [--arena BYTES] [--kernels reference|optimized] [--isa LEVEL] [--json]}:
 * one inference on raw input bytes, raw output bytes written to files.
 */
@Command(name = "run")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL")
    private Path modelPath;

    @Option(names = "--input", paramLabel = "INDEX=FILE")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR")
    private Path outputDir = Path.of(".");

    @Option(names = "--arena", paramLabel = "BYTES")
    private Long arenaBytes;

    @Mixin
    private KernelOptions kernelOptions = new KernelOptions();

    @Option(names = "--json")
    private boolean json;

    private final PrintStream out;

    RunCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        Map<Integer, Path> inputFiles = new TreeMap<>();
        for (String spec : inputs) {
            addInput(inputFiles, spec);
        }
        Interpreter.Options.Builder options = kernelOptions.builder();
        KernelSet kernels = kernelOptions.kernels;
        if (arenaBytes != null) {
            options.arenaBytes(Checks.positive("--arena", arenaBytes));
        }
        try (Model model = Model.load(modelPath); Interpreter interpreter = new Interpreter(model, options.build())) {
            fillInputs(interpreter, inputFiles);
            long start = System.nanoTime();
            interpreter.invoke();
            long invokeMicros = (System.nanoTime() - start) / 1_000;

            Files.createDirectories(outputDir);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < interpreter.outputCount(); i++) {
                Path file = outputDir.resolve("output-" + i + ".bin");
                Files.write(file, interpreter.output(i).toByteArray());
                files.add(file);
            }
            if (json) {
                out.println(json(modelPath, kernels, interpreter, invokeMicros, files));
            } else {
                out.printf("model        %s%n", modelPath);
                out.printf("kernels      %s, isa %s%n", kernels.name().toLowerCase(Locale.ROOT),
                        interpreter.isa().label());
                out.printf("arena bytes  %d%n", interpreter.arenaBytes());
                out.printf("invoke       %d us%n", invokeMicros);
                for (int i = 0; i < files.size(); i++) {
                    Tensor output = interpreter.output(i);
                    out.printf("output %d     %s %s -> %s%n", i, output.type(), Arrays.toString(output.shape()),
                            files.get(i));
                }
            }
        }
        return Main.EXIT_OK;
    }

    private static void addInput(Map<Integer, Path> inputs, String spec) throws UsageException {
        int equals = spec.indexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new UsageException("--input takes INDEX=FILE, got '" + spec + "'");
        }
        int index;
        try {
            index = Integer.parseInt(spec.substring(0, equals));
        } catch (NumberFormatException e) {
            throw new UsageException("--input index must be a number, got '" + spec.substring(0, equals) + "'");
        }
        if (index < 0) {
            throw new UsageException("--input index must not be negative, got " + index);
        }
        if (inputs.put(index, Path.of(spec.substring(equals + 1))) != null) {
            throw new UsageException("--input " + index + " given twice");
        }
    }

    /** Inputs from files; the others zeroed, so a run never reads what a previous one left. */
    private static void fillInputs(Interpreter interpreter, Map<Integer, Path> files) throws IOException {
        for (int index : files.keySet()) {
            if (index >= interpreter.inputCount()) {
                throw new IllegalArgumentException("input " + index + " does not exist: the model has "
                        + interpreter.inputCount() + " input(s)");
            }
        }
        for (int i = 0; i < interpreter.inputCount(); i++) {
            Tensor input = interpreter.input(i);
            Path file = files.get(i);
            if (file == null) {
                input.copyFrom(new byte[Math.toIntExact(input.byteSize())]);
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != input.byteSize()) {
                throw new IllegalArgumentException("input " + i + " (" + input.type() + " "
                        + Arrays.toString(input.shape()) + ") takes " + input.byteSize() + " bytes, but " + file
                        + " holds " + bytes.length);
            }
            input.copyFrom(bytes);
        }
    }

    private static String json(Path model, KernelSet kernels, Interpreter interpreter, long invokeMicros,
                               List<Path> files) {
        ObjectNode json = Json.object()
                .put("model", model.toString())
                .put("kernels", kernels.name().toLowerCase(Locale.ROOT))
                .put("isa", interpreter.isa().label())
                .put("arena_bytes", interpreter.arenaBytes())
                .put("invoke_us", invokeMicros);
        ArrayNode outputs = json.putArray("outputs");
        for (int i = 0; i < files.size(); i++) {
            Tensor output = interpreter.output(i);
            ObjectNode entry = outputs.addObject().put("index", i).put("type", output.type().name());
            entry.set("shape", Json.array(Arrays.stream(output.shape()).boxed().toList()));
            entry.put("file", files.get(i).toString());
        }
        return Json.line(json);
    }
}
