package dev.tflm;

/** Element types of tensors, numbered as the schema's TensorType and the C enum tflm_type. */
public enum TensorType {
    FLOAT32(0, 4),
    FLOAT16(1, 2),
    INT32(2, 4),
    UINT8(3, 1),
    INT64(4, 8),
    /** Variable-length: no fixed element size. */
    STRING(5, 0),
    BOOL(6, 1),
    INT16(7, 2),
    COMPLEX64(8, 8),
    INT8(9, 1),
    FLOAT64(10, 8),
    COMPLEX128(11, 16),
    UINT64(12, 8),
    /** Resource variable ids (int32), as TFLM holds them. */
    RESOURCE(13, 4),
    /** A handle, not data. */
    VARIANT(14, 0),
    UINT32(15, 4),
    UINT16(16, 2),
    /** Two values per byte in the model; TFLM unpacks them to one per byte. */
    INT4(17, 1);

    private final int code;
    private final int byteSize;

    TensorType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The tflm_type / schema code. */
    public int code() {
        return code;
    }

    /** Bytes per element in the arena, 0 for types without a fixed size. */
    public int byteSize() {
        return byteSize;
    }

    /** The type of a code; IllegalArgumentException for codes the schema does not define. */
    public static TensorType of(int code) {
        for (TensorType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown tensor type code " + code);
    }
}
