/*
 * s8_softmax_x4__mve.c - SOFTMAX int8 -> int8 / int16 with Helium (MVE)
 * (softmax_arm.h), bit for bit the reference (softmax.c): gemmlowp's
 * fixed-point exp four int32 lanes at a time, with selects where the
 * reference branches. Its two operations map onto MVE exactly:
 *  - the saturating rounding doubling high multiply is VQRDMULH
 *    (s8_requant__mve.h shows why);
 *  - the rounding division by 2^e (half away from zero) is VRSHL by -e,
 *    which rounds half up, after one is subtracted from a negative value
 *    when e > 0: that moves exactly the negative ties down.
 * The row's sum adds the lanes with wrapping int32 adds (any order gives
 * the reference's sum); the reciprocal is the reference's scalar code.
 * The last depth % 4 elements are masked with a tail predicate.
 */
#include <arm_mve.h>

#include "../fixed_point_math.h"
#include "softmax_arm.h"

/* tflm_rounding_divide_by_pot of each lane, 0 <= e <= 31. */
static inline int32x4_t rounding_divide_by_pot(int32x4_t x, int32_t e)
{
    if (e > 0) {
        x = vqsubq_m_n_s32(x, x, 1, vcmpltq_n_s32(x, 0));
    }
    return vrshlq_n_s32(x, -e);
}

/* tflm_fp_exp_on_interval_between_negative_one_quarter_and_0_excl. */
static inline int32x4_t exp_on_interval(int32x4_t a)
{
    const int32_t constant_term = 1895147668;
    const int32x4_t x = vaddq_n_s32(a, 1 << 28);
    const int32x4_t x2 = vqrdmulhq_s32(x, x);
    const int32x4_t x3 = vqrdmulhq_s32(x2, x);
    const int32x4_t x4 = vqrdmulhq_s32(x2, x2);
    const int32x4_t x4_over_4 = rounding_divide_by_pot(x4, 2);
    const int32x4_t poly = rounding_divide_by_pot(
        vaddq_s32(vqrdmulhq_n_s32(vaddq_s32(x4_over_4, x3), 715827883), x2), 1);
    return vaddq_n_s32(vqrdmulhq_n_s32(vaddq_s32(x, poly), constant_term), constant_term);
}

/* tflm_fp_exp_on_negative_values(a, 5): Q5.26 in, Q0 out. */
static inline int32x4_t exp_on_negative_values_q5(int32x4_t a)
{
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308,
                                           39332535,   720401,     242};
    /* (a & (2^24 - 1)) - 2^24 lies in [-2^24, 0): shifted left by 5
       (Rescale<0>) it cannot saturate. */
    const int32x4_t a_mod = vsubq_s32(vandq_s32(a, vdupq_n_s32((1 << 24) - 1)), vdupq_n_s32(1 << 24));
    int32x4_t result = exp_on_interval(vshlq_n_s32(a_mod, 5));
    const int32x4_t remainder = vsubq_s32(a_mod, a);
    for (int k = 0; k < 7; ++k) {
        /* bit 24 + k of the remainder, moved to the sign (a mask test made
           GCC 12's combine pass fail) */
        const mve_pred16_t set = vcmpltq_n_s32(vshlq_r_s32(remainder, 7 - k), 0);
        result = vpselq_s32(vqrdmulhq_n_s32(result, multipliers[k]), result, set);
    }
    return vpselq_s32(vdupq_n_s32(INT32_MAX), result, vcmpeqq_n_s32(a, 0));
}

/* in[0..3] - max, and in *valid the lanes whose difference counts (inside
 * lanes, diff >= diff_min). */
static inline int32x4_t diffs4(const tflm_softmax_quant *q, const int8_t *in, int32_t max,
                               mve_pred16_t lanes, mve_pred16_t *valid)
{
    const int32x4_t diff = vsubq_n_s32(vldrbq_z_s32(in, lanes), max);
    *valid = vcmpgeq_m_n_s32(diff, q->diff_min, lanes);
    return diff;
}

/* tflm_softmax_exp_q0 of each lane: diff >= diff_min keeps diff << left_shift
 * inside int32 (other lanes give values nobody reads). */
static inline int32x4_t exps4(const tflm_softmax_quant *q, int32x4_t diff)
{
    const int32x4_t scaled = vshlq_r_s32(diff, q->input_left_shift);
    return exp_on_negative_values_q5(vqrdmulhq_n_s32(scaled, q->input_multiplier));
}

static inline void softmax_row(const tflm_softmax_quant *q, int32_t depth, const int8_t *in,
                               void *out, int out_bits)
{
    const int32_t out_min = out_bits == 8 ? INT8_MIN : INT16_MIN;
    const int32_t out_max = out_bits == 8 ? INT8_MAX : INT16_MAX;
    int32_t max = INT8_MIN;
    for (int32_t c = 0; c < depth; c += 16) {
        const mve_pred16_t lanes = vctp8q((uint32_t)(depth - c));
        max = vmaxvq_p_s8((int8_t)max, vldrbq_z_s8(in + c, lanes), lanes);
    }
    int32_t cached[TFLM_SOFTMAX_ARM_CACHED];
    int32_t sum = 0;
    for (int32_t c = 0; c < depth; c += 4) {
        const mve_pred16_t lanes = vctp32q((uint32_t)(depth - c));
        mve_pred16_t valid;
        const int32x4_t e = exps4(q, diffs4(q, in + c, max, lanes, &valid));
        sum = vaddvaq_p_s32(sum, rounding_divide_by_pot(e, 12), valid);
        if (c + 4 <= TFLM_SOFTMAX_ARM_CACHED) {
            vst1q_s32(cached + c, e);
        }
    }
    int num_bits_over_unit;
    const int32_t scale = tflm_fp_reciprocal(sum, 12, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - out_bits; /* beyond 31: all 0 */
    const int32x4_t lo = vdupq_n_s32(out_min), hi = vdupq_n_s32(out_max);
    for (int32_t c = 0; c < depth; c += 4) {
        const mve_pred16_t lanes = vctp32q((uint32_t)(depth - c));
        mve_pred16_t valid;
        const int32x4_t diff = diffs4(q, in + c, max, lanes, &valid);
        const int32x4_t e = c + 4 <= TFLM_SOFTMAX_ARM_CACHED ? vld1q_s32(cached + c) : exps4(q, diff);
        int32x4_t value = vdupq_n_s32(0);
        if (exponent <= 31) {
            value = rounding_divide_by_pot(vqrdmulhq_n_s32(e, scale), exponent);
        }
        value = vminq_s32(vmaxq_s32(vaddq_s32(value, lo), lo), hi);
        value = vpselq_s32(value, lo, valid);
        if (out_bits == 8) {
            vstrbq_p_s32((int8_t *)out + c, value, lanes);
        } else {
            vstrhq_p_s32((int16_t *)out + c, value, lanes);
        }
    }
}

void tflm_s8_softmax_x4__mve(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                             const int8_t *input, int8_t *output)
{
    for (int32_t r = 0; r < rows; ++r) {
        softmax_row(quant, depth, input + (size_t)r * depth, output + (size_t)r * depth, 8);
    }
}

void tflm_s8_s16_softmax_x4__mve(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                 const int8_t *input, int16_t *output)
{
    for (int32_t r = 0; r < rows; ++r) {
        softmax_row(quant, depth, input + (size_t)r * depth, output + (size_t)r * depth, 16);
    }
}
