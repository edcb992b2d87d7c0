package dev.tflm;

import static dev.tflm.bindings.tflm_h.C_POINTER;
import static dev.tflm.bindings.tflm_h.TFLM_ARENA_ALIGNMENT;
import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_arena_used;
import static dev.tflm.bindings.tflm_h.tflm_cpu_isa;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_create_with_options;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_error_message;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_input;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_input_count;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_isa;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_invoke;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_invoke$handle;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_invoke_operator;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_operator_count;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_operator_name;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_output;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_output_count;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_reset_state;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_subgraph_count;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_tensor;
import static dev.tflm.bindings.tflm_h.tflm_interpreter_tensor_count;

import dev.tflm.bindings.NativeLibrary;
import dev.tflm.bindings.tflm_error;
import dev.tflm.bindings.tflm_interpreter_options;
import dev.tflm.bindings.tflm_tensor_info;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a model with the native runtime. The interpreter owns an {@link Arena} holding
 * the runtime's arena (and with it every non-constant tensor); closing the interpreter
 * frees it, after which every method, and every {@link Tensor} it handed out, throws
 * {@code IllegalStateException("interpreter is closed")}.
 *
 * <p>Threads: an interpreter is not thread-safe and is never shared; the {@link Model} is.
 * Give each thread its own interpreter of the shared model. By default the arena is
 * confined: only the creating thread may use the interpreter, and any other thread gets a
 * {@link WrongThreadException}. {@link Options#sharedArena()} lets one other thread at a
 * time use it instead, e.g. a benchmark harness handing it over.
 *
 * <p>Custom ops implemented in Java ({@link CustomOp}) run where the model has CUSTOM operators of
 * their names: register them with {@link Options.Builder#customOp(CustomOp)}.
 *
 * <p>Without an explicit size the arena is sized automatically: the interpreter is first
 * created in a generous arena (doubled while the runtime reports ARENA_TOO_SMALL), then
 * re-created in an arena of exactly the bytes the runtime reported using, so
 * {@link #arenaBytes()} is what the model needs on a device.
 */
public final class Interpreter implements AutoCloseable {

    /**
     * Largest arena automatic sizing allocates: far above what microcontroller models need,
     * low enough that a damaged model declaring huge tensors cannot exhaust the machine.
     * Larger arenas need an explicit {@link Options.Builder#arenaBytes(long)}.
     */
    static final long MAX_AUTO_ARENA = 256L << 20;

    /** Largest first guess of automatic sizing; see {@link #initialArenaBound}. */
    private static final long FIRST_GUESS_CAP = 16L << 20;

    /** The runtime's ARENA_TOO_SMALL message: "model needs [at least ]N bytes". */
    private static final Pattern NEEDED = Pattern.compile("needs (at least )?(\\d+) bytes");

    private final Model model;
    private final Arena arena;
    /** False in a {@link MultiTenantArena}: the arena is the tenants' and outlives this interpreter. */
    private final boolean ownsArena;
    private final MemorySegment handle;
    private final CustomKernels customKernels;
    private final long arenaBytes;
    /** Fixed at create; cached so timing one operator costs one downcall, not two. */
    private final int operatorCount;
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;
    private boolean closed;
    /** True while the native interpreter runs operators, which may be Java custom ops. */
    private boolean running;

    /** An interpreter with an automatically sized, confined arena. */
    public Interpreter(Model model) {
        this(model, Options.defaults());
    }

    public Interpreter(Model model, Options options) {
        this(model, () -> {
            Objects.requireNonNull(options, "options");
            return options.arenaBytes() > 0 ? createExplicit(model, options) : createAutoSized(model, options);
        }, true);
    }

    /**
     * Creates with {@code creator} once the model is attached; {@code ownsArena} is false for the
     * interpreters of a {@link MultiTenantArena}, which frees the arena they share.
     */
    Interpreter(Model model, Supplier<Created> creator, boolean ownsArena) {
        Objects.requireNonNull(model, "model");
        this.model = model;
        this.ownsArena = ownsArena;
        // Attached before the native runtime first reads the model's bytes, so that from
        // here to close() Model.close() on any thread throws instead of freeing them.
        model.attach(this);
        Created created;
        try {
            created = creator.get();
        } catch (RuntimeException e) {
            model.detach(this);
            throw e;
        }
        this.arena = created.arena;
        this.handle = created.handle;
        this.customKernels = created.customKernels;
        try {
            this.arenaBytes = tflm_interpreter_arena_used(handle);
            this.operatorCount = Math.toIntExact(tflm_interpreter_operator_count(handle));
            // Link the invoke downcall now, so the first timed invoke measures the model.
            tflm_interpreter_invoke$handle();
            this.inputs = tensors(tflm_interpreter_input_count(handle), model.inputs(), true);
            this.outputs = tensors(tflm_interpreter_output_count(handle), model.outputs(), false);
        } catch (RuntimeException e) {
            if (ownsArena) {
                arena.close();
            }
            model.detach(this);
            throw e;
        }
    }

    /** A native interpreter, the Java arena that holds it and the kernels of its custom ops. */
    record Created(Arena arena, MemorySegment handle, CustomKernels customKernels) {
    }

    /**
     * Creates in exactly the arena the caller asked for. When it is too small the native
     * runtime states the exact need if it could plan in that arena, else only a lower bound
     * (it has no memory to plan in); then the need is measured in a sized arena, so the
     * message always states the bytes to ask for.
     */
    private static Created createExplicit(Model model, Options options) {
        long size = options.arenaBytes();
        try {
            return create(model, size, options);
        } catch (TflmException e) {
            Matcher needed = NEEDED.matcher(e.nativeMessage());
            if (e.status() != Status.ARENA_TOO_SMALL || !needed.find() || needed.group(1) == null) {
                throw e;
            }
            long required;
            try {
                Created sized = createAutoSized(model, options);
                required = tflm_interpreter_arena_used(sized.handle);
                sized.arena.close();
            } catch (TflmException measuring) {
                throw e;
            }
            throw new TflmException(Status.ARENA_TOO_SMALL,
                    "arena too small: model needs " + required + " bytes, " + size + " given");
        }
    }

    private static Created createAutoSized(Model model, Options options) {
        Created probe = null;
        long size = initialArenaBound(model);
        while (probe == null) {
            try {
                probe = create(model, size, options);
            } catch (TflmException e) {
                size = largerArena(e, size);
            }
        }
        long used = tflm_interpreter_arena_used(probe.handle);
        if (used == size) {
            return probe;
        }
        probe.arena.close();
        return create(model, used, options);
    }

    /**
     * The next arena to try after ARENA_TOO_SMALL: the exact need when the runtime states
     * one, else double the last size or the runtime's lower bound, whichever is larger.
     * Rethrows other failures, and needs beyond MAX_AUTO_ARENA.
     */
    private static long largerArena(TflmException failure, long size) {
        if (failure.status() != Status.ARENA_TOO_SMALL || size >= MAX_AUTO_ARENA) {
            throw failure;
        }
        Matcher needed = NEEDED.matcher(failure.nativeMessage());
        long next = 2 * size;
        if (needed.find()) {
            String digits = needed.group(2);
            long stated = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
            if (stated > MAX_AUTO_ARENA) {
                throw failure;
            }
            long candidate = needed.group(1) == null ? stated : Math.max(next, stated);
            next = candidate > size ? candidate : next;
        }
        return Math.min(alignUp(next, TFLM_ARENA_ALIGNMENT()), MAX_AUTO_ARENA);
    }

    /**
     * A first guess above what most models need: every tensor computed at run time, plus
     * room for the runtime's tables (interpreter, tensors, nodes, per-op data). Capped at
     * FIRST_GUESS_CAP: for larger models the runtime's "needs N bytes" gives the next size
     * without allocating whatever a damaged model's shapes claim.
     */
    static long initialArenaBound(Model model) {
        long bound = 16 * 1024 + 256L * model.tensors().size() + 512L * model.operators().size();
        for (TensorInfo tensor : model.tensors()) {
            if (!tensor.constant()) {
                bound += Math.min(tensor.byteSize(), FIRST_GUESS_CAP);
                if (bound >= FIRST_GUESS_CAP) {
                    return FIRST_GUESS_CAP;
                }
            }
        }
        return alignUp(bound, TFLM_ARENA_ALIGNMENT());
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static Created create(Model model, long arenaSize, Options options) {
        NativeLibrary.load();
        Arena arena = options.sharedArena() ? Arena.ofShared() : Arena.ofConfined();
        try {
            MemorySegment runtimeArena = arena.allocate(arenaSize, TFLM_ARENA_ALIGNMENT());
            return create(model, options, arena, (out, modelBytes, resolver, nativeOptions, error) ->
                    tflm_interpreter_create_with_options(out, modelBytes, modelBytes.byteSize(), resolver,
                            runtimeArena, arenaSize, nativeOptions, error));
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** One of the native create functions, given what every one of them takes. */
    @FunctionalInterface
    interface NativeCreate {
        int create(MemorySegment out, MemorySegment model, MemorySegment resolver, MemorySegment options,
                MemorySegment error);
    }

    /**
     * Creates with {@code nativeCreate}, allocating its arguments in {@code arena}, which the
     * caller closes on failure.
     */
    static Created create(Model model, Options options, Arena arena, NativeCreate nativeCreate) {
        NativeLibrary.load();
        MemorySegment out = arena.allocate(C_POINTER);
        MemorySegment error = tflm_error.allocate(arena);
        MemorySegment nativeOptions = tflm_interpreter_options.allocate(arena);
        tflm_interpreter_options.kernels(nativeOptions, options.kernels().code());
        tflm_interpreter_options.max_isa(nativeOptions, options.maxIsa().code());
        // The native interpreter points at the custom ops' kernels, names and upcall stubs: in
        // this arena, they live exactly as long as it does.
        CustomKernels customKernels = CustomKernels.allocate(options.customOps(), arena);
        // The resolver is only read during create, but living in the arena costs 264 bytes.
        OpResolver resolver = OpResolver.withAllKernels(arena, customKernels.kernels());
        int status = nativeCreate.create(out, model.segment(), resolver.segment(), nativeOptions, error);
        if (status != TFLM_OK()) {
            throw new TflmException(Status.of(status), tflm_error.message(error).getString(0),
                    customKernels.takeFailure());
        }
        // Scoped to the arena, every call through the handle checks the arena is open and,
        // for a confined arena, that the caller is its owner thread.
        return new Created(arena, out.get(C_POINTER, 0).reinterpret(arena, null), customKernels);
    }

    private List<Tensor> tensors(long count, List<Integer> modelIndices, boolean input) {
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int modelIndex = i < modelIndices.size() ? modelIndices.get(i) : -1;
            tensors.add(tensor(i, modelIndex, input ? Source.INPUT : Source.OUTPUT));
        }
        return List.copyOf(tensors);
    }

    private enum Source { INPUT, OUTPUT, GRAPH }

    private Tensor tensor(int position, int modelIndex, Source source) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment info = tflm_tensor_info.allocate(scratch);
            int status = switch (source) {
                case INPUT -> tflm_interpreter_input(handle, position, info);
                case OUTPUT -> tflm_interpreter_output(handle, position, info);
                case GRAPH -> tflm_interpreter_tensor(handle, position, info);
            };
            check(status);
            TensorInfo described = modelIndex >= 0 && modelIndex < model.tensors().size()
                    ? model.tensors().get(modelIndex) : null;
            return new Tensor(this, modelIndex, info, described);
        }
    }

    public Model model() {
        ensureOpen();
        return model;
    }

    public int inputCount() {
        ensureOpen();
        return inputs.size();
    }

    public int outputCount() {
        ensureOpen();
        return outputs.size();
    }

    public Tensor input(int index) {
        ensureOpen();
        return inputs.get(Objects.checkIndex(index, inputs.size()));
    }

    public Tensor output(int index) {
        ensureOpen();
        return outputs.get(Objects.checkIndex(index, outputs.size()));
    }

    /** Number of tensors in the graph. */
    public int tensorCount() {
        ensureOpen();
        return Math.toIntExact(tflm_interpreter_tensor_count(handle));
    }

    /** Any tensor of the graph by its index in the model (intermediate results, weights). */
    public Tensor tensor(int index) {
        ensureOpen();
        return tensor(Objects.checkIndex(index, tensorCount()), index, Source.GRAPH);
    }

    /**
     * Runs every operator once. Returns true when every operator ran, false when one ended the
     * run early without an error ({@link Status#STOPPED_EARLY}, TFLM's kTfLiteAbort: a streaming
     * model's CIRCULAR_BUFFER stops the run until it has gathered its frames); outputs of the
     * operators that did not run are then unspecified: read them after a run that returns true.
     */
    public boolean invoke() {
        ensureOpen();
        ensureNotRunning();
        running = true;
        try {
            return checkRun(tflm_interpreter_invoke(handle));
        } finally {
            running = false;
        }
    }

    /** Number of operators the interpreter runs, in execution order. */
    public int operatorCount() {
        ensureOpen();
        return operatorCount;
    }

    /**
     * Runs operator {@code index} alone on whatever its inputs hold now; running 0 to
     * {@code operatorCount() - 1} in order, up to the first that returns false, is one
     * {@link #invoke()}. Lets a caller time each operator without a timer in the native runtime.
     * Returns false when this operator would end an invoke here (see {@link #invoke()}).
     */
    public boolean invokeOperator(int index) {
        ensureOpen();
        ensureNotRunning();
        running = true;
        try {
            return checkRun(tflm_interpreter_invoke_operator(handle, Objects.checkIndex(index, operatorCount)));
        } finally {
            running = false;
        }
    }

    /** The op operator {@code index} runs: its builtin name ("CONV_2D") or the custom op's name. */
    public String operatorName(int index) {
        ensureOpen();
        return tflm_interpreter_operator_name(handle, Objects.checkIndex(index, operatorCount)).getString(0);
    }

    /**
     * Number of subgraphs of the model: all are verified and prepared; the interpreter runs subgraph 0, which
     * the inputs, outputs, operators and tensors here describe, and control-flow operators run the others.
     */
    public int subgraphCount() {
        ensureOpen();
        return Math.toIntExact(tflm_interpreter_subgraph_count(handle));
    }

    /** Zeroes the variable tensors (recurrent state such as SVDF's) and refills the resource variables. */
    public void resetState() {
        ensureOpen();
        check(tflm_interpreter_reset_state(handle));
    }

    /** Bytes of arena the runtime uses for this model, alignment padding included. */
    public long arenaBytes() {
        ensureOpen();
        return arenaBytes;
    }

    /** The instruction set level this interpreter's kernels run at (SCALAR for reference kernels). */
    public Isa isa() {
        ensureOpen();
        return Isa.of(tflm_interpreter_isa(handle));
    }

    /** The best level this CPU and OS support, as an interpreter would use. */
    public static Isa cpuIsa() {
        NativeLibrary.load();
        return Isa.of(tflm_cpu_isa());
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees the arena, and with it the kernels and upcall stubs of the custom ops (in a
     * {@link MultiTenantArena}, closing that frees them). Idempotent; tensors obtained from this
     * interpreter become unusable.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        ensureNotRunning();
        if (ownsArena) {
            arena.close();
        }
        closed = true;
        model.detach(this);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("interpreter is closed");
        }
    }

    /** A custom op invoking or closing the interpreter that runs it would re-enter the native interpreter. */
    private void ensureNotRunning() {
        if (running) {
            throw new IllegalStateException("the interpreter is running its operators: "
                    + "a custom op cannot invoke or close the interpreter that runs it");
        }
    }

    Arena arena() {
        return arena;
    }

    /** Throws the native failure, with the exception a custom op threw, if one did, as its cause. */
    /** {@link #check}, but STOPPED_EARLY is no failure: false for it, true for OK. */
    private boolean checkRun(int status) {
        if (status == Status.STOPPED_EARLY.code()) {
            customKernels.takeFailure();
            return false;
        }
        check(status);
        return true;
    }

    private void check(int status) {
        Throwable cause = customKernels.takeFailure();
        if (status != TFLM_OK()) {
            throw new TflmException(Status.of(status), tflm_interpreter_error_message(handle).getString(0), cause);
        }
    }

    /** How to create an interpreter: {@code Options.builder().arenaBytes(8192).build()}. */
    public static final class Options {

        private final long arenaBytes;
        private final boolean sharedArena;
        private final KernelSet kernels;
        private final Isa maxIsa;
        private final List<CustomOp> customOps;

        private Options(Builder builder) {
            this.arenaBytes = builder.arenaBytes;
            this.sharedArena = builder.sharedArena;
            this.kernels = builder.kernels;
            this.maxIsa = builder.maxIsa;
            this.customOps = List.copyOf(builder.customOps.values());
        }

        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The explicit arena size, or 0 for automatic sizing. */
        public long arenaBytes() {
            return arenaBytes;
        }

        public boolean sharedArena() {
            return sharedArena;
        }

        public KernelSet kernels() {
            return kernels;
        }

        public Isa maxIsa() {
            return maxIsa;
        }

        /** The custom ops implemented in Java, in the order they were added. */
        public List<CustomOp> customOps() {
            return customOps;
        }

        public static final class Builder {
            private long arenaBytes;
            private boolean sharedArena;
            private KernelSet kernels = KernelSet.OPTIMIZED;
            private Isa maxIsa = Isa.BEST;
            private final Map<String, CustomOp> customOps = new LinkedHashMap<>();

            private Builder() {
            }

            /** An arena of exactly this many bytes; too small fails with ARENA_TOO_SMALL. */
            public Builder arenaBytes(long bytes) {
                if (bytes <= 0) {
                    throw new IllegalArgumentException("arena bytes must be positive, got " + bytes);
                }
                this.arenaBytes = bytes;
                return this;
            }

            /** Lets threads other than the creating one use the interpreter (one at a time). */
            public Builder sharedArena(boolean shared) {
                this.sharedArena = shared;
                return this;
            }

            /** Optimized (default) or reference kernels. */
            public Builder kernels(KernelSet kernels) {
                this.kernels = Objects.requireNonNull(kernels, "kernels");
                return this;
            }

            /** The highest instruction set level kernels may use; BEST (default) lets the CPU decide. */
            public Builder maxIsa(Isa maxIsa) {
                this.maxIsa = Objects.requireNonNull(maxIsa, "maxIsa");
                return this;
            }

            /**
             * Registers a custom op implemented in Java ({@link CustomOp}), which the model's CUSTOM
             * operators of its name then run. It replaces a library kernel of the same custom name.
             *
             * @throws IllegalArgumentException when the name is empty, holds a NUL character or is
             *                                  already registered
             */
            public Builder customOp(CustomOp op) {
                Objects.requireNonNull(op, "op");
                String name = Objects.requireNonNull(op.name(), "custom op name");
                if (name.isEmpty() || name.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("custom op name must be non-empty, without NUL: \""
                            + name + "\"");
                }
                if (customOps.putIfAbsent(name, op) != null) {
                    throw new IllegalArgumentException("custom op " + name + " is already registered");
                }
                return this;
            }

            /** {@link #customOp(CustomOp)} for each op. */
            public Builder customOps(Collection<? extends CustomOp> ops) {
                ops.forEach(this::customOp);
                return this;
            }

            public Options build() {
                return new Options(this);
            }
        }
    }
}
