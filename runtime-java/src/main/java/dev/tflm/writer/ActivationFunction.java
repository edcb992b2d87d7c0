package dev.tflm.writer;

/** Fused activations ({@code enum ActivationFunctionType : byte} in {@code schema.fbs}). */
public enum ActivationFunction {
    NONE,
    RELU,
    RELU_N1_TO_1,
    RELU6,
    TANH,
    SIGN_BIT;

    /** The value written in an options table; the enum is declared in schema order. */
    public byte code() {
        return (byte) ordinal();
    }
}
