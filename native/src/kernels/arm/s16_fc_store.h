/*
 * s16_fc_store.h - the end of a tile of the Arm FULLY_CONNECTED 16x8
 * kernels (plain C): the reference's bias and requantization
 * (tflm_nn_requantize_16x8), output offset and clamp, for each row of the
 * tile that exists.
 */
#ifndef TFLM_KERNELS_ARM_S16_FC_STORE_H
#define TFLM_KERNELS_ARM_S16_FC_STORE_H

#include <stdint.h>

#include "../fully_connected.h"
#include "../nn_common.h"

/* sums[r]: the int64 sum of unit o + r, for r < rows; out: the batch's
 * outputs. */
static inline void tflm_s16_fc_store(const uint64_t *sums, int32_t rows, int32_t o,
                                     const tflm_fc_params *params,
                                     const tflm_per_channel_quant *quant,
                                     const tflm_bias_16x8 *bias, int16_t *out)
{
    const int32_t pair_mask = tflm_quant_mask(quant);
    for (int32_t r = 0; r < rows; ++r) {
        const int32_t q = (o + r) & pair_mask;
        const int32_t v = tflm_nn_requantize_16x8(sums[r], bias, o + r, quant->multiplier[q],
                                                  quant->shift[q]);
        out[o + r] = (int16_t)tflm_clamp_s32((int32_t)((uint32_t)v + (uint32_t)params->output_offset),
                                             params->activation.min, params->activation.max);
    }
}

#endif /* TFLM_KERNELS_ARM_S16_FC_STORE_H */
