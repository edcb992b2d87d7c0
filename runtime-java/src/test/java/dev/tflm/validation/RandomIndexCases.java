package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.ArgMaxOptionsT;
import dev.tflm.schema.ArgMinOptionsT;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.CumsumOptionsT;
import dev.tflm.schema.MirrorPadMode;
import dev.tflm.schema.MirrorPadOptionsT;
import dev.tflm.schema.SplitOptionsT;
import dev.tflm.schema.SplitVOptionsT;
import dev.tflm.schema.SqueezeOptionsT;
import dev.tflm.schema.UnpackOptionsT;
import java.util.Arrays;

/**
 * Random cases of the ops that index, reorder or select elements by position, of float32 and int8
 * (the values only move, so int8 shares one quantization), and their position inputs: SQUEEZE,
 * EXPAND_DIMS, REVERSE_V2, MIRROR_PAD, PADV2, ARG_MAX / ARG_MIN, CUMSUM, GATHER_ND, SELECT_V2,
 * SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND, SPLIT / SPLIT_V / UNPACK.
 */
final class RandomIndexCases {
    private RandomIndexCases() {
    }

    private static int version(TensorType type) {
        return type == TensorType.FLOAT32 ? 1 : 2;
    }

    private static String describe(int builtin, TensorType type, int[] shape, String rest, Quantization q) {
        return BuiltinOperator.name(builtin) + " " + type + " " + Arrays.toString(shape) + " " + rest
                + (q == null ? "" : " " + q);
    }

