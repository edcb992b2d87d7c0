package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;

/** The one vector the generated schema classes cannot write: constant data placed on a boundary of the file. */
final class Vectors {
    private Vectors() {
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
