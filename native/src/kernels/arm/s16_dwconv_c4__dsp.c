/*
 * s16_dwconv_c4__dsp.c - DEPTHWISE_CONV_2D 16x8 with the DSP extension,
 * depth multiplier 1 (s16_dwconv_walk.h): four channels a tap from one
 * word of weights and two words of inputs. SXTB16 widens weights 0 and 2,
 * and after a rotation 1 and 3, into halfword pairs; SMLABB, SMLATB,
 * SMLABT and SMLATT then multiply each channel's input halfword by its
 * weight halfword and accumulate, so the channels stay apart (SMLAD would
 * add neighbours). Inputs and weights are read in place, unaligned words
 * allowed (ARMv7-M and later).
 */
#include "depthwise_conv_arm.h"
#include "s16_dwconv_walk.h"
#include "s8_pairs__dsp.h"

static void sum4(const int16_t *in, const int8_t *w, const tflm_s16_dw_taps *taps, int32_t sums[4])
{
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (int32_t r = 0; r < taps->rows; ++r) {
        const int16_t *x = in + (size_t)r * taps->in_row;
        const int8_t *k = w + (size_t)r * taps->w_row;
        for (int32_t t = 0; t < taps->cols; ++t, x += taps->in_col, k += taps->w_col) {
            const int32_t x01 = (int32_t)tflm_dsp_load4(x), x23 = (int32_t)tflm_dsp_load4(x + 2);
            const uint32_t wk = tflm_dsp_load4(k);
            const int32_t w02 = (int32_t)__sxtb16(wk), w13 = (int32_t)tflm_dsp_sxtb16_odd(wk);
            a0 = __smlabb(x01, w02, a0);
            a1 = __smlatb(x01, w13, a1);
            a2 = __smlabt(x23, w02, a2);
            a3 = __smlatt(x23, w13, a3);
        }
    }
    sums[0] = a0, sums[1] = a1, sums[2] = a2, sums[3] = a3;
}

void tflm_s16_dwconv_c4__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int16_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_bias_16x8 *bias, const tflm_dims *output_dims,
                             int16_t *output)
{
    tflm_s16_dwconv_walk(sum4, params, quant, input_dims, input, filter_dims, filter, bias,
                         output_dims, output);
}
