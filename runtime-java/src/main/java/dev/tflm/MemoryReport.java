package dev.tflm;

import static dev.tflm.bindings.tflm_h.TFLM_ARENA_ALIGNMENT;
import static dev.tflm.bindings.tflm_h.TFLM_OK;
import static dev.tflm.bindings.tflm_h.tflm_memory_report;

import dev.tflm.bindings.tflm_error;
import dev.tflm.bindings.tflm_interpreter_options;
import dev.tflm.bindings.tflm_memory_buffer;
import dev.tflm.bindings.tflm_memory_operator;
import dev.tflm.bindings.tflm_memory_summary;
import dev.tflm.bindings.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the arena bytes of a model go, as the native allocator and planner placed them
 * ({@code tflm_memory_report}): persistent bytes by purpose and per operator, the activation plan
 * (each tensor's and scratch buffer's lifetime in steps and offset), and the live-tensor lower
 * bound the plan is measured against.
 *
 * @param arenaBytes what {@link Interpreter#arenaBytes()} reports with these options
 * @param planned the activation plan's bytes
 * @param tempPeak create's temporary records, held in the plan's area
 * @param persistent the sum of {@code persistentByPurpose}
 * @param liveBound the largest sum of the bytes of the tensors live at one step
 * @param liveBoundStep the first step reaching it
 * @param planPeakStep the first step at which the plan's live buffers reach highest
 */
public record MemoryReport(long arenaBytes, long padding, long planned, long tempPeak, long persistent,
                           Map<Purpose, Long> persistentByPurpose, long variableBytes, long liveBound,
                           int liveBoundStep, int planPeakStep, int steps, List<OperatorMemory> operators,
                           List<PlanEntry> plan) {

    /** What persistent bytes hold, as {@code tflm_memory_purpose}. */
    public enum Purpose {
        INTERPRETER("interpreter, subgraph, scratch and call tables"),
        TENSOR_TABLE("tensor table"),
        NODE_TABLE("node table"),
        OP_DATA("op data"),
        QUANTIZATION("quantization arrays"),
        PACKED_WEIGHTS("packed weights"),
        VARIABLES("variables"),
        CONSTANT_COPIES("aligned constant copies");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One operator (node table index, all subgraphs): persistent bytes of its prepare, scratch bytes. */
    public record OperatorMemory(int index, Map<Purpose, Long> persistent, long scratch) {
        public long persistentTotal() {
            return persistent.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One planned buffer: a tensor ({@code tensor >= 0}) or a scratch buffer of {@code operator};
     * {@code aliasOf >= 0} when it shares that tensor's buffer. Steps inclusive; offset from the
     * start of the planned area.
     */
    public record PlanEntry(int tensor, int operator, int aliasOf, long bytes, int firstStep, int lastStep,
                            long offset) {
        public boolean scratch() {
            return tensor < 0;
        }
    }

    /** The plan's size over the live bound (1.0: no plan of these lifetimes is smaller). */
    public double planOverBound() {
        return liveBound == 0 ? 1.0 : (double) (planned + variableBytes) / liveBound;
    }

    /** The report of model with options (kernels, ISA, custom ops; the arena is sized exactly). */
    public static MemoryReport of(Model model, Interpreter.Options options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        long arenaBytes;
        try (Interpreter sized = new Interpreter(model, options)) {
            arenaBytes = sized.arenaBytes();
        }
        NativeLibrary.load();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment summary = tflm_memory_summary.allocate(arena);
            report(model, options, arena, arenaBytes, summary, MemorySegment.NULL, 0, MemorySegment.NULL, 0);
            int operatorCount = tflm_memory_summary.operator_count(summary);
            int bufferCount = tflm_memory_summary.buffer_count(summary);
            MemorySegment ops = tflm_memory_operator.allocateArray(Math.max(1, operatorCount), arena);
            MemorySegment buffers = tflm_memory_buffer.allocateArray(Math.max(1, bufferCount), arena);
            report(model, options, arena, arenaBytes, summary, ops, operatorCount, buffers, bufferCount);
            return read(summary, ops, operatorCount, buffers, bufferCount);
        }
    }

    private static void report(Model model, Interpreter.Options options, Arena arena, long arenaBytes,
                               MemorySegment summary, MemorySegment ops, long opCapacity, MemorySegment buffers,
                               long bufferCapacity) {
        MemorySegment error = tflm_error.allocate(arena);
        MemorySegment nativeOptions = tflm_interpreter_options.allocate(arena);
        tflm_interpreter_options.kernels(nativeOptions, options.kernels().code());
        tflm_interpreter_options.max_isa(nativeOptions, options.maxIsa().code());
        CustomKernels customKernels = CustomKernels.allocate(options.customOps(), arena);
        OpResolver resolver = OpResolver.withAllKernels(arena, customKernels.kernels());
        MemorySegment runtimeArena = arena.allocate(arenaBytes, TFLM_ARENA_ALIGNMENT());
        MemorySegment bytes = model.segment();
        int status = tflm_memory_report(bytes, bytes.byteSize(), resolver.segment(), runtimeArena, arenaBytes,
                nativeOptions, summary, ops, opCapacity, buffers, bufferCapacity, error);
        if (status != TFLM_OK()) {
            throw new TflmException(Status.of(status), tflm_error.message(error).getString(0),
                    customKernels.takeFailure());
        }
    }

    private static MemoryReport read(MemorySegment s, MemorySegment ops, int opCount, MemorySegment buffers,
                                     int bufferCount) {
        Map<Purpose, Long> byPurpose = new EnumMap<>(Purpose.class);
        for (Purpose p : Purpose.values()) {
            byPurpose.put(p, tflm_memory_summary.persistent_by_purpose(s, p.ordinal()));
        }
        List<OperatorMemory> operators = new ArrayList<>();
        for (int i = 0; i < opCount; i++) {
            MemorySegment op = tflm_memory_operator.asSlice(ops, i);
            Map<Purpose, Long> persistent = new EnumMap<>(Purpose.class);
            for (Purpose p : Purpose.values()) {
                persistent.put(p, Integer.toUnsignedLong(tflm_memory_operator.persistent(op, p.ordinal())));
            }
            operators.add(new OperatorMemory(i, Collections.unmodifiableMap(persistent),
                    Integer.toUnsignedLong(tflm_memory_operator.scratch(op))));
        }
        List<PlanEntry> plan = new ArrayList<>();
        for (int i = 0; i < bufferCount; i++) {
            MemorySegment b = tflm_memory_buffer.asSlice(buffers, i);
            plan.add(new PlanEntry(tflm_memory_buffer.tensor(b), tflm_memory_buffer.operator_index(b),
                    tflm_memory_buffer.alias_of(b), Integer.toUnsignedLong(tflm_memory_buffer.bytes(b)),
                    tflm_memory_buffer.first_step(b), tflm_memory_buffer.last_step(b),
                    Integer.toUnsignedLong(tflm_memory_buffer.offset(b))));
        }
        return new MemoryReport(tflm_memory_summary.arena_used(s), tflm_memory_summary.padding(s),
                tflm_memory_summary.planned(s), tflm_memory_summary.temp_peak(s), tflm_memory_summary.persistent(s),
                Collections.unmodifiableMap(byPurpose), tflm_memory_summary.variable_bytes(s), tflm_memory_summary.live_bound(s),
                tflm_memory_summary.live_bound_step(s), tflm_memory_summary.plan_peak_step(s),
                tflm_memory_summary.step_count(s), List.copyOf(operators), List.copyOf(plan));
    }
}
