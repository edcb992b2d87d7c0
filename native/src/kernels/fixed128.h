/*
 * fixed128.h - unsigned 128-bit fixed-point numbers, for the prepare steps
 * that must round a transcendental function exactly as a C library does:
 * kiss_fft's twiddle factors (cos, sin) and TF Lite's REDUCE_PROD scaling
 * (pow). They are computed to about 120 bits in integers, then rounded
 * correctly to double. A value is m / 2^frac for its 128-bit m; each
 * function that depends on the format takes frac (64 < frac < 128). No
 * __int128: 32-bit targets have none.
 */
#ifndef TFLM_KERNELS_FIXED128_H
#define TFLM_KERNELS_FIXED128_H

#include <stdbool.h>
#include <stdint.h>

#include "exact_f64.h"

typedef struct tflm_fx128 {
    uint64_t hi, lo;
} tflm_fx128;

static inline tflm_fx128 tflm_fx_add(tflm_fx128 a, tflm_fx128 b)
{
    tflm_fx128 r = {a.hi + b.hi, a.lo + b.lo};
    r.hi += r.lo < a.lo;
    return r;
}

static inline tflm_fx128 tflm_fx_sub(tflm_fx128 a, tflm_fx128 b) /* a >= b */
{
    tflm_fx128 r = {a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo};
    return r;
}

static inline bool tflm_fx_less(tflm_fx128 a, tflm_fx128 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

static inline bool tflm_fx_is_zero(tflm_fx128 a)
{
    return (a.hi | a.lo) == 0;
}

tflm_fx128 tflm_fx_shift_left(tflm_fx128 a, int n);  /* 0 <= n < 128, bits out lost */
tflm_fx128 tflm_fx_shift_right(tflm_fx128 a, int n); /* 0 <= n < 128, truncated */

/* a x b, truncated (the product must stay below 2^(128 - frac)). */
tflm_fx128 tflm_fx_mul(tflm_fx128 a, tflm_fx128 b, int frac);

/* a / d for an integer d > 0, truncated. */
tflm_fx128 tflm_fx_div_small(tflm_fx128 a, uint32_t d);

/* a / b, truncated; b != 0 with b < 2^126 as an integer m, and the
 * quotient below 2^(128 - frac). */
tflm_fx128 tflm_fx_div(tflm_fx128 a, tflm_fx128 b, int frac);

/* value, truncated to the format (exact when its lowest bit is at or above
 * 2^-frac); it must be below 2^(128 - frac). */
tflm_fx128 tflm_fx_from_f64(tflm_f64 value, int frac);

/* value rounded to the nearest double, ties to even. */
tflm_f64 tflm_fx_to_f64(tflm_fx128 value, int frac);

#endif /* TFLM_KERNELS_FIXED128_H */
