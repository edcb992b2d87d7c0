package dev.tflm.schema;

/** {@code table Tensor}. */
public final class Tensor extends SchemaTable {

    public int[] shape() {
        return intVector(0);
    }

    /** A TensorType code (FLOAT32 = 0 when absent). */
    public byte type() {
        return byteField(1, (byte) 0);
    }

    /** Index into Model.buffers; 0 is the empty buffer of tensors without data. */
    public long buffer() {
        return uintField(2);
    }

    public String name() {
        return stringField(3);
    }

    public QuantizationParameters quantization() {
        return tableField(4, QuantizationParameters::new);
    }

    public boolean isVariable() {
        return byteField(5, (byte) 0) != 0;
    }
}
