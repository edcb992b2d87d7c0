package dev.tflm.schema;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Shared readers for TensorFlow Lite schema tables. A field's vtable slot is
 * {@code 4 + 2 * field id}, the id being its position in schema.fbs.
 */
abstract class SchemaTable extends Table {

    final void init(int position, ByteBuffer buffer) {
        __reset(position, buffer);
    }

    static int slot(int fieldId) {
        return 4 + 2 * fieldId;
    }

    /** Offset of a present field from the table start, or 0 when absent. */
    final int field(int fieldId) {
        return __offset(slot(fieldId));
    }

    final int intField(int fieldId, int defaultValue) {
        int o = field(fieldId);
        return o != 0 ? bb.getInt(bb_pos + o) : defaultValue;
    }

    final long uintField(int fieldId) {
        int o = field(fieldId);
        return o != 0 ? Integer.toUnsignedLong(bb.getInt(bb_pos + o)) : 0;
    }

    final long longField(int fieldId) {
        int o = field(fieldId);
        return o != 0 ? bb.getLong(bb_pos + o) : 0;
    }

    final byte byteField(int fieldId, byte defaultValue) {
        int o = field(fieldId);
        return o != 0 ? bb.get(bb_pos + o) : defaultValue;
    }

    final String stringField(int fieldId) {
        int o = field(fieldId);
        return o != 0 ? __string(bb_pos + o) : null;
    }

    final int vectorLength(int fieldId) {
        int o = field(fieldId);
        return o != 0 ? __vector_len(o) : 0;
    }

    /** The element position of a vector field; only valid when the vector is present. */
    final int vectorStart(int fieldId) {
        return __vector(field(fieldId));
    }

    final int[] intVector(int fieldId) {
        int n = vectorLength(fieldId);
        int[] values = new int[n];
        if (n > 0) {
            int start = vectorStart(fieldId);
            for (int i = 0; i < n; i++) {
                values[i] = bb.getInt(start + 4 * i);
            }
        }
        return values;
    }

    final float[] floatVector(int fieldId) {
        int n = vectorLength(fieldId);
        float[] values = new float[n];
        if (n > 0) {
            int start = vectorStart(fieldId);
            for (int i = 0; i < n; i++) {
                values[i] = bb.getFloat(start + 4 * i);
            }
        }
        return values;
    }

    final long[] longVector(int fieldId) {
        int n = vectorLength(fieldId);
        long[] values = new long[n];
        if (n > 0) {
            int start = vectorStart(fieldId);
            for (int i = 0; i < n; i++) {
                values[i] = bb.getLong(start + 8 * i);
            }
        }
        return values;
    }

    /** Element {@code index} of a vector of tables, or null when the vector is absent. */
    final <T extends SchemaTable> T tableElement(int fieldId, int index, Supplier<T> factory) {
        if (field(fieldId) == 0) {
            return null;
        }
        T table = factory.get();
        table.init(__indirect(vectorStart(fieldId) + 4 * index), bb);
        return table;
    }

    /** A table-typed field, or null when absent. */
    final <T extends SchemaTable> T tableField(int fieldId, Supplier<T> factory) {
        int o = field(fieldId);
        if (o == 0) {
            return null;
        }
        T table = factory.get();
        table.init(__indirect(bb_pos + o), bb);
        return table;
    }
}
