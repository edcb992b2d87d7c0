package dev.tflm.cli;

import java.util.Arrays;

/**
 * Summary of repeated timings in microseconds: the median, and the spread as min, 10th and
 * 90th percentile (nearest rank) and max. The median rather than the mean, because a few
 * runs interrupted by the OS or a GC would drag a mean far from what a run costs.
 */
record TimeStats(int count, double medianUs, double minUs, double p10Us, double p90Us, double maxUs) {

    static TimeStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new TimeStats(n, median / 1e3, sorted[0] / 1e3, percentile(sorted, 0.10) / 1e3,
                percentile(sorted, 0.90) / 1e3, sorted[n - 1] / 1e3);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p} of the values at or below it. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
