package dev.tflm.cli;

import dev.tflm.Interpreter;
import dev.tflm.Model;
import dev.tflm.ParallelInference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code bench --threads N}: inferences per second with one interpreter per thread over the shared
 * model ({@link ParallelInference}), for 1, 2, 4, ... threads up to N, on the same input sets, and
 * whether every thread count gave the outputs one thread gave.
 *
 * @param cores     this machine's available processors
 * @param points    one per thread count, in increasing order
 * @param identical whether every run's outputs equal the one-thread run's, byte for byte
 */
record Throughput(int cores, List<Point> points, boolean identical) {

    /** Distinct random input sets, cycled over the inferences. */
    private static final int DISTINCT_INPUTS = 16;

    /**
     * One thread count's measure.
     *
     * @param threads            worker threads, one interpreter each
     * @param inferences         inferences timed
     * @param inferencesPerSecond the rate over the whole batch
     */
    record Point(int threads, int inferences, double inferencesPerSecond) {
    }

    /** The thread counts measured for at most {@code threads}: powers of two, then threads. */
    static List<Integer> threadCounts(int threads) {
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; t < threads; t *= 2) {
            counts.add(t);
        }
        counts.add(threads);
        return counts;
    }

    /** Measures {@code inferences} inferences (at least one per thread) at each thread count. */
    static Throughput measure(Model model, Interpreter.Options options, int threads, int inferences) {
        List<List<byte[]>> inputs;
        try (Interpreter shapes = new Interpreter(model, options)) {
            inputs = inputs(shapes, Math.max(inferences, threads));
        }
        List<Point> points = new ArrayList<>();
        List<ParallelInference.Result> reference = null;
        boolean identical = true;
        for (int t : threadCounts(threads)) {
            try (ParallelInference parallel = new ParallelInference(model, options, t)) {
                parallel.run(inputs.subList(0, Math.min(inputs.size(), 2 * t))); // warm-up
                long start = System.nanoTime();
                List<ParallelInference.Result> results = parallel.run(inputs);
                double seconds = (System.nanoTime() - start) / 1e9;
                points.add(new Point(t, inputs.size(), inputs.size() / seconds));
                if (reference == null) {
                    reference = results;
                } else {
                    identical &= same(reference, results);
                }
            }
        }
        return new Throughput(Runtime.getRuntime().availableProcessors(), List.copyOf(points), identical);
    }

    /** Rate at {@code point} over the one-thread rate. */
    double speedup(Point point) {
        return point.inferencesPerSecond() / points.getFirst().inferencesPerSecond();
    }

    /** count input sets cycling over DISTINCT_INPUTS random ones (fixed seed: runs compare). */
    private static List<List<byte[]>> inputs(Interpreter interpreter, int count) {
        Random random = new Random(1);
        List<List<byte[]>> distinct = new ArrayList<>();
        for (int s = 0; s < DISTINCT_INPUTS; s++) {
            List<byte[]> set = new ArrayList<>();
            for (int i = 0; i < interpreter.inputCount(); i++) {
                byte[] bytes = new byte[Math.toIntExact(interpreter.input(i).byteSize())];
                random.nextBytes(bytes);
                set.add(bytes);
            }
            distinct.add(List.copyOf(set));
        }
        List<List<byte[]>> sets = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            sets.add(distinct.get(s % DISTINCT_INPUTS));
        }
        return sets;
    }

    private static boolean same(List<ParallelInference.Result> a, List<ParallelInference.Result> b) {
        for (int s = 0; s < a.size(); s++) {
            List<byte[]> x = a.get(s).outputs(), y = b.get(s).outputs();
            for (int o = 0; o < x.size(); o++) {
                if (!Arrays.equals(x.get(o), y.get(o))) {
                    return false;
                }
            }
        }
        return true;
    }
}
