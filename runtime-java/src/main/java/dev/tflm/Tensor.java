package dev.tflm;

import dev.tflm.bindings.tflm_tensor_info;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A view of one tensor of an {@link Interpreter}: its data lives in the interpreter's arena
 * (or, for constant tensors, in the model), so a tensor owns nothing and becomes unusable
 * when its interpreter closes. Data is little-endian, as on every target the runtime has.
 *
 * <p>Typed reads and writes check the element type and count and say what they expected.
 * Constant tensors are read only.
 */
public final class Tensor {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final Interpreter interpreter;
    private final int index;
    private final String name;
    private final TensorType type;
    private final int[] shape;
    private final float scale;
    private final int zeroPoint;
    private final Quantization quantization;
    private final boolean constant;
    private final MemorySegment data;

    /** Reads a tflm_tensor_info; the data segment is scoped to the interpreter's arena. */
    Tensor(Interpreter interpreter, int index, MemorySegment info, TensorInfo described) {
        this.interpreter = interpreter;
        this.index = index;
        this.type = TensorType.of(tflm_tensor_info.type(info));
        int dims = tflm_tensor_info.dims_count(info);
        this.shape = new int[dims];
        for (int i = 0; i < dims; i++) {
            shape[i] = tflm_tensor_info.dims(info, i);
        }
        this.scale = tflm_tensor_info.scale(info);
        this.zeroPoint = tflm_tensor_info.zero_point(info);
        this.name = readName(info, described);
        this.quantization = described != null ? described.quantization()
                : scale == 0 ? Quantization.NONE : Quantization.perTensor(scale, zeroPoint);
        this.constant = described != null && described.constant();
        MemorySegment bytes = tflm_tensor_info.data(info)
                .reinterpret(tflm_tensor_info.bytes(info), interpreter.arena(), null);
        this.data = constant ? bytes.asReadOnly() : bytes;
    }

    private static String readName(MemorySegment info, TensorInfo described) {
        MemorySegment name = tflm_tensor_info.name(info);
        if (name.equals(MemorySegment.NULL)) {
            return described != null ? described.name() : "";
        }
        byte[] utf8 = name.reinterpret(tflm_tensor_info.name_length(info)).toArray(ValueLayout.JAVA_BYTE);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Index of this tensor in the model's main subgraph (-1 if the model does not say). */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public TensorType type() {
        return type;
    }

    public int[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        return count;
    }

    public long byteSize() {
        return data.byteSize();
    }

    /** Per-tensor scale, 0 when not quantized (see {@link #quantization()} for per-channel scales). */
    public float scale() {
        return scale;
    }

    public int zeroPoint() {
        return zeroPoint;
    }

    /** The model's quantization parameters for this tensor, per channel when it has several. */
    public Quantization quantization() {
        return quantization;
    }

    public boolean isConstant() {
        return constant;
    }

    /** Writes raw little-endian bytes; their number must equal {@link #byteSize()}. */
    public void copyFrom(byte[] bytes) {
        MemorySegment target = writable();
        requireLength(bytes.length, "bytes", byteSize());
        MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, 0, bytes.length);
    }

    public byte[] toByteArray() {
        return readable().toArray(ValueLayout.JAVA_BYTE);
    }

    public float[] readFloats() {
        requireType(TensorType.FLOAT32);
        return readable().toArray(FLOAT);
    }

    public void writeFloats(float[] values) {
        requireType(TensorType.FLOAT32);
        MemorySegment target = writable();
        requireLength(values.length, "floats", elementCount());
        MemorySegment.copy(values, 0, target, FLOAT, 0, values.length);
    }

    public byte[] readInt8() {
        requireType(TensorType.INT8);
        return toByteArray();
    }

    public void writeInt8(byte[] values) {
        requireType(TensorType.INT8);
        copyFrom(values);
    }

    public short[] readInt16() {
        requireType(TensorType.INT16);
        return readable().toArray(SHORT);
    }

    public void writeInt16(short[] values) {
        requireType(TensorType.INT16);
        MemorySegment target = writable();
        requireLength(values.length, "int16 values", elementCount());
        MemorySegment.copy(values, 0, target, SHORT, 0, values.length);
    }

    public int[] readInt32() {
        requireType(TensorType.INT32);
        return readable().toArray(INT);
    }

    public void writeInt32(int[] values) {
        requireType(TensorType.INT32);
        MemorySegment target = writable();
        requireLength(values.length, "int32 values", elementCount());
        MemorySegment.copy(values, 0, target, INT, 0, values.length);
    }

    /**
     * Quantizes real values with this tensor's scale and zero point (round half away from
     * zero, clamped to the type's range) and writes them. INT8, UINT8, INT16 or INT32.
     */
    public void quantize(float[] values) {
        requireQuantized();
        MemorySegment target = writable();
        requireLength(values.length, "values", elementCount());
        long min = Quantizer.min(type);
        long max = Quantizer.max(type);
        for (int i = 0; i < values.length; i++) {
            long q = Quantizer.quantize(values[i], scale, zeroPoint, min, max);
            switch (type) {
                case INT8, UINT8 -> target.set(ValueLayout.JAVA_BYTE, i, (byte) q);
                case INT16 -> target.setAtIndex(SHORT, i, (short) q);
                default -> target.setAtIndex(INT, i, (int) q);
            }
        }
    }

    /**
     * Writes real values whatever the tensor holds: FLOAT32 as they are ({@link #writeFloats}),
     * a quantized type quantized ({@link #quantize}).
     */
    public void writeReals(float[] values) {
        if (type == TensorType.FLOAT32) {
            writeFloats(values);
        } else {
            quantize(values);
        }
    }

    /** This tensor's values as reals: FLOAT32 as they are ({@link #readFloats}), else {@link #dequantize()}d. */
    public float[] readReals() {
        return type == TensorType.FLOAT32 ? readFloats() : dequantize();
    }

    /** This tensor's values as reals: scale * (q - zeroPoint). */
    public float[] dequantize() {
        requireQuantized();
        MemorySegment source = readable();
        float[] values = new float[Math.toIntExact(elementCount())];
        for (int i = 0; i < values.length; i++) {
            long q = switch (type) {
                case INT8 -> source.get(ValueLayout.JAVA_BYTE, i);
                case UINT8 -> Byte.toUnsignedInt(source.get(ValueLayout.JAVA_BYTE, i));
                case INT16 -> source.getAtIndex(SHORT, i);
                default -> source.getAtIndex(INT, i);
            };
            values[i] = Quantizer.dequantize(q, scale, zeroPoint);
        }
        return values;
    }

    @Override
    public String toString() {
        return "tensor " + index + " '" + name + "' " + type + " " + Arrays.toString(shape);
    }

    private MemorySegment readable() {
        interpreter.ensureOpen();
        return data;
    }

    private MemorySegment writable() {
        interpreter.ensureOpen();
        if (constant) {
            throw new IllegalStateException(this + " is constant: its data is read only");
        }
        return data;
    }

    private void requireType(TensorType expected) {
        if (type != expected) {
            throw new IllegalStateException(this + " holds " + type + ", not " + expected);
        }
    }

    private void requireQuantized() {
        if (!Quantizer.isQuantizable(type)) {
            throw Quantizer.notQuantizable(type);
        }
        if (scale == 0) {
            throw new IllegalStateException(this + " has no per-tensor quantization scale");
        }
    }

    private void requireLength(long given, String what, long expected) {
        if (given != expected) {
            throw new IllegalArgumentException(this + " takes " + expected + " " + what + ", got " + given);
        }
    }
}
