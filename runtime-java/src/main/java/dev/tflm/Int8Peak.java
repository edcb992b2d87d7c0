package dev.tflm;

import static dev.tflm.bindings.tflm_h.tflm_int8_peak_probe;

import dev.tflm.bindings.NativeLibrary;
import java.util.Optional;

/**
 * The int8 multiply-accumulate peak of an instruction set level on this CPU, measured now: the
 * throughput of the instruction that level's int8 kernels multiply with, run alone on independent
 * accumulators ({@code tflm_int8_peak_probe}). What "% of peak" figures divide by. It depends on
 * the clock the core runs at when it is measured, so quote it beside figures of the same run.
 *
 * @param isa the level
 * @param instruction what was timed, for example "vpdpbusd zmm"
 * @param macsPerInstruction int8 multiply-accumulates each such instruction (or pair) does
 * @param gmacsPerSecond the best rate of the timed runs, in 10^9 MACs per second
 */
public record Int8Peak(Isa isa, String instruction, int macsPerInstruction, double gmacsPerSecond) {

    /** Each timed run takes about this long. */
    private static final long RUN_NANOS = 20_000_000L;
    private static final int RUNS = 5;

    /**
     * Measures the peak of {@code isa}: calibrates a run to about 20 ms, then keeps the best of five
     * (about 0.15 s in all). Empty for a level without a probe here (SCALAR, the Cortex-M levels)
     * or one this CPU lacks.
     */
    public static Optional<Int8Peak> measure(Isa isa) {
        NativeLibrary.load();
        String instruction = switch (isa) {
            case AVX512_VNNI -> "vpdpbusd zmm";
            case AVX512 -> "vpmaddwd zmm + vpaddd";
            case AVX2 -> "vpmaddwd ymm + vpaddd";
            default -> null;
        };
        long macsOfOneRound = instruction == null ? 0 : tflm_int8_peak_probe(isa.code(), 1);
        if (macsOfOneRound == 0) {
            return Optional.empty();
        }
        int macsPerInstruction = (int) (macsOfOneRound / 16);
        long rounds = 1_000;
        long nanos;
        while ((nanos = time(isa, rounds)) < RUN_NANOS / 4) {
            rounds *= 4;
        }
        rounds = Math.max(1, (long) ((double) rounds * RUN_NANOS / nanos));
        double best = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            long macs = tflm_int8_peak_probe(isa.code(), rounds);
            best = Math.max(best, macs / (double) (System.nanoTime() - start));
        }
        return Optional.of(new Int8Peak(isa, instruction, macsPerInstruction, best));
    }

    private static long time(Isa isa, long rounds) {
        long start = System.nanoTime();
        tflm_int8_peak_probe(isa.code(), rounds);
        return Math.max(1, System.nanoTime() - start);
    }

    /** {@code gmacsPerSecond} as a share of this peak, in percent. */
    public double percentOf(double gmacsPerSecond) {
        return 100 * gmacsPerSecond / this.gmacsPerSecond;
    }
}
