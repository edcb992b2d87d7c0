/*
 * s8_fc_1x4__mve.c - FULLY_CONNECTED int8 with Helium (MVE): the input row
 * against four weight rows at a time, sixteen depth steps per loop
 * (s8_dot__mve.h), the weights read in place from the model. The offsets'
 * terms are added after the loop: io sum w per row, fo sum x per batch, and
 * depth io fo. One row per batch suits the shared models, whose fully
 * connected layers run one batch.
 *
 * Exactness: s8_dot__mve.h; the bias and the requantization are the
 * reference's (s8_requant.h computes tflm_nn_requantize_s8's bytes).
 */
#include "../nn_common.h"
#include "fully_connected_arm.h"
#include "s8_dot__mve.h"
#include "s8_requant.h"

void tflm_s8_fc_1x4__mve(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                         const tflm_fc_shape *shape, const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output)
{
    const int32_t batches = shape->batches, units = shape->units, depth = shape->depth;
    /* Read once: the int8 stores below may alias anything. */
    const uint32_t io = (uint32_t)params->input_offset, fo = (uint32_t)params->filter_offset;
    const int32_t output_offset = params->output_offset;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *x = input + (size_t)b * depth;
        int8_t *out = output + (size_t)b * units;
        /* Terms of every row: fo sum x + depth io fo. */
        const uint32_t row_constant =
            fo * (uint32_t)tflm_mve_sum_s8(x, depth) + (uint32_t)depth * io * fo;
        for (int32_t o = 0; o < units; o += 4) {
            /* Rows past the last are the last again, not stored. */
            const int8_t *w[4];
            for (int32_t r = 0; r < 4; ++r) {
                w[r] = filter + (size_t)(o + r < units ? o + r : units - 1) * depth;
            }
            int32_t dots[4], w_sums[4];
            tflm_mve_dot_1x4(x, w, depth, dots, w_sums);
            for (int32_t r = 0; r < 4 && o + r < units; ++r) {
                const uint32_t sum = (uint32_t)dots[r] + io * (uint32_t)w_sums[r] + row_constant +
                                     (bias != NULL ? (uint32_t)bias[o + r] : 0u);
                const int32_t q = (o + r) & pair_mask;
                out[o + r] = tflm_arm_requantize_s8(sum, multiplier[q], shift[q], output_offset,
                                                    act_min, act_max);
            }
        }
    }
}
