package dev.tflm;

import java.util.List;

/**
 * A tensor as the model file describes it. {@code bufferBytes} is the size of its data in
 * the model (0 for tensors computed at run time); {@code constant} means its values come
 * from the model.
 */
public record TensorInfo(int index, String name, TensorType type, List<Integer> shape, Quantization quantization,
                         long bufferBytes, boolean variable, boolean constant) {

    public TensorInfo {
        shape = List.copyOf(shape);
    }

    public long elementCount() {
        long count = 1;
        for (int dim : shape) {
            count *= Math.max(dim, 1);
        }
        return count;
    }

    /** Bytes the tensor takes at run time. */
    public long byteSize() {
        return elementCount() * type.byteSize();
    }
}
