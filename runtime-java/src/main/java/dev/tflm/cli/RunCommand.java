package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Isa;
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

/**
 * {@code run MODEL [--input INDEX=FILE]... [--output-dir DIR] [--arena BYTES] [--kernels reference|optimized] [--isa LEVEL] [--json]}:
 * one inference on raw input bytes, raw output bytes written to files.
 */
final class RunCommand {

    private RunCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws UsageException, IOException {
        Path modelPath = null;
        Map<Integer, Path> inputFiles = new TreeMap<>();
        Path outputDir = Path.of(".");
        long arenaBytes = 0;
        KernelSet kernels = KernelSet.OPTIMIZED;
        Isa maxIsa = Isa.BEST;
        boolean json = false;
        Arguments args = new Arguments(argList);
        while (args.hasNext()) {
            String arg = args.next();
            switch (arg) {
                case "--input" -> addInput(inputFiles, args.value(arg));
                case "--output-dir" -> outputDir = Path.of(args.value(arg));
                case "--arena" -> arenaBytes = Arguments.positiveLong(arg, args.value(arg));
                case "--kernels" -> kernels = Arguments.kernels(arg, args.value(arg));
                case "--isa" -> maxIsa = Arguments.isa(arg, args.value(arg));
                case "--json" -> json = true;
                default -> {
                    if (Arguments.isOption(arg)) {
                        throw new UsageException("run: unknown option " + arg);
                    }
                    if (modelPath != null) {
                        throw new UsageException("run: more than one model given");
                    }
                    modelPath = Path.of(arg);
                }
            }
        }
        if (modelPath == null) {
            throw new UsageException("run: no model given");
        }

        Interpreter.Options.Builder options = Interpreter.Options.builder().kernels(kernels).maxIsa(maxIsa);
        if (arenaBytes > 0) {
            options.arenaBytes(arenaBytes);
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
        JsonWriter json = new JsonWriter().beginObject()
                .field("model", model.toString())
                .field("kernels", kernels.name().toLowerCase(Locale.ROOT))
                .field("isa", interpreter.isa().label())
                .field("arena_bytes", interpreter.arenaBytes())
                .field("invoke_us", invokeMicros);
        json.name("outputs").beginArray();
        for (int i = 0; i < files.size(); i++) {
            Tensor output = interpreter.output(i);
            json.beginObject().field("index", i).field("type", output.type().name())
                    .array("shape", Arrays.stream(output.shape()).boxed().toList())
                    .field("file", files.get(i).toString()).endObject();
        }
        return json.endArray().endObject().toString();
    }
}
