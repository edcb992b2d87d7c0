package dev.tflm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeStatsTest {

    @Test
    void medianAndNearestRankPercentilesInMicroseconds() {
        // 1..10 µs, shuffled: median between the 5th and 6th, p10 the 1st value, p90 the 9th.
        TimeStats stats = TimeStats.ofNanos(new long[] {7000, 2000, 10000, 1000, 5000, 3000, 9000, 4000, 8000, 6000});
        assertEquals(new TimeStats(10, 5.5, 1.0, 1.0, 9.0, 10.0), stats);
    }

    @Test
    void anOddCountHasAMiddleValue() {
        TimeStats stats = TimeStats.ofNanos(new long[] {300, 100, 200});
        assertEquals(0.2, stats.medianUs());
        assertEquals(0.1, stats.minUs());
        assertEquals(0.3, stats.maxUs());
    }

    @Test
    void noTimingsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> TimeStats.ofNanos(new long[0]));
    }
}
