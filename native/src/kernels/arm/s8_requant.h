/*
 * s8_requant.h - TFLM's requantization (tflm_nn_requantize_s8) in fewer
 * instructions on 32-bit cores (plain C), for the Arm int8 kernels.
 *
 * The reference's saturating rounding doubling high multiply adds a nudge
 * of 2^30 (1 - 2^30 for a negative product) and divides by 2^31 truncating
 * toward zero. For a negative product p = -q that is -floor((q + 2^30 - 1)
 * / 2^31) = -ceil((q - 2^30) / 2^31) = floor((p + 2^30) / 2^31): the same
 * as for a positive one, so one multiply-accumulate into 64 bits and one
 * shift give it (SMLAL), without the sign test. The saturating case
 * (INT32_MIN x INT32_MIN) and right shifts past 31 take the reference's
 * own code. The rounding division by 2^right is the reference's
 * expression with the threshold's sign term taken from the sign bit.
 */
#ifndef TFLM_KERNELS_ARM_S8_REQUANT_H
#define TFLM_KERNELS_ARM_S8_REQUANT_H

#include <stdint.h>

#include "../fixed_point.h"
#include "../nn_types.h"

/* tflm_multiply_by_quantized_multiplier, the same result. */
static inline int32_t tflm_arm_multiply_by_quantized_multiplier(uint32_t acc, int32_t multiplier,
                                                                int32_t shift)
{
    if (__builtin_expect(multiplier == INT32_MIN || shift < -31, 0)) {
        return tflm_multiply_by_quantized_multiplier((int32_t)acc, multiplier, shift);
    }
    const int32_t left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
    const int32_t x = (int32_t)(acc << left);
    const int32_t high = (int32_t)(((int64_t)x * multiplier + (1 << 30)) >> 31);
    const int32_t mask = (int32_t)((1u << right) - 1u);
    const int32_t threshold = (mask >> 1) - (high >> 31); /* + 1 when negative */
    return (high >> right) + ((high & mask) > threshold);
}

/* tflm_nn_requantize_s8, the same bytes. */
static inline int8_t tflm_arm_requantize_s8(uint32_t acc, int32_t multiplier, int32_t shift,
                                            int32_t output_offset, int32_t act_min,
                                            int32_t act_max)
{
    const int32_t out = (int32_t)((uint32_t)tflm_arm_multiply_by_quantized_multiplier(
                                      acc, multiplier, shift) +
                                  (uint32_t)output_offset);
    return (int8_t)tflm_clamp_s32(out, act_min, act_max);
}

#endif /* TFLM_KERNELS_ARM_S8_REQUANT_H */
