package dev.tflm.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout.OfInt;

/**
 * {@code typedef struct tflm_interpreter_options { int32_t kernels; int32_t max_isa; }
 * tflm_interpreter_options;} (kernels: tflm_kernel_set, max_isa: tflm_isa).
 */
public class tflm_interpreter_options {

    tflm_interpreter_options() {
        // Accessors only, as jextract's struct classes.
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            tflm_h.C_INT.withName("kernels"),
            tflm_h.C_INT.withName("max_isa")
    ).withName("tflm_interpreter_options");

    public static GroupLayout layout() {
        return $LAYOUT;
    }

    public static long sizeof() {
        return $LAYOUT.byteSize();
    }

    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate($LAYOUT);
    }

    private static final OfInt kernels$LAYOUT = (OfInt) $LAYOUT.select(groupElement("kernels"));
    private static final long kernels$OFFSET = $LAYOUT.byteOffset(groupElement("kernels"));

    public static int kernels(MemorySegment struct) {
        return struct.get(kernels$LAYOUT, kernels$OFFSET);
    }

    public static void kernels(MemorySegment struct, int fieldValue) {
        struct.set(kernels$LAYOUT, kernels$OFFSET, fieldValue);
    }

    private static final OfInt max_isa$LAYOUT = (OfInt) $LAYOUT.select(groupElement("max_isa"));
    private static final long max_isa$OFFSET = $LAYOUT.byteOffset(groupElement("max_isa"));

    public static int max_isa(MemorySegment struct) {
        return struct.get(max_isa$LAYOUT, max_isa$OFFSET);
    }

    public static void max_isa(MemorySegment struct, int fieldValue) {
        struct.set(max_isa$LAYOUT, max_isa$OFFSET, fieldValue);
    }
}
