package dev.tflm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A .tflite model in native memory, readable by the C runtime in place, and its
 * description for inspection.
 *
 * <p>Threads: a model is thread-safe and meant to be shared; an {@link Interpreter} is
 * not. Any number of threads may each create their own interpreter of one model and run
 * it at the same time. The model owns a shared {@link Arena} (its bytes are only read,
 * from any thread) and its methods are synchronized.
 *
 * <p>The native runtime reads the model from the moment an interpreter is created until it
 * is closed, so a model cannot be closed while interpreters of it are open, on this thread
 * or any other: {@link #close()} then throws {@link IllegalStateException}, and once the
 * model is closed, creating an interpreter of it throws the same. Close the interpreters
 * first.
 */
public final class Model implements AutoCloseable {

    /** Alignment of copied models: the flatbuffer's widest scalars (int64, double) need 8; 16 matches the arena. */
    private static final long ALIGNMENT = 16;

    private final Arena arena;
    private final MemorySegment bytes;
    private final ModelContents contents;
    private final Set<Interpreter> interpreters = new LinkedHashSet<>();
    private List<String> unsupportedOps;
    private List<String> operatorProblems;
    private boolean closed;

    private Model(Arena arena, MemorySegment bytes) {
        this.arena = arena;
        this.bytes = bytes;
        try {
            this.contents = ModelContents.read(bytes.asByteBuffer());
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Memory-maps a model file (read only, no copy) for as long as the model is open. */
    public static Model load(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Model(arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena));
        } catch (IOException | RuntimeException e) {
            if (arena.scope().isAlive()) {
                arena.close();
            }
            throw e;
        }
    }

    /** Copies model bytes into an aligned native segment. */
    public static Model fromBytes(byte[] model) {
        Arena arena = Arena.ofShared();
        MemorySegment segment = arena.allocate(Math.max(model.length, 1), ALIGNMENT).asSlice(0, model.length);
        MemorySegment.copy(model, 0, segment, ValueLayout.JAVA_BYTE, 0, model.length);
        return new Model(arena, segment);
    }

    /** Size of the model in bytes. */
    public synchronized long byteSize() {
        ensureOpen();
        return bytes.byteSize();
    }

    /** The schema version the file declares (3 for current files). */
    public synchronized long version() {
        ensureOpen();
        return contents.version();
    }

    /** The converter's description, or "" when the file has none. */
    public synchronized String description() {
        ensureOpen();
        return contents.description() == null ? "" : contents.description();
    }

    public synchronized int subgraphCount() {
        ensureOpen();
        return contents.subgraphCount();
    }

    /** Operators of the main subgraph in execution order. */
    public synchronized List<OperatorInfo> operators() {
        ensureOpen();
        return contents.operators();
    }

    /** How many operators use each op, in order of first use. */
    public synchronized Map<String, Integer> opCounts() {
        ensureOpen();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (OperatorInfo operator : contents.operators()) {
            counts.merge(operator.opName(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The custom ops the model uses, in any subgraph, in order of first use (the main subgraph's
     * first), each with the number of operators using it. Those the library has no kernel for are
     * among {@link #unsupportedOps()}: an interpreter runs them once they are registered as
     * {@link CustomOp}s.
     */
    public synchronized Map<String, Integer> customOps() {
        ensureOpen();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<OperatorInfo> operators = new ArrayList<>(contents.operators());
        operators.addAll(contents.otherOperators());
        for (OperatorInfo operator : operators) {
            if (operator.isCustom()) {
                counts.merge(operator.opName(), 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Tensors of the main subgraph, by index. */
    public synchronized List<TensorInfo> tensors() {
        ensureOpen();
        return contents.tensors();
    }

    /** Tensor indices of the model's inputs, in input order. */
    public synchronized List<Integer> inputs() {
        ensureOpen();
        return contents.inputs();
    }

    /** Tensor indices of the model's outputs, in output order. */
    public synchronized List<Integer> outputs() {
        ensureOpen();
        return contents.outputs();
    }

    /** Bytes of constant data (weights, biases, tables) the main subgraph's tensors use. */
    public synchronized long weightBytes() {
        ensureOpen();
        return contents.weightBytes();
    }

    /**
     * Ops the model uses that this runtime has no kernel for, in any subgraph, in order of first use
     * (the main subgraph's first); empty when an interpreter can run the model. Asks the native op
     * resolver.
     */
    public synchronized List<String> unsupportedOps() {
        ensureOpen();
        if (unsupportedOps == null) {
            Set<String> missing = new LinkedHashSet<>();
            try (Arena scratch = Arena.ofConfined()) {
                OpResolver resolver = OpResolver.withAllKernels(scratch);
                List<OperatorInfo> operators = new ArrayList<>(contents.operators());
                operators.addAll(contents.otherOperators());
                for (OperatorInfo operator : operators) {
                    if (!missing.contains(operator.opName()) && !resolver.supports(operator)) {
                        missing.add(operator.opName());
                    }
                }
            }
            unsupportedOps = List.copyOf(missing);
        }
        return unsupportedOps;
    }

    /**
     * Everything that keeps an interpreter from being created, operator by operator, where
     * creating one stops at the first: each operator with no kernel and each one whose kernel
     * refuses it at prepare (a type, option or shape it does not support). Each entry is the
     * runtime's message, naming the subgraph (after the main one), the operator's index and op,
     * what it got and what it supports. Empty when every operator is accepted; the arena is
     * another matter. Asks the native runtime, whose reference kernels prepare every operator.
     */
    public synchronized List<String> operatorProblems() {
        ensureOpen();
        if (operatorProblems == null) {
            operatorProblems = OperatorCheck.problems(this,
                    contents.operators().size() + contents.otherOperators().size());
        }
        return operatorProblems;
    }

    /** Closes the model. IllegalStateException while interpreters created from it are open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (!interpreters.isEmpty()) {
            throw new IllegalStateException("model is used by " + interpreters.size()
                    + " open interpreter(s): close them before the model");
        }
        arena.close();
        closed = true;
    }

    synchronized MemorySegment segment() {
        ensureOpen();
        return bytes;
    }

    synchronized void attach(Interpreter interpreter) {
        ensureOpen();
        interpreters.add(interpreter);
    }

    synchronized void detach(Interpreter interpreter) {
        interpreters.remove(interpreter);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }
}
