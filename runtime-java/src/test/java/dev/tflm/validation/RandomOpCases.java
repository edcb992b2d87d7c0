package dev.tflm.validation;

import static dev.tflm.validation.OpCase.Tolerance.EXACT;
import static dev.tflm.validation.OpCase.Tolerance.FLOAT_ROUNDING;
import static dev.tflm.validation.OpCase.Tolerance.REQUANTIZATION;

import dev.tflm.Quantization;
import dev.tflm.TensorType;
import dev.tflm.schema.ActivationFunctionType;
import dev.tflm.schema.AddOptionsT;
import dev.tflm.schema.BuiltinOperator;
import dev.tflm.schema.Conv2DOptionsT;
import dev.tflm.schema.DepthwiseConv2DOptionsT;
import dev.tflm.schema.FullyConnectedOptionsT;
import dev.tflm.schema.MulOptionsT;
import dev.tflm.schema.Padding;
import dev.tflm.schema.Pool2DOptionsT;
import dev.tflm.schema.ReshapeOptionsT;
import dev.tflm.schema.SVDFOptionsT;
import dev.tflm.schema.SoftmaxOptionsT;
import dev.tflm.schema.TransposeConvOptionsT;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Generates random single-op cases from a fixed seed: shapes, windows, activations, quantization
 * parameters, weights and inputs. Quantized output scales are chosen from the accumulator's typical
 * size so that outputs spread over the int8 range instead of saturating.
 */
final class RandomOpCases {
    /** Standard deviation of a uniformly random int8 value (256 / √12): the typical |q - zp|. */
    private static final double INT8_SPREAD = 74;
    /** The typical quantized output's distance from its zero point that output scales aim at. */
    private static final double OUTPUT_SPREAD = 40;
    /** Standard deviation of a uniformly random int16 value (65536 / √12). */
    private static final double INT16_SPREAD = 18918;
    /** The typical int16 state value's distance from zero that SVDF state scales aim at. */
    private static final double STATE_SPREAD = 2560;
    private static final byte[] ACTIVATIONS = {
        ActivationFunctionType.NONE, ActivationFunctionType.RELU, ActivationFunctionType.RELU6,
        ActivationFunctionType.RELU_N1_TO_1};

    final Random random;
    final int constantDataOffset;

    RandomOpCases(long seed) {
        this(seed, 0);
    }

    /** Cases whose constant data lies {@code constantDataOffset} bytes past 16-byte boundaries of the file. */
    RandomOpCases(long seed, int constantDataOffset) {
        random = new Random(seed);
        this.constantDataOffset = constantDataOffset;
    }

