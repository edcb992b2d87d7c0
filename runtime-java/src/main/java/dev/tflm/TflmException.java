package dev.tflm;

/** A failure reported by the native runtime (or found in a model on the Java side), with its message. */
public class TflmException extends RuntimeException {

    private final Status status;
    private final String nativeMessage;

    public TflmException(Status status, String nativeMessage) {
        super(nativeMessage == null || nativeMessage.isBlank()
                ? status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                : nativeMessage);
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
