package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;
import static dev.tflm.validation.OpCase.Tolerance.REQUANTIZATION;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.ConcatenationOptionsT;
import dev.tflm.schema.GatherOptionsT;
import dev.tflm.schema.PackOptionsT;
import dev.tflm.schema.ReducerOptionsT;
import dev.tflm.schema.StridedSliceOptionsT;
import java.util.Arrays;

/**
 * Random cases of the data-movement ops and the reductions from a {@link RandomOpCases}' seed: random
 * ranks, axes (negative ones too) and constant index tensors. int8 cases keep one quantization for
 * inputs and output (values only move or are selected, as converters write these ops), extreme zero
 * points included through {@link RandomOpCases#zeroPoint}.
 */
final class RandomShapeCases {
    private RandomShapeCases() {
    }

    /** Values of {@code type} (FLOAT32, INT8 or BOOL) for {@code count} elements. */
    static byte[] values(RandomOpCases r, TensorType type, int count) {
        return switch (type) {
            case FLOAT32 -> r.floats(count, 4);
            case BOOL -> r.bools(count);
            default -> r.bytes(count);
        };
    }

    /** One per-tensor quantization for int8, none for float32 and bool. */
    static Quantization quantization(RandomOpCases r, TensorType type) {
        return type == TensorType.INT8 ? Quantization.perTensor(r.scale(), r.zeroPoint()) : null;
    }

    /** Version 2 where int8 came later; float32 and bool stayed at 1. */
    private static int version(TensorType type) {
        return type == TensorType.INT8 ? 2 : 1;
    }

