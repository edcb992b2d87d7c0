package dev.tflm.writer;

/**
 * Codes of the builtin operators ({@code enum BuiltinOperator : int32} in {@code schema.fbs})
 * that micro runtimes implement. Any other code can be passed to
 * {@link TfliteWriter#addOperatorCode(int, int)} as a plain number.
 */
public final class BuiltinOperator {
    public static final int ADD = 0;
    public static final int AVERAGE_POOL_2D = 1;
    public static final int CONCATENATION = 2;
    public static final int CONV_2D = 3;
    public static final int DEPTHWISE_CONV_2D = 4;
    public static final int DEQUANTIZE = 6;
    public static final int FULLY_CONNECTED = 9;
    public static final int LOGISTIC = 14;
    public static final int MAX_POOL_2D = 17;
    public static final int MUL = 18;
    public static final int RELU = 19;
    public static final int RELU6 = 21;
    public static final int RESHAPE = 22;
    public static final int SOFTMAX = 25;
    public static final int SVDF = 27;
    public static final int TANH = 28;
    public static final int CUSTOM = 32;
    public static final int PAD = 34;
    public static final int MEAN = 40;
    public static final int SUB = 41;
    public static final int STRIDED_SLICE = 45;
    public static final int QUANTIZE = 114;
    /**
     * The largest code that fits {@code OperatorCode.deprecated_builtin_code} (a byte): larger
     * codes are written there as this value and only {@code builtin_code} carries them.
     */
    public static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

    private BuiltinOperator() {
    }
}
