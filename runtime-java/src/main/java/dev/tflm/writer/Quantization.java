package dev.tflm.writer;

import java.util.Arrays;

/**
 * Affine quantization of a tensor ({@code table QuantizationParameters} in {@code schema.fbs}):
 * {@code real = scale * (q - zeroPoint)}, with one (scale, zero point) pair for the whole tensor
 * or one per slice along {@code quantizedDimension}.
 *
 * <p>Arrays are written as given, without checks, so that tests can build malformed models
 * (for example more scales than channels).
 *
 * @param scale              scales, one per tensor or one per channel
 * @param zeroPoint          zero points, same count as {@code scale} in a valid model
 * @param quantizedDimension the axis the per-channel parameters run along (0 for per-tensor)
 * @param min                calibration minimums, or {@code null} to omit (the converter omits them)
 * @param max                calibration maximums, or {@code null} to omit
 */
public record Quantization(float[] scale, long[] zeroPoint, int quantizedDimension, float[] min, float[] max) {

    public Quantization {
        scale = scale.clone();
        zeroPoint = zeroPoint.clone();
        min = min == null ? null : min.clone();
        max = max == null ? null : max.clone();
    }

    /** One scale and zero point for the whole tensor. */
    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0, null, null);
    }

    /** One scale and zero point per slice along {@code dimension}. */
    public static Quantization perChannel(float[] scales, long[] zeroPoints, int dimension) {
        return new Quantization(scales, zeroPoints, dimension, null, null);
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public long[] zeroPoint() {
        return zeroPoint.clone();
    }

    @Override
    public float[] min() {
        return min == null ? null : min.clone();
    }

    @Override
    public float[] max() {
        return max == null ? null : max.clone();
    }

    @Override
    public String toString() {
        return "Quantization[scale=" + Arrays.toString(scale) + ", zeroPoint=" + Arrays.toString(zeroPoint)
                + ", quantizedDimension=" + quantizedDimension + "]";
    }
}
