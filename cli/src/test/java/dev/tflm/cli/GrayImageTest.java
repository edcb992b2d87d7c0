package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Area-averaging scaling, worked out by hand. */
class GrayImageTest {

    private static GrayImage image(int width, int height, int... values) {
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) values[i];
        }
        return new GrayImage(width, height, pixels);
    }

    private static void assertPixels(GrayImage image, int... expected) {
        int[] actual = new int[image.pixels().length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = image.pixels()[i] & 0xFF;
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void theSameSizeIsUnchanged() {
        GrayImage image = image(3, 2, 0, 127, 128, 255, 1, 2);
        assertPixels(image.scaledTo(3, 2), 0, 127, 128, 255, 1, 2);
    }

    @Test
    void halvingAveragesTwoByTwoBlocksRoundingHalfUp() {
        GrayImage image = image(4, 2,
                0, 1, 10, 20,
                0, 0, 30, 41);
        // (0 + 1 + 0 + 0) / 4 = 0.25 -> 0; (10 + 20 + 30 + 41) / 4 = 25.25 -> 25
        assertPixels(image.scaledTo(2, 1), 0, 25);
        // (1 + 1 + 0 + 0) / 4 = 0.5 -> 1
        assertPixels(image(2, 2, 1, 1, 0, 0).scaledTo(1, 1), 1);
    }

    @Test
    void aFractionalRatioWeighsPartlyCoveredPixels() {
        // 3 -> 2: target 0 covers source 0 and half of 1, target 1 half of 1 and 2.
        // (90 + 0.5 * 30) / 1.5 = 70; (0.5 * 30 + 255) / 1.5 = 180
        assertPixels(image(3, 1, 90, 30, 255).scaledTo(2, 1), 70, 180);
    }

    @Test
    void enlargingRepeatsAndBlendsWhereATargetPixelStraddles() {
        assertPixels(image(2, 1, 10, 20).scaledTo(4, 1), 10, 10, 20, 20);
        // 2 -> 3: target 1 covers the second half of source 0 and the first half of source 1.
        assertPixels(image(2, 1, 10, 21).scaledTo(3, 1), 10, 16, 21);
        assertPixels(image(1, 1, 7).scaledTo(2, 3), 7, 7, 7, 7, 7, 7);
    }

    @Test
    void aUniformImageStaysUniformAtAnySize() {
        byte[] pixels = new byte[37 * 23];
        Arrays.fill(pixels, (byte) 201);
        GrayImage image = new GrayImage(37, 23, pixels);
        for (int[] size : new int[][] {{96, 96}, {5, 7}, {37, 1}, {100, 23}}) {
            for (byte b : image.scaledTo(size[0], size[1]).pixels()) {
                assertEquals(201, b & 0xFF);
            }
        }
    }

    @Test
    void refusesInconsistentSizes() {
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(2, 2, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> image(1, 1, 0).scaledTo(0, 1));
    }
}
