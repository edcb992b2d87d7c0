package dev.tflm.writer;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads any flatbuffer table by field index, so tests can check what the writer wrote without generated code. */
final class FlatTable extends Table {

    private FlatTable(ByteBuffer buffer, int position) {
        __reset(position, buffer);
    }

    /** The root table of a finished buffer. */
    static FlatTable root(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(buffer, buffer.getInt(0));
    }

    private int slot(int field) {
        return __offset(4 + 2 * field);
    }

    boolean has(int field) {
        return slot(field) != 0;
    }

    int intField(int field, int defaultValue) {
        int o = slot(field);
        return o == 0 ? defaultValue : bb.getInt(bb_pos + o);
    }

    int byteField(int field, int defaultValue) {
        int o = slot(field);
        return o == 0 ? defaultValue : bb.get(bb_pos + o);
    }

    String string(int field) {
        int o = slot(field);
        return o == 0 ? null : __string(bb_pos + o);
    }

    FlatTable table(int field) {
        return new FlatTable(bb, __indirect(bb_pos + slot(field)));
    }

    int length(int field) {
        int o = slot(field);
        return o == 0 ? 0 : __vector_len(o);
    }

    /** Absolute position in the file of a vector's first element. */
    int vectorStart(int field) {
        return __vector(slot(field));
    }

    FlatTable tableAt(int field, int index) {
        return new FlatTable(bb, __indirect(vectorStart(field) + 4 * index));
    }

    int intAt(int field, int index) {
        return bb.getInt(vectorStart(field) + 4 * index);
    }

    long longAt(int field, int index) {
        return bb.getLong(vectorStart(field) + 8 * index);
    }

    float floatAt(int field, int index) {
        return bb.getFloat(vectorStart(field) + 4 * index);
    }
}
