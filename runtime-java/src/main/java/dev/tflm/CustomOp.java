package dev.tflm;

import java.util.Objects;

/**
 * A custom operator implemented in Java, for prototyping on the desktop: the native interpreter
 * calls it through an FFM upcall wherever the model has a CUSTOM operator of its {@link #name()},
 * exactly where it would call a C kernel ({@code tflm_kernel} in {@code tflm/kernel.h}).
 * Register it when creating an interpreter:
 *
 * <pre>{@code
 * CustomOp scale = CustomOp.of("JavaScale", context -> {
 *     float factor = context.options().getFloat("factor", 1f);
 *     MemorySegment in = context.input(0).data();
 *     MemorySegment out = context.output(0).data();
 *     for (long i = 0; i < in.byteSize() / Float.BYTES; i++) {
 *         out.setAtIndex(ValueLayout.JAVA_FLOAT, i, factor * in.getAtIndex(ValueLayout.JAVA_FLOAT, i));
 *     }
 * });
 * try (Interpreter interpreter = new Interpreter(model,
 *         Interpreter.Options.builder().customOp(scale).build())) { ... }
 * }</pre>
 *
 * <p>As a C kernel's, the two calls are:
 * <ul>
 *   <li>{@link #prepare} when the interpreter is created: check the operator's tensors and
 *       options, and allocate the node's persistent memory ({@link OpContext#allocatePersistent}).
 *       Tensor shapes and types are known; the data of tensors computed at run time is not.
 *       An interpreter with an automatically sized arena is created more than once while it
 *       finds the size, so prepare may run several times per node: keep per-node state in
 *       persistent memory, not in the op object, which is shared by every node using the op
 *       and every interpreter it is registered with.</li>
 *   <li>{@link #invoke} at every inference: read the inputs and write the outputs, in place in
 *       the interpreter's arena.</li>
 * </ul>
 *
 * <p>Anything either call throws becomes a failure of the native interpreter, never a crash: the
 * interpreter's {@link TflmException} names the operator and carries the Java exception's class
 * and message ({@code "operator 0 (JavaScale): java.lang.IllegalStateException: ..."}) and the
 * exception itself as its cause. Its status is {@link Status#KERNEL}, or the status of a
 * {@link TflmException} the op throws. The interpreter stays usable and closable.
 *
 * <p>The op runs on the thread that invokes (or creates) the interpreter. It must not invoke or
 * close the interpreter that is running it.
 */
public interface CustomOp {

    /** The custom op's name, as the model's operator code says it ({@code custom_code}). */
    String name();

    /** Checks the operator once, when the interpreter is created. Does nothing by default. */
    default void prepare(OpContext context) throws Exception {
    }

    /** Computes the operator's outputs from its inputs, at every inference. */
    void invoke(OpContext context) throws Exception;

    /** One call of an op, as a lambda. */
    @FunctionalInterface
    interface Step {
        void run(OpContext context) throws Exception;
    }

    /** An op with nothing to prepare. */
    static CustomOp of(String name, Step invoke) {
        return of(name, context -> { }, invoke);
    }

    /** An op of two lambdas. */
    static CustomOp of(String name, Step prepare, Step invoke) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prepare, "prepare");
        Objects.requireNonNull(invoke, "invoke");
        return new CustomOp() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void prepare(OpContext context) throws Exception {
                prepare.run(context);
            }

            @Override
            public void invoke(OpContext context) throws Exception {
                invoke.run(context);
            }

            @Override
            public String toString() {
                return "CustomOp[" + name + "]";
            }
        };
    }
}
