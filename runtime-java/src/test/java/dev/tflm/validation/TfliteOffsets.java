package dev.tflm.validation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a valid .tflite file keeps its offsets: every uoffset field (root, vectors, strings,
 * tables, vector elements) and every table's soffset to its vtable, found by walking the schema's
 * Model → SubGraph → Tensor / Operator, OperatorCode, Buffer and Metadata tables. These are the
 * words a hostile file corrupts to point a reader anywhere.
 */
final class TfliteOffsets {
    private final ByteBuffer bytes;
    private final TreeSet<Integer> positions = new TreeSet<>();

    private TfliteOffsets(byte[] model) {
        bytes = ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Positions (4-byte words) of the model's offsets, ascending. */
    static List<Integer> of(byte[] model) {
        TfliteOffsets offsets = new TfliteOffsets(model);
        offsets.model(offsets.follow(0));
        return List.copyOf(offsets.positions);
    }

    private void model(int model) {
        positions.add(model);
        leaves(model, 3);                        // description
        for (int code : tables(model, 1)) {      // operator_codes
            leaves(code, 1);                     // custom_code
        }
        for (int subgraph : tables(model, 2)) {
            subgraph(subgraph);
        }
        for (int buffer : tables(model, 4)) {
            leaves(buffer, 0);                   // data
        }
        for (int metadata : tables(model, 6)) {
            leaves(metadata, 0);                 // name
        }
    }

    private void subgraph(int subgraph) {
        leaves(subgraph, 1, 2, 4);               // inputs, outputs, name
        for (int tensor : tables(subgraph, 0)) {
            leaves(tensor, 0, 3);                // shape, name
            int quantization = table(tensor, 4);
            if (quantization >= 0) {
                leaves(quantization, 0, 1, 2, 3); // min, max, scale, zero_point
            }
        }
        for (int operator : tables(subgraph, 3)) {
            leaves(operator, 1, 2, 5);           // inputs, outputs, custom_options
            table(operator, 4);                  // builtin_options
        }
    }

    /** The position of a table's field, or -1 when the vtable omits it. */
    private int field(int table, int index) {
        int vtable = table - bytes.getInt(table);
        int vtableSize = Short.toUnsignedInt(bytes.getShort(vtable));
        int entry = 4 + 2 * index;
        if (entry >= vtableSize) {
            return -1;
        }
        int offset = Short.toUnsignedInt(bytes.getShort(vtable + entry));
        return offset == 0 ? -1 : table + offset;
    }

    /** Records the uoffset at {@code position} and returns where it points. */
    private int follow(int position) {
        positions.add(position);
        return position + bytes.getInt(position);
    }

    private void leaves(int table, int... fields) {
        for (int index : fields) {
            int position = field(table, index);
            if (position >= 0) {
                follow(position);
            }
        }
    }

    /** The sub-table a field points to (its soffset recorded), or -1. */
    private int table(int table, int index) {
        int position = field(table, index);
        if (position < 0) {
            return -1;
        }
        int child = follow(position);
        positions.add(child);
        return child;
    }

    /** The tables of a vector-of-tables field (their offsets and soffsets recorded). */
    private List<Integer> tables(int table, int index) {
        List<Integer> tables = new ArrayList<>();
        int position = field(table, index);
        if (position < 0) {
            return tables;
        }
        int vector = follow(position);
        int length = bytes.getInt(vector);
        for (int i = 0; i < length; i++) {
            int child = follow(vector + 4 + 4 * i);
            positions.add(child);
            tables.add(child);
        }
        return tables;
    }
}
