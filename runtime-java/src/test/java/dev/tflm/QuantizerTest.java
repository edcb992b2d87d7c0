package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantizerTest {

    private static long int8(float value, float scale, int zeroPoint) {
        return Quantizer.quantize(value, scale, zeroPoint, -128, 127);
    }

    @Test
    void roundsHalfAwayFromZero() {
        assertEquals(1, int8(0.5f, 1, 0));
        assertEquals(-1, int8(-0.5f, 1, 0));
        assertEquals(3, int8(2.5f, 1, 0));
        assertEquals(-3, int8(-2.5f, 1, 0));
        assertEquals(2, int8(2.49f, 1, 0));
    }

    @Test
    void appliesScaleAndZeroPoint() {
        assertEquals(-128 + 41, int8(1.0f, 0.0244801f, -128));
        assertEquals(5, int8(0f, 0.1f, 5));
        assertEquals(1.0f, Quantizer.dequantize(15, 0.1f, 5), 1e-6);
    }

    @Test
    void clampsToTheTypesRange() {
        assertEquals(127, int8(1000f, 0.1f, 0));
        assertEquals(-128, int8(-1000f, 0.1f, 0));
        assertEquals(255, Quantizer.quantize(1e9f, 1f, 0, Quantizer.min(TensorType.UINT8), Quantizer.max(TensorType.UINT8)));
        assertEquals(Short.MIN_VALUE,
                Quantizer.quantize(-1e9f, 1f, 0, Quantizer.min(TensorType.INT16), Quantizer.max(TensorType.INT16)));
        assertEquals(3, int8(Float.NaN, 1f, 3));
    }
}
