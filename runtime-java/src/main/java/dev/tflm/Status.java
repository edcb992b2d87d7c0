package dev.tflm;

/** The C API's tflm_status: what kind of failure a native call reported (or STOPPED_EARLY). */
public enum Status {
    OK(0),
    /** A NULL pointer, an index out of range. */
    INVALID_ARGUMENT(1),
    /** The flatbuffer fails verification. */
    MALFORMED_MODEL(2),
    /** A valid model, but an op or type this runtime lacks. */
    UNSUPPORTED(3),
    /** The arena cannot hold the model; the message states the bytes needed. */
    ARENA_TOO_SMALL(4),
    /** A kernel rejected its tensors. */
    KERNEL(5),
    /** More kernels than an op resolver has room for. */
    RESOLVER_FULL(6),
    /**
     * Not a failure: an operator ended an invoke early (TFLM's kTfLiteAbort), as a streaming model's
     * CIRCULAR_BUFFER does; {@link Interpreter#invoke()} returns false for it.
     */
    STOPPED_EARLY(7);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Status of(int code) {
        for (Status status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown tflm_status " + code);
    }
}
