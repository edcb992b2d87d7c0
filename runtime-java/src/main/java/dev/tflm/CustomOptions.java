package dev.tflm;

import static dev.tflm.bindings.tflm_h.C_BOOL;
import static dev.tflm.bindings.tflm_h.C_DOUBLE;
import static dev.tflm.bindings.tflm_h.C_INT;
import static dev.tflm.bindings.tflm_h.C_POINTER;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_MAP;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_VECTOR;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_VECTOR_BOOL;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_VECTOR_FLOAT;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_VECTOR_FLOAT4;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_VECTOR_INT;
import static dev.tflm.bindings.tflm_h.TFLM_FLEX_VECTOR_INT2;
import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_flex_at;
import static dev.tflm.bindings.tflm_h.tflm_flex_bool;
import static dev.tflm.bindings.tflm_h.tflm_flex_float;
import static dev.tflm.bindings.tflm_h.tflm_flex_int;
import static dev.tflm.bindings.tflm_h.tflm_flex_length;
import static dev.tflm.bindings.tflm_h.tflm_flex_map_find;
import static dev.tflm.bindings.tflm_h.tflm_flex_root;
import static dev.tflm.bindings.tflm_h.tflm_flex_string;

import dev.tflm.bindings.tflm_flex;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A custom operator's options: the operator's {@code custom_options} bytes, which converters and
 * TFLM's ops write as a FlexBuffers map ({@code {"factor": 2.5, "axis": 1}}), read in place with
 * the runtime's own bounds-checked reader ({@code tflm/flexbuffer.h}), so a Java op reads them
 * exactly as its C port will. Numbers convert as FlexBuffers converts them (a float read as an
 * int truncates, an int read as a float widens, nonzero reads as true).
 *
 * <p>Getters without a default throw {@link IllegalArgumentException} for a missing key; every
 * getter throws it for a value of another kind (a string read as a number) and when the options
 * are present but are not a FlexBuffers map. Valid only during the op's call, as its
 * {@link OpContext}.
 */
public final class CustomOptions {

    private final OpContext context;
    /** The options' bytes in the model, scoped to the call; NULL when there are none. */
    private final MemorySegment bytes;
    private final Arena call;
    private MemorySegment root;
    private String malformed;

    CustomOptions(OpContext context, MemorySegment bytes, Arena call) {
        this.context = context;
        this.bytes = bytes;
        this.call = call;
    }

    /** The raw bytes, read only (empty when the operator has no options). */
    public MemorySegment bytes() {
        context.ensureLive();
        return bytes.equals(MemorySegment.NULL) ? MemorySegment.NULL.reinterpret(call, null) : bytes.asReadOnly();
    }

    /** Whether the operator has no option bytes at all. */
    public boolean isEmpty() {
        context.ensureLive();
        return bytes.byteSize() == 0;
    }

    /** Whether the map has {@code key}. */
    public boolean contains(String key) {
        return find(key) != null;
    }

    public long getLong(String key) {
        return readLong(key, required(key));
    }

    public long getLong(String key, long defaultValue) {
        MemorySegment value = find(key);
        return value == null ? defaultValue : readLong(key, value);
    }

    /** An integer that must fit an int. */
    public int getInt(String key) {
        return toInt(key, getLong(key));
    }

    public int getInt(String key, int defaultValue) {
        MemorySegment value = find(key);
        return value == null ? defaultValue : toInt(key, readLong(key, value));
    }

    public double getDouble(String key) {
        return readDouble(key, required(key));
    }

    public double getDouble(String key, double defaultValue) {
        MemorySegment value = find(key);
        return value == null ? defaultValue : readDouble(key, value);
    }

    public float getFloat(String key) {
        return (float) getDouble(key);
    }

    public float getFloat(String key, float defaultValue) {
        MemorySegment value = find(key);
        return value == null ? defaultValue : (float) readDouble(key, value);
    }

    public boolean getBoolean(String key) {
        return readBoolean(key, required(key));
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        MemorySegment value = find(key);
        return value == null ? defaultValue : readBoolean(key, value);
    }

    /** A string (or key) value, decoded as UTF-8. */
    public String getString(String key) {
        return readString(key, required(key));
    }

    public String getString(String key, String defaultValue) {
        MemorySegment value = find(key);
        return value == null ? defaultValue : readString(key, value);
    }

    /** A vector of integers that each fit an int. */
    public int[] getInts(String key) {
        MemorySegment vector = vector(key, required(key));
        int[] values = new int[Math.toIntExact(Integer.toUnsignedLong(tflm_flex_length(vector)))];
        MemorySegment element = tflm_flex.allocate(call);
        for (int i = 0; i < values.length; i++) {
            values[i] = toInt(key, readLong(key + "[" + i + "]", element(key, vector, i, element)));
        }
        return values;
    }

