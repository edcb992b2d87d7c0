package dev.tflm.writer;

/** Padding of convolutions and pools ({@code enum Padding : byte} in {@code schema.fbs}). */
public enum Padding {
    SAME,
    VALID;

    /** The value written in an options table; the enum is declared in schema order. */
    public byte code() {
        return (byte) ordinal();
    }
}
