/*
 * fixed_point.h - TensorFlow Lite's integer requantization arithmetic, the
 * part of the specification every quantized kernel shares. The functions
 * reproduce TFLM's reference results bit for bit: a saturating rounding
 * doubling high multiply followed by a rounding right shift (two roundings,
 * as TFLM does by default, not the single-rounding variant).
 */
#ifndef TFLM_FIXED_POINT_H
#define TFLM_FIXED_POINT_H

#include <stdbool.h>
#include <stdint.h>

#include "float_bits.h"

/* (a * b * 2) >> 32, rounded to nearest (ties away from zero), saturating
 * the single overflow case INT32_MIN * INT32_MIN. */
static inline int32_t tflm_saturating_rounding_doubling_high_mul(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    int64_t product = (int64_t)a * (int64_t)b;
    int32_t nudge = product >= 0 ? ((int32_t)1 << 30) : (1 - ((int32_t)1 << 30));
    /* Division truncates toward zero, which is what the nudge assumes. */
    return (int32_t)((product + nudge) / ((int64_t)1 << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero (0 <= exponent <= 31). */
static inline int32_t tflm_rounding_divide_by_pot(int32_t x, int exponent)
{
    int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    int32_t remainder = x & mask;
    int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * multiplier * 2^shift with multiplier a Q31 value in [2^30, 2^31). */
static inline int32_t tflm_multiply_by_quantized_multiplier_inline(int32_t x, int32_t multiplier,
                                                                   int shift)
{
    int left_shift = shift > 0 ? shift : 0;
    int right_shift = shift > 0 ? 0 : -shift;
    return tflm_rounding_divide_by_pot(
        tflm_saturating_rounding_doubling_high_mul((int32_t)((uint32_t)x << left_shift), multiplier),
        right_shift);
}

#if defined(__OPTIMIZE_SIZE__)
/* Optimizing for size, GCC keeps the function out of line anyway, a copy
 * in each kernel that calls it: one shared copy instead (fixed_point.c). */
int32_t tflm_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift);
#else
static inline int32_t tflm_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift)
{
    return tflm_multiply_by_quantized_multiplier_inline(x, multiplier, shift);
}
#endif

/* The 64-bit accumulator form TFLM's 16x8 kernels use (int64 x): a single
 * rounding with the multiplier reduced to Q15, (x * m15 + 2^(14 - shift))
 * >> (15 - shift), the result truncated to int32. Valid for shift <=
 * TFLM_MAX_MULTIPLIER_SHIFT_S64 (prepare checks); wraps instead of
 * overflowing where TFLM's int64 would (|x| beyond 2^47). */
static inline int32_t tflm_multiply_by_quantized_multiplier_s64(int64_t x, int32_t multiplier,
                                                                int shift)
{
    const int64_t reduced = multiplier < 0x7fff0000 ? (multiplier + ((int32_t)1 << 15)) >> 16 : 0x7fff;
    const int total_shift = 15 - shift;
    uint64_t product = (uint64_t)x * (uint64_t)reduced + ((uint64_t)1 << (total_shift - 1));
    return (int32_t)(uint32_t)((uint64_t)((int64_t)product >> total_shift));
}

/* TFLM asserts shift < 8 for the form above (the effective scale below
 * 2^7); prepare rejects larger ones. */
#define TFLM_MAX_MULTIPLIER_SHIFT_S64 7

/* Largest shift tflm_multiply_by_quantized_multiplier takes: it shifts x
 * left as a uint32, undefined from 32 on (and the SIMD variants' lane
 * shifts give 0 there). A real multiplier of 2^31 or more needs a larger
 * one; only hostile scales give that, and prepare rejects them. */
#define TFLM_MAX_MULTIPLIER_SHIFT 31

/* Splits a positive real multiplier into a Q31 multiplier and a power-of-two
 * shift, as TensorFlow Lite's QuantizeMultiplier does (frexp, then round half
 * away from zero). Zero gives (0, 0). Implemented without libm. Returns
 * whether the shift is at most TFLM_MAX_MULTIPLIER_SHIFT. */
bool tflm_quantize_multiplier(tflm_double real_multiplier, int32_t *multiplier, int *shift);

#endif /* TFLM_FIXED_POINT_H */
