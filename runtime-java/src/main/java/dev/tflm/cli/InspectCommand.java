package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.KernelSet;
import dev.tflm.Model;
import dev.tflm.OperatorInfo;
import dev.tflm.Quantization;
import dev.tflm.TensorInfo;
import dev.tflm.TflmException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code inspect MODEL [--json]}: what a model contains and what this runtime needs to run it, on a board and here. */
final class InspectCommand {

    private InspectCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws UsageException, IOException {
        Path modelPath = null;
        boolean json = false;
        Arguments args = new Arguments(argList);
        while (args.hasNext()) {
            String arg = args.next();
            if (arg.equals("--json")) {
                json = true;
            } else if (Arguments.isOption(arg)) {
                throw new UsageException("inspect: unknown option " + arg);
            } else if (modelPath == null) {
                modelPath = Path.of(arg);
            } else {
                throw new UsageException("inspect: more than one model given");
            }
        }
        if (modelPath == null) {
            throw new UsageException("inspect: no model given");
        }
        try (Model model = Model.load(modelPath)) {
            List<String> unsupported = model.unsupportedOps();
            ArenaNeed arena = unsupported.isEmpty() ? ArenaNeed.of(model) : ArenaNeed.skipped("unsupported ops");
            if (json) {
                out.println(json(modelPath, model, unsupported, arena));
            } else {
                text(out, modelPath, model, unsupported, arena);
            }
        }
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

    private static void text(PrintStream out, Path path, Model model, List<String> unsupported, ArenaNeed arena) {
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
        out.printf("unsupported   %s%n", unsupported.isEmpty() ? "none" : String.join(", ", unsupported));
        if (arena.reference().isPresent()) {
            out.printf("arena bytes   %d  reference kernels (what a board needs)%n", arena.reference().getAsLong());
            out.printf("              %d  optimized kernels on this host (isa %s)%n", arena.optimized().getAsLong(),
                    arena.isa());
        } else {
            out.printf("arena bytes   unknown (%s)%n", arena.reason());
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

    private static String json(Path path, Model model, List<String> unsupported, ArenaNeed arena) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("model", path.toString())
                .field("size_bytes", model.byteSize())
                .field("version", model.version())
                .field("description", model.description())
                .field("subgraphs", model.subgraphCount());
        json.name("operators").beginArray();
        for (OperatorInfo op : model.operators()) {
            json.beginObject().field("index", op.index()).field("op", op.opName())
                    .array("inputs", op.inputs()).array("outputs", op.outputs()).endObject();
        }
        json.endArray();
        json.name("op_counts").beginObject();
        model.opCounts().forEach((op, count) -> json.field(op, count));
        json.endObject();
        json.name("tensors").beginArray();
        for (TensorInfo t : model.tensors()) {
            json.beginObject().field("index", t.index()).field("name", t.name()).field("type", t.type().name())
                    .array("shape", t.shape());
            json.name("quantization");
            if (t.quantization().isQuantized()) {
                json.beginObject().array("scales", t.quantization().scales())
                        .array("zero_points", t.quantization().zeroPoints())
                        .field("quantized_dimension", t.quantization().quantizedDimension()).endObject();
            } else {
                json.nullValue();
            }
            json.field("buffer_bytes", t.bufferBytes()).field("variable", t.variable())
                    .field("constant", t.constant()).endObject();
        }
        json.endArray();
        json.array("inputs", model.inputs()).array("outputs", model.outputs())
                .field("weight_bytes", model.weightBytes());
        json.name("unsupported_ops").beginArray();
        unsupported.forEach(json::value);
        json.endArray();
        if (arena.reference().isPresent()) {
            json.field("arena_bytes", arena.reference().getAsLong())
                    .field("arena_bytes_optimized", arena.optimized().getAsLong())
                    .field("isa", arena.isa());
        } else {
            json.name("arena_bytes").nullValue().name("arena_bytes_optimized").nullValue()
                    .name("isa").nullValue().field("arena_error", arena.reason());
        }
        return json.endObject().toString();
    }
}
