package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;

import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.ReducerOptionsT;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Random cases of ops TF Lite 2.6.2 lacks, each with its expected output computed here from the
 * op's definition (TF Lite's and TFLM's kernels of later releases): SIGN, RELU_0_TO_1,
 * BROADCAST_ARGS, DYNAMIC_UPDATE_SLICE and REDUCE_ALL.
 */
final class RandomDefinedCases {
    private RandomDefinedCases() {
    }

    /** SIGN of float32 (edge values, no NaN): (x &gt; 0) − (x &lt; 0), so −0 gives +0. */
    static OpCase sign(RandomOpCases r) {
        return unaryFloat(r, BuiltinOperator.SIGN, x -> (float) ((x > 0 ? 1 : 0) - (x < 0 ? 1 : 0)));
    }

    /**
     * RELU_0_TO_1 of float32 (edge values, no NaN): x &gt; 1 ? 1 : x &lt; 0 ? 0 : x, TF Lite's
     * reference clamp, which keeps −0.
     */
    static OpCase relu0To1(RandomOpCases r) {
        return unaryFloat(r, BuiltinOperator.RELU_0_TO_1, x -> x > 1 ? 1 : x < 0 ? 0 : x);
    }

    private interface FloatFunction {
        float apply(float x);
    }

    private static OpCase unaryFloat(RandomOpCases r, int builtin, FloatFunction f) {
        OpCase c = RandomElementwiseCases.unaryFloat(r, builtin, 1, null, 3, false);
        float[] x = floats(c.inputs()[0]);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.apply(x[i]);
        }
        return new OpCase(c.description(), c.model(), c.inputs(), EXACT, List.of(SingleOpModel.floats(y)));
    }

    /** BROADCAST_ARGS of two INT32 shapes of rank 0–4 that broadcast: the broadcast shape. */
    static OpCase broadcastArgs(RandomOpCases r) {
        int[][] shapes = r.broadcastShapes();
        int[] a = shapes[0];
        int[] b = shapes[1];
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            out[i] = da == 1 ? db : da;
        }
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int s0 = m.tensor("s0", TensorType.INT32, null, a.length);
        int s1 = m.tensor("s1", TensorType.INT32, null, b.length);
        int output = m.tensor("output", TensorType.INT32, null, rank);
        byte[] model = m.build(BuiltinOperator.BROADCAST_ARGS, 1, new int[] {s0, s1}, output, null, s0, s1);
        return new OpCase("BROADCAST_ARGS " + Arrays.toString(a) + ", " + Arrays.toString(b), model,
                new byte[][] {SingleOpModel.ints(a), SingleOpModel.ints(b)}, EXACT,
                List.of(SingleOpModel.ints(out)));
    }

    /**
     * DYNAMIC_UPDATE_SLICE of a float32 operand of rank 1–4 by an update no larger, at run-time
     * INT32 start indices from −2 to past the end, which the op clamps into [0, dim − update dim].
     */
    static OpCase dynamicUpdateSlice(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 4), 5);
        int[] update = new int[shape.length];
        int[] start = new int[shape.length];
        int[] clamped = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            update[d] = r.between(1, shape[d]);
            start[d] = r.between(-2, shape[d] + 1);
            clamped[d] = Math.min(Math.max(start[d], 0), shape[d] - update[d]);
        }
        float[] operand = floats(r.floats(RandomOpCases.count(shape), 4));
        float[] values = floats(r.floats(RandomOpCases.count(update), 4));
        float[] out = operand.clone();
        int[] index = new int[shape.length];
        for (int u = 0; u < values.length; u++) {
            int rem = u;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = clamped[d] + rem % update[d];
                rem /= update[d];
            }
            out[flat(shape, index)] = values[u];
        }
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int o = m.tensor("operand", TensorType.FLOAT32, null, shape);
        int up = m.tensor("update", TensorType.FLOAT32, null, update);
        int s = m.tensor("start", TensorType.INT32, null, start.length);
        int output = m.tensor("output", TensorType.FLOAT32, null, shape);
        byte[] model = m.build(BuiltinOperator.DYNAMIC_UPDATE_SLICE, 1, new int[] {o, up, s}, output, null, o, up,
                s);
        return new OpCase("DYNAMIC_UPDATE_SLICE float32 " + Arrays.toString(shape) + " update "
                + Arrays.toString(update) + " at " + Arrays.toString(start), model,
                new byte[][] {SingleOpModel.floats(operand), SingleOpModel.floats(values), SingleOpModel.ints(start)},
                EXACT, List.of(SingleOpModel.floats(out)));
    }

    /** REDUCE_ALL of a BOOL input of rank 1–4 over 1 to all axes (some negative), keep_dims or not. */
    static OpCase reduceAll(RandomOpCases r) {
        int[] shape = r.shape(r.between(1, 4), 4);
        boolean[] reduced = new boolean[shape.length];
        int[] axes = new int[r.between(1, shape.length)];
        for (int i = 0; i < axes.length; i++) {
            int a = r.random.nextInt(shape.length);
            reduced[a] = true;
            axes[i] = r.random.nextBoolean() ? a - shape.length : a;
        }
        boolean keepDims = r.random.nextBoolean();
        int[] outShape = new int[shape.length];
        int outRank = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d] || keepDims) {
                outShape[outRank++] = reduced[d] ? 1 : shape[d];
            }
        }
        outShape = Arrays.copyOf(outShape, outRank);
        byte[] in = r.random.nextBoolean() ? r.bools(RandomOpCases.count(shape)) : mostlyTrue(r, shape);
        byte[] out = new byte[RandomOpCases.count(outShape)];
        Arrays.fill(out, (byte) 1);
        for (int i = 0; i < in.length; i++) {
            // the output element: the input's coordinates along the kept dimensions
            int o = 0;
            for (int d = 0, stride = in.length; d < shape.length; d++) {
                stride /= shape[d];
                if (!reduced[d]) {
                    o = o * shape[d] + i / stride % shape[d];
                }
            }
            out[o] &= in[i];
        }
        ReducerOptionsT options = new ReducerOptionsT();
        options.setKeepDims(keepDims);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", TensorType.BOOL, null, shape);
        int a = m.constant("axes", TensorType.INT32, null, SingleOpModel.ints(axes), axes.length);
        int output = m.tensor("output", TensorType.BOOL, null, outShape);
        byte[] model = m.build(BuiltinOperator.REDUCE_ALL, 1, new int[] {input, a}, output, options, input);
        return new OpCase("REDUCE_ALL " + Arrays.toString(shape) + " axes " + Arrays.toString(axes)
                + (keepDims ? " keep_dims" : ""), model, new byte[][] {in}, EXACT, List.of(out));
    }

    /** Bools mostly true, so that an all-true reduction happens. */
    private static byte[] mostlyTrue(RandomOpCases r, int[] shape) {
        byte[] values = new byte[RandomOpCases.count(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (r.random.nextInt(12) == 0 ? 0 : 1);
        }
        return values;
    }

    /** Row-major offset of index in shape. */
    private static int flat(int[] shape, int[] index) {
        int offset = 0;
        for (int d = 0; d < shape.length; d++) {
            offset = offset * shape[d] + index[d];
        }
        return offset;
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
