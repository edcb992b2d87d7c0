/*
 * s8_conv_store_2x2.h - the end of a 2 pixel x 2 channel tile of the Arm
 * CONV_2D int8 kernels (plain C): bias and the reference's requantization
 * (tflm_nn_requantize_s8, as s8_requant.h computes it) of each sum that
 * exists. A tile at the last odd
 * pixel or channel computed a duplicate, which is not stored.
 */
#ifndef TFLM_KERNELS_ARM_S8_CONV_STORE_2X2_H
#define TFLM_KERNELS_ARM_S8_CONV_STORE_2X2_H

#include <stdbool.h>
#include <stdint.h>

#include "../nn_common.h"
#include "s8_requant.h"

/* sums: pixel 0 channels o, o + 1, then pixel 1 channels o, o + 1 (wrapping
 * int32 sums of products). y0, y1: the two pixels' outputs (y1 unused
 * without a second pixel). */
static inline void tflm_s8_conv_store_2x2(const uint32_t sums[4], int32_t o, bool second_channel,
                                          bool second_pixel, const int32_t *bias,
                                          const tflm_per_channel_quant *quant,
                                          const tflm_conv_params *params, int8_t *y0, int8_t *y1)
{
    const int32_t lo = params->activation.min, hi = params->activation.max;
    const int32_t zero = params->output_offset;
    const int channels = second_channel ? 2 : 1;
    for (int c = 0; c < channels; ++c) {
        const uint32_t b = bias != NULL ? (uint32_t)bias[o + c] : 0u;
        const int32_t q = tflm_quant_channel(quant, o + c);
        const int32_t m = quant->multiplier[q], s = quant->shift[q];
        y0[o + c] = tflm_arm_requantize_s8(sums[c] + b, m, s, zero, lo, hi);
        if (second_pixel) {
            y1[o + c] = tflm_arm_requantize_s8(sums[2 + c] + b, m, s, zero, lo, hi);
        }
    }
}

#endif /* TFLM_KERNELS_ARM_S8_CONV_STORE_2X2_H */
