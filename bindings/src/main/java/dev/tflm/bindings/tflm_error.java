package dev.tflm.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout.OfInt;

/**
 * {@code typedef struct tflm_error { tflm_status status;
 * char message[TFLM_ERROR_MESSAGE_CAPACITY]; } tflm_error;}
 */
public class tflm_error {

    tflm_error() {
        // Accessors only, as jextract's struct classes.
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
            tflm_h.C_INT.withName("status"),
            MemoryLayout.sequenceLayout(160, tflm_h.C_CHAR).withName("message")
    ).withName("tflm_error");

    public static GroupLayout layout() {
        return $LAYOUT;
    }

    public static long sizeof() {
        return $LAYOUT.byteSize();
    }

    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate($LAYOUT);
    }

    private static final OfInt status$LAYOUT = (OfInt) $LAYOUT.select(groupElement("status"));
    private static final long status$OFFSET = $LAYOUT.byteOffset(groupElement("status"));

    public static int status(MemorySegment struct) {
        return struct.get(status$LAYOUT, status$OFFSET);
    }

    public static void status(MemorySegment struct, int fieldValue) {
        struct.set(status$LAYOUT, status$OFFSET, fieldValue);
    }

    private static final SequenceLayout message$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("message"));
    private static final long message$OFFSET = $LAYOUT.byteOffset(groupElement("message"));

    /** The {@code message} array, a NUL-terminated string: read it with {@code getString(0)}. */
    public static MemorySegment message(MemorySegment struct) {
        return struct.asSlice(message$OFFSET, message$LAYOUT.byteSize());
    }
}
