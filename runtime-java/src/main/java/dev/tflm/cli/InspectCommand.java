package dev.tflm.cli;

import dev.tflm.Interpreter;
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

/** {@code inspect MODEL [--json]}: what a model contains and what this runtime needs to run it. */
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

    /** The arena a model needs, or why it is unknown. */
    private record ArenaNeed(OptionalLong bytes, String reason) {
        static ArenaNeed of(Model model) {
            try (Interpreter interpreter = new Interpreter(model)) {
                return new ArenaNeed(OptionalLong.of(interpreter.arenaBytes()), null);
            } catch (TflmException e) {
                return new ArenaNeed(OptionalLong.empty(), e.getMessage());
            }
        }

        static ArenaNeed skipped(String reason) {
            return new ArenaNeed(OptionalLong.empty(), reason);
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
        out.printf("arena bytes   %s%n", arena.bytes().isPresent()
                ? Long.toString(arena.bytes().getAsLong()) : "unknown (" + arena.reason() + ")");
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
        json.name("arena_bytes");
        if (arena.bytes().isPresent()) {
            json.value(arena.bytes().getAsLong());
        } else {
            json.nullValue().field("arena_error", arena.reason());
        }
        return json.endObject().toString();
    }
}
