package dev.tflm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * How far int8 outputs of this runtime are from a reference's: elements compared, elements that
 * differ, and the largest absolute difference. Deviations add up over cases so a test can print
 * how often a documented rounding difference showed.
 */
record Deviation(long elements, long differing, int max) {
    static final Deviation NONE = new Deviation(0, 0, 0);

    /** Compares two int8 tensors element by element; their lengths must be equal. */
    static Deviation int8(byte[] expected, byte[] actual) {
        assertEquals(expected.length, actual.length, "int8 output length");
        long differing = 0;
        int max = 0;
        for (int i = 0; i < expected.length; i++) {
            int diff = Math.abs(expected[i] - actual[i]);
            if (diff != 0) {
                differing++;
                max = Math.max(max, diff);
            }
        }
        return new Deviation(expected.length, differing, max);
    }

    Deviation plus(Deviation other) {
        return new Deviation(elements + other.elements, differing + other.differing, Math.max(max, other.max));
    }

    @Override
    public String toString() {
        return differing + " of " + elements + " elements differ, max |diff| " + max;
    }

    /** Fails with the first element whose difference exceeds {@code allowed}, naming both values. */
    static void assertInt8Within(byte[] expected, byte[] actual, int allowed, Supplier<String> context) {
        assertEquals(expected.length, actual.length, () -> context.get() + ": output length");
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > allowed) {
                fail(context.get() + ": element " + i + " expected " + expected[i] + " got " + actual[i]
                        + " (allowed |diff| " + allowed + ")");
            }
        }
    }

    /**
     * Fails unless every float32 element is within {@code relative × max(1, |expected|)};
     * returns the largest {@code |diff| / max(1, |expected|)} seen.
     */
    static double assertFloat32Within(byte[] expected, byte[] actual, double relative, Supplier<String> context) {
        float[] e = floats(expected);
        float[] a = floats(actual);
        assertEquals(e.length, a.length, () -> context.get() + ": output length");
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            // equal infinities, and NaN for NaN (of any payload), are right
            if (e[i] == a[i] || Float.isNaN(e[i]) && Float.isNaN(a[i])) {
                continue;
            }
            double scaled = Math.abs((double) e[i] - a[i]) / Math.max(1, Math.abs(e[i]));
            // NaN fails too: a NaN comparison is false
            if (!(scaled <= relative)) {
                fail(context.get() + ": element " + i + " expected " + e[i] + " got " + a[i]
                        + " (allowed " + relative + " × max(1, |expected|))");
            }
            worst = Math.max(worst, scaled);
        }
        return worst;
    }

    static float[] floats(byte[] littleEndian) {
        float[] values = new float[littleEndian.length / Float.BYTES];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
