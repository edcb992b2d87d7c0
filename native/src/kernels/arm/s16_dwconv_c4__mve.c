/*
 * s16_dwconv_c4__mve.c - DEPTHWISE_CONV_2D 16x8 with Helium (MVE), depth
 * multiplier 1 (s16_dwconv_walk.h): four channels a tap as int32 lanes,
 * inputs widened by VLDRH.S32 and weights by VLDRB.S32 straight from
 * memory, multiplied and added (MVE has no lane-wise multiply-accumulate).
 */
#include <arm_mve.h>

#include "depthwise_conv_arm.h"
#include "s16_dwconv_walk.h"

static void sum4(const int16_t *in, const int8_t *w, const tflm_s16_dw_taps *taps, int32_t sums[4])
{
    int32x4_t acc = vdupq_n_s32(0);
    for (int32_t r = 0; r < taps->rows; ++r) {
        const int16_t *x = in + (size_t)r * taps->in_row;
        const int8_t *k = w + (size_t)r * taps->w_row;
        for (int32_t t = 0; t < taps->cols; ++t, x += taps->in_col, k += taps->w_col) {
            acc = vaddq_s32(acc, vmulq_s32(vldrhq_s32(x), vldrbq_s32(k)));
        }
    }
    vst1q_s32(sums, acc);
}

void tflm_s16_dwconv_c4__mve(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int16_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_bias_16x8 *bias, const tflm_dims *output_dims,
                             int16_t *output)
{
    tflm_s16_dwconv_walk(sum4, params, quant, input_dims, input, filter_dims, filter, bias,
                         output_dims, output);
}
