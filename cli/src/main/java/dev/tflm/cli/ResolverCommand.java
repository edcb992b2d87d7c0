package dev.tflm.cli;

import dev.tflm.Kernel;
import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinCodes;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.Model;
import dev.tflm.schema.OperatorCode;
import dev.tflm.schema.SubGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tflm resolver MODEL [--name FUNCTION] [--out FILE]}: C code registering exactly the
 * kernels the model's operators use, so the linker leaves every other kernel out of the firmware.
 * The kernels are those the native library reports (native/include/tflm/ops.def through
 * {@link Kernel#all()}); for a model without floating point tensors it picks the INT8-only
 * variants, which link no float code, for the ops whose operators all take an INT8 input.
 */
@Command(name = ResolverCommand.COMMAND)
final class ResolverCommand implements Callable<Integer> {
    static final String COMMAND = "resolver";

    @Parameters(paramLabel = "MODEL")
    private Path model;

    @Option(names = "--name", paramLabel = "FUNCTION")
    private String function;

    @Option(names = "--out", paramLabel = "FILE")
    private Path file;

    private final PrintStream out;

    ResolverCommand(PrintStream out) {
        this.out = out;
    }

    /** An op a model uses: its builtin code, and its name when it is a custom op. */
    record Op(int builtinCode, String customName) {
        static Op of(OperatorCode code) {
            int builtin = BuiltinCodes.of(code);
            return new Op(builtin, builtin == BuiltinOperator.CUSTOM ? code.customCode() : null);
        }

        boolean isImplementedBy(Kernel kernel) {
            return kernel.builtinCode() == builtinCode && Objects.equals(kernel.customName(), customName);
        }

        @Override
        public String toString() {
            return customName != null ? "custom op " + customName : BuiltinCodes.name(builtinCode);
        }
    }

    /**
     * The kernel to register for an op: its INT8-only variant when there is one and the model has
     * no float, else its general kernel; empty when the library has none.
     */
    static Optional<Kernel> kernelFor(Op op, boolean integerOnly) {
        Optional<Kernel> general = Kernel.all().stream()
                .filter(kernel -> !kernel.int8Only() && op.isImplementedBy(kernel)).findFirst();
        Optional<Kernel> int8 = Kernel.all().stream()
                .filter(kernel -> kernel.int8Only() && op.isImplementedBy(kernel)).findFirst();
        return general.isPresent() && integerOnly && int8.isPresent() ? int8 : general;
    }

    /**
     * Whether no tensor of the model is floating point. Then no operator has a float input, and the
     * INT8-only kernels accept what the general ones would for the operators whose first input is
     * INT8 (the general ones also take INT16: {@link #int8Input}).
     */
    static boolean integerOnly(Model model) {
        for (int s = 0; s < model.subgraphsLength(); s++) {
            SubGraph graph = model.subgraphs(s);
            for (int t = 0; t < graph.tensorsLength(); t++) {
                int type = graph.tensors(t).type();
                if (type == TensorType.FLOAT32.code() || type == TensorType.FLOAT16.code()
                        || type == TensorType.FLOAT64.code()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether operator o of graph takes an INT8 first input (or none). */
    static boolean int8Input(SubGraph graph, int o) {
        var operator = graph.operators(o);
        int input = operator.inputsLength() > 0 ? operator.inputs(0) : -1;
        return input < 0 || input >= graph.tensorsLength()
                || graph.tensors(input).type() == TensorType.INT8.code();
    }

    /** The kernels for the ops the model's operators use (not merely list), in code order. */
    static List<Kernel> kernels(Model model) {
        Set<Op> ops = new TreeSet<>(Comparator.comparingInt(Op::builtinCode)
                .thenComparing(Op::customName, Comparator.nullsFirst(Comparator.naturalOrder())));
        Set<Op> wider = new HashSet<>(); // ops with an operator of a wider first input (INT16)
        for (int s = 0; s < model.subgraphsLength(); s++) {
            SubGraph graph = model.subgraphs(s);
            for (int o = 0; o < graph.operatorsLength(); o++) {
                long index = graph.operators(o).opcodeIndex();
                if (index < 0 || index >= model.operatorCodesLength()) {
                    throw new IllegalArgumentException("operator " + o + " of subgraph " + s
                            + " has opcode index " + index + ", beyond the model's "
                            + model.operatorCodesLength() + " operator codes");
                }
                Op op = Op.of(model.operatorCodes((int) index));
                ops.add(op);
                if (!int8Input(graph, o)) {
                    wider.add(op);
                }
            }
        }
        boolean integerOnly = integerOnly(model);
        List<Kernel> kernels = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Op op : ops) {
            kernelFor(op, integerOnly && !wider.contains(op))
                    .ifPresentOrElse(kernels::add, () -> missing.add(op.toString()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("this runtime has no kernel for " + String.join(", ", missing));
        }
        return kernels;
    }

    /**
     * The C source: {@code tflm_status FUNCTION(tflm_op_resolver *resolver, const tflm_kernel
     * *storage[N])}, N the number of kernels, whose storage the caller gives.
     */
    static String source(String function, List<Kernel> kernels, String origin) {
        int count = kernels.size();
        StringBuilder out = new StringBuilder();
        out.append("/* Generated by `tflm resolver ").append(origin).append("`: the ").append(count)
                .append(" kernels this model uses, and no others. */\n")
                .append("#include \"tflm/ops.h\"\n\n")
                .append("/* Initializes resolver and registers the model's kernels, kept in storage:\n")
                .append(" *     const tflm_kernel *storage[").append(count).append("];\n")
                .append(" *     tflm_op_resolver ops;\n")
                .append(" *     ").append(function).append("(&ops, storage);\n */\n")
                .append("tflm_status ").append(function).append("(tflm_op_resolver *resolver, const tflm_kernel *storage[")
                .append(count).append("])\n{\n")
                .append("    static const tflm_kernel *const kernels[] = {\n");
        for (Kernel kernel : kernels) {
            out.append("        &").append(kernel.symbol()).append(",\n");
        }
        out.append("    };\n")
                .append("    tflm_op_resolver_init(resolver, storage, sizeof kernels / sizeof kernels[0]);\n")
                .append("    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; ++i) {\n")
                .append("        tflm_status status = tflm_op_resolver_add(resolver, kernels[i]);\n")
                .append("        if (status != TFLM_OK) {\n")
                .append("            return status;\n")
                .append("        }\n")
                .append("    }\n")
                .append("    return TFLM_OK;\n")
                .append("}\n");
        return out.toString();
    }

    @Override
    public Integer call() throws IOException, UsageException {
        String function = Checks.cIdentifier(COMMAND, this.function,
                CArray.identifier(model.getFileName().toString()) + "_register_ops");
        Model root = Model.getRootAsModel(ByteBuffer.wrap(Checks.readModel(model)));
        String source = source(function, kernels(root), model.getFileName().toString());
        if (file == null) {
            out.print(source);
        } else {
            Files.writeString(file, source);
            out.println("wrote " + file + ": " + function + "()");
        }
        return Main.EXIT_OK;
    }
}
