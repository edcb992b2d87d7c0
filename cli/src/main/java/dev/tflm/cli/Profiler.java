package dev.tflm.cli;

import dev.tflm.Interpreter;
import java.util.ArrayList;
import java.util.List;

/**
 * Times an interpreter: warm-up, then every inference timed on its own, then every operator
 * timed on its own (through {@link Interpreter#invokeOperator}, so the native runtime needs
 * no timer). The JVM starts cold: until the JIT has compiled the downcall path, an invoke of
 * a tiny model costs tens of microseconds more than the C code, so nothing is timed before
 * the warm-up.
 */
final class Profiler {

    /** Default warm-up: long enough for the JIT to compile the invoke path (~10k calls). */
    static final long DEFAULT_WARMUP_NANOS = 300_000_000L;
    /** Default measuring budget for the whole-inference phase; the per-operator phase costs about as much. */
    static final long DEFAULT_MEASURE_NANOS = 1_000_000_000L;
    static final int MIN_ITERATIONS = 10;
    static final int MAX_ITERATIONS = 100_000;

    /**
     * @param warmupRounds rounds of warm-up actually run (each one inference and one pass over the operators)
     * @param inference    time per inference
     * @param operators    time per operator, in execution order
     */
    record Profile(int warmupRounds, TimeStats inference, List<TimeStats> operators) {
    }

    private final Interpreter interpreter;

    Profiler(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    /**
     * @param warmupRounds rounds of warm-up, or 0 to warm up for {@link #DEFAULT_WARMUP_NANOS}
     * @param iterations   timed inferences (and timed passes over the operators), or 0 for as
     *                     many as fit in {@link #DEFAULT_MEASURE_NANOS}, within
     *                     [{@link #MIN_ITERATIONS}, {@link #MAX_ITERATIONS}]
     */
    Profile run(int warmupRounds, int iterations) {
        int rounds = 0;
        long roundNanos = 0;
        long warmupStart = System.nanoTime();
        while (warmupRounds > 0 ? rounds < warmupRounds
                : rounds < 2 || System.nanoTime() - warmupStart < DEFAULT_WARMUP_NANOS) {
            long start = System.nanoTime();
            interpreter.invoke();
            roundNanos = System.nanoTime() - start;
            invokeOperators();
            rounds++;
        }
        int n = iterations > 0 ? iterations : defaultIterations(roundNanos);

        long[] inference = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            interpreter.invoke();
            inference[i] = System.nanoTime() - start;
        }

        int ops = interpreter.operatorCount();
        long[][] perOperator = new long[ops][n];
        for (int i = 0; i < n; i++) {
            for (int op = 0; op < ops; op++) {
                long start = System.nanoTime();
                interpreter.invokeOperator(op);
                perOperator[op][i] = System.nanoTime() - start;
            }
        }
        List<TimeStats> operators = new ArrayList<>(ops);
        for (long[] times : perOperator) {
            operators.add(TimeStats.ofNanos(times));
        }
        return new Profile(rounds, TimeStats.ofNanos(inference), List.copyOf(operators));
    }

    private void invokeOperators() {
        for (int op = 0; op < interpreter.operatorCount(); op++) {
            interpreter.invokeOperator(op);
        }
    }

    /** As many inferences as fit the measuring budget, judged by the last warm-up inference. */
    static int defaultIterations(long inferenceNanos) {
        long fit = DEFAULT_MEASURE_NANOS / Math.max(inferenceNanos, 1);
        return Math.clamp(fit, MIN_ITERATIONS, MAX_ITERATIONS);
    }
}
