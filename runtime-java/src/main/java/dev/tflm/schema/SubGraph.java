package dev.tflm.schema;

/** {@code table SubGraph}: tensors, the graph's inputs/outputs, and operators in execution order. */
public final class SubGraph extends SchemaTable {

    public int tensorsLength() {
        return vectorLength(0, 4);
    }

    public Tensor tensors(int index) {
        return tableElement(0, index, Tensor::new);
    }

    public int[] inputs() {
        return intVector(1);
    }

    public int[] outputs() {
        return intVector(2);
    }

    public int operatorsLength() {
        return vectorLength(3, 4);
    }

    public Operator operators(int index) {
        return tableElement(3, index, Operator::new);
    }

    public String name() {
        return stringField(4);
    }
}
