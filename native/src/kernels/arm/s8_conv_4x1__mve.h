/*
 * s8_conv_4x1__mve.h - the matrix product of the Helium (MVE) CONV_2D int8
 * kernels: four output pixels' taps, as raw int8 rows of k bytes, by every
 * filter row read in place from the model (s8_dot__mve.h), then the
 * input offset's term (io sum w), the bias and the reference's
 * requantization, the four pixels' sums of a channel as one vector
 * (s8_requant__mve.h).
 *
 * A tap outside the input must add nothing, as the reference skips it: the
 * gathering kernel writes -io there, a valid int8 (io is minus an int8
 * zero point, tflm_conv_s8_mve_accepts), so (x + io) is 0.
 */
#ifndef TFLM_KERNELS_ARM_S8_CONV_4X1__MVE_H
#define TFLM_KERNELS_ARM_S8_CONV_4X1__MVE_H

#include <stdint.h>

#include "../nn_common.h"
#include "s8_dot__mve.h"
#include "s8_requant__mve.h"

/* Every output channel of the pixels rows[0..3] (k taps each), of which
 * the first `stored` are stored: pixel r's at y + r out_c. filter: out_c
 * rows of k weights. */
static inline void tflm_s8_conv_rows_4x1__mve(const int8_t *const rows[4], int32_t k,
                                              const int8_t *filter, int32_t out_c,
                                              int32_t stored, const int32_t *bias,
                                              const tflm_per_channel_quant *quant,
                                              const tflm_conv_params *params, int8_t *y)
{
    /* Read once: the int8 stores below may alias anything. */
    const uint32_t io = (uint32_t)params->input_offset;
    const tflm_mve_requant_out out = tflm_mve_requant_out_of(
        params->output_offset, params->activation.min, params->activation.max);
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    /* The four pixels' outputs of one channel: a scatter store, lanes past
       `stored` masked. */
    const uint32x4_t pixel_offsets = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)out_c);
    const mve_pred16_t lanes = vctp32q((uint32_t)stored);
    for (int32_t o = 0; o < out_c; ++o) {
        int32_t dots[4], w_sum;
        tflm_mve_dot_4x1(rows, filter + (size_t)o * k, k, dots, &w_sum);
        const uint32_t add = io * (uint32_t)w_sum + (bias != NULL ? (uint32_t)bias[o] : 0u);
        const int32x4_t acc = vaddq_n_s32(vldrwq_s32(dots), (int32_t)add);
        const int32x4_t q = tflm_mve_requantize_s8x4(acc, vdupq_n_s32(multiplier[o & pair_mask]),
                                                     vdupq_n_s32(shift[o & pair_mask]), &out);
        vstrbq_scatter_offset_p_s32(y + o, pixel_offsets, q, lanes);
    }
}

#endif /* TFLM_KERNELS_ARM_S8_CONV_4X1__MVE_H */
