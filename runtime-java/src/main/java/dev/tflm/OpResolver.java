package dev.tflm;

import static dev.tflm.bindings.tflm_h.C_POINTER;
import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_add_all;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_init;
import static dev.tflm.bindings.tflm_h.tflm_op_resolver_supports;

import dev.tflm.bindings.NativeLibrary;
import dev.tflm.bindings.tflm_op_resolver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A native resolver holding every kernel of the library: on a desktop, size is no concern. */
final class OpResolver {

    private final Arena arena;
    private final MemorySegment resolver;

    private OpResolver(Arena arena, MemorySegment resolver) {
        this.arena = arena;
        this.resolver = resolver;
    }

    /** A resolver allocated in (and living as long as) the given arena, with its storage. */
    static OpResolver withAllKernels(Arena arena) {
        NativeLibrary.load();
        long generalKernels = Kernel.all().stream().filter(kernel -> !kernel.int8Only()).count();
        MemorySegment resolver = tflm_op_resolver.allocate(arena);
        tflm_op_resolver_init(resolver, arena.allocate(C_POINTER, generalKernels), generalKernels);
        int status = tflm_op_resolver_add_all(resolver);
        if (status != TFLM_OK()) {
            throw new TflmException(Status.of(status), "cannot register the library's kernels");
        }
        return new OpResolver(arena, resolver);
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
