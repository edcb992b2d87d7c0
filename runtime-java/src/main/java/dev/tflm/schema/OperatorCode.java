package dev.tflm.schema;

/** {@code table OperatorCode}: which op an operator runs. */
public final class OperatorCode extends SchemaTable {

    /** The 8-bit code older converters wrote; 127 means "see builtin_code". */
    public byte deprecatedBuiltinCode() {
        return byteField(0, (byte) 0);
    }

    public String customCode() {
        return stringField(1);
    }

    public int version() {
        return intField(2, 1);
    }

    public int builtinCode() {
        return intField(3, 0);
    }

    /**
     * The op's BuiltinOperator code. Files may carry it in either field (old writers
     * only fill the deprecated byte, new ones put 127 there for codes above 126), so
     * the larger of the two is the real one, as TensorFlow Lite's GetBuiltinCode reads it.
     */
    public int effectiveBuiltinCode() {
        return Math.max(builtinCode(), deprecatedBuiltinCode());
    }
}
