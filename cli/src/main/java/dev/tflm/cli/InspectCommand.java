package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.MemoryReport;
import dev.tflm.Model;
import dev.tflm.OperatorInfo;
import dev.tflm.Quantization;
import dev.tflm.TensorInfo;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflm.TflmException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect MODEL [--json] [--memory] [--memory-svg FILE]}: what a model contains and what this runtime needs
 * to run it, on a board and here; with {@code --memory}, where the arena bytes go (persistent bytes by purpose and
 * operator, the activation plan against the live-tensor bound), and with {@code --memory-svg} the plan as a picture.
 */
@Command(name = "inspect")
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL")
    private Path modelPath;

    @Option(names = "--json")
    private boolean json;

    @Option(names = "--memory")
    private boolean memory;

    @Option(names = "--memory-svg", paramLabel = "FILE")
    private Path memorySvg;

    private final PrintStream out;

    InspectCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        try (Model model = Model.load(modelPath)) {
            List<String> unsupported = model.unsupportedOps();
            List<String> problems = model.operatorProblems();
            ArenaNeed arena = problems.isEmpty() ? ArenaNeed.of(model)
                    : ArenaNeed.skipped(problems.size() + " operator(s) refused");
            MemoryReport report = (memory || memorySvg != null) && problems.isEmpty()
                    ? MemoryReport.of(model, ArenaNeed.REFERENCE) : null;
            if (json) {
                ObjectNode node = json(modelPath, model, unsupported, problems, arena);
                if (report != null) {
                    MemorySection.json(node, report);
                }
                out.println(Json.line(node));
            } else {
                text(out, modelPath, model, unsupported, problems, arena);
                if (report != null) {
                    MemorySection.text(out, model, report);
                }
            }
            if (report != null && memorySvg != null) {
                Files.writeString(memorySvg, MemorySvg.render(modelPath.getFileName().toString(), report,
                        model.tensors()));
                if (!json) {
                    out.printf("  picture       %s%n", memorySvg);
                }
            }
        }
        return Main.EXIT_OK;
    }

    /**
     * The arena a model needs with each kernel set, or why it is unknown. The reference
     * kernels' figure is what a board needs (its kernels take no SIMD scratch); the optimized
     * kernels on this host may need more (packed filters, scratch), at the ISA shown.
     */
    private record ArenaNeed(OptionalLong reference, OptionalLong optimized, String isa, String reason) {
        private static final Interpreter.Options REFERENCE =
                Interpreter.Options.builder().kernels(KernelSet.REFERENCE).build();

        static ArenaNeed of(Model model) {
            try (Interpreter reference = new Interpreter(model, REFERENCE);
                 Interpreter optimized = new Interpreter(model)) {
                return new ArenaNeed(OptionalLong.of(reference.arenaBytes()), OptionalLong.of(optimized.arenaBytes()),
                        optimized.isa().label(), null);
            } catch (TflmException e) {
                return skipped(e.getMessage());
            }
        }

        static ArenaNeed skipped(String reason) {
            return new ArenaNeed(OptionalLong.empty(), OptionalLong.empty(), null, reason);
        }
    }

    private static void text(PrintStream out, Path path, Model model, List<String> unsupported, List<String> problems,
                             ArenaNeed arena) {
        out.printf("model         %s%n", path);
        out.printf("size          %d bytes, schema version %d, %d subgraph(s)%n",
                model.byteSize(), model.version(), model.subgraphCount());
        if (!model.description().isEmpty()) {
            out.printf("description   %s%n", model.description());
        }
        out.printf("%noperators (%d)%n", model.operators().size());
        for (OperatorInfo op : model.operators()) {
            out.printf("  %4d  %-28s in %s  out %s%n", op.index(), op.opName(), op.inputs(), op.outputs());
        }
        out.printf("%nop counts%n");
        for (Map.Entry<String, Integer> count : model.opCounts().entrySet()) {
            out.printf("  %-28s %d%n", count.getKey(), count.getValue());
        }
        out.printf("%ntensors (%d)%n", model.tensors().size());
        out.printf("  %4s  %-8s %-18s %-36s %10s  %s%n", "idx", "type", "shape", "quantization", "data", "name");
        for (TensorInfo t : model.tensors()) {
            String data = t.variable() ? "variable" : t.constant() ? Long.toString(t.bufferBytes()) : "-";
            out.printf("  %4d  %-8s %-18s %-36s %10s  %s%n", t.index(), t.type(), t.shape(),
                    describe(t.quantization()), data, t.name());
        }
        out.printf("%ninputs        %s%n", model.inputs());
        out.printf("outputs       %s%n", model.outputs());
        out.printf("weight bytes  %d%n", model.weightBytes());
        customOps(out, model.customOps(), unsupported);
        out.printf("unsupported   %s%n", unsupported.isEmpty() ? "none" : String.join(", ", unsupported));
        if (!problems.isEmpty()) {
            out.printf("refused       %d operator(s), each as the runtime reports it:%n", problems.size());
            problems.forEach(problem -> out.printf("  %s%n", problem));
        }
        if (arena.reference().isPresent()) {
            out.printf("arena bytes   %d  reference kernels (what a board needs)%n", arena.reference().getAsLong());
            out.printf("              %d  optimized kernels on this host (isa %s)%n", arena.optimized().getAsLong(),
                    arena.isa());
        } else {
            out.printf("arena bytes   unknown (%s)%n", arena.reason());
        }
    }

    /**
     * Each custom op the model needs, with its operator count and whether the library registers a
     * kernel for it; those it does not must come from elsewhere (a Java {@code CustomOp}, a C kernel of
     * the firmware's own).
     */
    private static void customOps(PrintStream out, Map<String, Integer> customOps, List<String> unsupported) {
        if (customOps.isEmpty()) {
            out.printf("custom ops    none%n");
            return;
        }
        String label = "custom ops";
        for (Map.Entry<String, Integer> op : customOps.entrySet()) {
            out.printf("%-13s %s (%d operator%s): %s%n", label, op.getKey(), op.getValue(),
                    op.getValue() == 1 ? "" : "s", unsupported.contains(op.getKey()) ? "not registered" : "registered");
            label = "";
        }
    }

    static String describe(Quantization q) {
        if (!q.isQuantized()) {
            return "-";
        }
        long zeroPoint = q.zeroPoints().isEmpty() ? 0 : q.zeroPoints().getFirst();
        if (!q.isPerChannel()) {
            return String.format("scale %.6g zp %d", q.scales().getFirst(), zeroPoint);
        }
        return String.format("%d channels (dim %d) scale[0] %.4g", q.scales().size(), q.quantizedDimension(),
                q.scales().getFirst());
    }

    private static ObjectNode json(Path path, Model model, List<String> unsupported, List<String> problems,
                               ArenaNeed arena) {
        ObjectNode json = Json.object()
                .put("model", path.toString())
                .put("size_bytes", model.byteSize())
                .put("version", model.version())
                .put("description", model.description())
                .put("subgraphs", model.subgraphCount());
        ArrayNode operators = json.putArray("operators");
        for (OperatorInfo op : model.operators()) {
            ObjectNode operator = operators.addObject().put("index", op.index()).put("op", op.opName());
            operator.set("inputs", Json.array(op.inputs()));
            operator.set("outputs", Json.array(op.outputs()));
        }
        ObjectNode counts = json.putObject("op_counts");
        model.opCounts().forEach(counts::put);
        ArrayNode tensors = json.putArray("tensors");
        for (TensorInfo t : model.tensors()) {
            ObjectNode tensor = tensors.addObject().put("index", t.index()).put("name", t.name())
                    .put("type", t.type().name());
            tensor.set("shape", Json.array(t.shape()));
            if (t.quantization().isQuantized()) {
                ObjectNode q = tensor.putObject("quantization");
                q.set("scales", Json.array(t.quantization().scales()));
                q.set("zero_points", Json.array(t.quantization().zeroPoints()));
                q.put("quantized_dimension", t.quantization().quantizedDimension());
            } else {
                tensor.putNull("quantization");
            }
            tensor.put("buffer_bytes", t.bufferBytes()).put("variable", t.variable()).put("constant", t.constant());
        }
        json.set("inputs", Json.array(model.inputs()));
        json.set("outputs", Json.array(model.outputs()));
        json.put("weight_bytes", model.weightBytes());
        ArrayNode customOps = json.putArray("custom_ops");
        model.customOps().forEach((name, count) -> customOps.addObject().put("name", name).put("operators", count)
                .put("registered", !unsupported.contains(name)));
        ArrayNode unsupportedOps = json.putArray("unsupported_ops");
        unsupported.forEach(unsupportedOps::add);
        ArrayNode refused = json.putArray("refused_operators");
        problems.forEach(refused::add);
        if (arena.reference().isPresent()) {
            json.put("arena_bytes", arena.reference().getAsLong())
                    .put("arena_bytes_optimized", arena.optimized().getAsLong())
                    .put("isa", arena.isa());
        } else {
            json.putNull("arena_bytes").putNull("arena_bytes_optimized").putNull("isa")
                    .put("arena_error", arena.reason());
        }
        return json;
    }
}
