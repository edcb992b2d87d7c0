package dev.tflm;

import java.util.Arrays;
import java.util.List;

/**
 * A tensor's quantization ({@code table QuantizationParameters} in {@code schema.fbs}):
 * real = scale * (quantized - zeroPoint). One scale for the whole tensor, or one per channel
 * along {@code quantizedDimension}. The API reports it and the writer writes it.
 *
 * <p>Values are kept as given, without checks, so that tests can write malformed models
 * (for example more scales than channels).
 */
public record Quantization(List<Float> scales, List<Long> zeroPoints, int quantizedDimension) {

    public static final Quantization NONE = new Quantization(List.of(), List.of(), 0);

    public Quantization {
        scales = List.copyOf(scales);
        zeroPoints = List.copyOf(zeroPoints);
    }

    /** One scale and zero point for the whole tensor. */
    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(List.of(scale), List.of(zeroPoint), 0);
    }

    /** One scale and zero point per slice along {@code dimension}. */
    public static Quantization perChannel(float[] scales, long[] zeroPoints, int dimension) {
        Float[] boxed = new Float[scales.length];
        for (int i = 0; i < scales.length; i++) {
            boxed[i] = scales[i];
        }
        return new Quantization(List.of(boxed), Arrays.stream(zeroPoints).boxed().toList(), dimension);
    }

    public boolean isQuantized() {
        return !scales.isEmpty();
    }

    public boolean isPerChannel() {
        return scales.size() > 1;
    }
}
