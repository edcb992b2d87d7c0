package dev.tflm.validation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The input generator of {@code ../shared/golden/README.md}: a 64-bit LCG (wrapping), stepped
 * before each value; a byte of a non-float tensor is the state's top byte, a float32 element is
 * {@code ((s >>> 40) / 2^24) * 2 - 1}. Seed 12345 reproduces the golden inputs; other seeds give
 * inputs of the same distribution that no reference file was made from.
 */
final class Lcg {
    /** The seed the golden inputs were made with. */
    static final long GOLDEN_SEED = 12345;

    private long state;

    Lcg(long seed) {
        state = seed;
    }

    private long step() {
        state = state * 6364136223846793005L + 1442695040888963407L;
        return state;
    }

    byte nextByte() {
        return (byte) (step() >>> 56);
    }

    float nextFloat() {
        return (float) ((step() >>> 40) / (double) (1 << 24) * 2 - 1);
    }

    /**
     * The raw little-endian bytes of one tensor: {@code byteSize / 4} float32 values when
     * {@code float32}, else {@code byteSize} bytes whatever the element type (as the README says).
     */
    byte[] tensor(boolean float32, int byteSize) {
        if (!float32) {
            byte[] bytes = new byte[byteSize];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = nextByte();
            }
            return bytes;
        }
        ByteBuffer floats = ByteBuffer.allocate(byteSize).order(ByteOrder.LITTLE_ENDIAN);
        while (floats.hasRemaining()) {
            floats.putFloat(nextFloat());
        }
        return floats.array();
    }
}
