package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.List;

/** Scalar vectors for a {@link FlatBufferBuilder}, which builds back to front: elements go in reversed. */
final class Vectors {
    private Vectors() {
    }

    static int ints(FlatBufferBuilder fbb, int[] values) {
        fbb.startVector(Integer.BYTES, values.length, Integer.BYTES);
        for (int i = values.length - 1; i >= 0; i--) {
            fbb.addInt(values[i]);
        }
        return fbb.endVector();
    }

    static int longs(FlatBufferBuilder fbb, List<Long> values) {
        fbb.startVector(Long.BYTES, values.size(), Long.BYTES);
        for (int i = values.size() - 1; i >= 0; i--) {
            fbb.addLong(values.get(i));
        }
        return fbb.endVector();
    }

    static int floats(FlatBufferBuilder fbb, List<Float> values) {
        fbb.startVector(Float.BYTES, values.size(), Float.BYTES);
        for (int i = values.size() - 1; i >= 0; i--) {
            fbb.addFloat(values.get(i));
        }
        return fbb.endVector();
    }

    /**
     * A byte vector whose data starts {@code offset} bytes past a multiple of {@code alignment} from the start of
     * the finished file. The vector's 4-byte length comes right before the data, so {@code offset} is a multiple
     * of 4.
     */
    static int bytes(FlatBufferBuilder fbb, byte[] data, int alignment, int offset) {
        fbb.prep(alignment, data.length + offset); // the builder writes back to front
        fbb.createUnintializedVector(1, data.length, Integer.BYTES).put(data);
        return fbb.endVector();
    }
}
