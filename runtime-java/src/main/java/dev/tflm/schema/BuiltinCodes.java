package dev.tflm.schema;

/**
 * What the generated {@link BuiltinOperator} and {@link OperatorCode} leave to their readers:
 * a name for any code a file may hold, and the code an operator code really means.
 */
public final class BuiltinCodes {
    private BuiltinCodes() {
    }

    /** The schema name of a code, or {@code UNKNOWN_<code>} for a code newer than this schema. */
    public static String name(int code) {
        return code >= 0 && code < BuiltinOperator.names.length ? BuiltinOperator.name(code) : "UNKNOWN_" + code;
    }

    /**
     * The op's BuiltinOperator code. Files may carry it in either field (old writers only fill
     * the deprecated byte, new ones put 127 there for codes above 126), so the larger of the two
     * is the real one, as TensorFlow Lite's GetBuiltinCode reads it.
     */
    public static int of(OperatorCode code) {
        return Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
    }
}
