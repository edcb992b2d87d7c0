package dev.tflm;

import static dev.tflm.bindings.tflm_h.tflm_alloc_persistent;
import static dev.tflm.bindings.tflm_h.tflm_input;
import static dev.tflm.bindings.tflm_h.tflm_output;

import dev.tflm.bindings.tflm_int_array;
import dev.tflm.bindings.tflm_node;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What a {@link CustomOp} sees of its operator during one call of prepare or invoke: the
 * operator's tensors ({@link OpTensor}, their data in place in the interpreter's arena), its
 * custom options ({@link CustomOptions}) and its persistent memory. This is {@code tflm/kernel.h}'s
 * view of a node, through FFM.
 *
 * <p>A context, and every tensor, options object and memory segment obtained from it, is valid
 * only during the call it was given to, and only on that thread: afterwards every method and
 * every access to those segments throws {@link IllegalStateException}. Nothing is copied.
 */
public final class OpContext {

    private final CustomKernels kernels;
    private final String opName;
    private final boolean preparing;
    private final MemorySegment ctx;
    private final MemorySegment node;
    private final Arena call;
    private final Thread thread = Thread.currentThread();
    private final int inputCount;
    private final int outputCount;
    private CustomOptions options;

    OpContext(CustomKernels kernels, String opName, boolean preparing, MemorySegment ctx, MemorySegment node,
              Arena call) {
        this.kernels = kernels;
        this.opName = opName;
        this.preparing = preparing;
        this.ctx = ctx;
        this.node = node.reinterpret(tflm_node.sizeof());
        this.call = call;
        this.inputCount = count(tflm_node.inputs(this.node));
        this.outputCount = count(tflm_node.outputs(this.node));
    }

    private static int count(MemorySegment intArray) {
        return intArray.equals(MemorySegment.NULL) ? 0 : tflm_int_array.size(intArray.reinterpret(Integer.BYTES));
    }

    /** The custom op's name. */
    public String opName() {
        ensureLive();
        return opName;
    }

    /** True during prepare (when the interpreter is created), false during invoke. */
    public boolean isPreparing() {
        ensureLive();
        return preparing;
    }

    /** Number of inputs of the operator, omitted optional ones included. */
    public int inputCount() {
        ensureLive();
        return inputCount;
    }

    /** Number of outputs of the operator. */
    public int outputCount() {
        ensureLive();
        return outputCount;
    }

    /** Whether input {@code index} is present: false for an omitted optional input (index -1 in the model). */
    public boolean hasInput(int index) {
        ensureLive();
        return !tflm_input(ctx, node, Objects.checkIndex(index, inputCount)).equals(MemorySegment.NULL);
    }

    /** Input {@code index}; IllegalArgumentException for an omitted optional input (see {@link #hasInput}). */
    public OpTensor input(int index) {
        ensureLive();
        MemorySegment tensor = tflm_input(ctx, node, Objects.checkIndex(index, inputCount));
        if (tensor.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException(opName + ": input " + index + " is omitted (an optional input)");
        }
        return new OpTensor(this, "input " + index, ctx, tensor, call);
    }

    /** Output {@code index}. */
    public OpTensor output(int index) {
        ensureLive();
        MemorySegment tensor = tflm_output(ctx, node, Objects.checkIndex(index, outputCount));
        if (tensor.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException(opName + ": output " + index + " names no tensor");
        }
        return new OpTensor(this, "output " + index, ctx, tensor, call);
    }

    /** The operator's custom options (a FlexBuffers map, read in place); empty when it has none. */
    public CustomOptions options() {
        ensureLive();
        if (options == null) {
            MemorySegment bytes = tflm_node.custom_options(node);
            long size = Integer.toUnsignedLong(tflm_node.custom_options_size(node));
            options = new CustomOptions(this, bytes.equals(MemorySegment.NULL) ? MemorySegment.NULL
                    : bytes.reinterpret(size, call, null), call);
        }
        return options;
    }

    /**
     * Allocates this node's persistent memory, in prepare: {@code bytes} of the interpreter's arena,
     * zeroed, aligned to 16, living as long as the interpreter, counted in its
     * {@link Interpreter#arenaBytes()} as a C kernel's {@code tflm_alloc_persistent} is. Read it
     * back in invoke with {@link #persistentData()}. One allocation per node.
     *
     * @throws IllegalStateException during invoke, or when this node already has its memory
     * @throws TflmException         ARENA_TOO_SMALL when the arena cannot hold it: let it propagate,
     *                               and the interpreter reports (or, sized automatically, finds)
     *                               the bytes the model needs
     */
    public MemorySegment allocatePersistent(long bytes) {
        ensureLive();
        if (!preparing) {
            throw new IllegalStateException(opName + ": persistent memory is allocated in prepare");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException(opName + ": persistent bytes must be positive, got " + bytes);
        }
        if (kernels.persistent(node) != null) {
            throw new IllegalStateException(opName + ": this node already has its persistent memory");
        }
        MemorySegment memory = tflm_alloc_persistent(ctx, bytes);
        if (memory.equals(MemorySegment.NULL)) {
            throw new TflmException(Status.ARENA_TOO_SMALL,
                    opName + ": arena too small for " + bytes + " bytes of persistent memory");
        }
        memory = memory.reinterpret(bytes);
        tflm_node.data(node, memory);
        kernels.persistent(node, memory);
        return memory.reinterpret(call, null);
    }

    /**
     * This node's persistent memory, as {@link #allocatePersistent} gave it in prepare.
     *
     * @throws IllegalStateException when prepare allocated none
     */
    public MemorySegment persistentData() {
        ensureLive();
        MemorySegment memory = kernels.persistent(node);
        if (memory == null) {
            throw new IllegalStateException(opName + ": no persistent memory: allocate it in prepare");
        }
        return memory.reinterpret(call, null);
    }

    @Override
    public String toString() {
        return opName + (preparing ? " (prepare)" : " (invoke)");
    }

    /** Throws once the call this context was given to has returned, or on another thread. */
    void ensureLive() {
        if (!call.scope().isAlive()) {
            throw new IllegalStateException(opName + ": the op context is only valid during the call it was given to");
        }
        if (Thread.currentThread() != thread) {
            throw new WrongThreadException(opName + ": the op context belongs to the thread running the op");
        }
    }
}
