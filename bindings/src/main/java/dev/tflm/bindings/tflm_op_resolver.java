package dev.tflm.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout.OfInt;

/**
 * {@code typedef struct tflm_op_resolver { const struct tflm_kernel
 * *kernels[TFLM_RESOLVER_CAPACITY]; uint32_t count; } tflm_op_resolver;}
 */
public class tflm_op_resolver {

    tflm_op_resolver() {
        // Accessors only, as jextract's struct classes.
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(32, tflm_h.C_POINTER).withName("kernels"),
            tflm_h.C_INT.withName("count"),
            MemoryLayout.paddingLayout(4)
    ).withName("tflm_op_resolver");

    public static GroupLayout layout() {
        return $LAYOUT;
    }

    public static long sizeof() {
        return $LAYOUT.byteSize();
    }

    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate($LAYOUT);
    }

    private static final SequenceLayout kernels$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("kernels"));
    private static final long kernels$OFFSET = $LAYOUT.byteOffset(groupElement("kernels"));

    /** The whole {@code kernels} array, as a slice of the struct. */
    public static MemorySegment kernels(MemorySegment struct) {
        return struct.asSlice(kernels$OFFSET, kernels$LAYOUT.byteSize());
    }

    public static MemorySegment kernels(MemorySegment struct, long index0) {
        return kernels(struct).getAtIndex(tflm_h.C_POINTER, index0);
    }

    private static final OfInt count$LAYOUT = (OfInt) $LAYOUT.select(groupElement("count"));
    private static final long count$OFFSET = $LAYOUT.byteOffset(groupElement("count"));

    public static int count(MemorySegment struct) {
        return struct.get(count$LAYOUT, count$OFFSET);
    }

    public static void count(MemorySegment struct, int fieldValue) {
        struct.set(count$LAYOUT, count$OFFSET, fieldValue);
    }
}
