package dev.tflm;

import static dev.tflm.bindings.tflm_h.C_LONG;
import static dev.tflm.bindings.tflm_h.TFLM_ARENA_ALIGNMENT;
import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_check_operators;

import dev.tflm.bindings.tflm_error;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The native runtime's tflm_check_operators: every operator an interpreter would refuse, with
 * the runtime's message, where creating one stops at the first.
 */
final class OperatorCheck {

    private OperatorCheck() {
    }

    /** The messages, in model order (main subgraph first); empty when every operator is accepted. */
    static List<String> problems(Model model, int operatorCount) {
        long arenaSize = Interpreter.initialArenaBound(model);
        while (true) {
            try (Arena scratch = Arena.ofConfined()) {
                int capacity = Math.max(1, operatorCount);
                MemorySegment problems = tflm_error.allocateArray(capacity, scratch);
                MemorySegment count = scratch.allocate(C_LONG);
                MemorySegment error = tflm_error.allocate(scratch);
                MemorySegment modelBytes = model.segment();
                int status = tflm_check_operators(modelBytes, modelBytes.byteSize(),
                        OpResolver.withAllKernels(scratch).segment(),
                        scratch.allocate(arenaSize, TFLM_ARENA_ALIGNMENT()), arenaSize, problems, capacity, count, error);
                if (status == TFLM_OK()) {
                    List<String> messages = new ArrayList<>();
                    long found = Math.min(count.get(C_LONG, 0), capacity);
                    for (long i = 0; i < found; i++) {
                        messages.add(tflm_error.message(tflm_error.asSlice(problems, i)).getString(0));
                    }
                    return List.copyOf(messages);
                }
                TflmException failure = new TflmException(Status.of(status), tflm_error.message(error).getString(0));
                if (failure.status() != Status.ARENA_TOO_SMALL || arenaSize >= Interpreter.MAX_AUTO_ARENA) {
                    throw failure;
                }
                arenaSize = Math.min(2 * arenaSize, Interpreter.MAX_AUTO_ARENA);
            }
        }
    }
}
