package dev.tflm.examples.sine;

/**
 * TensorFlow Lite's full-integer int8 quantization rules (the converter's post-training
 * quantization), {@code real = scale * (q - zeroPoint)}:
 * <ul>
 *   <li>activations: asymmetric over {@code [-128, 127]}; the calibrated range is widened to
 *       include 0 so that 0 is exact, and the zero point is nudged to an integer in range;</li>
 *   <li>weights: symmetric over {@code [-127, 127]}, zero point 0, {@code scale = max|w| / 127};</li>
 *   <li>biases: int32, zero point 0, {@code scale = input scale × weight scale}, so they add
 *       straight into the int32 accumulator.</li>
 * </ul>
 * Rounding is half away from zero, as C's {@code round} that TensorFlow Lite uses.
 */
public final class Int8Quantization {
    public static final int QMIN = -128;
    public static final int QMAX = 127;
    /** Weights never use -128, so that negating a weight cannot overflow. */
    public static final int WEIGHT_QMIN = -127;

    /** A scale and zero point: {@code real = scale * (q - zeroPoint)}. */
    public record Params(float scale, int zeroPoint) {
    }

    private Int8Quantization() {
    }

    /** Asymmetric parameters for values calibrated to lie in {@code [min, max]}. */
    public static Params activation(double min, double max) {
        double rmin = StrictMath.min(0.0, min);
        double rmax = StrictMath.max(0.0, max);
        if (rmin == rmax) {
            return new Params(1.0f, 0); // all zeros: any scale represents them exactly
        }
        float scale = (float) ((rmax - rmin) / (QMAX - QMIN));
        double zeroPointFromMin = QMIN - rmin / scale;
        int zeroPoint = (int) clamp(roundHalfAwayFromZero(zeroPointFromMin), QMIN, QMAX);
        return new Params(scale, zeroPoint);
    }

    /** Symmetric per-tensor parameters for a weight tensor. */
    public static Params weights(float[] values) {
        double maxAbs = 0;
        for (float v : values) {
            maxAbs = StrictMath.max(maxAbs, StrictMath.abs(v));
        }
        return new Params(maxAbs == 0 ? 1.0f : (float) (maxAbs / QMAX), 0);
    }

    /** The bias scale for a layer: the product of its input's and its weights' scales, zero point 0. */
    public static Params bias(Params input, Params weights) {
        return new Params((float) ((double) input.scale() * weights.scale()), 0);
    }

    /** Quantizes to int8, saturating to {@code [qmin, 127]}. */
    public static byte[] toInt8(float[] values, Params params, int qmin) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) quantize(values[i], params, qmin, QMAX);
        }
        return result;
    }

    /** Quantizes biases to int32 (saturating, though a trained bias never comes near the limits). */
    public static int[] toInt32(float[] values, Params params) {
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (int) quantize(values[i], params, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return result;
    }

    /** One real value to its nearest representable integer, clamped to {@code [qmin, qmax]}. */
    public static long quantize(double value, Params params, long qmin, long qmax) {
        return clamp(roundHalfAwayFromZero(value / params.scale()) + params.zeroPoint(), qmin, qmax);
    }

    /** The real value an integer stands for. */
    public static double dequantize(long q, Params params) {
        return (double) params.scale() * (q - params.zeroPoint());
    }

    /** Rounds half away from zero; {@code Math.round} would round -2.5 to -2. */
    static long roundHalfAwayFromZero(double value) {
        double magnitude = StrictMath.abs(value);
        double whole = StrictMath.floor(magnitude);
        long rounded = (long) (magnitude - whole >= 0.5 ? whole + 1 : whole);
        return value < 0 ? -rounded : rounded;
    }

    private static long clamp(long value, long min, long max) {
        return StrictMath.max(min, StrictMath.min(max, value));
    }
}
