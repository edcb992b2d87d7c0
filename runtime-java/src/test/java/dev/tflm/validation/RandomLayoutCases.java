package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;
import static dev.tflm.validation.OpCase.Tolerance.REQUANTIZATION;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.DepthToSpaceOptionsT;
import dev.tflm.schema.ResizeBilinearOptionsT;
import dev.tflm.schema.ResizeNearestNeighborOptionsT;
import dev.tflm.schema.SpaceToDepthOptionsT;
import java.util.Arrays;

/**
 * Random cases of the image-layout ops from a {@link RandomOpCases}' seed: TILE, DEPTH_TO_SPACE,
 * SPACE_TO_DEPTH and the two RESIZE ops, on NHWC inputs of random size. int8 cases keep one
 * quantization for input and output, as converters write these ops.
 */
final class RandomLayoutCases {
    private RandomLayoutCases() {
    }

    /** TILE of a rank 1–4 input by multiples 1–3 per axis (TF Lite 2.6.2 tiles no int8). */
    static OpCase tile(RandomOpCases r, TensorType type) {
        int[] shape = r.shape(r.between(1, 4), 4);
        int[] multiples = new int[shape.length];
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            multiples[i] = r.between(1, 3);
            out[i] = shape[i] * multiples[i];
        }
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, shape);
        int mult = m.constant("multiples", TensorType.INT32, null, SingleOpModel.ints(multiples), multiples.length);
        int output = m.tensor("output", type, q, out);
        byte[] model = m.build(BuiltinOperator.TILE, type == TensorType.FLOAT32 ? 1 : 2, new int[] {input, mult}, output,
                null, input);
        return new OpCase("TILE " + type + " " + Arrays.toString(shape) + " x " + Arrays.toString(multiples), model,
                new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(shape))}, EXACT);
    }

    /** DEPTH_TO_SPACE (toSpace) or SPACE_TO_DEPTH of an NHWC input, block 2–3. */
    static OpCase spaceDepth(RandomOpCases r, TensorType type, boolean toSpace) {
        int block = r.between(2, 3);
        int batch = r.between(1, 2);
        int[] in;
        int[] out;
        if (toSpace) {
            int h = r.between(1, 4);
            int w = r.between(1, 4);
            int c = r.between(1, 3);
            in = new int[] {batch, h, w, c * block * block};
            out = new int[] {batch, h * block, w * block, c};
        } else {
            int h = r.between(1, 3) * block;
            int w = r.between(1, 3) * block;
            int c = r.between(1, 4);
            in = new int[] {batch, h, w, c};
            out = new int[] {batch, h / block, w / block, c * block * block};
        }
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, in);
        int output = m.tensor("output", type, q, out);
        Object options;
        if (toSpace) {
            DepthToSpaceOptionsT o = new DepthToSpaceOptionsT();
            o.setBlockSize(block);
            options = o;
        } else {
            SpaceToDepthOptionsT o = new SpaceToDepthOptionsT();
            o.setBlockSize(block);
            options = o;
        }
        byte[] model = m.build(toSpace ? BuiltinOperator.DEPTH_TO_SPACE : BuiltinOperator.SPACE_TO_DEPTH,
                type == TensorType.FLOAT32 ? 1 : 2, new int[] {input}, output, options, input);
        return new OpCase((toSpace ? "DEPTH_TO_SPACE " : "SPACE_TO_DEPTH ") + type + " " + Arrays.toString(in)
                + " block " + block, model, new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(in))}, EXACT);
    }

    /**
     * RESIZE_BILINEAR or RESIZE_NEAREST_NEIGHBOR of an NHWC input to a random size (larger or
     * smaller), align_corners and half_pixel_centers at random (not both, which TF Lite refuses).
     */
    static OpCase resize(RandomOpCases r, TensorType type, boolean bilinear) {
        int[] in = {r.between(1, 2), r.between(1, 6), r.between(1, 6), r.between(1, 4)};
        int[] size = {r.between(1, 9), r.between(1, 9)};
        int[] out = {in[0], size[0], size[1], in[3]};
        boolean alignCorners = r.random.nextInt(3) == 0;
        boolean halfPixelCenters = !alignCorners && r.random.nextBoolean();
        Quantization q = RandomShapeCases.quantization(r, type);
        SingleOpModel m = new SingleOpModel(r.constantDataOffset);
        int input = m.tensor("input", type, q, in);
        int sizeTensor = m.constant("size", TensorType.INT32, null, SingleOpModel.ints(size), 2);
        int output = m.tensor("output", type, q, out);
        Object options;
        if (bilinear) {
            ResizeBilinearOptionsT o = new ResizeBilinearOptionsT();
            o.setAlignCorners(alignCorners);
            o.setHalfPixelCenters(halfPixelCenters);
            options = o;
        } else {
            ResizeNearestNeighborOptionsT o = new ResizeNearestNeighborOptionsT();
            o.setAlignCorners(alignCorners);
            o.setHalfPixelCenters(halfPixelCenters);
            options = o;
        }
        byte[] model = m.build(bilinear ? BuiltinOperator.RESIZE_BILINEAR : BuiltinOperator.RESIZE_NEAREST_NEIGHBOR,
                3, new int[] {input, sizeTensor}, output, options, input);
        OpCase.Tolerance tolerance = type == TensorType.FLOAT32 ? FLOAT_ROUNDING : bilinear ? REQUANTIZATION : EXACT;
        return new OpCase((bilinear ? "RESIZE_BILINEAR " : "RESIZE_NEAREST_NEIGHBOR ") + type + " "
                + Arrays.toString(in) + " → " + Arrays.toString(size)
                + (alignCorners ? " align_corners" : "") + (halfPixelCenters ? " half_pixel_centers" : ""),
                model, new byte[][] {RandomShapeCases.values(r, type, RandomOpCases.count(in))}, tolerance);
    }
}
