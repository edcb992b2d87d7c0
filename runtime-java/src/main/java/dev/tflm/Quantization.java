package dev.tflm;

import java.util.List;

/**
 * A tensor's quantization: real = scale * (quantized - zeroPoint). One scale for the
 * whole tensor, or one per channel along {@code quantizedDimension}.
 */
public record Quantization(List<Float> scales, List<Long> zeroPoints, int quantizedDimension) {

    public static final Quantization NONE = new Quantization(List.of(), List.of(), 0);

    public Quantization {
        scales = List.copyOf(scales);
        zeroPoints = List.copyOf(zeroPoints);
    }

    public boolean isQuantized() {
        return !scales.isEmpty();
    }

    public boolean isPerChannel() {
        return scales.size() > 1;
    }
}
