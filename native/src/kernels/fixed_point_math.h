/*
 * fixed_point_math.h - the fixed-point transcendental functions of gemmlowp
 * (fixedpoint/fixedpoint.h) that TensorFlow Lite's quantized SOFTMAX (and
 * LOGISTIC/TANH) build on, reproduced bit for bit.
 *
 * A value in "Qm" format is an int32 raw value r standing for r / 2^(31-m)
 * (m integer bits, 31-m fractional bits). gemmlowp names these
 * FixedPoint<int32_t, m>; the product of a Qa and a Qb value is the
 * saturating rounding doubling high multiply of their raws, a Q(a+b) value.
 *
 * gemmlowp's plain additions are non-saturating int32 additions; they never
 * overflow on the paths used here, and are done in uint32 so that a
 * hypothetical overflow wraps instead of being undefined.
 */
#ifndef TFLM_FIXED_POINT_MATH_H
#define TFLM_FIXED_POINT_MATH_H

#include <stdint.h>

#include "fixed_point.h"

static inline int32_t tflm_fp_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t tflm_fp_sub(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* x * 2^exponent for 0 < exponent < 31, saturating to the int32 range
 * (gemmlowp's SaturatingRoundingMultiplyByPOT with a positive exponent). */
static inline int32_t tflm_fp_saturating_shift_left(int32_t x, int exponent)
{
    const int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1u);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

/* (a + b) / 2 rounded to nearest, ties away from zero (RoundingHalfSum). */
static inline int32_t tflm_fp_rounding_half_sum(int32_t a, int32_t b)
{
    int64_t sum = (int64_t)a + (int64_t)b;
    int64_t sign = sum >= 0 ? 1 : -1;
    return (int32_t)((sum + sign) / 2);
}

/* Number of leading zero bits of a 32-bit value (32 for zero). */
static inline int tflm_fp_count_leading_zeros(uint32_t x)
{
    if (x == 0) {
        return 32;
    }
    int n = 0;
    if ((x & 0xffff0000u) == 0) { n += 16; x <<= 16; }
    if ((x & 0xff000000u) == 0) { n += 8; x <<= 8; }
    if ((x & 0xf0000000u) == 0) { n += 4; x <<= 4; }
    if ((x & 0xc0000000u) == 0) { n += 2; x <<= 2; }
    if ((x & 0x80000000u) == 0) { n += 1; }
    return n;
}

/* exp(a) for a Q0 value a in [-1/4, 0): a Taylor expansion around -1/8
 * (exp_on_interval_between_negative_one_quarter_and_0_excl). Q0 result. */
static inline int32_t tflm_fp_exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a)
{
    const int32_t constant_term = 1895147668; /* exp(-1/8) in Q0 */
    const int32_t constant_1_over_3 = 715827883;
    const int32_t x = tflm_fp_add(a, (int32_t)1 << 28); /* a + 1/8 */
    const int32_t x2 = tflm_saturating_rounding_doubling_high_mul(x, x);
    const int32_t x3 = tflm_saturating_rounding_doubling_high_mul(x2, x);
    const int32_t x4 = tflm_saturating_rounding_doubling_high_mul(x2, x2);
    const int32_t x4_over_4 = tflm_rounding_divide_by_pot(x4, 2);
    const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 = tflm_rounding_divide_by_pot(
        tflm_fp_add(tflm_saturating_rounding_doubling_high_mul(tflm_fp_add(x4_over_4, x3),
                                                               constant_1_over_3),
                    x2),
        1);
    return tflm_fp_add(constant_term,
                       tflm_saturating_rounding_doubling_high_mul(
                           constant_term, tflm_fp_add(x, x4_over_24_plus_x3_over_6_plus_x2_over_2)));
}

/* exp(a) for a <= 0 given in Q(integer_bits) format, 0 <= integer_bits <= 29;
 * Q0 result (exp(0) gives INT32_MAX, gemmlowp's Q0 "one"). The argument is
 * split into a multiple of 1/4 and a remainder in [-1/4, 0): the remainder
 * goes through the polynomial, each set bit of the multiple multiplies in a
 * constant exp(-2^k) (gemmlowp's exp_on_negative_values). */
static inline int32_t tflm_fp_exp_on_negative_values(int32_t a, int integer_bits)
{
    static const int32_t multipliers[7] = {
        1672461947, /* exp(-1/4) */
        1302514674, /* exp(-1/2) */
        790015084,  /* exp(-1)   */
        290630308,  /* exp(-2)   */
        39332535,   /* exp(-4)   */
        720401,     /* exp(-8)   */
        242         /* exp(-16)  */
    };
    const int fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = tflm_fp_sub(a & mask, one_quarter);
    /* Rescale<0>: from Q(integer_bits) to Q0. */
    int32_t result = tflm_fp_exp_on_interval_between_negative_one_quarter_and_0_excl(
        tflm_fp_saturating_shift_left(a_mod_quarter_minus_one_quarter, integer_bits));
    const int32_t remainder = tflm_fp_sub(a_mod_quarter_minus_one_quarter, a);

    for (int k = 0; k < 7; ++k) {
        const int exponent = k - 2; /* the multiplier is exp(-2^exponent) */
        if (integer_bits > exponent) {
            const int shift = fractional_bits + exponent;
            if ((remainder & ((int32_t)1 << shift)) != 0) {
                result = tflm_saturating_rounding_doubling_high_mul(result, multipliers[k]);
            }
        }
    }
    if (integer_bits > 5) {
        const int32_t clamp = -((int32_t)1 << (36 - integer_bits)); /* -32 */
        if (a < clamp) {
            result = 0;
        }
    }
    if (a == 0) {
        result = INT32_MAX;
    }
    return result;
}

/* 1 / (2 half_denominator) in Q2 for a Q0 half_denominator in [1/2, 1):
 * Newton-Raphson division with three iterations (the loop gemmlowp's
 * one_over_one_plus_x_for_x_in_0_1 and one_minus_x_over_one_plus_x_for_x_in_0_1
 * share). */
static inline int32_t tflm_fp_newton_reciprocal_q2(int32_t half_denominator)
{
    const int32_t constant_48_over_17 = 1515870810;     /* Q2 */
    const int32_t constant_neg_32_over_17 = -1010580540; /* Q2 */
    const int32_t one_q2 = (int32_t)1 << 29;
    int32_t x = tflm_fp_add(constant_48_over_17,
                            tflm_saturating_rounding_doubling_high_mul(half_denominator,
                                                                       constant_neg_32_over_17));
    for (int i = 0; i < 3; ++i) {
        const int32_t half_denominator_times_x =
            tflm_saturating_rounding_doubling_high_mul(half_denominator, x);
        const int32_t one_minus_half_denominator_times_x = tflm_fp_sub(one_q2, half_denominator_times_x);
        /* Q2 * Q2 = Q4, rescaled to Q2 */
        x = tflm_fp_add(x, tflm_fp_saturating_shift_left(
                               tflm_saturating_rounding_doubling_high_mul(
                                   x, one_minus_half_denominator_times_x),
                               2));
    }
    return x;
}

/* 1 / (1 + a) for a Q0 value a in [0, 1) (gemmlowp's
 * one_over_one_plus_x_for_x_in_0_1). Q0 result. */
static inline int32_t tflm_fp_one_over_one_plus_x_for_x_in_0_1(int32_t a)
{
    const int32_t x = tflm_fp_newton_reciprocal_q2(tflm_fp_rounding_half_sum(a, INT32_MAX));
    /* x / 2 in Q2 is the same raw in Q1; rescaled to Q0. */
    return tflm_fp_saturating_shift_left(x, 1);
}

/* (1 - a) / (1 + a) for a Q0 value a in [0, 1) (gemmlowp's
 * one_minus_x_over_one_plus_x_for_x_in_0_1). Q0 result. */
static inline int32_t tflm_fp_one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a)
{
    const int32_t x = tflm_fp_newton_reciprocal_q2(tflm_fp_rounding_half_sum(a, INT32_MAX));
    /* 2/(1+a) - 1 in Q2, rescaled to Q0. */
    return tflm_fp_saturating_shift_left(tflm_fp_sub(x, (int32_t)1 << 29), 2);
}

