package dev.tflm.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Deterministic input data, the same for every engine. Float inputs get values in [-1, 1):
 * random bit patterns would include NaNs and subnormals, which take slow paths in float
 * kernels and would measure those instead of the model.
 */
final class InputBytes {

    private InputBytes() {
    }

    static byte[] of(int byteSize, boolean float32, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[byteSize];
        if (float32) {
            ByteBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            while (floats.remaining() >= Float.BYTES) {
                floats.putFloat((float) (2 * random.nextDouble() - 1));
            }
        } else {
            random.nextBytes(bytes);
        }
        return bytes;
    }
}
