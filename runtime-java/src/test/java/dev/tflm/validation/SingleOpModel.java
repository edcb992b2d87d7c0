package dev.tflm.validation;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.writer.SubgraphBuilder;
import dev.tflm.writer.TensorDef;
import dev.tflm.writer.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A model of one operator, built with the project's writer: add tensors, then {@link #build}.
 * Inputs of the model are the non-constant inputs of the operator, in order.
 */
final class SingleOpModel {
    private final TfliteWriter writer;
    private final SubgraphBuilder graph;

    SingleOpModel() {
        this(0);
    }

    /** A model whose constant data lies {@code constantDataOffset} bytes past 16-byte boundaries of the file. */
    SingleOpModel(int constantDataOffset) {
        writer = new TfliteWriter().description("single-op validation model").constantDataOffset(constantDataOffset);
        graph = writer.addSubgraph("main");
    }

    /** A tensor computed at run time (a model input or the output); {@code quantization} may be null. */
    int tensor(String name, TensorType type, Quantization quantization, int... shape) {
        return graph.addTensor(TensorDef.of(name, type, shape).withQuantization(quantization));
    }

    /** A variable tensor: state the operator keeps between invocations, zero at first (SVDF). */
    int variable(String name, TensorType type, Quantization quantization, int... shape) {
        return graph.addTensor(TensorDef.of(name, type, shape).withQuantization(quantization).asVariable());
    }

    /** A constant tensor holding {@code data} (raw little-endian bytes). */
    int constant(String name, TensorType type, Quantization quantization, byte[] data, int... shape) {
        return graph.addTensor(TensorDef.of(name, type, shape).withQuantization(quantization)
                .withBuffer(writer.addBuffer(data)));
    }

    /**
     * The model running {@code builtin} (a BuiltinOperator code) on {@code inputs} (-1 for an omitted optional one)
     * into {@code output}; {@code options} is an object-API options table ({@code new AddOptionsT()}) or null.
     */
    byte[] build(int builtin, int version, int[] inputs, int output, Object options, int... modelInputs) {
        return build(builtin, version, inputs, new int[] {output}, options, modelInputs);
    }

    /** {@link #build} of an operator with several outputs, each a model output in order. */
    byte[] build(int builtin, int version, int[] inputs, int[] outputs, Object options, int... modelInputs) {
        int code = writer.addOperatorCode(builtin, version);
        graph.addOperator(code, inputs, outputs, options);
        graph.inputs(modelInputs).outputs(outputs);
        return writer.toByteArray();
    }

    static byte[] floats(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    static byte[] ints(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return bytes.array();
    }
}
