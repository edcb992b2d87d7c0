package dev.tflm;

import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_op_table_entry;
import static dev.tflm.bindings.tflm_h.tflm_op_table_size;

import dev.tflm.bindings.NativeLibrary;
import dev.tflm.bindings.tflm_op_info;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel the native library provides, one line of native/include/tflm/ops.def, as the library
 * itself reports it ({@code tflm_op_table_entry}): Java keeps no list of kernels of its own.
 *
 * @param symbol      its C name, {@code tflm_op_softmax_int8}, for generated C code
 * @param op          the op's name, {@code SOFTMAX}
 * @param builtinCode the schema's BuiltinOperator code
 * @param customName  a custom op's name in models, or null for a builtin op
 * @param int8Only    an INT8-only variant of a general kernel, which links no float code
 */
public record Kernel(String symbol, String op, int builtinCode, String customName, boolean int8Only) {

    private static final List<Kernel> ALL = read();

    /** Every kernel of the library, in ops.def's order. */
    public static List<Kernel> all() {
        return ALL;
    }

    private static List<Kernel> read() {
        NativeLibrary.load();
        List<Kernel> kernels = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = tflm_op_info.allocate(arena);
            long size = tflm_op_table_size();
            for (long i = 0; i < size; i++) {
                int status = tflm_op_table_entry(i, info);
                if (status != TFLM_OK()) {
                    throw new TflmException(Status.of(status), "cannot read kernel " + i + " of the library");
                }
                MemorySegment customName = tflm_op_info.custom_name(info);
                kernels.add(new Kernel(tflm_op_info.symbol(info).getString(0),
                        tflm_op_info.name(info).getString(0), tflm_op_info.builtin_code(info),
                        customName.equals(MemorySegment.NULL) ? null : customName.getString(0),
                        tflm_op_info.int8_only(info)));
            }
        }
        return List.copyOf(kernels);
    }
}
