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

    /** Elements the shape declares (unknown dimensions, -1, count as 1); Long.MAX_VALUE if that overflows. */
    public long elementCount() {
        long count = 1;
        for (int dim : shape) {
            count = saturatingMultiply(count, Math.max(dim, 1));
        }
        return count;
    }

    /** Bytes the tensor takes at run time; Long.MAX_VALUE if that overflows. */
    public long byteSize() {
        return saturatingMultiply(elementCount(), type.byteSize());
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high == 0 && product >= 0 ? product : Long.MAX_VALUE;
    }
}
