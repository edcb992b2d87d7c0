package dev.tflm;

/** A failure reported by the native runtime (or found in a model on the Java side), with its message. */
public class TflmException extends RuntimeException {

    private final Status status;
    private final String nativeMessage;

    public TflmException(Status status, String nativeMessage) {
        this(status, nativeMessage, null);
    }

    /**
     * A failure with what caused it: the exception a {@link CustomOp} threw, whose class and message
     * the native message repeats (cut to the runtime's message capacity).
     */
    public TflmException(Status status, String nativeMessage, Throwable cause) {
        super(nativeMessage == null || nativeMessage.isBlank()
                ? status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : nativeMessage, cause);
        this.status = status;
        this.nativeMessage = nativeMessage == null ? "" : nativeMessage;
    }

    public Status status() {
        return status;
    }

    /** The runtime's one-line explanation, naming what is wrong and where. */
    public String nativeMessage() {
        return nativeMessage;
    }
}
