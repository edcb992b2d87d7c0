/*
 * s8_conv_1x1_4x1__mve.c - CONV_2D int8 with a 1x1 filter and Helium
 * (MVE): four output pixels at a time, each one input pixel read whole and
 * in place (a 1x1 filter without padding), by every filter row
 * (s8_conv_4x1__mve.h). No scratch, no copy. The MobileNet pointwise
 * layers, which carry most of the time, run here.
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_4x1__mve.h"

void tflm_s8_conv_1x1_4x1__mve(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                               const tflm_dims *input_dims, const int8_t *input,
                               const tflm_dims *filter_dims, const int8_t *filter,
                               const tflm_dims *bias_dims, const int32_t *bias,
                               const tflm_dims *output_dims, int8_t *output, void *scratch)
{
    (void)filter_dims;
    (void)bias_dims;
    (void)scratch;
    const int32_t in_w = input_dims->w, depth = input_dims->c;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t pixels = output_dims->h * out_w;
    const int32_t sh = params->stride_h, sw = params->stride_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        int8_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 4) {
            /* Pixels past the last are the last again, not stored. */
            const int32_t stored = pixels - p < 4 ? pixels - p : 4;
            const int8_t *rows[4];
            for (int32_t r = 0; r < 4; ++r) {
                const int32_t q = p + (r < stored ? r : stored - 1);
                rows[r] = in_batch + ((size_t)(q / out_w * sh) * in_w + (size_t)(q % out_w * sw)) * depth;
            }
            tflm_s8_conv_rows_4x1__mve(rows, depth, filter, out_c, stored, bias, quant, params,
                                       out_batch + (size_t)p * out_c);
        }
    }
}
