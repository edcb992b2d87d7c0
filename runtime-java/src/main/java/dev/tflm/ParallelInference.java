package dev.tflm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Inferences of one model on several threads, for throughput over a data set (validation, the
 * desktop's main job): one {@link Interpreter} per thread, all of one shared {@link Model}, each
 * created on its own worker thread and confined to it.
 *
 * <p>{@link #run(List)} hands the input sets to whichever worker is free and returns the results
 * in input order. Every inference starts from the model's initial state ({@link
 * Interpreter#resetState()} before each), so a result depends only on its inputs, never on the
 * thread or the order it ran in: the outputs equal those of {@link #runOne(Interpreter, List)} on a
 * single interpreter, byte for byte.
 *
 * <p>Not thread-safe itself: call {@link #run(List)} from one thread at a time. {@link #close()}
 * closes the interpreters (each on its thread) and ends the workers.
 */
public final class ParallelInference implements AutoCloseable {

    /**
     * One inference's outputs, one array of raw little-endian bytes per model output.
     *
     * @param outputs   the outputs' bytes, in the model's output order
     * @param completed false when an operator ended the run early ({@link Interpreter#invoke()}):
     *                  the outputs are then unspecified
     */
    public record Result(List<byte[]> outputs, boolean completed) {
    }

    /** A run of input sets, shared by the workers: each takes the next index until none is left. */
    private static final class Batch {
        final List<? extends List<byte[]>> inputs;
        final Result[] results;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final CountDownLatch done;

        Batch(List<? extends List<byte[]>> inputs, int workers) {
            this.inputs = inputs;
            this.results = new Result[inputs.size()];
            this.done = new CountDownLatch(workers);
        }
    }

    /** Tells a worker to close its interpreter and end. */
    private static final Batch STOP = new Batch(List.of(), 0);

    private final List<Thread> workers = new ArrayList<>();
    private final List<BlockingQueue<Batch>> queues = new ArrayList<>();
    private final int inputCount;
    private boolean closed;

    /**
     * Starts {@code threads} workers, each with its interpreter of {@code model}; returns once every
     * one is ready.
     *
     * @throws TflmException            when an interpreter cannot be created (its message); the
     *                                  workers started are stopped
     * @throws IllegalArgumentException when {@code threads} is below 1
     */
    public ParallelInference(Model model, Interpreter.Options options, int threads) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        CountDownLatch ready = new CountDownLatch(threads);
        AtomicReference<RuntimeException> startFailure = new AtomicReference<>();
        AtomicInteger inputs = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1);
            Thread worker = Thread.ofPlatform().name("tflm-inference-" + i).daemon().unstarted(
                    () -> work(model, options, queue, ready, startFailure, inputs));
            queues.add(queue);
            workers.add(worker);
            worker.start();
        }
        awaitUninterruptibly(ready);
        this.inputCount = inputs.get();
        if (startFailure.get() != null) {
            close();
            throw startFailure.get();
        }
    }

    /** Number of worker threads, and of interpreters. */
    public int threads() {
        return workers.size();
    }

    /**
     * Runs one inference per input set, spread over the workers. Each set holds the raw bytes of
     * every model input, in the model's input order.
     *
     * @return the results, in the order of {@code inputs}
     * @throws IllegalArgumentException when a set has the wrong number of inputs or an input the
     *                                  wrong number of bytes (nothing is returned then)
     * @throws TflmException            when an inference fails (its message)
     * @throws IllegalStateException    when closed
     */
    public List<Result> run(List<? extends List<byte[]>> inputs) {
        if (closed) {
            throw new IllegalStateException("parallel inference is closed");
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).size() != inputCount) {
                throw new IllegalArgumentException("input set " + i + " has " + inputs.get(i).size()
                        + " inputs; the model has " + inputCount);
            }
        }
        Batch batch = new Batch(inputs, workers.size());
        for (BlockingQueue<Batch> queue : queues) {
            putUninterruptibly(queue, batch);
        }
        awaitUninterruptibly(batch.done);
        if (batch.failure.get() != null) {
            throw batch.failure.get();
        }
        return List.of(batch.results);
    }

    /**
     * One inference on {@code interpreter} as the workers run it: state reset, inputs written,
     * invoke, outputs copied. The single-threaded reference for {@link #run(List)}.
     */
    public static Result runOne(Interpreter interpreter, List<byte[]> inputs) {
        if (inputs.size() != interpreter.inputCount()) {
            throw new IllegalArgumentException("the input set has " + inputs.size()
                    + " inputs; the model has " + interpreter.inputCount());
        }
        interpreter.resetState();
        for (int i = 0; i < inputs.size(); i++) {
            interpreter.input(i).copyFrom(inputs.get(i));
        }
        boolean completed = interpreter.invoke();
        List<byte[]> outputs = new ArrayList<>(interpreter.outputCount());
        for (int o = 0; o < interpreter.outputCount(); o++) {
            outputs.add(interpreter.output(o).toByteArray());
        }
        return new Result(List.copyOf(outputs), completed);
    }

    /** Stops the workers after the batch in progress, each closing its interpreter. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).isAlive()) {
                putUninterruptibly(queues.get(i), STOP);
            }
        }
        for (Thread worker : workers) {
            joinUninterruptibly(worker);
        }
    }

    /** A worker's life: its interpreter, then batches until STOP. */
    private static void work(Model model, Interpreter.Options options, BlockingQueue<Batch> queue,
                             CountDownLatch ready, AtomicReference<RuntimeException> startFailure,
                             AtomicInteger inputCount) {
        Interpreter interpreter;
        try {
            interpreter = new Interpreter(model, options);
            inputCount.set(interpreter.inputCount());
        } catch (RuntimeException e) {
            startFailure.compareAndSet(null, e);
            ready.countDown();
            return;
        }
        ready.countDown();
        try (interpreter) {
            for (Batch batch = takeUninterruptibly(queue); batch != STOP; batch = takeUninterruptibly(queue)) {
                try {
                    for (int i = batch.next.getAndIncrement(); i < batch.results.length
                            && batch.failure.get() == null; i = batch.next.getAndIncrement()) {
                        batch.results[i] = runOne(interpreter, batch.inputs.get(i));
                    }
                } catch (RuntimeException e) {
                    batch.failure.compareAndSet(null, e);
                } finally {
                    batch.done.countDown();
                }
            }
        }
    }

    /** A blocking call. */
    private interface Blocking<T> {
        T call() throws InterruptedException;
    }

    /** Runs a blocking call to its end, keeping an interrupt for the caller to see afterwards. */
    private static <T> T uninterruptibly(Blocking<T> call) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.call();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        uninterruptibly(() -> {
            latch.await();
            return null;
        });
    }

    private static void putUninterruptibly(BlockingQueue<Batch> queue, Batch batch) {
        uninterruptibly(() -> {
            queue.put(batch);
            return null;
        });
    }

    private static Batch takeUninterruptibly(BlockingQueue<Batch> queue) {
        return uninterruptibly(queue::take);
    }

    private static void joinUninterruptibly(Thread thread) {
        uninterruptibly(() -> {
            thread.join();
            return null;
        });
    }
}
