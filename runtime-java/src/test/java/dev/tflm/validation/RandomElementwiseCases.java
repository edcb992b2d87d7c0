package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.BuiltinOperator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Random cases of the element-wise ops (one or two inputs, broadcasting, fused activations) from a
 * {@link RandomOpCases}' seed. Float inputs include edge values (NaN, ±inf, ±0, ±max, halves) and
 * int8 quantizations include the extreme zero points −128 and 127.
 *
 * <p>No denormals: TF Lite 2.6.2's library reads them as zero (denormals-are-zero, as a
 * {@code -ffast-math} build sets), while this runtime, like TFLM, follows IEEE. Measured with the
 * smallest denormal 2^-149 (seeds of TfLiteOpDifferentialTest): LOG gave −inf instead of −103.28,
 * RSQRT +inf instead of 2.67e22, CEIL 0 instead of 1, and GREATER, LESS, LESS_EQUAL compared it as 0.
 */
final class RandomElementwiseCases {
    private static final float[] EDGES = {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MAX_VALUE,
        -Float.MAX_VALUE, 0.5f, -0.5f, 1.5f, -2.5f, 1f, -1f};

    private RandomElementwiseCases() {
    }

    /**
     * A float32 op on two broadcast inputs; {@code options} makes the options table from a fused
     * activation, or is null for an op without one. {@code quantum} &gt; 0 rounds the inputs to its
     * multiples, so that comparisons see equal values. Edge values only go in without an activation:
     * a clamp of NaN is not defined alike everywhere.
     */
    static OpCase binaryFloat(RandomOpCases r, int builtin, int version, Function<Byte, Object> options,
                              TensorType outType, float range, float quantum) {
        int[][] shapes = r.broadcastShapes();
        byte activation = options == null ? ActivationFunctionType.NONE : r.activation();
        boolean edges = activation == ActivationFunctionType.NONE;

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int a = m.tensor("a", TensorType.FLOAT32, null, shapes[0]);
        int b = m.tensor("b", TensorType.FLOAT32, null, shapes[1]);
        int output = m.tensor("output", outType, null, shapes[2]);
        byte[] model = m.build(builtin, version, new int[] {a, b}, output,
                options == null ? null : options.apply(activation), a, b);
        return new OpCase(BuiltinOperator.name(builtin) + " float32 " + Arrays.toString(shapes[0]) + ", "
                + Arrays.toString(shapes[1]) + " " + ActivationFunctionType.name(activation)
                + (edges ? " with edge values" : ""), model,
                new byte[][] {floats(r, RandomOpCases.count(shapes[0]), range, quantum, edges, true),
                    floats(r, RandomOpCases.count(shapes[1]), range, quantum, edges, true)},
                outType == TensorType.FLOAT32 ? FLOAT_ROUNDING : EXACT);
    }

    /**
     * {@code c} with every ±0 of float32 input {@code input} made 1: FLOOR_DIV and FLOOR_MOD refuse
     * a zero divisor (TF Lite and this runtime alike), and a case should reach the arithmetic.
     */
    static OpCase nonzero(OpCase c, int input) {
        byte[][] inputs = c.inputs().clone();
        ByteBuffer values = ByteBuffer.wrap(inputs[input].clone()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.capacity(); i += Float.BYTES) {
            if (values.getFloat(i) == 0.0f) {
                values.putFloat(i, 1.0f);
            }
        }
        inputs[input] = values.array();
        return new OpCase(c.description(), c.model(), inputs, c.tolerance());
    }

    /** How an int8 binary op's quantizations relate. */
    enum Int8Quantization {
        /** Inputs and output independent; the output's scale from the inputs' (max of both, squared if so). */
        OUTPUT_LIKE_SUM, OUTPUT_LIKE_SQUARE,
        /** One quantization for inputs and output (MAXIMUM, MINIMUM only select). */
        SHARED,
        /** Independent inputs, sometimes equal, and a BOOL output (comparisons). */
        BOOL_OUTPUT
    }

