package dev.tflm.writer;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tflm.schema.BuiltinOptions;
import dev.tflm.schema.BuiltinOptions2;
import dev.tflm.schema.BuiltinOptions2Union;
import dev.tflm.schema.BuiltinOptionsUnion;
import dev.tflm.schema.Operator;
import java.util.List;

/**
 * An operator's builtin options: an object-API table of the generated schema classes, such as
 * {@code Conv2DOptionsT}, as the member of {@code union BuiltinOptions} or {@code union
 * BuiltinOptions2} (the StableHLO ops') that its table is. The member is found by name, the
 * table's name without flatc's {@code T}, so every options table of the schema works.
 */
record OptionsUnion(boolean second, byte type, Object table) {

    static OptionsUnion of(Object table) {
        boolean generated = table.getClass().getPackage() == BuiltinOptions.class.getPackage();
        String name = generated ? table.getClass().getSimpleName().replaceFirst("T$", "") : "";
        int type = memberOf(BuiltinOptions.names, name);
        if (type > 0) {
            return new OptionsUnion(false, (byte) type, table);
        }
        type = memberOf(BuiltinOptions2.names, name);
        if (type > 0) {
            return new OptionsUnion(true, (byte) type, table);
        }
        throw new IllegalArgumentException(table.getClass().getName()
                + " is no options table of union BuiltinOptions or BuiltinOptions2");
    }

    private static int memberOf(String[] members, String name) {
        return List.of(members).indexOf(name);
    }

    /** Writes the table; call before the operator's table is started. */
    int write(FlatBufferBuilder fbb) {
        if (second) {
            BuiltinOptions2Union union = new BuiltinOptions2Union();
            union.setType(type);
            union.setValue(table);
            return BuiltinOptions2Union.pack(fbb, union);
        }
        BuiltinOptionsUnion union = new BuiltinOptionsUnion();
        union.setType(type);
        union.setValue(table);
        return BuiltinOptionsUnion.pack(fbb, union);
    }

    /** Adds the table written by {@link #write} to the operator being built. */
    void addTable(FlatBufferBuilder fbb, int offset) {
        if (second) {
            Operator.addBuiltinOptions2(fbb, offset);
        } else {
            Operator.addBuiltinOptions(fbb, offset);
        }
    }

    /** Adds the union's type to the operator being built. */
    void addType(FlatBufferBuilder fbb) {
        if (second) {
            Operator.addBuiltinOptions2Type(fbb, type);
        } else {
            Operator.addBuiltinOptionsType(fbb, type);
        }
    }
}