    /** SQUEEZE of a rank 1–5 input with some dimensions 1, all of them or a listed few. */
    static OpCase squeeze(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 5), 3);
        for (int i = 0; i < shape.length; i++) {
            shape[i] = r.random.nextInt(3) == 0 ? 1 : shape[i];
        }
        int[] dims = r.random.nextBoolean() ? Arrays.stream(indicesOfOnes(shape))
                .filter(i -> r.random.nextBoolean()).map(i -> r.random.nextBoolean() ? i - shape.length : i)
                .toArray() : new int[0];
        boolean listed = dims.length > 0; // none listed: every dimension of 1 goes
        int[] out = Arrays.stream(indices(shape.length))
                .filter(i -> shape[i] != 1 || (listed && !contains(dims, i, shape.length)))
                .map(i -> shape[i]).toArray();
        SqueezeOptionsT options = new SqueezeOptionsT();
        options.setSqueezeDims(dims);
        return oneInput(r, BuiltinOperator.SQUEEZE, version(type), type, shape, out, null, options,
                "squeeze_dims " + Arrays.toString(dims));
    }

    /** EXPAND_DIMS of a rank 0–4 input at a position from −(rank+1) to rank. */
    static OpCase expandDims(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(0, 4), 4);
        int axis = r.between(-shape.length - 1, shape.length);
        int at = axis < 0 ? axis + shape.length + 1 : axis;
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == at ? 1 : shape[j++];
        }
        // TF Lite 2.6.2 knows version 1 only, for every type
        return oneInput(r, BuiltinOperator.EXPAND_DIMS, 1, type, shape, out, new int[] {axis}, null,
                "axis " + axis);
    }

    /** REVERSE_V2 of a rank 1–5 input along one axis (TF Lite 2.6.2 takes one). */
    static OpCase reverse(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 5), 4);
        int axis = r.between(0, shape.length - 1);
        return oneInput(r, BuiltinOperator.REVERSE_V2, version(type), type, shape, shape, new int[] {axis}, null,
                "axis " + axis);
    }

    /** MIRROR_PAD, REFLECT (pads below each dimension) or SYMMETRIC (pads up to it), of a rank 1–4 input. */
    static OpCase mirrorPad(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        byte mode = r.random.nextBoolean() ? MirrorPadMode.REFLECT : MirrorPadMode.SYMMETRIC;
        int[] paddings = new int[shape.length * 2];
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            int most = mode == MirrorPadMode.REFLECT ? shape[i] - 1 : shape[i];
            paddings[2 * i] = r.between(0, most);
            paddings[2 * i + 1] = r.between(0, most);
            out[i] = shape[i] + paddings[2 * i] + paddings[2 * i + 1];
        }
        MirrorPadOptionsT options = new MirrorPadOptionsT();
        options.setMode(mode);
        return oneInput(r, BuiltinOperator.MIRROR_PAD, version(type), type, shape, out, paddings, options,
                MirrorPadMode.name(mode) + " paddings " + Arrays.toString(paddings));
    }

    /** PADV2 of a rank 1–4 input with a constant pad value of the input's type. */
    static OpCase padV2(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int[] paddings = new int[shape.length * 2];
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            paddings[2 * i] = r.between(0, 3);
            paddings[2 * i + 1] = r.between(0, 3);
            out[i] = shape[i] + paddings[2 * i] + paddings[2 * i + 1];
        }
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int p = m.constant("paddings", TensorType.INT32, null, SingleOpModel.ints(paddings), shape.length, 2);
        int value = m.constant("value", type, q, RandomShapeCases.values(r, type, 1));
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.PADV2, version(type), new int[] {input, p, value}, output, null,
                input);
        return new OpCase(describe(BuiltinOperator.PADV2, type, shape, "paddings " + Arrays.toString(paddings), q),
                model, new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /**
     * ARG_MAX or ARG_MIN of a rank 1–4 input along one axis, into INT32 or INT64. Values are drawn
     * from a few, so that ties (the first index wins) are common.
     */
    static OpCase argMinMax(RandomOpCases r, TensorType type, boolean max) {
        int[] shape = r.shape(r.between(1, 4), 5);
        int axis = r.between(-shape.length, shape.length - 1);
        int at = axis < 0 ? axis + shape.length : axis;
        int[] out = Arrays.stream(indices(shape.length)).filter(i -> i != at).map(i -> shape[i]).toArray();
        TensorType outType = r.random.nextBoolean() ? TensorType.INT32 : TensorType.INT64;
        Object options;
        if (max) {
            ArgMaxOptionsT o = new ArgMaxOptionsT();
            o.setOutputType((byte) outType.code());
            options = o;
        } else {
            ArgMinOptionsT o = new ArgMinOptionsT();
            o.setOutputType((byte) outType.code());
            options = o;
        }
        int builtin = max ? BuiltinOperator.ARG_MAX : BuiltinOperator.ARG_MIN;
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int a = m.constant("axis", TensorType.INT32, null, SingleOpModel.ints(new int[] {axis}), 1);
        int output = m.tensor("output", outType, null, out);
        byte[] model = m.build(builtin, version(type), new int[] {input, a}, output, options, input);
        int count = RandomOpCases.count(shape);
        byte[] values = type == TensorType.FLOAT32 ? fewFloats(r, count) : fewBytes(r, count);
        return new OpCase(describe(builtin, type, shape, "axis " + axis + " → " + outType, q), model,
                new byte[][] {values}, EXACT);
    }

    /**
     * CUMSUM of a float32 rank 1–4 input along one axis, exclusive and reverse at random (TF Lite
     * 2.6.2 has no int8 CUMSUM, TFLM no int32 one).
     */
    static OpCase cumsum(RandomOpCases r) {
        TensorType type = TensorType.FLOAT32;
        int[] shape = r.shape(r.between(1, 4), 5);
        int axis = r.between(-shape.length, shape.length - 1);
        CumsumOptionsT options = new CumsumOptionsT();
        options.setExclusive(r.random.nextBoolean());
        options.setReverse(r.random.nextBoolean());
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, null, shape);
        int a = m.constant("axis", TensorType.INT32, null, SingleOpModel.ints(new int[] {axis}));
        int output = m.tensor("output", type, null, shape);
        byte[] model = m.build(BuiltinOperator.CUMSUM, 1, new int[] {input, a}, output, options, input);
        int count = RandomOpCases.count(shape);
        byte[] values = r.floats(count, 4);
        return new OpCase(describe(BuiltinOperator.CUMSUM, type, shape, "axis " + axis
                + (options.getExclusive() ? " exclusive" : "") + (options.getReverse() ? " reverse" : ""), null),
                model, new byte[][] {values}, FLOAT_ROUNDING);
    }

    /**
     * GATHER_ND of a rank 1–4 params input by an index tensor of rank 1–3 whose last dimension
     * addresses 1 to all of params' dimensions (every index in range).
     */
    static OpCase gatherNd(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int depth = r.between(1, shape.length);
        int[] batch = r.shape(r.between(0, 2), 3);
        int[] indexShape = Arrays.copyOf(batch, batch.length + 1);
        indexShape[batch.length] = depth;
        int lookups = RandomOpCases.count(batch);
        int[] indices = new int[lookups * depth];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = r.random.nextInt(shape[i % depth]);
        }
        int[] out = new int[batch.length + shape.length - depth];
        System.arraycopy(batch, 0, out, 0, batch.length);
        System.arraycopy(shape, depth, out, batch.length, shape.length - depth);
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int params = m.tensor("params", type, q, shape);
        int index = m.constant("indices", TensorType.INT32, null, SingleOpModel.ints(indices), indexShape);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.GATHER_ND, 1, new int[] {params, index}, output, null, params);
        return new OpCase(describe(BuiltinOperator.GATHER_ND, type, shape, "indices " + Arrays.toString(indexShape)
                + " " + Arrays.toString(indices), q), model,
                new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /** SELECT_V2: a BOOL condition and two values, all three broadcast against each other. */
    static OpCase selectV2(RandomOpCases r, TensorType type) {
        int[][] shapes = r.broadcastShapes(); // a, b and their broadcast
        int[] condition = r.random.nextBoolean() ? shapes[2] : shapes[r.random.nextInt(2)];
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int c = m.tensor("condition", TensorType.BOOL, null, condition);
        int a = m.tensor("a", type, q, shapes[0]);
        int b = m.tensor("b", type, q, shapes[1]);
        int output = m.tensor("output", type, q, shapes[2]);
        byte[] model = m.build(BuiltinOperator.SELECT_V2, 1, new int[] {c, a, b}, output, null, c, a, b);
        return new OpCase(describe(BuiltinOperator.SELECT_V2, type, condition, Arrays.toString(shapes[0]) + ", "
                + Arrays.toString(shapes[1]), q), model, new byte[][] {r.bools(RandomOpCases.count(condition)),
                    RandomShapeCases.values(r, type, RandomOpCases.count(shapes[0])),
                    RandomShapeCases.values(r, type, RandomOpCases.count(shapes[1]))}, EXACT);
    }

    /**
     * SPACE_TO_BATCH_ND (with padding) or BATCH_TO_SPACE_ND (with cropping) of an NHWC input,
     * blocks 1–3 per spatial dimension.
     */
    static OpCase spaceBatch(RandomOpCases r, TensorType type, boolean toBatch) {
        int[] block = {r.between(1, 3), r.between(1, 3)};
        int batch = r.between(1, 2);
        int channels = r.between(1, 3);
        int[] edges = new int[4];
        int[] in;
        int[] out;
        if (toBatch) {
            int[] padded = new int[2];
            int[] spatial = new int[2];
            for (int d = 0; d < 2; d++) {
                padded[d] = block[d] * r.between(1, 3);
                edges[2 * d] = r.between(0, Math.min(2, padded[d] - 1));
                edges[2 * d + 1] = r.between(0, Math.min(2, padded[d] - 1 - edges[2 * d]));
                spatial[d] = padded[d] - edges[2 * d] - edges[2 * d + 1];
            }
            in = new int[] {batch, spatial[0], spatial[1], channels};
            out = new int[] {batch * block[0] * block[1], padded[0] / block[0], padded[1] / block[1], channels};
        } else {
            int[] spatial = {r.between(1, 3), r.between(1, 3)};
            int[] full = new int[2];
            for (int d = 0; d < 2; d++) {
                full[d] = spatial[d] * block[d];
                edges[2 * d] = r.between(0, Math.min(2, full[d] - 1));
                edges[2 * d + 1] = r.between(0, Math.min(2, full[d] - 1 - edges[2 * d]));
            }
            in = new int[] {batch * block[0] * block[1], spatial[0], spatial[1], channels};
            out = new int[] {batch, full[0] - edges[0] - edges[1], full[1] - edges[2] - edges[3], channels};
        }
        int builtin = toBatch ? BuiltinOperator.SPACE_TO_BATCH_ND : BuiltinOperator.BATCH_TO_SPACE_ND;
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, in);
        int b = m.constant("block", TensorType.INT32, null, SingleOpModel.ints(block), 2);
        int e = m.constant(toBatch ? "paddings" : "crops", TensorType.INT32, null, SingleOpModel.ints(edges), 2, 2);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(builtin, version(type), new int[] {input, b, e}, output, null, input);
        return new OpCase(describe(builtin, type, in, "block " + Arrays.toString(block) + (toBatch ? " paddings "
                : " crops ") + Arrays.toString(edges), q), model,
                new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(in))}, EXACT);
    }

    /**
     * SPLIT (equal parts: the axis a constant first input), SPLIT_V (sizes, one of them −1 at
     * times) or UNPACK (every index along the axis) of a rank 1–4 input, into 1–4 outputs.
     */
    static OpCase split(RandomOpCases r, TensorType type, int builtin) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int axis = r.between(-shape.length, shape.length - 1);
        int at = axis < 0 ? axis + shape.length : axis;
        int parts;
        int[] sizes;
        if (builtin == BuiltinOperator.SPLIT) {
            parts = r.between(1, 3);
            shape[at] = parts * r.between(1, 3);
            sizes = new int[parts];
            Arrays.fill(sizes, shape[at] / parts);
        } else if (builtin == BuiltinOperator.UNPACK) {
            parts = shape[at];
            sizes = new int[parts];
            Arrays.fill(sizes, 1);
        } else {
            // parts of at least 1: TF Lite 2.6.2 leaves an empty output unallocated
            parts = r.between(1, 4);
            shape[at] = r.between(parts, 6);
            sizes = new int[parts];
            int left = shape[at];
            for (int i = 0; i < parts - 1; i++) {
                sizes[i] = r.between(1, left - (parts - 1 - i));
                left -= sizes[i];
            }
            sizes[parts - 1] = left;
        }
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int[] outputs = new int[parts];
        int input = m.tensor("input", type, q, shape);
        int[] inputs;
        Object options;
        int[] sizesGiven = sizes.clone();
        if (builtin == BuiltinOperator.SPLIT) {
            int a = m.constant("axis", TensorType.INT32, null, SingleOpModel.ints(new int[] {axis}));
            inputs = new int[] {a, input};
            SplitOptionsT o = new SplitOptionsT();
            o.setNumSplits(parts);
            options = o;
        } else if (builtin == BuiltinOperator.SPLIT_V) {
            if (parts > 1 && r.random.nextBoolean()) {
                sizesGiven[r.random.nextInt(parts)] = -1; // the rest
            }
            int s = m.constant("sizes", TensorType.INT32, null, SingleOpModel.ints(sizesGiven), parts);
            int a = m.constant("axis", TensorType.INT32, null, SingleOpModel.ints(new int[] {axis}));
            inputs = new int[] {input, s, a};
            SplitVOptionsT o = new SplitVOptionsT();
            o.setNumSplits(parts);
            options = o;
        } else {
            inputs = new int[] {input};
            UnpackOptionsT o = new UnpackOptionsT();
            o.setNum(parts);
            o.setAxis(axis);
            options = o;
        }
        for (int i = 0; i < parts; i++) {
            int[] out = shape.clone();
            out[at] = sizes[i];
            if (builtin == BuiltinOperator.UNPACK) {
                out = Arrays.stream(indices(shape.length)).filter(d -> d != at).map(d -> shape[d]).toArray();
            }
            outputs[i] = m.tensor("output" + i, type, q, out);
        }
        byte[] model = m.build(builtin, version(type), inputs, outputs, options, input);
        return new OpCase(describe(builtin, type, shape, "axis " + axis + " sizes " + Arrays.toString(sizesGiven), q),
                model, new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /** A one-input op whose second input, if any, is a constant int32 vector. */
    private static OpCase oneInput(RandomOpCases r, int builtin, int version, TensorType type, int[] shape,
                                   int[] out, int[] second, Object options, String what) {
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int[] inputs = {input};
        if (second != null) {
            int[] secondShape = builtin == BuiltinOperator.MIRROR_PAD ? new int[] {shape.length, 2}
                    : new int[] {second.length};
            inputs = new int[] {input, m.constant("positions", TensorType.INT32, null, SingleOpModel.ints(second),
                    secondShape)};
        }
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(builtin, version, inputs, output, options, input);
        return new OpCase(describe(builtin, type, shape, what, q), model,
                new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    private static int[] indices(int n) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static int[] indicesOfOnes(int[] shape) {
        return Arrays.stream(indices(shape.length)).filter(i -> shape[i] == 1).toArray();
    }

    private static boolean contains(int[] dims, int i, int rank) {
        return Arrays.stream(dims).anyMatch(d -> d == i || d + rank == i);
    }

    /** float32 values from a set of four, often equal. */
    private static byte[] fewFloats(RandomOpCases r, int count) {
        float[] pool = {-1.5f, 0f, 2.25f, 7f};
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = pool[r.random.nextInt(pool.length)];
        }
        return SingleOpModel.floats(values);
    }

    /** int8 values from a set of four, often equal, the extremes among them. */
    private static byte[] fewBytes(RandomOpCases r, int count) {
        byte[] pool = {-128, -3, 0, 127};
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = pool[r.random.nextInt(pool.length)];
        }
        return values;
    }
}
