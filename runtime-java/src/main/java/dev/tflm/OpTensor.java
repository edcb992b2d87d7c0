package dev.tflm;

import static dev.tflm.bindings.tflm_h.tflm_tensor_quantization;

import dev.tflm.bindings.tflm_quantization;
import dev.tflm.bindings.tflm_tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor of a {@link CustomOp}'s operator as {@code tflm/kernel.h}'s {@code tflm_tensor} describes
 * it: type, shape, quantization and its data as a {@link MemorySegment} over the interpreter's
 * arena (or over the model, read only, for a constant tensor), not a copy. Data is little-endian.
 *
 * <p>Like the {@link OpContext} it comes from, it is valid only during the op's call: the
 * segments {@link #data()} returns are scoped to that call and throw
 * {@link IllegalStateException} on any access after it returns.
 */
public final class OpTensor {

    private final OpContext context;
    private final String label;
    private final MemorySegment ctx;
    private final MemorySegment tensor;
    private final Arena call;
    private final TensorType type;
    private final int[] shape;
    private final long byteSize;
    private final boolean constant;
    private final boolean variable;

    OpTensor(OpContext context, String label, MemorySegment ctx, MemorySegment tensor, Arena call) {
        this.context = context;
        this.label = label;
        this.ctx = ctx;
        this.tensor = tensor.reinterpret(tflm_tensor.sizeof());
        this.call = call;
        this.type = TensorType.of(Byte.toUnsignedInt(tflm_tensor.type(this.tensor)));
        MemorySegment dims = tflm_tensor.dims(this.tensor).reinterpret(Integer.BYTES);
        int rank = dims.get(ValueLayout.JAVA_INT, 0);
        this.shape = dims.reinterpret(Integer.BYTES * (1L + rank)).asSlice(Integer.BYTES)
                .toArray(ValueLayout.JAVA_INT);
        this.byteSize = Integer.toUnsignedLong(tflm_tensor.bytes(this.tensor));
        this.constant = tflm_tensor.is_constant(this.tensor) != 0;
        this.variable = tflm_tensor.is_variable(this.tensor) != 0;
    }

    public TensorType type() {
        context.ensureLive();
        return type;
    }

    /** Dimensions, outermost first; empty for a scalar. */
    public int[] shape() {
        context.ensureLive();
        return shape.clone();
    }

    /** Product of the dimensions (1 for a scalar). */
    public long elementCount() {
        context.ensureLive();
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        return count;
    }

    /** Bytes of data: elements times the type's size. */
    public long byteSize() {
        context.ensureLive();
        return byteSize;
    }

    /** Whether the data lies in the model (weights, tables): {@link #data()} is then read only. */
    public boolean isConstant() {
        context.ensureLive();
        return constant;
    }

    /** Whether this is a variable tensor, whose data is kept across invokes. */
    public boolean isVariable() {
        context.ensureLive();
        return variable;
    }

    /** The model's quantization parameters of this tensor ({@link Quantization#NONE} without). */
    public Quantization quantization() {
        context.ensureLive();
        MemorySegment q = tflm_quantization.allocate(call);
        tflm_tensor_quantization(ctx, tensor, q);
        int scaleCount = tflm_quantization.scale_count(q);
        int zeroPointCount = tflm_quantization.zero_point_count(q);
        if (scaleCount == 0 && zeroPointCount == 0) {
            return Quantization.NONE;
        }
        float[] scales = scaleCount == 0 ? new float[0] : tflm_quantization.scales(q)
                .reinterpret(Integer.toUnsignedLong(scaleCount) * Float.BYTES).toArray(ValueLayout.JAVA_FLOAT);
        long[] zeroPoints = zeroPointCount == 0 ? new long[0] : tflm_quantization.zero_points(q)
                .reinterpret(Integer.toUnsignedLong(zeroPointCount) * Long.BYTES).toArray(ValueLayout.JAVA_LONG);
        List<Float> boxed = new ArrayList<>(scales.length);
        for (float scale : scales) {
            boxed.add(scale);
        }
        return new Quantization(boxed, Arrays.stream(zeroPoints).boxed().toList(),
                tflm_quantization.quantized_dimension(q));
    }

    /**
     * The tensor's data in place, {@link #byteSize()} bytes, scoped to this call; read only for a
     * constant tensor. During prepare only constant and variable tensors have data: the others
     * get their place in the arena once every operator is prepared.
     *
     * @throws IllegalStateException during prepare for a tensor whose memory is not yet planned
     */
    public MemorySegment data() {
        context.ensureLive();
        MemorySegment data = tflm_tensor.data(tensor);
        if (data.equals(MemorySegment.NULL)) {
            if (byteSize == 0) {
                return MemorySegment.NULL.reinterpret(call, null);
            }
            throw new IllegalStateException(context.opName() + ": " + label
                    + " has no data during prepare: its memory is planned after every operator is prepared");
        }
        MemorySegment scoped = data.reinterpret(byteSize, call, null);
        return constant ? scoped.asReadOnly() : scoped;
    }

    @Override
    public String toString() {
        return label + " " + type + " " + Arrays.toString(shape);
    }
}
