package dev.tflm.writer;

/**
 * Element types of a TensorFlow Lite tensor, with their codes in {@code schema.fbs}
 * ({@code enum TensorType : byte}).
 */
public enum TensorType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    STRING(5, 0),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    RESOURCE(13, 0),
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    INT4(17, 0);

    private final int code;
    private final int bytesPerElement;

    TensorType(int code, int bytesPerElement) {
        this.code = code;
        this.bytesPerElement = bytesPerElement;
    }

    /** The value written in {@code Tensor.type}. */
    public int code() {
        return code;
    }

    /** Bytes per element, or 0 where elements are not fixed-size bytes (STRING, INT4, ...). */
    public int bytesPerElement() {
        return bytesPerElement;
    }
}
