package dev.tflm;

import static dev.tflm.bindings.tflm_h.C_POINTER;
import static dev.tflm.bindings.tflm_h.TFLM_ERROR_ARENA_TOO_SMALL;
import static dev.tflm.bindings.tflm_h.TFLM_ERROR_KERNEL;
import static dev.tflm.bindings.tflm_h.TFLM_OK;

import dev.tflm.bindings.tflm_h;
import dev.tflm.bindings.tflm_kernel;
import dev.tflm.bindings.tflm_kernel_fn;
import dev.tflm.schema.BuiltinOperator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The native side of an interpreter's {@link CustomOp}s: one {@code tflm_kernel} per op whose
 * prepare and invoke are FFM upcall stubs into Java, all allocated in the interpreter's arena,
 * so that kernels, names and stubs live exactly as long as the native interpreter that points at
 * them. Every upcall catches everything: an exception escaping an upcall would end the JVM. It
 * becomes {@code tflm_fail}'s message, and the exception is kept for the interpreter to attach
 * as its {@link TflmException}'s cause.
 */
final class CustomKernels {

    /** tflm_fail(ctx, status, "%s", message): the variadic call specialized once. */
    private static final tflm_h.tflm_fail FAIL = tflm_h.tflm_fail.makeInvoker(C_POINTER);

    private final List<MemorySegment> kernels = new ArrayList<>();
    /** Persistent memory each node allocated in prepare, by the address of its tflm_node. */
    private final Map<Long, MemorySegment> persistent = new HashMap<>();
    private Throwable failure;

    private CustomKernels() {
    }

    /** The kernels of ops, allocated in arena (the interpreter's). */
    static CustomKernels allocate(List<CustomOp> ops, Arena arena) {
        CustomKernels kernels = new CustomKernels();
        for (CustomOp op : ops) {
            kernels.kernels.add(kernels.kernel(op, arena));
        }
        return kernels;
    }

    private MemorySegment kernel(CustomOp op, Arena arena) {
        MemorySegment name = arena.allocateFrom(op.name());
        MemorySegment kernel = tflm_kernel.allocate(arena);
        tflm_kernel.builtin_code(kernel, BuiltinOperator.CUSTOM);
        tflm_kernel.custom_name(kernel, name);
        tflm_kernel.name(kernel, name);
        tflm_kernel.prepare(kernel, tflm_kernel_fn.allocate((ctx, node) -> call(op, true, ctx, node), arena));
        tflm_kernel.invoke(kernel, tflm_kernel_fn.allocate((ctx, node) -> call(op, false, ctx, node), arena));
        tflm_kernel.output_aliases_input(kernel, false);
        return kernel;
    }

    /** The tflm_kernel structs, in the order of the ops given. */
    List<MemorySegment> kernels() {
        return kernels;
    }

    /** The exception that made the last failing call fail, if an op threw one; cleared. */
    Throwable takeFailure() {
        Throwable taken = failure;
        failure = null;
        return taken;
    }

    /** The node's persistent memory (unscoped), or null when its prepare allocated none. */
    MemorySegment persistent(MemorySegment node) {
        return persistent.get(node.address());
    }

    void persistent(MemorySegment node, MemorySegment memory) {
        persistent.put(node.address(), memory);
    }

    /** The upcall: runs one step of op and returns a tflm_status; never throws. */
    private int call(CustomOp op, boolean prepare, MemorySegment ctx, MemorySegment node) {
        try {
            // Everything the op is given is scoped to this arena, closed when the call returns.
            try (Arena call = Arena.ofConfined()) {
                OpContext context = new OpContext(this, op.name(), prepare, ctx, node, call);
                if (prepare) {
                    op.prepare(context);
                } else {
                    op.invoke(context);
                }
            }
            return TFLM_OK();
        } catch (Throwable thrown) {
            return fail(ctx, thrown);
        }
    }

    /**
     * Reports what the op threw through tflm_fail, which prefixes the operator's index and name.
     * A TflmException keeps its status and message; ARENA_TOO_SMALL (persistent memory the arena
     * could not give) is left to the interpreter, which states the bytes needed. Anything else is
     * KERNEL with the exception's class and message.
     */
    private int fail(MemorySegment ctx, Throwable thrown) {
        int status = TFLM_ERROR_KERNEL();
        try {
            if (thrown instanceof TflmException e && e.status() != Status.OK) {
                status = e.status().code();
                if (status == TFLM_ERROR_ARENA_TOO_SMALL()) {
                    return status;
                }
            }
            failure = thrown;
            String message = thrown instanceof TflmException e ? e.getMessage() : thrown.toString();
            try (Arena scratch = Arena.ofConfined()) {
                FAIL.apply(ctx, status, scratch.allocateFrom("%s"), scratch.allocateFrom(message));
            }
        } catch (Throwable ignored) {
            // Out of memory or stack while reporting: the status alone still fails the call, and the
            // interpreter names it ("prepare failed (kernel error)") when no message was recorded.
        }
        return status;
    }
}
