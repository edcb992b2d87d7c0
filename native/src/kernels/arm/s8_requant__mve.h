/*
 * s8_requant__mve.h - TFLM's requantization (tflm_nn_requantize_s8) of four
 * int32 lanes at once with Helium (MVE), for the MVE int8 kernels.
 *
 * Each step is the reference's, lane for lane:
 *  - the left shift: VSHL, wrapping like the reference's uint32 shift;
 *  - the saturating rounding doubling high multiply: VQRDMULH computes
 *    (2 x m + 2^31) >> 32 = floor((x m + 2^30) / 2^31), which is the
 *    reference's nudged, truncating division for either sign
 *    (s8_requant.h shows it), and saturates the one overflowing case,
 *    INT32_MIN x INT32_MIN, to INT32_MAX as the reference does;
 *  - the rounding division by 2^right, half away from zero: VRSHL rounds
 *    half up, in full precision; one subtracted first from a negative
 *    value (saturating) turns exactly the negative ties downward and
 *    changes nothing else. Not for right = 0, where it would.
 * Shifts lie in [-31, 31], as tflm_per_channel_quant keeps them (prepare
 * rejects others): VRSHL by 32 or more would not be the reference's
 * division.
 */
#ifndef TFLM_KERNELS_ARM_S8_REQUANT__MVE_H
#define TFLM_KERNELS_ARM_S8_REQUANT__MVE_H

#include <arm_mve.h>
#include <stdint.h>

#include "../nn_types.h"

#if !defined(__ARM_FEATURE_MVE)
#error "s8_requant__mve.h needs Helium (MVE); arm/sources.cmake lists its users for such cores only"
#endif

/* The output side of a requantization, read once into vectors. */
typedef struct tflm_mve_requant_out {
    int32x4_t zero; /* output offset */
    int32x4_t lo, hi;
} tflm_mve_requant_out;

static inline tflm_mve_requant_out tflm_mve_requant_out_of(int32_t output_offset, int32_t act_min,
                                                           int32_t act_max)
{
    tflm_mve_requant_out out = {vdupq_n_s32(output_offset), vdupq_n_s32(act_min),
                                vdupq_n_s32(act_max)};
    return out;
}

/* tflm_multiply_by_quantized_multiplier of each lane of x with the lanes'
 * multipliers and shifts (in [-31, 31]). */
static inline int32x4_t tflm_mve_multiply_by_quantized_multiplier(int32x4_t x, int32x4_t multiplier,
                                                                  int32x4_t shift)
{
    const int32x4_t zero = vdupq_n_s32(0);
    int32x4_t high = vqrdmulhq_s32(vshlq_s32(x, vmaxq_s32(shift, zero)), multiplier);
    const mve_pred16_t tie_down = vcmpltq_n_s32(high, 0) & vcmpltq_n_s32(shift, 0);
    high = vqaddq_m_s32(high, high, vdupq_n_s32(-1), tie_down);
    return vrshlq_s32(high, vminq_s32(shift, zero));
}

/* tflm_nn_requantize_s8 of each lane of acc with the lanes' multipliers
 * and shifts (in [-31, 31]), as int32 lanes in [lo, hi]. */
static inline int32x4_t tflm_mve_requantize_s8x4(int32x4_t acc, int32x4_t multiplier,
                                                 int32x4_t shift, const tflm_mve_requant_out *out)
{
    const int32x4_t y =
        vaddq_s32(tflm_mve_multiply_by_quantized_multiplier(acc, multiplier, shift), out->zero);
    return vminq_s32(vmaxq_s32(y, out->lo), out->hi);
}

#endif /* TFLM_KERNELS_ARM_S8_REQUANT__MVE_H */
