package dev.tflm;

import com.google.flatbuffers.Table;
import dev.tflm.schema.Buffer;
import dev.tflm.schema.BuiltinCodes;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.Model;
import dev.tflm.schema.Operator;
import dev.tflm.schema.OperatorCode;
import dev.tflm.schema.QuantizationParameters;
import dev.tflm.schema.SubGraph;
import dev.tflm.schema.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * What inspection reports about a model, read once from the flatbuffer with the generated schema
 * classes. The main subgraph (0), the one an interpreter runs, is described in full; of the
 * others, which control-flow operators run, only their operators ({@code otherOperators}, in
 * subgraph order), since each needs a kernel too.
 *
 * <p>flatbuffers-java trusts the lengths it reads, and models come from anywhere: every vector
 * length is checked against the buffer ({@link #checkedLength}) before it is looped over or
 * allocated, so a damaged model fails with {@link IndexOutOfBoundsException}, never with a huge
 * allocation. (Strings are checked by flatbuffers-java itself.)
 */
record ModelContents(long version, String description, int subgraphCount, List<OperatorInfo> operators,
                     List<OperatorInfo> otherOperators, List<TensorInfo> tensors, List<Integer> inputs,
                     List<Integer> outputs, long weightBytes) {

    /**
     * Reads a model. A damaged file shows up as an out-of-bounds read, a bad index or an
     * unknown enum value while reading; any of them becomes a MALFORMED_MODEL error.
     */
    static ModelContents read(ByteBuffer bytes) {
        if (!hasIdentifier(bytes)) {
            throw new TflmException(Status.MALFORMED_MODEL,
                    "not a TensorFlow Lite model: no \"" + FILE_IDENTIFIER + "\" identifier");
        }
        try {
            return readChecked(Model.getRootAsModel(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN)));
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new TflmException(Status.MALFORMED_MODEL, "cannot read model: " + e.getMessage());
        }
    }

    /** The schema's {@code file_identifier}. */
    static final String FILE_IDENTIFIER = "TFL3";

    /** Whether the buffer, from its position, starts like a TensorFlow Lite model. */
    static boolean hasIdentifier(ByteBuffer buffer) {
        return buffer.remaining() >= 8
                && Model.ModelBufferHasIdentifier(buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static ModelContents readChecked(Model model) {
        int subgraphs = checkedLength(model, model.subgraphsLength(), Integer.BYTES);
        if (subgraphs == 0) {
            throw new TflmException(Status.MALFORMED_MODEL, "model has no subgraph");
        }
        SubGraph main = model.subgraphs(0);
        List<TensorInfo> tensors = new ArrayList<>();
        Set<Long> weightBuffers = new HashSet<>();
        long weightBytes = 0;
        for (int i = 0; i < checkedLength(main, main.tensorsLength(), Integer.BYTES); i++) {
            TensorInfo tensor = tensor(model, main.tensors(i), i);
            tensors.add(tensor);
            long buffer = main.tensors(i).buffer();
            if (tensor.constant() && weightBuffers.add(buffer)) {
                weightBytes += tensor.bufferBytes();
            }
        }
        List<OperatorInfo> otherOperators = new ArrayList<>();
        for (int s = 1; s < subgraphs; s++) {
            otherOperators.addAll(operators(model, model.subgraphs(s)));
        }
        return new ModelContents(model.version(), model.description(), subgraphs, operators(model, main),
                otherOperators, tensors, ints(main, main.inputsLength(), main::inputs),
                ints(main, main.outputsLength(), main::outputs), weightBytes);
    }

    private static List<OperatorInfo> operators(Model model, SubGraph subgraph) {
        List<OperatorInfo> operators = new ArrayList<>();
        for (int i = 0; i < checkedLength(subgraph, subgraph.operatorsLength(), Integer.BYTES); i++) {
            operators.add(operator(model, subgraph.operators(i), i));
        }
        return operators;
    }

    private static TensorInfo tensor(Model model, Tensor tensor, int index) {
        long buffer = tensor.buffer();
        int buffers = checkedLength(model, model.buffersLength(), Integer.BYTES);
        if (buffer >= buffers && buffer != 0) {
            throw new TflmException(Status.MALFORMED_MODEL,
                    "tensor " + index + " refers to buffer " + buffer + " of " + buffers);
        }
        long bufferBytes = buffers > 0 ? byteSize(model.buffers((int) buffer)) : 0;
        boolean variable = tensor.isVariable();
        return new TensorInfo(index, tensor.name() == null ? "" : tensor.name(), TensorType.of(tensor.type()),
                ints(tensor, tensor.shapeLength(), tensor::shape), quantization(tensor.quantization()), bufferBytes,
                variable, !variable && bufferBytes > 0);
    }

    /** Bytes of data a buffer holds, inline or (files over 2 GB) at an offset past the flatbuffer. */
    private static long byteSize(Buffer buffer) {
        return buffer.offset() > 1 ? buffer.size() : checkedLength(buffer, buffer.dataLength(), 1);
    }

    private static Quantization quantization(QuantizationParameters parameters) {
        if (parameters == null || parameters.scaleLength() == 0) {
            return Quantization.NONE;
        }
        int scales = checkedLength(parameters, parameters.scaleLength(), Float.BYTES);
        float[] scale = new float[scales];
        for (int i = 0; i < scales; i++) {
            scale[i] = parameters.scale(i);
        }
        int zeroPoints = checkedLength(parameters, parameters.zeroPointLength(), Long.BYTES);
        long[] zeroPoint = new long[zeroPoints];
        for (int i = 0; i < zeroPoints; i++) {
            zeroPoint[i] = parameters.zeroPoint(i);
        }
        return Quantization.perChannel(scale, zeroPoint, parameters.quantizedDimension());
    }

    private static OperatorInfo operator(Model model, Operator operator, int index) {
        long opcodeIndex = operator.opcodeIndex();
        int codes = checkedLength(model, model.operatorCodesLength(), Integer.BYTES);
        if (opcodeIndex >= codes) {
            throw new TflmException(Status.MALFORMED_MODEL,
                    "operator " + index + " uses opcode " + opcodeIndex + " of " + codes);
        }
        OperatorCode code = model.operatorCodes((int) opcodeIndex);
        int builtin = BuiltinCodes.of(code);
        boolean custom = builtin == BuiltinOperator.CUSTOM;
        String customCode = custom ? code.customCode() : null;
        String name = custom && customCode != null ? customCode : BuiltinCodes.name(builtin);
        return new OperatorInfo(index, name, builtin, customCode, code.version(),
                ints(operator, operator.inputsLength(), operator::inputs),
                ints(operator, operator.outputsLength(), operator::outputs));
    }

    /**
     * A vector length read from {@code table}, checked to fit in its buffer with elements of
     * {@code elementSize} bytes.
     */
    private static int checkedLength(Table table, int length, int elementSize) {
        int limit = table.getByteBuffer().limit();
        if (length < 0 || (long) length * elementSize > limit) {
            throw new IndexOutOfBoundsException("vector of " + length + " elements runs past the end of the "
                    + limit + "-byte model");
        }
        return length;
    }

    /** An int vector of {@code table}, {@code length} long, read element by element. */
    private static List<Integer> ints(Table table, int length, IntUnaryOperator element) {
        int n = checkedLength(table, length, Integer.BYTES);
        List<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(element.applyAsInt(i));
        }
        return List.copyOf(values);
    }
}