    /** TRANSPOSE of a rank 1–5 input by a random permutation. */
    static OpCase transpose(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 5), 4);
        int[] perm = permutation(r, shape.length);
        int[] out = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape[perm[i]];
        }
        Quantization q = quantization(r, type);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int p = m.constant("perm", TensorType.INT32, null, SingleOpModel.ints(perm), perm.length);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.TRANSPOSE, version(type), new int[] {input, p}, output, null, input);
        return new OpCase("TRANSPOSE " + type + " " + Arrays.toString(shape) + " perm " + Arrays.toString(perm), model,
                new byte[][] {values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /** PAD of a rank 1–4 input by 0–3 elements before and after each dimension (int8 pads with the zero point). */
    static OpCase pad(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int[] paddings = new int[shape.length * 2];
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            paddings[2 * i] = r.between(0, 3);
            paddings[2 * i + 1] = r.between(0, 3);
            out[i] = shape[i] + paddings[2 * i] + paddings[2 * i + 1];
        }
        Quantization q = quantization(r, type);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int p = m.constant("paddings", TensorType.INT32, null, SingleOpModel.ints(paddings), shape.length, 2);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.PAD, version(type), new int[] {input, p}, output, null, input);
        return new OpCase("PAD " + type + " " + Arrays.toString(shape) + " paddings " + Arrays.toString(paddings) + " "
                + q, model, new byte[][] {values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /** CONCATENATION of 1–4 rank 1–4 inputs along a random axis (negative at times). */
    static OpCase concatenation(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int axis = r.random.nextInt(shape.length);
        int n = r.between(1, 4);
        Quantization q = quantization(r, type);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int[] inputs = new int[n];
        byte[][] data = new byte[n][];
        int[] out = shape.clone();
        out[axis] = 0;
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int[] s = shape.clone();
            s[axis] = r.between(1, 4);
            out[axis] += s[axis];
            inputs[i] = m.tensor("input" + i, type, q, s);
            data[i] = values(r, type, RandomOpCases.count(s));
            shapes.append(Arrays.toString(s));
        }
        int written = r.random.nextBoolean() ? axis : axis - shape.length;
        ConcatenationOptionsT options = new ConcatenationOptionsT();
        options.setAxis(written);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.CONCATENATION, version(type), inputs, output, options, inputs);
        return new OpCase("CONCATENATION " + type + " " + shapes + " axis " + written, model, data, EXACT);
    }

    /** PACK of 1–4 rank 1–3 inputs along a new axis (negative at times). */
    static OpCase pack(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 3), 4);
        int axis = r.random.nextInt(shape.length + 1);
        int n = r.between(1, 4);
        Quantization q = quantization(r, type);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int[] inputs = new int[n];
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = m.tensor("input" + i, type, q, shape);
            data[i] = values(r, type, RandomOpCases.count(shape));
        }
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == axis ? n : shape[j++];
        }
        int written = r.random.nextBoolean() ? axis : axis - out.length;
        PackOptionsT options = new PackOptionsT();
        options.setValuesCount(n);
        options.setAxis(written);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.PACK, version(type), inputs, output, options, inputs);
        return new OpCase("PACK " + type + " " + n + " × " + Arrays.toString(shape) + " axis " + written, model, data,
                EXACT);
    }

    /** SLICE of a rank 1–4 input: random begin, size to the end (-1) at times. */
    static OpCase slice(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 5);
        int[] begin = new int[shape.length];
        int[] size = new int[shape.length];
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            begin[i] = r.random.nextInt(shape[i]);
            out[i] = r.between(1, shape[i] - begin[i]);
            size[i] = out[i] == shape[i] - begin[i] && r.random.nextBoolean() ? -1 : out[i];
        }
        Quantization q = quantization(r, type);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int b = m.constant("begin", TensorType.INT32, null, SingleOpModel.ints(begin), begin.length);
        int s = m.constant("size", TensorType.INT32, null, SingleOpModel.ints(size), size.length);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.SLICE, version(type), new int[] {input, b, s}, output, null, input);
        return new OpCase("SLICE " + type + " " + Arrays.toString(shape) + " begin " + Arrays.toString(begin) + " size "
                + Arrays.toString(size), model, new byte[][] {values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /**
     * STRIDED_SLICE of a rank 1–4 input: strides −3..3 (not 0), begin_mask and end_mask bits at
     * random, no shrink, ellipsis or new axes.
     */
    static OpCase stridedSlice(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 6);
        int rank = shape.length;
        int[] begin = new int[rank];
        int[] end = new int[rank];
        int[] strides = new int[rank];
        int[] out = new int[rank];
        int beginMask = 0;
        int endMask = 0;
        for (int i = 0; i < rank; i++) {
            int d = shape[i];
            int stride = r.between(1, 3) * (r.random.nextBoolean() ? 1 : -1);
            strides[i] = stride;
            begin[i] = r.random.nextInt(d);
            boolean maskBegin = r.random.nextInt(4) == 0;
            int start = maskBegin ? (stride > 0 ? 0 : d - 1) : begin[i];
            boolean maskEnd = r.random.nextInt(4) == 0 || (stride > 0 ? start == d : start == 0);
            if (!maskEnd) {
                end[i] = stride > 0 ? r.between(start + 1, d) : r.between(0, start - 1);
            }
            int stop = maskEnd ? (stride > 0 ? d : -1) : end[i];
            out[i] = (Math.abs(stop - start) + Math.abs(stride) - 1) / Math.abs(stride);
            beginMask |= maskBegin ? 1 << i : 0;
            endMask |= maskEnd ? 1 << i : 0;
        }
        Quantization q = quantization(r, type);
        StridedSliceOptionsT options = new StridedSliceOptionsT();
        options.setBeginMask(beginMask);
        options.setEndMask(endMask);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int b = m.constant("begin", TensorType.INT32, null, SingleOpModel.ints(begin), rank);
        int e = m.constant("end", TensorType.INT32, null, SingleOpModel.ints(end), rank);
        int st = m.constant("strides", TensorType.INT32, null, SingleOpModel.ints(strides), rank);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.STRIDED_SLICE, version(type), new int[] {input, b, e, st}, output,
                options, input);
        return new OpCase("STRIDED_SLICE " + type + " " + Arrays.toString(shape) + " begin " + Arrays.toString(begin)
                + " end " + Arrays.toString(end) + " strides " + Arrays.toString(strides) + " masks " + beginMask + "/"
                + endMask, model, new byte[][] {values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /** GATHER from a rank 1–4 input along a random axis with constant rank 1–2 indices, all in range. */
    static OpCase gather(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int axis = r.random.nextInt(shape.length);
        int[] indicesShape = r.shape(r.between(1, 2), 3);
        int[] indices = new int[RandomOpCases.count(indicesShape)];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = r.random.nextInt(shape[axis]);
        }
        int[] out = new int[shape.length - 1 + indicesShape.length];
        int k = 0;
        for (int i = 0; i < axis; i++) {
            out[k++] = shape[i];
        }
        for (int d : indicesShape) {
            out[k++] = d;
        }
        for (int i = axis + 1; i < shape.length; i++) {
            out[k++] = shape[i];
        }
        Quantization q = quantization(r, type);
        GatherOptionsT options = new GatherOptionsT();
        options.setAxis(axis);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int idx = m.constant("indices", TensorType.INT32, null, SingleOpModel.ints(indices), indicesShape);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.GATHER, version(type), new int[] {input, idx}, output, options, input);
        return new OpCase("GATHER " + type + " " + Arrays.toString(shape) + " axis " + axis + " indices "
                + Arrays.toString(indices) + " " + Arrays.toString(indicesShape), model,
                new byte[][] {values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /**
     * A reduction ({@code builtin} MEAN, SUM or REDUCE_MAX) of a rank 1–4 input over 1–rank distinct
     * axes (negative at times), keep_dims random. Float sums may be added in another order. int8
     * MEAN is compared within one step, differences counted: measured 41 of 129 elements one step
     * off (seed 0x7f1e2082; first: [3,3,3,3] over axes 1 and 2, keep_dims, TF Lite 2 and this runtime
     * 3). The cause is not pinned yet: TF Lite 2.6.2 rounds the int8 mean in its optimized kernels
     * (optimized_integer_ops::Mean for 4D over height and width), this runtime follows TFLM.
     */
    static OpCase reduce(RandomOpCases r, int builtin, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 5);
        int[] perm = permutation(r, shape.length);
        int[] axes = Arrays.copyOf(perm, r.between(1, shape.length));
        boolean[] reduced = new boolean[shape.length];
        for (int i = 0; i < axes.length; i++) {
            reduced[axes[i]] = true;
            if (r.random.nextBoolean()) {
                axes[i] -= shape.length;
            }
        }
        boolean keepDims = r.random.nextBoolean();
        int[] out = keepDims ? shape.clone() : new int[shape.length - (int) countTrue(reduced)];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (keepDims) {
                out[i] = reduced[i] ? 1 : shape[i];
            } else if (!reduced[i]) {
                out[j++] = shape[i];
            }
        }
        Quantization q = quantization(r, type);
        ReducerOptionsT options = new ReducerOptionsT();
        options.setKeepDims(keepDims);

        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int a = m.constant("axes", TensorType.INT32, null, SingleOpModel.ints(axes), axes.length);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(builtin, version(type), new int[] {input, a}, output, options, input);
        return new OpCase(BuiltinOperator.name(builtin) + " " + type + " " + Arrays.toString(shape) + " axes "
                + Arrays.toString(axes) + (keepDims ? " keep_dims" : "") + (q == null ? "" : " " + q), model,
                new byte[][] {values(r, type, RandomOpCases.count(shape))},
                type == TensorType.FLOAT32 && builtin != BuiltinOperator.REDUCE_MAX ? FLOAT_ROUNDING
                        : type == TensorType.INT8 && builtin == BuiltinOperator.MEAN ? REQUANTIZATION : EXACT);
    }

    private static long countTrue(boolean[] flags) {
        long n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static int[] permutation(RandomOpCases r, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            int j = r.random.nextInt(i + 1);
            perm[i] = perm[j];
            perm[j] = i;
        }
        return perm;
    }
}
