package dev.tflm;

import static dev.tflm.bindings.tflm_h.C_POINTER;
import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_add;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_add_all;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_init;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_supports;
import static dev.tflm.bindings.tflm_h.tflm_op_table_entry;
import static dev.tflm.bindings.tflm_h.tflm_op_table_size;

import dev.tflm.bindings.NativeLibrary;
import dev.tflm.bindings.tflm_kernel;
import dev.tflm.bindings.tflm_op_info;
import dev.tflm.bindings.tflm_op_resolver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A native resolver holding every kernel of the library (on a desktop, size is no concern) and an
 * interpreter's Java custom ops.
 */
final class OpResolver {

    private final Arena arena;
    private final MemorySegment resolver;

    private OpResolver(Arena arena, MemorySegment resolver) {
        this.arena = arena;
        this.resolver = resolver;
    }

    /** A resolver allocated in (and living as long as) the given arena, with its storage. */
    static OpResolver withAllKernels(Arena arena) {
        return withAllKernels(arena, List.of());
    }

    /**
     * A resolver with the given kernels (tflm_kernel structs of Java custom ops) and every kernel
     * of the library, in (and living as long as) the given arena. The given kernels come first,
     * so one with the custom name of a library kernel replaces it.
     */
    static OpResolver withAllKernels(Arena arena, List<MemorySegment> extraKernels) {
        NativeLibrary.load();
        long generalKernels = Kernel.all().stream().filter(kernel -> !kernel.int8Only()).count();
        long capacity = generalKernels + extraKernels.size();
        MemorySegment resolver = tflm_op_resolver.allocate(arena);
        tflm_op_resolver_init(resolver, arena.allocate(C_POINTER, capacity), capacity);
        for (MemorySegment kernel : extraKernels) {
            int status = tflm_op_resolver_add(resolver, kernel);
            if (status != TFLM_OK()) {
                throw new TflmException(Status.of(status), "cannot register custom op "
                        + tflm_kernel.custom_name(kernel).getString(0));
            }
        }
        int status = extraKernels.isEmpty() ? tflm_op_resolver_add_all(resolver) : addLibraryKernels(resolver);
        if (status != TFLM_OK()) {
            throw new TflmException(Status.of(status), "cannot register the library's kernels");
        }
        return new OpResolver(arena, resolver);
    }

    /** tflm_op_resolver_add_all, leaving out the library kernels the resolver already has an op for. */
    private static int addLibraryKernels(MemorySegment resolver) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment info = tflm_op_info.allocate(scratch);
            for (long i = 0, size = tflm_op_table_size(); i < size; i++) {
                int status = tflm_op_table_entry(i, info);
                if (status != TFLM_OK()) {
                    return status;
                }
                MemorySegment customName = tflm_op_info.custom_name(info);
                if (tflm_op_info.int8_only(info) || tflm_op_resolver_supports(resolver,
                        tflm_op_info.builtin_code(info), customName) != 0) {
                    continue;
                }
                status = tflm_op_resolver_add(resolver, tflm_op_info.kernel(info));
                if (status != TFLM_OK()) {
                    return status;
                }
            }
        }
        return TFLM_OK();
    }

    MemorySegment segment() {
        return resolver;
    }

    boolean supports(OperatorInfo operator) {
        MemorySegment customName = operator.isCustom() && operator.customCode() != null
                ? arena.allocateFrom(operator.customCode())
                : MemorySegment.NULL;
        return tflm_op_resolver_supports(resolver, operator.builtinCode(), customName) != 0;
    }
}
