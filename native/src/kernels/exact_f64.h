/*
 * exact_f64.h - binary64 (double) arithmetic for the prepare steps, done in
 * integers. TensorFlow Lite derives quantized multipliers in double; on a
 * Cortex-M without a double FPU every double operation is a libgcc helper
 * (several KB of soft-double code). These functions give bit for bit the
 * results of the double operations (IEEE 754 round to nearest even) with
 * 64-bit integer arithmetic only, so kernels keep TFLM's exact multipliers
 * without linking soft-double code.
 *
 * Domain: non-negative finite values whose results stay in the normal double
 * range, which holds for quantization scales (floats) and their products and
 * quotients. native/tests/test_exact_f64.c checks every operation against
 * the FPU's double arithmetic over millions of random operands.
 */
#ifndef TFLM_KERNELS_EXACT_F64_H
#define TFLM_KERNELS_EXACT_F64_H

#include <stdint.h>

#include "float_bits.h"

/* value = mantissa * 2^exponent; mantissa in [2^52, 2^53), or 0 for zero. */
typedef struct tflm_f64 {
    uint64_t mantissa;
    int32_t exponent;
} tflm_f64;

/* Whether a double is >= 0 and not NaN (+inf counts), from its bits. */
int tflm_f64_is_non_negative(tflm_double value);

/* (double)value, from the bits (signs, zeros, subnormals, inf, NaN). */
tflm_double tflm_f64_widen(float value);

tflm_f64 tflm_f64_from_float(float value);
tflm_f64 tflm_f64_from_u32(uint32_t value);           /* exact */
tflm_f64 tflm_f64_from_double(tflm_double value); /* from its bits: no double operation */
tflm_f64 tflm_f64_from_bits(uint64_t bits);          /* a double given by its bits */
tflm_double tflm_f64_to_double(tflm_f64 value);     /* to its bits */

tflm_f64 tflm_f64_mul(tflm_f64 a, tflm_f64 b);      /* a * b, rounded as double  */
tflm_f64 tflm_f64_div(tflm_f64 a, tflm_f64 b);      /* a / b, rounded; b != 0    */
tflm_f64 tflm_f64_add(tflm_f64 a, tflm_f64 b);      /* a + b, rounded            */
tflm_f64 tflm_f64_abs_diff(tflm_f64 a, tflm_f64 b); /* |a - b|, rounded          */
tflm_f64 tflm_f64_ldexp(tflm_f64 a, int32_t exponent); /* a * 2^exponent, exact  */
/* a rounded as a float would hold it (to nearest even; in steps of 2^-149
 * below 2^-126), at or above 2^128 giving 2^128, what tflm_f64_from_float
 * makes of infinity. A double result of a float operation rounded this way
 * is the float result whenever the double one has at least 2 * 24 + 2 exact
 * bits (products of floats are exact, quotients qualify): double rounding
 * is innocuous there (Figueroa, "When is double rounding innocuous?"). */
tflm_f64 tflm_f64_round_to_float(tflm_f64 a);
int tflm_f64_compare(tflm_f64 a, tflm_f64 b);       /* -1, 0 or 1                */

/* x^y correctly rounded (exact_pow.c), for x a positive float's value
 * and 2^-31 <= y <= 1: TF Lite's pow(scale, 1.0 / n). */
tflm_f64 tflm_f64_pow(tflm_f64 x, tflm_f64 y);

/* TensorFlow Lite's QuantizeMultiplier of a value (see tflm_quantize_multiplier). */
void tflm_f64_quantize_multiplier(tflm_f64 value, int32_t *multiplier, int *shift);

#endif /* TFLM_KERNELS_EXACT_F64_H */
