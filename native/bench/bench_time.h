/*
 * bench_time.h - the clock and the median of tflm_bench's timings.
 */
#ifndef TFLM_BENCH_TIME_H
#define TFLM_BENCH_TIME_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts times (n of them) and returns the median. */
static inline double bench_median(double *times, int n)
{
    qsort(times, (size_t)n, sizeof(double), bench_cmp_double);
    return times[n / 2];
}

/* The float32 kernels on their own (bench_float_kernels.c); 0: all equal
 * the reference bit for bit. */
int bench_float_kernels(int iterations);

#endif /* TFLM_BENCH_TIME_H */
