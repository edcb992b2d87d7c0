package dev.tflm.writer;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import java.util.Arrays;

/**
 * A tensor of a subgraph ({@code table Tensor} in {@code schema.fbs}).
 *
 * <p>Fields are written as given, without checks, so that tests can build malformed models;
 * {@code type} is the raw schema code for the same reason.
 *
 * @param name         debugging name
 * @param type         {@link TensorType#code()}, or any byte for a malformed model
 * @param shape        dimensions, outermost first
 * @param buffer       index of the buffer holding constant data; 0 (the empty buffer) for activations
 * @param quantization quantization parameters, or {@code null} for none
 * @param isVariable   whether the runtime keeps the tensor's value between invocations (SVDF state)
 */
public record TensorDef(String name, int type, int[] shape, int buffer, Quantization quantization, boolean isVariable) {

    public TensorDef {
        shape = shape.clone();
    }

    /** An activation tensor: no data, no quantization. */
    public static TensorDef of(String name, TensorType type, int... shape) {
        return new TensorDef(name, type.code(), shape, 0, null, false);
    }

    /** The same tensor reading its data from {@code bufferIndex}. */
    public TensorDef withBuffer(int bufferIndex) {
        return new TensorDef(name, type, shape, bufferIndex, quantization, isVariable);
    }

    /** The same tensor with quantization parameters. */
    public TensorDef withQuantization(Quantization parameters) {
        return new TensorDef(name, type, shape, buffer, parameters, isVariable);
    }

    /** The same tensor marked {@code is_variable}. */
    public TensorDef asVariable() {
        return new TensorDef(name, type, shape, buffer, quantization, true);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "TensorDef[" + name + ", type=" + type + ", shape=" + Arrays.toString(shape) + ", buffer=" + buffer
                + ", " + quantization + (isVariable ? ", variable" : "") + "]";
    }
}
