package dev.tflm.schema;

/** {@code table Operator}: one node of the graph. Tensor index -1 marks an omitted optional input. */
public final class Operator extends SchemaTable {

    public long opcodeIndex() {
        return uintField(0);
    }

    public int[] inputs() {
        return intVector(1);
    }

    public int[] outputs() {
        return intVector(2);
    }
}
