package dev.tflm.schema;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Shared readers for TensorFlow Lite schema tables. A field's vtable slot is
 * {@code 4 + 2 * field id}, the id being its position in schema.fbs.
 *
 * <p>flatbuffers-java trusts the lengths it reads. Models come from anywhere, so every
 * vector and string length here is checked against the buffer before anything is
 * allocated or read: a damaged model fails with {@link IndexOutOfBoundsException}, never
 * with a huge allocation.
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
        if (o == 0) {
            return null;
        }
        int start = __indirect(bb_pos + o);
        int length = checkedLength(start, 1);
        byte[] utf8 = new byte[length];
        bb.get(start + 4, utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Number of elements of a vector field (0 when absent), each {@code elementSize} bytes. */
    final int vectorLength(int fieldId, int elementSize) {
        int o = field(fieldId);
        return o != 0 ? checkedLength(__vector(o) - 4, elementSize) : 0;
    }

    /** The length word at {@code position}, checked to fit with its elements inside the buffer. */
    private int checkedLength(int position, int elementSize) {
        int length = bb.getInt(position);
        long end = (long) position + 4 + (long) length * elementSize;
        if (length < 0 || end > bb.limit()) {
            throw new IndexOutOfBoundsException("vector of " + length + " elements at " + position
                    + " runs past the end of the " + bb.limit() + "-byte model");
        }
        return length;
    }

    /** The element position of a vector field; only valid when the vector is present. */
    final int vectorStart(int fieldId) {
        return __vector(field(fieldId));
    }

    final int[] intVector(int fieldId) {
        int n = vectorLength(fieldId, 4);
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
        int n = vectorLength(fieldId, 4);
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
        int n = vectorLength(fieldId, 8);
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