    /** An int8 op on two broadcast inputs; {@code options} as for {@link #binaryFloat}. */
    static OpCase binaryInt8(RandomOpCases r, int builtin, int version, Function<Byte, Object> options,
                             Int8Quantization quantization) {
        int[][] shapes = r.broadcastShapes();
        byte activation = options == null ? ActivationFunctionType.NONE : r.activation();
        float scale1 = r.scale();
        Quantization in1 = Quantization.perTensor(scale1, zeroPoint(r));
        float scale2 = r.scale();
        Quantization in2 = switch (quantization) {
            case SHARED -> in1;
            case BOOL_OUTPUT -> r.random.nextInt(3) == 0 ? in1 : Quantization.perTensor(scale2, zeroPoint(r));
            default -> Quantization.perTensor(scale2, zeroPoint(r));
        };
        float wider = Math.max(scale1, scale2);
        Quantization out = switch (quantization) {
            case OUTPUT_LIKE_SUM -> Quantization.perTensor(wider * (float) (0.5 + 1.5 * r.random.nextDouble()),
                    zeroPoint(r));
            case OUTPUT_LIKE_SQUARE -> Quantization.perTensor(r.outputScale(wider, wider, 1), zeroPoint(r));
            case SHARED -> in1;
            case BOOL_OUTPUT -> null;
        };
        TensorType outType = quantization == Int8Quantization.BOOL_OUTPUT ? TensorType.BOOL : TensorType.INT8;

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int a = m.tensor("a", TensorType.INT8, in1, shapes[0]);
        int b = m.tensor("b", TensorType.INT8, in2, shapes[1]);
        int output = m.tensor("output", outType, out, shapes[2]);
        byte[] model = m.build(builtin, version, new int[] {a, b}, output,
                options == null ? null : options.apply(activation), a, b);
        return new OpCase(BuiltinOperator.name(builtin) + " int8 " + Arrays.toString(shapes[0]) + " " + in1 + ", "
                + Arrays.toString(shapes[1]) + " " + in2 + " " + ActivationFunctionType.name(activation) + " → "
                + (out == null ? "BOOL" : out), model,
                new byte[][] {r.bytes(RandomOpCases.count(shapes[0])), r.bytes(RandomOpCases.count(shapes[1]))},
                EXACT);
    }

    /** A float32 op of one input of rank 1–5, values in [-range, range] and edge values, NaN if {@code nan}. */
    static OpCase unaryFloat(RandomOpCases r, int builtin, int version, Object options, float range, boolean nan) {
        return unaryFloat(r, builtin, version, options, range, nan, 5);
    }

    /** {@link #unaryFloat} of rank 1 to {@code maxRank}. */
    static OpCase unaryFloat(RandomOpCases r, int builtin, int version, Object options, float range, boolean nan,
                             int maxRank) {
        int[] shape = r.shape(r.between(1, maxRank), 4);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, shape);
        int output = m.tensor("output", TensorType.FLOAT32, null, shape);
        byte[] model = m.build(builtin, version, new int[] {input}, output, options, input);
        return new OpCase(BuiltinOperator.name(builtin) + " float32 " + Arrays.toString(shape) + " range " + range,
                model, new byte[][] {floats(r, RandomOpCases.count(shape), range, 0, true, nan)}, FLOAT_ROUNDING);
    }

    /**
     * An int8 op of one input of rank 1–5, its output quantized independently (saturating at times)
     * or, if {@code shared}, like the input.
     */
    static OpCase unaryInt8(RandomOpCases r, int builtin, int version, Object options, boolean shared) {
        int[] shape = r.shape(r.between(1, 5), 4);
        Quantization in = Quantization.perTensor(r.scale(), zeroPoint(r));
        Quantization out = shared ? in : Quantization.perTensor(r.scale(), zeroPoint(r));

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, shape);
        int output = m.tensor("output", TensorType.INT8, out, shape);
        byte[] model = m.build(builtin, version, new int[] {input}, output, options, input);
        return new OpCase(BuiltinOperator.name(builtin) + " int8 " + Arrays.toString(shape) + " " + in + " → " + out,
                model, new byte[][] {r.bytes(RandomOpCases.count(shape))}, EXACT);
    }

    /** A zero point, one of the extremes −128 and 127 one time in four. */
    private static int zeroPoint(RandomOpCases r) {
        return r.random.nextInt(4) == 0 ? (r.random.nextBoolean() ? -128 : 127) : r.zeroPoint();
    }

    /**
     * Values in [-range, range] (multiples of {@code quantum} if &gt; 0), one in six an edge value if
     * asked ({@code nan}: NaN among them).
     */
    private static byte[] floats(RandomOpCases r, int count, float range, float quantum, boolean edges, boolean nan) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            double x = (r.random.nextDouble() * 2 - 1) * range;
            values[i] = edges && r.random.nextInt(6) == 0 ? EDGES[r.random.nextInt(nan ? 0 : 1, EDGES.length)]
                    : (float) (quantum > 0 ? Math.rint(x / quantum) * quantum : x);
        }
        return SingleOpModel.floats(values);
    }
}
