package dev.tflm;

/**
 * Float ↔ quantized conversion with TensorFlow Lite's rules: q = round(x / scale) + zeroPoint,
 * the division in float and the rounding half away from zero (std::round), clamped to the
 * type's range; x = scale * (q - zeroPoint).
 */
final class Quantizer {

    private Quantizer() {
    }

    static long quantize(float value, float scale, long zeroPoint, long min, long max) {
        float scaled = value / scale;
        double rounded = Math.signum(scaled) * Math.floor(Math.abs((double) scaled) + 0.5);
        double shifted = rounded + zeroPoint;
        if (Double.isNaN(shifted)) {
            return Math.clamp(zeroPoint, min, max);
        }
        return (long) Math.clamp(shifted, (double) min, (double) max);
    }

    static float dequantize(long quantized, float scale, long zeroPoint) {
        return scale * (quantized - zeroPoint);
    }

    static boolean isQuantizable(TensorType type) {
        return switch (type) {
            case INT8, UINT8, INT16, INT32 -> true;
            default -> false;
        };
    }

    /** Smallest value of a quantized type. */
    static long min(TensorType type) {
        return switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case UINT8 -> 0;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> throw notQuantizable(type);
        };
    }

    /** Largest value of a quantized type. */
    static long max(TensorType type) {
        return switch (type) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> throw notQuantizable(type);
        };
    }

    static IllegalStateException notQuantizable(TensorType type) {
        return new IllegalStateException(type + " tensors do not hold quantized values");
    }
}
