package dev.tflm.schema;

/** {@code table QuantizationParameters}: real = scale * (quantized - zero_point), per tensor or per channel. */
public final class QuantizationParameters extends SchemaTable {

    public float[] scale() {
        return floatVector(2);
    }

    public long[] zeroPoint() {
        return longVector(3);
    }

    /** The dimension whose channels the per-channel scales index. */
    public int quantizedDimension() {
        return intField(6, 0);
    }
}