/* 1 / x for a positive x in Q(integer_bits): returns the reciprocal as a Q0
 * value scaled by 2^-(*num_bits_over_unit) (TensorFlow Lite's GetReciprocal). */
static inline int32_t tflm_fp_reciprocal(int32_t x, int integer_bits, int *num_bits_over_unit)
{
    const int headroom_plus_one = tflm_fp_count_leading_zeros((uint32_t)x);
    *num_bits_over_unit = integer_bits - headroom_plus_one;
    const int32_t shifted_sum_minus_one =
        (int32_t)(((uint32_t)x << headroom_plus_one) - ((uint32_t)1 << 31));
    return tflm_fp_one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
}

/* 1 / sqrt(input) for input >= 0 as a Q31 multiplier and a left shift
 * (TF Lite's GetInvSqrtQuantizedMultiplierExp with kReverseShift): input
 * normalized into [2^27, 2^29) by pairs of bits, then five Newton steps in
 * Q3 (x = 1.5 x - input/2 x^3 from x = 1) and a factor sqrt(2)/2. 0 and 1
 * give (INT32_MAX, 0). */
static inline void tflm_fp_inv_sqrt_multiplier(int32_t input, int32_t *multiplier, int *left_shift)
{
    if (input <= 1) {
        *multiplier = INT32_MAX;
        *left_shift = 0;
        return;
    }
    int shift = 11;
    while (input >= ((int32_t)1 << 29)) {
        input /= 4;
        ++shift;
    }
    const int pairs = (tflm_fp_count_leading_zeros((uint32_t)input) - 1) / 2 - 1;
    shift -= pairs;
    input <<= 2 * pairs; /* now in [2^27, 2^29) */
    const int32_t half_input = tflm_rounding_divide_by_pot(input >> 1, 1);
    const int32_t half_three = ((int32_t)1 << 28) + ((int32_t)1 << 27); /* 1.5 in Q3 */
    int32_t x = (int32_t)1 << 28;                     /* 1.0 in Q3 */
    for (int i = 0; i < 5; ++i) {
        /* x^3: Q9, rescaled to Q3 (a saturating shift by 6) */
        const int32_t x2 = tflm_saturating_rounding_doubling_high_mul(x, x);
        const int32_t x3 = tflm_fp_saturating_shift_left(tflm_saturating_rounding_doubling_high_mul(x2, x), 6);
        /* 1.5 x - input/2 x^3, both Q6, rescaled to Q3 */
        const int32_t a = tflm_saturating_rounding_doubling_high_mul(half_three, x);
        const int32_t b = tflm_saturating_rounding_doubling_high_mul(half_input, x3);
        x = tflm_fp_saturating_shift_left(tflm_fp_sub(a, b), 3);
    }
    x = tflm_saturating_rounding_doubling_high_mul(x, 1518500250); /* sqrt(2)/2 in Q0 */
    if (shift < 0) {
        x = (int32_t)((uint32_t)x << -shift);
        shift = 0;
    }
    *multiplier = x;
    *left_shift = -shift;
}

#endif /* TFLM_FIXED_POINT_MATH_H */
