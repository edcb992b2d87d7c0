package dev.tflm;

import static dev.tflm.bindings.tflm_h.TFLM_ARENA_ALIGNMENT;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_create_shared;
import static dev.tflm.bindings.tflm_h.tflm_shared_arena_init;
import static dev.tflm.bindings.tflm_h.tflm_shared_arena_used;

import dev.tflm.bindings.NativeLibrary;
import dev.tflm.bindings.tflm_shared_arena;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several interpreters in one arena, as TFLM's multi-tenant allocator: for models that never run at
 * the same time, such as an audio front end and the keyword model it feeds. Each interpreter keeps
 * its own persistent part (tables, kernel data, variables); their activation tensors and scratch
 * buffers share one planned part, so the arena needs the largest planned part plus every persistent
 * part instead of the sum of the models' arenas ({@code tflm_interpreter_create_shared} in C).
 *
 * <p>The price: creating or invoking one interpreter overwrites the others' input, output and
 * intermediate tensors (variables keep their values). Set an interpreter's inputs just before its
 * {@link Interpreter#invoke()}, and copy its outputs out before another one runs.
 *
 * <p>Closing the tenant arena closes its interpreters and frees the memory; closing one of them
 * only ends its use (its memory stays until the arena is closed). The threading rules are an
 * interpreter's: confined to the creating thread unless {@link Interpreter.Options#sharedArena()}.
 */
public final class MultiTenantArena implements AutoCloseable {

    private final Arena arena;
    private final MemorySegment shared;
    private final List<Interpreter> interpreters;
    private boolean closed;

    private MultiTenantArena(Arena arena, MemorySegment shared, List<Interpreter> interpreters) {
        this.arena = arena;
        this.shared = shared;
        this.interpreters = List.copyOf(interpreters);
    }

    /** An interpreter per model, in their order, with the default options, in an exactly sized arena. */
    public static MultiTenantArena create(List<Model> models) {
        return create(models, Interpreter.Options.defaults());
    }

    /**
     * An interpreter per model, in their order, each with {@code options}. With
     * {@link Interpreter.Options#arenaBytes()} the arena has that size and creating fails with
     * ARENA_TOO_SMALL when the models do not fit; without, it is sized automatically to exactly the
     * bytes they need together, {@link #arenaBytes()}.
     */
    public static MultiTenantArena create(List<Model> models, Interpreter.Options options) {
        Objects.requireNonNull(options, "options");
        List<Model> tenants = List.copyOf(models);
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("a multi-tenant arena needs at least one model");
        }
        if (options.arenaBytes() > 0) {
            return create(tenants, options, options.arenaBytes());
        }
        // Their arenas apart are always enough together; then the exact figure of that creation.
        long apart = 0;
        for (Model model : tenants) {
            try (Interpreter alone = new Interpreter(model, options)) {
                apart += alone.arenaBytes();
            }
        }
        MultiTenantArena probe = create(tenants, options, apart);
        long used = probe.arenaBytes();
        if (used == apart) {
            return probe;
        }
        probe.close();
        return create(tenants, options, used);
    }

    private static MultiTenantArena create(List<Model> models, Interpreter.Options options, long size) {
        NativeLibrary.load();
        Arena arena = options.sharedArena() ? Arena.ofShared() : Arena.ofConfined();
        List<Interpreter> created = new ArrayList<>();
        try {
            MemorySegment memory = arena.allocate(size, TFLM_ARENA_ALIGNMENT());
            MemorySegment shared = tflm_shared_arena.allocate(arena);
            tflm_shared_arena_init(shared, memory, size);
            for (Model model : models) {
                created.add(new Interpreter(model, () -> Interpreter.create(model, options, arena,
                        (out, modelBytes, resolver, nativeOptions, error) -> tflm_interpreter_create_shared(
                                out, modelBytes, modelBytes.byteSize(), resolver, shared, nativeOptions, error)),
                        false));
            }
            return new MultiTenantArena(arena, shared, created);
        } catch (RuntimeException e) {
            created.forEach(Interpreter::close);
            arena.close();
            throw e;
        }
    }

    /** The interpreters, one per model in the order given. */
    public List<Interpreter> interpreters() {
        ensureOpen();
        return interpreters;
    }

    public Interpreter interpreter(int index) {
        ensureOpen();
        return interpreters.get(Objects.checkIndex(index, interpreters.size()));
    }

    /** Bytes the interpreters need together: the largest planned part plus every persistent part. */
    public long arenaBytes() {
        ensureOpen();
        return tflm_shared_arena_used(shared);
    }

    /** Of {@link #arenaBytes()}: the planned part the interpreters share (alignment padding included). */
    public long plannedBytes() {
        ensureOpen();
        return tflm_shared_arena.planned(shared);
    }

    /** Of {@link #arenaBytes()}: the persistent parts, each interpreter's own. */
    public long persistentBytes() {
        ensureOpen();
        return tflm_shared_arena.persistent(shared);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every interpreter, then frees the arena. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        interpreters.forEach(Interpreter::close);
        arena.close();
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("multi-tenant arena is closed");
        }
    }
}