    /** A vector of numbers, as floats. */
    public float[] getFloats(String key) {
        MemorySegment vector = vector(key, required(key));
        float[] values = new float[Math.toIntExact(Integer.toUnsignedLong(tflm_flex_length(vector)))];
        MemorySegment element = tflm_flex.allocate(call);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) readDouble(key + "[" + i + "]", element(key, vector, i, element));
        }
        return values;
    }

    /** The value under key (a tflm_flex in the call's arena), or null when the map has no such key. */
    private MemorySegment find(String key) {
        context.ensureLive();
        if (root() == null) {
            return null;
        }
        MemorySegment value = tflm_flex.allocate(call);
        return tflm_flex_map_find(root, call.allocateFrom(key), value) ? value : null;
    }

    private MemorySegment required(String key) {
        MemorySegment value = find(key);
        if (value == null) {
            throw new IllegalArgumentException(context.opName() + ": no custom option \"" + key + "\"");
        }
        return value;
    }

    /** The root map, null when there are no options; throws when there are options but no map. */
    private MemorySegment root() {
        if (root == null && malformed == null && bytes.byteSize() > 0) {
            MemorySegment flex = tflm_flex.allocate(call);
            if (tflm_flex_root(bytes, bytes.byteSize(), flex) != TFLM_OK()) {
                malformed = "custom options are not FlexBuffers";
            } else if (tflm_flex.type(flex) != TFLM_FLEX_MAP()) {
                malformed = "custom options are not a FlexBuffers map (root type " + tflm_flex.type(flex) + ")";
            } else {
                root = flex;
            }
        }
        if (malformed != null) {
            throw new IllegalArgumentException(context.opName() + ": " + malformed);
        }
        return root;
    }

    private MemorySegment vector(String key, MemorySegment value) {
        int type = tflm_flex.type(value);
        boolean vector = type == TFLM_FLEX_VECTOR()
                || (type >= TFLM_FLEX_VECTOR_INT() && type <= TFLM_FLEX_VECTOR_FLOAT())
                || (type >= TFLM_FLEX_VECTOR_INT2() && type <= TFLM_FLEX_VECTOR_FLOAT4())
                || type == TFLM_FLEX_VECTOR_BOOL();
        if (!vector) {
            throw wrongKind(key, value, "a vector");
        }
        return value;
    }

    private MemorySegment element(String key, MemorySegment vector, int i, MemorySegment element) {
        if (!tflm_flex_at(vector, i, element)) {
            throw new IllegalArgumentException(context.opName() + ": custom option \"" + key
                    + "\" element " + i + " cannot be read");
        }
        return element;
    }

    private long readLong(String key, MemorySegment value) {
        MemorySegment out = call.allocate(ValueLayout.JAVA_LONG);
        if (!tflm_flex_int(value, out)) {
            throw wrongKind(key, value, "a number");
        }
        return out.get(ValueLayout.JAVA_LONG, 0);
    }

    private double readDouble(String key, MemorySegment value) {
        MemorySegment out = call.allocate(C_DOUBLE);
        if (!tflm_flex_float(value, out)) {
            throw wrongKind(key, value, "a number");
        }
        return out.get(C_DOUBLE, 0);
    }

    private boolean readBoolean(String key, MemorySegment value) {
        MemorySegment out = call.allocate(C_BOOL);
        if (!tflm_flex_bool(value, out)) {
            throw wrongKind(key, value, "a bool or number");
        }
        return out.get(C_BOOL, 0);
    }

    private String readString(String key, MemorySegment value) {
        MemorySegment chars = call.allocate(C_POINTER);
        MemorySegment length = call.allocate(C_INT);
        if (!tflm_flex_string(value, chars, length)) {
            throw wrongKind(key, value, "a string");
        }
        long size = Integer.toUnsignedLong(length.get(C_INT, 0));
        byte[] utf8 = chars.get(C_POINTER, 0).reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private int toInt(String key, long value) {
        if (value != (int) value) {
            throw new IllegalArgumentException(context.opName() + ": custom option \"" + key + "\" = " + value
                    + " does not fit an int");
        }
        return (int) value;
    }

    private IllegalArgumentException wrongKind(String key, MemorySegment value, String expected) {
        return new IllegalArgumentException(context.opName() + ": custom option \"" + key + "\" is not "
                + expected + " (FlexBuffers type " + tflm_flex.type(value) + ")");
    }

    @Override
    public String toString() {
        return "CustomOptions[" + bytes.byteSize() + " bytes]";
    }
}
