package dev.tflm.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout.OfFloat;
import java.lang.foreign.ValueLayout.OfInt;
import java.lang.foreign.ValueLayout.OfLong;

/**
 * {@code typedef struct tflm_tensor_info { void *data; size_t bytes; tflm_type type;
 * int32_t dims_count; int32_t dims[TFLM_MAX_DIMS]; float scale; int32_t zero_point;
 * const char *name; size_t name_length; } tflm_tensor_info;}
 */
public class tflm_tensor_info {

    tflm_tensor_info() {
        // Accessors only, as jextract's struct classes.
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            tflm_h.C_POINTER.withName("data"),
            tflm_h.C_LONG.withName("bytes"),
            tflm_h.C_INT.withName("type"),
            tflm_h.C_INT.withName("dims_count"),
            MemoryLayout.sequenceLayout(6, tflm_h.C_INT).withName("dims"),
            tflm_h.C_FLOAT.withName("scale"),
            tflm_h.C_INT.withName("zero_point"),
            tflm_h.C_POINTER.withName("name"),
            tflm_h.C_LONG.withName("name_length")
    ).withName("tflm_tensor_info");

    public static GroupLayout layout() {
        return $LAYOUT;
    }

    public static long sizeof() {
        return $LAYOUT.byteSize();
    }

    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate($LAYOUT);
    }

    private static final AddressLayout data$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("data"));
    private static final long data$OFFSET = $LAYOUT.byteOffset(groupElement("data"));

    public static MemorySegment data(MemorySegment struct) {
        return struct.get(data$LAYOUT, data$OFFSET);
    }

    public static void data(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(data$LAYOUT, data$OFFSET, fieldValue);
    }

    private static final OfLong bytes$LAYOUT = (OfLong) $LAYOUT.select(groupElement("bytes"));
    private static final long bytes$OFFSET = $LAYOUT.byteOffset(groupElement("bytes"));

    public static long bytes(MemorySegment struct) {
        return struct.get(bytes$LAYOUT, bytes$OFFSET);
    }

    public static void bytes(MemorySegment struct, long fieldValue) {
        struct.set(bytes$LAYOUT, bytes$OFFSET, fieldValue);
    }

    private static final OfInt type$LAYOUT = (OfInt) $LAYOUT.select(groupElement("type"));
    private static final long type$OFFSET = $LAYOUT.byteOffset(groupElement("type"));

    public static int type(MemorySegment struct) {
        return struct.get(type$LAYOUT, type$OFFSET);
    }

    public static void type(MemorySegment struct, int fieldValue) {
        struct.set(type$LAYOUT, type$OFFSET, fieldValue);
    }

    private static final OfInt dims_count$LAYOUT = (OfInt) $LAYOUT.select(groupElement("dims_count"));
    private static final long dims_count$OFFSET = $LAYOUT.byteOffset(groupElement("dims_count"));

    public static int dims_count(MemorySegment struct) {
        return struct.get(dims_count$LAYOUT, dims_count$OFFSET);
    }

    public static void dims_count(MemorySegment struct, int fieldValue) {
        struct.set(dims_count$LAYOUT, dims_count$OFFSET, fieldValue);
    }

    private static final SequenceLayout dims$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("dims"));
    private static final long dims$OFFSET = $LAYOUT.byteOffset(groupElement("dims"));

    /** The whole {@code dims} array, as a slice of the struct. */
    public static MemorySegment dims(MemorySegment struct) {
        return struct.asSlice(dims$OFFSET, dims$LAYOUT.byteSize());
    }

    public static int dims(MemorySegment struct, long index0) {
        return struct.getAtIndex(tflm_h.C_INT, Math.addExact(dims$OFFSET / tflm_h.C_INT.byteSize(), index0));
    }

    public static void dims(MemorySegment struct, long index0, int fieldValue) {
        struct.setAtIndex(tflm_h.C_INT, Math.addExact(dims$OFFSET / tflm_h.C_INT.byteSize(), index0), fieldValue);
    }

    private static final OfFloat scale$LAYOUT = (OfFloat) $LAYOUT.select(groupElement("scale"));
    private static final long scale$OFFSET = $LAYOUT.byteOffset(groupElement("scale"));

    public static float scale(MemorySegment struct) {
        return struct.get(scale$LAYOUT, scale$OFFSET);
    }

    public static void scale(MemorySegment struct, float fieldValue) {
        struct.set(scale$LAYOUT, scale$OFFSET, fieldValue);
    }

    private static final OfInt zero_point$LAYOUT = (OfInt) $LAYOUT.select(groupElement("zero_point"));
    private static final long zero_point$OFFSET = $LAYOUT.byteOffset(groupElement("zero_point"));

    public static int zero_point(MemorySegment struct) {
        return struct.get(zero_point$LAYOUT, zero_point$OFFSET);
    }

    public static void zero_point(MemorySegment struct, int fieldValue) {
        struct.set(zero_point$LAYOUT, zero_point$OFFSET, fieldValue);
    }

    private static final AddressLayout name$LAYOUT = (AddressLayout) $LAYOUT.select(groupElement("name"));
    private static final long name$OFFSET = $LAYOUT.byteOffset(groupElement("name"));

    public static MemorySegment name(MemorySegment struct) {
        return struct.get(name$LAYOUT, name$OFFSET);
    }

    public static void name(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(name$LAYOUT, name$OFFSET, fieldValue);
    }

    private static final OfLong name_length$LAYOUT = (OfLong) $LAYOUT.select(groupElement("name_length"));
    private static final long name_length$OFFSET = $LAYOUT.byteOffset(groupElement("name_length"));

    public static long name_length(MemorySegment struct) {
        return struct.get(name_length$LAYOUT, name_length$OFFSET);
    }

    public static void name_length(MemorySegment struct, long fieldValue) {
        struct.set(name_length$LAYOUT, name_length$OFFSET, fieldValue);
    }
}