    OpCase fullyConnectedInt8() {
        int batch = between(1, 3);
        int depth = between(1, 64);
        int units = between(1, 32);
        float inScale = scale();
        float weightScale = scale();
        Quantization in = Quantization.perTensor(inScale, zeroPoint());
        Quantization out = Quantization.perTensor(outputScale(inScale, weightScale, depth), zeroPoint());
        boolean withBias = random.nextInt(5) > 0;
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, batch, depth);
        int weights = m.constant("weights", TensorType.INT8, Quantization.perTensor(weightScale, 0),
                weights(units * depth), units, depth);
        Quantization biasScale = Quantization.perTensor(inScale * weightScale, 0);
        int bias = withBias
                ? m.constant("bias", TensorType.INT32, biasScale, SingleOpModel.ints(biases(units, depth)), units)
                : -1;
        int output = m.tensor("output", TensorType.INT8, out, batch, units);
        byte[] model = m.build(BuiltinOperator.FULLY_CONNECTED, 4, new int[] {input, weights, bias}, output,
                fullyConnectedOptions(activation), input);
        return new OpCase("FULLY_CONNECTED int8 [" + batch + "," + depth + "]→" + units
                + (withBias ? "" : " no bias") + " " + ActivationFunctionType.name(activation) + " " + in + " → " + out, model,
                new byte[][] {bytes(batch * depth)}, REQUANTIZATION);
    }

    OpCase fullyConnectedFloat() {
        int batch = between(1, 3);
        int depth = between(1, 64);
        int units = between(1, 32);
        boolean withBias = random.nextInt(5) > 0;
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, batch, depth);
        int weights = m.constant("weights", TensorType.FLOAT32, null, floats(units * depth, 1), units, depth);
        int bias = withBias ? m.constant("bias", TensorType.FLOAT32, null, floats(units, 1), units) : -1;
        int output = m.tensor("output", TensorType.FLOAT32, null, batch, units);
        byte[] model = m.build(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {input, weights, bias}, output,
                fullyConnectedOptions(activation), input);
        return new OpCase("FULLY_CONNECTED float32 [" + batch + "," + depth + "]→" + units
                + (withBias ? "" : " no bias") + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(batch * depth, 1)}, FLOAT_ROUNDING);
    }

    OpCase conv2dInt8() {
        Geometry g = geometry(6, channels -> between(1, 6), 5, true);
        int depth = g.kernelArea() * g.inChannels;
        float inScale = scale();
        float[] weightScales = channelScales(g.outChannels);
        Quantization in = Quantization.perTensor(inScale, zeroPoint());
        Quantization out = Quantization.perTensor(outputScale(inScale, weightScales[0], depth), zeroPoint());
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, g.input());
        int filter = m.constant("filter", TensorType.INT8, Quantization.perChannel(weightScales,
                new long[g.outChannels], 0), weights(g.outChannels * depth), g.convFilter());
        int bias = m.constant("bias", TensorType.INT32, biasQuantization(inScale, weightScales),
                SingleOpModel.ints(biases(g.outChannels, depth)), g.outChannels);
        int output = m.tensor("output", TensorType.INT8, out, g.output());
        byte[] model = m.build(BuiltinOperator.CONV_2D, 3, new int[] {input, filter, bias}, output,
                g.conv2dOptions(activation), input);
        return new OpCase("CONV_2D int8 per-channel " + g + "→" + g.outChannels + " " + g.window + " " + ActivationFunctionType.name(activation)
                + " " + in + " → " + out, model, new byte[][] {bytes(g.inputCount())}, REQUANTIZATION);
    }

    /**
     * FULLY_CONNECTED hybrid, as dynamic-range quantization writes it: float32 input, bias and
     * output, int8 weights with one scale; the input is quantized per batch at run time, symmetric
     * or asymmetric. Per-tensor only: TF Lite 2.6.2 reads one filter scale and applies it to every
     * unit of a per-channel filter, where TF Lite 2.21 (and this runtime) scale each unit by its
     * own; native/tests/test_hybrid.c checks that case.
     */
    OpCase fullyConnectedHybrid() {
        int batch = between(1, 3);
        int depth = between(1, 64);
        int units = between(1, 32);
        boolean asymmetric = random.nextBoolean();
        boolean withBias = random.nextInt(5) > 0;
        byte activation = activation();
        Quantization weightQuantization = Quantization.perTensor(scale(), 0);

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, batch, depth);
        int weights = m.constant("weights", TensorType.INT8, weightQuantization, weights(units * depth), units, depth);
        int bias = withBias ? m.constant("bias", TensorType.FLOAT32, null, floats(units, 1), units) : -1;
        int output = m.tensor("output", TensorType.FLOAT32, null, batch, units);
        FullyConnectedOptionsT options = fullyConnectedOptions(activation);
        options.setAsymmetricQuantizeInputs(asymmetric);
        byte[] model = m.build(BuiltinOperator.FULLY_CONNECTED, 9, new int[] {input, weights, bias}, output,
                options, input);
        return new OpCase("FULLY_CONNECTED hybrid [" + batch + "," + depth + "]→" + units
                + (asymmetric ? " asymmetric" : " symmetric")
                + (withBias ? "" : " no bias") + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(batch * depth, 1)}, FLOAT_ROUNDING);
    }

    /**
     * CONV_2D hybrid, as dynamic-range quantization writes it: float32 input, bias and output, int8
     * filter with one scale per output channel (TF Lite's EvalHybridPerChannel, the input quantized
     * asymmetric per batch) or one for all (EvalHybrid, symmetric).
     */
    OpCase conv2dHybrid(boolean perChannel) {
        Geometry g = geometry(6, channels -> between(1, 6), 5, true);
        int depth = g.kernelArea() * g.inChannels;
        float[] weightScales = channelScales(g.outChannels);
        Quantization filterQuantization = perChannel
                ? Quantization.perChannel(weightScales, new long[g.outChannels], 0)
                : Quantization.perTensor(weightScales[0], 0);
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, g.input());
        int filter = m.constant("filter", TensorType.INT8, filterQuantization, weights(g.outChannels * depth),
                g.convFilter());
        int bias = m.constant("bias", TensorType.FLOAT32, null, floats(g.outChannels, 1), g.outChannels);
        int output = m.tensor("output", TensorType.FLOAT32, null, g.output());
        byte[] model = m.build(BuiltinOperator.CONV_2D, 2, new int[] {input, filter, bias}, output,
                g.conv2dOptions(activation), input);
        return new OpCase("CONV_2D hybrid " + (perChannel ? "per-channel " : "per-tensor ") + g + "→"
                + g.outChannels + " " + g.window + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(g.inputCount(), 1)}, FLOAT_ROUNDING);
    }

    /**
     * FULLY_CONNECTED 16x8: int16 input and output (zero points 0), int8 weights, int64 bias. Scales
     * as for int8 with the input and output scale divided by 256, so values spread over int16.
     */
    OpCase fullyConnected16x8() {
        int batch = between(1, 3);
        int depth = between(1, 64);
        int units = between(1, 32);
        float scale8 = scale();
        float inScale = scale8 / 256;
        float weightScale = scale();
        Quantization in = Quantization.perTensor(inScale, 0);
        Quantization out = Quantization.perTensor(outputScale(scale8, weightScale, depth) / 256, 0);
        boolean withBias = random.nextInt(5) > 0;
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT16, in, batch, depth);
        int weights = m.constant("weights", TensorType.INT8, Quantization.perTensor(weightScale, 0),
                weights(units * depth), units, depth);
        int bias = withBias ? m.constant("bias", TensorType.INT64, Quantization.perTensor(inScale * weightScale, 0),
                longs(biases(units, depth), 256), units) : -1;
        int output = m.tensor("output", TensorType.INT16, out, batch, units);
        byte[] model = m.build(BuiltinOperator.FULLY_CONNECTED, 7, new int[] {input, weights, bias}, output,
                fullyConnectedOptions(activation), input);
        return new OpCase("FULLY_CONNECTED 16x8 [" + batch + "," + depth + "]→" + units
                + (withBias ? "" : " no bias") + " " + ActivationFunctionType.name(activation) + " " + in + " → " + out,
                model, new byte[][] {shorts(batch * depth)}, EXACT);
    }

    /** CONV_2D 16x8 per-channel: int16 input and output (zero points 0), int8 filter, int64 bias. */
    OpCase conv2d16x8() {
        Geometry g = geometry(6, channels -> between(1, 6), 5, true);
        int depth = g.kernelArea() * g.inChannels;
        float scale8 = scale();
        float inScale = scale8 / 256;
        float[] weightScales = channelScales(g.outChannels);
        Quantization in = Quantization.perTensor(inScale, 0);
        Quantization out = Quantization.perTensor(outputScale(scale8, weightScales[0], depth) / 256, 0);
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT16, in, g.input());
        int filter = m.constant("filter", TensorType.INT8, Quantization.perChannel(weightScales,
                new long[g.outChannels], 0), weights(g.outChannels * depth), g.convFilter());
        int bias = m.constant("bias", TensorType.INT64, biasQuantization(inScale, weightScales),
                longs(biases(g.outChannels, depth), 256), g.outChannels);
        int output = m.tensor("output", TensorType.INT16, out, g.output());
        byte[] model = m.build(BuiltinOperator.CONV_2D, 4, new int[] {input, filter, bias}, output,
                g.conv2dOptions(activation), input);
        return new OpCase("CONV_2D 16x8 per-channel " + g + "→" + g.outChannels + " " + g.window + " "
                + ActivationFunctionType.name(activation) + " " + in + " → " + out, model,
                new byte[][] {shorts(g.inputCount())}, EXACT);
    }

    /**
     * TRANSPOSE_CONV (TF Lite's input order: output shape, filter [out, h, w, in], input, bias)
     * with a 1–4 kernel, stride 1–3, SAME or VALID; float32, or int8 with per-channel filter scales.
     * int8 is exact: TF Lite 2.6.2 requantizes with the reference arithmetic (measured: 0 of 7733
     * elements differed over 40 cases).
     */
    OpCase transposeConv(boolean int8) {
        int batch = between(1, 2);
        int height = between(1, 6);
        int width = between(1, 6);
        int inChannels = between(1, 5);
        int outChannels = between(1, 5);
        int kernelH = between(1, 4);
        int kernelW = between(1, 4);
        int strideH = between(1, 3);
        int strideW = between(1, 3);
        byte padding = random.nextBoolean() ? Padding.SAME : Padding.VALID;
        int outH = padding == Padding.SAME ? height * strideH : (height - 1) * strideH + kernelH;
        int outW = padding == Padding.SAME ? width * strideW : (width - 1) * strideW + kernelW;
        int[] outShape = {batch, outH, outW, outChannels};
        int[] filterShape = {outChannels, kernelH, kernelW, inChannels};
        int filterCount = outChannels * kernelH * kernelW * inChannels;
        // each output sums at most ceil(k / stride) taps per axis over all input channels
        int depth = Math.max(1, (kernelH + strideH - 1) / strideH * ((kernelW + strideW - 1) / strideW) * inChannels);
        float inScale = scale();
        float[] weightScales = channelScales(outChannels);
        Quantization in = int8 ? Quantization.perTensor(inScale, zeroPoint()) : null;
        Quantization out = int8 ? Quantization.perTensor(outputScale(inScale, weightScales[0], depth), zeroPoint()) : null;
        TensorType type = int8 ? TensorType.INT8 : TensorType.FLOAT32;
        TransposeConvOptionsT options = new TransposeConvOptionsT();
        options.setPadding(padding);
        options.setStrideH(strideH);
        options.setStrideW(strideW);

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int shape = m.constant("output_shape", TensorType.INT32, null, SingleOpModel.ints(outShape), 4);
        int filter = int8
                ? m.constant("filter", TensorType.INT8, Quantization.perChannel(weightScales, new long[outChannels], 0),
                        weights(filterCount), filterShape)
                : m.constant("filter", TensorType.FLOAT32, null, floats(filterCount, 1), filterShape);
        int input = m.tensor("input", type, in, batch, height, width, inChannels);
        int bias = int8
                ? m.constant("bias", TensorType.INT32, biasQuantization(inScale, weightScales),
                        SingleOpModel.ints(biases(outChannels, depth)), outChannels)
                : m.constant("bias", TensorType.FLOAT32, null, floats(outChannels, 1), outChannels);
        int output = m.tensor("output", type, out, outShape);
        byte[] model = m.build(BuiltinOperator.TRANSPOSE_CONV, int8 ? 3 : 1, new int[] {shape, filter, input, bias},
                output, options, input);
        return new OpCase("TRANSPOSE_CONV " + type + " [" + batch + "," + height + "," + width + "," + inChannels + "]→"
                + outChannels + " " + kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW + " "
                + Padding.name(padding) + (int8 ? " " + in + " → " + out : ""), model,
                new byte[][] {int8 ? bytes(batch * height * width * inChannels)
                        : floats(batch * height * width * inChannels, 1)}, int8 ? EXACT : FLOAT_ROUNDING);
    }

    OpCase conv2dFloat() {
        Geometry g = geometry(6, channels -> between(1, 6), 5, true);
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, g.input());
        int filter = m.constant("filter", TensorType.FLOAT32, null,
                floats(g.outChannels * g.kernelArea() * g.inChannels, 1), g.convFilter());
        int bias = m.constant("bias", TensorType.FLOAT32, null, floats(g.outChannels, 1), g.outChannels);
        int output = m.tensor("output", TensorType.FLOAT32, null, g.output());
        byte[] model = m.build(BuiltinOperator.CONV_2D, 1, new int[] {input, filter, bias}, output,
                g.conv2dOptions(activation), input);
        return new OpCase("CONV_2D float32 " + g + "→" + g.outChannels + " " + g.window + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(g.inputCount(), 1)}, FLOAT_ROUNDING);
    }

    OpCase depthwiseConv2dInt8() {
        Geometry g = geometry(6, channels -> channels * between(1, 3), 5, true);
        float inScale = scale();
        float[] weightScales = channelScales(g.outChannels);
        Quantization in = Quantization.perTensor(inScale, zeroPoint());
        Quantization out = Quantization.perTensor(outputScale(inScale, weightScales[0], g.kernelArea()), zeroPoint());
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, g.input());
        // TF Lite's depthwise filter is [1, h, w, channels], quantized along its last dimension
        int filter = m.constant("filter", TensorType.INT8, Quantization.perChannel(weightScales,
                new long[g.outChannels], 3), weights(g.kernelArea() * g.outChannels), g.depthwiseFilter());
        int bias = m.constant("bias", TensorType.INT32, biasQuantization(inScale, weightScales),
                SingleOpModel.ints(biases(g.outChannels, g.kernelArea())), g.outChannels);
        int output = m.tensor("output", TensorType.INT8, out, g.output());
        byte[] model = m.build(BuiltinOperator.DEPTHWISE_CONV_2D, 3, new int[] {input, filter, bias}, output,
                g.depthwiseConv2dOptions(activation), input);
        return new OpCase("DEPTHWISE_CONV_2D int8 per-channel " + g + "×" + g.multiplier() + " " + g.window + " "
                + ActivationFunctionType.name(activation) + " " + in + " → " + out, model, new byte[][] {bytes(g.inputCount())}, REQUANTIZATION);
    }

    OpCase depthwiseConv2dFloat() {
        Geometry g = geometry(6, channels -> channels * between(1, 3), 5, true);
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, g.input());
        int filter = m.constant("filter", TensorType.FLOAT32, null,
                floats(g.kernelArea() * g.outChannels, 1), g.depthwiseFilter());
        int bias = m.constant("bias", TensorType.FLOAT32, null, floats(g.outChannels, 1), g.outChannels);
        int output = m.tensor("output", TensorType.FLOAT32, null, g.output());
        byte[] model = m.build(BuiltinOperator.DEPTHWISE_CONV_2D, 2, new int[] {input, filter, bias}, output,
                g.depthwiseConv2dOptions(activation), input);
        return new OpCase("DEPTHWISE_CONV_2D float32 " + g + "×" + g.multiplier() + " " + g.window + " "
                + ActivationFunctionType.name(activation), model, new byte[][] {floats(g.inputCount(), 1)}, FLOAT_ROUNDING);
    }

    /**
     * DEPTHWISE_CONV_2D hybrid: float32 input, bias and output, int8 filter with one scale per
     * channel (TF Lite's only hybrid depthwise path; the input quantized asymmetric per batch).
     */
    OpCase depthwiseConv2dHybrid() {
        Geometry g = geometry(6, channels -> channels * between(1, 3), 5, true);
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, g.input());
        int filter = m.constant("filter", TensorType.INT8, Quantization.perChannel(channelScales(g.outChannels),
                new long[g.outChannels], 3), weights(g.kernelArea() * g.outChannels), g.depthwiseFilter());
        int bias = m.constant("bias", TensorType.FLOAT32, null, floats(g.outChannels, 1), g.outChannels);
        int output = m.tensor("output", TensorType.FLOAT32, null, g.output());
        byte[] model = m.build(BuiltinOperator.DEPTHWISE_CONV_2D, 6, new int[] {input, filter, bias}, output,
                g.depthwiseConv2dOptions(activation), input);
        return new OpCase("DEPTHWISE_CONV_2D hybrid per-channel " + g + "×" + g.multiplier() + " " + g.window + " "
                + ActivationFunctionType.name(activation), model, new byte[][] {floats(g.inputCount(), 1)}, FLOAT_ROUNDING);
    }

    OpCase averagePoolInt8() {
        return poolInt8(BuiltinOperator.AVERAGE_POOL_2D);
    }

    OpCase maxPoolInt8() {
        return poolInt8(BuiltinOperator.MAX_POOL_2D);
    }

    OpCase averagePoolFloat() {
        return poolFloat(BuiltinOperator.AVERAGE_POOL_2D, FLOAT_ROUNDING);
    }

    OpCase maxPoolFloat() {
        return poolFloat(BuiltinOperator.MAX_POOL_2D, EXACT);
    }

    OpCase l2PoolFloat() {
        return poolFloat(BuiltinOperator.L2_POOL_2D, FLOAT_ROUNDING);
    }

    private OpCase poolInt8(int builtin) {
        Geometry g = geometry(8, channels -> channels, 4, false);
        // TF Lite requires the output's quantization to equal the input's
        Quantization q = Quantization.perTensor(scale(), zeroPoint());
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, q, g.input());
        int output = m.tensor("output", TensorType.INT8, q, g.output());
        byte[] model = m.build(builtin, 2, new int[] {input}, output, g.pool2dOptions(activation), input);
        return new OpCase(BuiltinOperator.name(builtin) + " int8 " + g + " " + g.window + " " + ActivationFunctionType.name(activation) + " " + q, model,
                new byte[][] {bytes(g.inputCount())}, EXACT);
    }

    private OpCase poolFloat(int builtin, OpCase.Tolerance tolerance) {
        Geometry g = geometry(8, channels -> channels, 4, false);
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, g.input());
        int output = m.tensor("output", TensorType.FLOAT32, null, g.output());
        byte[] model = m.build(builtin, 1, new int[] {input}, output, g.pool2dOptions(activation), input);
        // inputs beyond ±6 so that RELU6 and RELU_N1_TO_1 clamp
        return new OpCase(BuiltinOperator.name(builtin) + " float32 " + g + " " + g.window + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(g.inputCount(), 8)}, tolerance);
    }

    OpCase addInt8() {
        return binaryInt8(BuiltinOperator.ADD, RandomOpCases::addOptions, (scale1, scale2) -> scale(), "+");
    }

    OpCase addFloat() {
        return binaryFloat(BuiltinOperator.ADD, RandomOpCases::addOptions, "+");
    }

    OpCase mulInt8() {
        // a typical product of two inputs about OUTPUT_SPREAD steps from the output's zero point
        return binaryInt8(BuiltinOperator.MUL, RandomOpCases::mulOptions,
                (scale1, scale2) -> outputScale((float) scale1, (float) scale2, 1), "×");
    }

    OpCase mulFloat() {
        return binaryFloat(BuiltinOperator.MUL, RandomOpCases::mulOptions, "×");
    }

    /** An int8 two-input op with broadcasting; {@code outputScale} picks the output's scale from the inputs'. */
    private OpCase binaryInt8(int builtin, Function<Byte, Object> options,
                              DoubleBinaryOperator outputScale, String sign) {
        int[][] shapes = broadcastShapes();
        float scale1 = scale();
        Quantization in1 = Quantization.perTensor(scale1, zeroPoint());
        float scale2 = scale();
        Quantization in2 = Quantization.perTensor(scale2, zeroPoint());
        Quantization out = Quantization.perTensor((float) outputScale.applyAsDouble(scale1, scale2), zeroPoint());
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int a = m.tensor("a", TensorType.INT8, in1, shapes[0]);
        int b = m.tensor("b", TensorType.INT8, in2, shapes[1]);
        int output = m.tensor("output", TensorType.INT8, out, shapes[2]);
        byte[] model = m.build(builtin, 2, new int[] {a, b}, output, options.apply(activation), a, b);
        return new OpCase(BuiltinOperator.name(builtin) + " int8 " + Arrays.toString(shapes[0]) + " " + sign + " "
                + Arrays.toString(shapes[1]) + " " + ActivationFunctionType.name(activation) + " " + in1 + " " + sign + " " + in2 + " → " + out,
                model, new byte[][] {bytes(count(shapes[0])), bytes(count(shapes[1]))}, EXACT);
    }

    /** A float32 two-input op with broadcasting: one rounding of each result, so TF Lite and we agree exactly. */
    private OpCase binaryFloat(int builtin, Function<Byte, Object> options,
                               String sign) {
        int[][] shapes = broadcastShapes();
        byte activation = activation();

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int a = m.tensor("a", TensorType.FLOAT32, null, shapes[0]);
        int b = m.tensor("b", TensorType.FLOAT32, null, shapes[1]);
        int output = m.tensor("output", TensorType.FLOAT32, null, shapes[2]);
        byte[] model = m.build(builtin, 1, new int[] {a, b}, output, options.apply(activation), a, b);
        return new OpCase(BuiltinOperator.name(builtin) + " float32 " + Arrays.toString(shapes[0]) + " " + sign + " "
                + Arrays.toString(shapes[1]) + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(count(shapes[0]), 4), floats(count(shapes[1]), 4)}, EXACT);
    }

    OpCase svdfInt8() {
        SvdfShape s = svdfShape();
        float inScale = scale();
        float featureScale = scale();
        float timeScale = scale() / 256; // int16 weights: 256 times the int8 range
        Quantization in = Quantization.perTensor(inScale, zeroPoint());
        // the state keeps feature dot products of inputSize terms as int16, STATE_SPREAD steps typically
        float stateScale = outputScale(inScale, featureScale, s.inputSize) * (float) (OUTPUT_SPREAD / STATE_SPREAD);
        Quantization state = Quantization.perTensor(stateScale, 0);
        // the first invoke sees one memory column: rank products of a state and a time weight per output
        double typicalOutput = Math.sqrt(s.rank) * STATE_SPREAD * INT16_SPREAD * stateScale * timeScale;
        Quantization out = Quantization.perTensor(
                (float) (typicalOutput / OUTPUT_SPREAD * (0.5 + 1.5 * random.nextDouble())), zeroPoint());
        // TF Lite 2.6.2 accepts int8 SVDF with RELU only; neither it nor TFLM applies it to int8
        // outputs (beyond the int8 clamp), so it changes nothing here
        byte activation = ActivationFunctionType.RELU;

        SingleOpModel m = new SingleOpModel();
        int input = m.tensor("input", TensorType.INT8, in, s.batch, s.inputSize);
        int weightsFeature = m.constant("weights_feature", TensorType.INT8, Quantization.perTensor(featureScale, 0),
                weights(s.filters() * s.inputSize), s.filters(), s.inputSize);
        int weightsTime = m.constant("weights_time", TensorType.INT16, Quantization.perTensor(timeScale, 0),
                shorts(s.filters() * s.memory), s.filters(), s.memory);
        int[] biases = random.ints(s.units, (int) -(STATE_SPREAD * INT16_SPREAD), (int) (STATE_SPREAD * INT16_SPREAD))
                .toArray();
        int bias = s.withBias ? m.constant("bias", TensorType.INT32, Quantization.perTensor(stateScale * timeScale, 0),
                SingleOpModel.ints(biases), s.units) : -1;
        int stateTensor = m.variable("state", TensorType.INT16, state, s.batch, s.memory * s.filters());
        int output = m.tensor("output", TensorType.INT8, out, s.batch, s.units);
        byte[] model = m.build(BuiltinOperator.SVDF, 3, new int[] {input, weightsFeature, weightsTime, bias,
                stateTensor}, output, svdfOptions(s.rank, activation), input);
        return new OpCase("SVDF int8 " + s + " " + ActivationFunctionType.name(activation) + " " + in + " state " + state + " → " + out, model,
                new byte[][] {bytes(s.batch * s.inputSize)}, EXACT);
    }

    OpCase svdfFloat() {
        SvdfShape s = svdfShape();
        byte activation = activation();

        SingleOpModel m = new SingleOpModel();
        int input = m.tensor("input", TensorType.FLOAT32, null, s.batch, s.inputSize);
        int weightsFeature = m.constant("weights_feature", TensorType.FLOAT32, null,
                floats(s.filters() * s.inputSize, 1), s.filters(), s.inputSize);
        int weightsTime = m.constant("weights_time", TensorType.FLOAT32, null, floats(s.filters() * s.memory, 1),
                s.filters(), s.memory);
        int bias = s.withBias ? m.constant("bias", TensorType.FLOAT32, null, floats(s.units, 1), s.units) : -1;
        int stateTensor = m.variable("state", TensorType.FLOAT32, null, s.batch, s.memory * s.filters());
        int output = m.tensor("output", TensorType.FLOAT32, null, s.batch, s.units);
        byte[] model = m.build(BuiltinOperator.SVDF, 1, new int[] {input, weightsFeature, weightsTime, bias,
                stateTensor}, output, svdfOptions(s.rank, activation), input);
        return new OpCase("SVDF float32 " + s + " " + ActivationFunctionType.name(activation), model,
                new byte[][] {floats(s.batch * s.inputSize, 1)}, FLOAT_ROUNDING);
    }

    /** SVDF's sizes: {@code units × rank} filters over {@code inputSize} inputs, {@code memory} steps kept. */
    record SvdfShape(int batch, int inputSize, int units, int rank, int memory, boolean withBias) {
        int filters() {
            return units * rank;
        }

        @Override
        public String toString() {
            return "[" + batch + "," + inputSize + "]→" + units + " rank " + rank + " memory " + memory
                    + (withBias ? "" : " no bias");
        }
    }

    private SvdfShape svdfShape() {
        return new SvdfShape(between(1, 3), between(1, 40), between(1, 16), between(1, 3), between(1, 10),
                random.nextInt(5) > 0);
    }

    OpCase softmaxInt8() {
        int[] shape = softmaxShape();
        Quantization in = Quantization.perTensor((float) (0.01 + 0.3 * random.nextDouble()), zeroPoint());
        // TF Lite requires int8 softmax outputs to be quantized with scale 1/256, zero point -128
        Quantization out = Quantization.perTensor(1f / 256, -128);
        float beta = (float) (0.25 + 2 * random.nextDouble());

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, shape);
        int output = m.tensor("output", TensorType.INT8, out, shape);
        byte[] model = m.build(BuiltinOperator.SOFTMAX, 2, new int[] {input}, output,
                softmaxOptions(beta), input);
        return new OpCase("SOFTMAX int8 " + Arrays.toString(shape) + " beta " + beta + " " + in, model,
                new byte[][] {bytes(count(shape))}, EXACT);
    }

    OpCase softmaxFloat() {
        int[] shape = softmaxShape();
        float beta = (float) (0.25 + 2 * random.nextDouble());

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, shape);
        int output = m.tensor("output", TensorType.FLOAT32, null, shape);
        byte[] model = m.build(BuiltinOperator.SOFTMAX, 1, new int[] {input}, output,
                softmaxOptions(beta), input);
        return new OpCase("SOFTMAX float32 " + Arrays.toString(shape) + " beta " + beta, model,
                new byte[][] {floats(count(shape), 8)}, FLOAT_ROUNDING);
    }

    OpCase quantizeFloatToInt8() {
        int length = between(1, 100);
        float scale = scale();
        Quantization out = Quantization.perTensor(scale, zeroPoint());
        // half the values lie exactly between two steps, where the rounding mode shows; all span
        // beyond the int8 range so that clamping shows too
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextBoolean()
                    ? (float) ((random.nextInt(300) - 150 + 0.5) * scale)
                    : (float) ((random.nextDouble() * 300 - 150) * scale);
        }

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.FLOAT32, null, length);
        int output = m.tensor("output", TensorType.INT8, out, length);
        byte[] model = m.build(BuiltinOperator.QUANTIZE, 1, new int[] {input}, output, null, input);
        return new OpCase("QUANTIZE float32→int8 [" + length + "] " + out, model,
                new byte[][] {SingleOpModel.floats(values)}, EXACT);
    }

    OpCase requantizeInt8() {
        int length = between(1, 100);
        Quantization in = Quantization.perTensor(scale(), zeroPoint());
        Quantization out = Quantization.perTensor(scale(), zeroPoint());

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, length);
        int output = m.tensor("output", TensorType.INT8, out, length);
        byte[] model = m.build(BuiltinOperator.QUANTIZE, 2, new int[] {input}, output, null, input);
        return new OpCase("QUANTIZE int8→int8 [" + length + "] " + in + " → " + out, model,
                new byte[][] {bytes(length)}, EXACT);
    }

    OpCase dequantizeInt8() {
        int length = between(1, 100);
        Quantization in = Quantization.perTensor(scale(), zeroPoint());

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", TensorType.INT8, in, length);
        int output = m.tensor("output", TensorType.FLOAT32, null, length);
        byte[] model = m.build(BuiltinOperator.DEQUANTIZE, 2, new int[] {input}, output, null, input);
        // one float multiply of an exact integer difference: no room for disagreement
        return new OpCase("DEQUANTIZE int8→float32 [" + length + "] " + in, model,
                new byte[][] {bytes(length)}, EXACT);
    }

    OpCase reshape() {
        boolean float32 = random.nextBoolean();
        int[] from = shape(between(1, 4), 6);
        int[] to = refactor(count(from));
        int[] requested = to.clone();
        if (random.nextInt(3) == 0) {
            requested[random.nextInt(requested.length)] = -1; // "whatever the rest leaves"
        }
        boolean shapeInput = random.nextBoolean();
        TensorType type = float32 ? TensorType.FLOAT32 : TensorType.INT8;
        Quantization q = float32 ? null : Quantization.perTensor(scale(), zeroPoint());

        SingleOpModel m = new SingleOpModel(constantDataOffset);
        int input = m.tensor("input", type, q, from);
        int shape = shapeInput ? m.constant("shape", TensorType.INT32, null, SingleOpModel.ints(requested),
                requested.length) : -1;
        int output = m.tensor("output", type, q, to);
        int[] inputs = shapeInput ? new int[] {input, shape} : new int[] {input};
        byte[] model = m.build(BuiltinOperator.RESHAPE, 1, inputs, output,
                reshapeOptions(requested), input);
        return new OpCase("RESHAPE " + type + " " + Arrays.toString(from) + " → " + Arrays.toString(requested)
                + (shapeInput ? " (shape tensor)" : " (options only)"), model,
                new byte[][] {float32 ? floats(count(from), 1) : bytes(count(from))}, EXACT);
    }

    /** A convolution or pooling window that gives at least one output position. */
    record Window(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW, byte padding) {
        int outHeight(int height) {
            return out(height, kernelH, strideH, dilationH);
        }

        int outWidth(int width) {
            return out(width, kernelW, strideW, dilationW);
        }

        private int out(int size, int kernel, int stride, int dilation) {
            int span = dilation * (kernel - 1) + 1;
            return padding == Padding.SAME ? (size + stride - 1) / stride : (size - span + stride) / stride;
        }

        @Override
        public String toString() {
            return kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW + " dilation " + dilationH + "x"
                    + dilationW + " " + Padding.name(padding);
        }
    }

    private Window window(int height, int width, int maxKernel, boolean dilated) {
        int kernelH = between(1, maxKernel);
        int kernelW = between(1, maxKernel);
        int dilationH = dilated ? between(1, 2) : 1;
        int dilationW = dilated ? between(1, 2) : 1;
        byte padding = random.nextBoolean() ? Padding.SAME : Padding.VALID;
        // VALID needs the dilated kernel to fit; SAME always has an output
        if (dilationH * (kernelH - 1) + 1 > height || dilationW * (kernelW - 1) + 1 > width) {
            padding = Padding.SAME;
        }
        return new Window(kernelH, kernelW, between(1, 3), between(1, 3), dilationH, dilationW, padding);
    }

    /** An NHWC input, the window sliding over it and the number of output channels. */
    record Geometry(int batch, int height, int width, int inChannels, int outChannels, Window window) {
        int[] input() {
            return new int[] {batch, height, width, inChannels};
        }

        int[] output() {
            return new int[] {batch, window.outHeight(height), window.outWidth(width), outChannels};
        }

        int inputCount() {
            return batch * height * width * inChannels;
        }

        int kernelArea() {
            return window.kernelH * window.kernelW;
        }

        int multiplier() {
            return outChannels / inChannels;
        }

        /** CONV_2D's filter shape, [out, h, w, in]. */
        int[] convFilter() {
            return new int[] {outChannels, window.kernelH, window.kernelW, inChannels};
        }

        /** DEPTHWISE_CONV_2D's filter shape, [1, h, w, out]. */
        int[] depthwiseFilter() {
            return new int[] {1, window.kernelH, window.kernelW, outChannels};
        }

        Conv2DOptionsT conv2dOptions(byte activation) {
            Conv2DOptionsT options = new Conv2DOptionsT();
            options.setPadding(window.padding);
            options.setStrideW(window.strideW);
            options.setStrideH(window.strideH);
            options.setFusedActivationFunction(activation);
            options.setDilationWFactor(window.dilationW);
            options.setDilationHFactor(window.dilationH);
            return options;
        }

        DepthwiseConv2DOptionsT depthwiseConv2dOptions(byte activation) {
            DepthwiseConv2DOptionsT options = new DepthwiseConv2DOptionsT();
            options.setPadding(window.padding);
            options.setStrideW(window.strideW);
            options.setStrideH(window.strideH);
            options.setDepthMultiplier(multiplier());
            options.setFusedActivationFunction(activation);
            options.setDilationWFactor(window.dilationW);
            options.setDilationHFactor(window.dilationH);
            return options;
        }

        Pool2DOptionsT pool2dOptions(byte activation) {
            Pool2DOptionsT options = new Pool2DOptionsT();
            options.setPadding(window.padding);
            options.setStrideW(window.strideW);
            options.setStrideH(window.strideH);
            options.setFilterWidth(window.kernelW);
            options.setFilterHeight(window.kernelH);
            options.setFusedActivationFunction(activation);
            return options;
        }

        /** The input shape as the case descriptions give it. */
        @Override
        public String toString() {
            return "[" + batch + "," + height + "," + width + "," + inChannels + "]";
        }
    }

    /**
     * Draws, in this order, batch (1–2), height and width (1–10), input channels (1–{@code maxChannels}),
     * output channels ({@code outChannels} of the input channels) and a window.
     */
    private Geometry geometry(int maxChannels, IntUnaryOperator outChannels, int maxKernel, boolean dilated) {
        int batch = between(1, 2);
        int height = between(1, 10);
        int width = between(1, 10);
        int inChannels = between(1, maxChannels);
        int out = outChannels.applyAsInt(inChannels);
        return new Geometry(batch, height, width, inChannels, out, window(height, width, maxKernel, dilated));
    }

    /** Two shapes that broadcast (some dimensions 1, the second sometimes of lower rank) and their sum's. */
    int[][] broadcastShapes() {
        int rank = between(1, 4);
        int[] full = shape(rank, 5);
        int[] a = broadcastable(full);
        int[] b = broadcastable(full);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int fromA = i - (rank - a.length);
            int fromB = i - (rank - b.length);
            out[i] = Math.max(fromA >= 0 ? a[fromA] : 1, fromB >= 0 ? b[fromB] : 1);
        }
        return new int[][] {a, b, out};
    }

    private int[] broadcastable(int[] full) {
        int drop = random.nextInt(4) == 0 ? random.nextInt(full.length) : 0;
        int[] shape = Arrays.copyOfRange(full, drop, full.length);
        for (int i = 0; i < shape.length; i++) {
            if (random.nextInt(3) == 0) {
                shape[i] = 1;
            }
        }
        return shape;
    }

    private int[] softmaxShape() {
        return random.nextInt(4) == 0
                ? new int[] {1, between(1, 4), between(1, 4), between(1, 16)}
                : new int[] {between(1, 3), between(1, 50)};
    }

    /** A random shape with the same element count: its prime factors spread over 1–4 dimensions. */
    private int[] refactor(int count) {
        int[] shape = new int[between(1, 4)];
        Arrays.fill(shape, 1);
        int rest = count;
        for (int p = 2; rest > 1; p++) {
            while (rest % p == 0) {
                shape[random.nextInt(shape.length)] *= p;
                rest /= p;
            }
        }
        return shape;
    }

    int[] shape(int rank, int maxDim) {
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = between(1, maxDim);
        }
        return shape;
    }

    static int count(int[] shape) {
        return Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A quantization scale, log-uniform over [0.002, 0.2]. */
    float scale() {
        return (float) Math.exp(Math.log(0.002) + random.nextDouble() * Math.log(100));
    }

    /** Per-channel weight scales within a factor of four of each other, so one output scale fits all. */
    private float[] channelScales(int channels) {
        float base = scale();
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = (float) (base * (0.5 + 1.5 * random.nextDouble()));
        }
        return scales;
    }

    int zeroPoint() {
        return random.nextInt(256) - 128;
    }

    private static FullyConnectedOptionsT fullyConnectedOptions(byte activation) {
        FullyConnectedOptionsT options = new FullyConnectedOptionsT();
        options.setFusedActivationFunction(activation);
        return options;
    }

    private static AddOptionsT addOptions(byte activation) {
        AddOptionsT options = new AddOptionsT();
        options.setFusedActivationFunction(activation);
        return options;
    }

    private static MulOptionsT mulOptions(byte activation) {
        MulOptionsT options = new MulOptionsT();
        options.setFusedActivationFunction(activation);
        return options;
    }

    private static SVDFOptionsT svdfOptions(int rank, byte activation) {
        SVDFOptionsT options = new SVDFOptionsT();
        options.setRank(rank);
        options.setFusedActivationFunction(activation);
        return options;
    }

    private static SoftmaxOptionsT softmaxOptions(float beta) {
        SoftmaxOptionsT options = new SoftmaxOptionsT();
        options.setBeta(beta);
        return options;
    }

    private static ReshapeOptionsT reshapeOptions(int[] newShape) {
        ReshapeOptionsT options = new ReshapeOptionsT();
        options.setNewShape(newShape);
        return options;
    }

    byte activation() {
        return ACTIVATIONS[random.nextInt(ACTIVATIONS.length)];
    }

    /** An output scale that puts a typical sum of {@code depth} products about OUTPUT_SPREAD steps from zero. */
    float outputScale(float inScale, float weightScale, int depth) {
        double typical = Math.sqrt(depth) * INT8_SPREAD * INT8_SPREAD * inScale * weightScale;
        return (float) (typical / OUTPUT_SPREAD * (0.5 + 1.5 * random.nextDouble()));
    }

    /** Bias quantization TF Lite requires: scale input × weight per channel, zero point 0. */
    private static Quantization biasQuantization(float inScale, float[] weightScales) {
        float[] scales = new float[weightScales.length];
        for (int c = 0; c < scales.length; c++) {
            scales[c] = inScale * weightScales[c];
        }
        return Quantization.perChannel(scales, new long[scales.length], 0);
    }

    /** Biases of the size of a typical accumulator of {@code depth} products. */
    private int[] biases(int count, int depth) {
        int range = (int) (Math.sqrt(depth) * INT8_SPREAD * INT8_SPREAD);
        int[] biases = new int[count];
        for (int i = 0; i < count; i++) {
            biases[i] = random.nextInt(2 * range + 1) - range;
        }
        return biases;
    }

    /** Symmetric int8 weights, [-127, 127] as TF Lite's quantizer makes them. */
    private byte[] weights(int count) {
        byte[] weights = new byte[count];
        for (int i = 0; i < count; i++) {
            weights[i] = (byte) (random.nextInt(255) - 127);
        }
        return weights;
    }

    /** int16 weights over their whole range, [-32767, 32767]. */
    private byte[] shorts(int count) {
        ByteBuffer shorts = ByteBuffer.allocate(count * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            shorts.putShort((short) (random.nextInt(65535) - 32767));
        }
        return shorts.array();
    }

    /** {@code values} times {@code factor} as little-endian int64. */
    private static byte[] longs(int[] values, long factor) {
        ByteBuffer longs = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            longs.putLong(v * factor);
        }
        return longs.array();
    }

    byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** BOOL values, true and false alike often. */
    byte[] bools(int count) {
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) (random.nextBoolean() ? 1 : 0);
        }
        return values;
    }

    /** Raw float32 values uniform in [-range, range]. */
    byte[] floats(int count, float range) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * range);
        }
        return SingleOpModel.floats(values);
    }
}
