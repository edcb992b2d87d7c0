/*
 * s8_conv_1x1_2x2__dsp.c - CONV_2D int8 with a 1x1 filter and the Cortex-M
 * DSP extension: each pair of output pixels' input channels is unpacked
 * once to int16 with the input offset added (SXTAB16) into the pair buffer,
 * then multiplied by every filter row, read in place from the model, two
 * channels a tile (s8_conv_2x2__dsp.h). No gathering: a 1x1 filter without
 * padding reads one input pixel, whole. The MobileNet pointwise layers,
 * which carry most of the time, run here.
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_2x2__dsp.h"

/* Pixel j of the pair buffer: the input pixel px's depth channels. */
static void pack_pixel(const int8_t *px, int32_t depth, int32_t io, int16_t *buffer, int32_t j)
{
    const int32_t whole = depth & ~3;
    tflm_s8_conv_pair_expand(px, whole, tflm_dsp_pair_of(io), buffer, 0, j);
    for (int32_t c = whole; c < depth; ++c) {
        buffer[tflm_s8_conv_pair_slot(c, j, depth)] = (int16_t)(px[c] + io);
    }
}

void tflm_s8_conv_1x1_2x2__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                               const tflm_dims *input_dims, const int8_t *input,
                               const tflm_dims *filter_dims, const int8_t *filter,
                               const tflm_dims *bias_dims, const int32_t *bias,
                               const tflm_dims *output_dims, int8_t *output, void *scratch)
{
    (void)filter_dims;
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, depth = input_dims->c;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t pixels = output_dims->h * out_w;
    const int32_t sh = params->stride_h, sw = params->stride_w;
    int16_t *buffer = scratch;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * depth;
        int8_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 2) {
            /* An odd last pixel is packed twice, as both pixels of the pair. */
            const bool second_pixel = p + 1 < pixels;
            for (int32_t j = 0; j < 2; ++j) {
                const int32_t q = second_pixel ? p + j : p;
                const int8_t *px = in_batch + ((size_t)(q / out_w * sh) * in_w +
                                               (size_t)(q % out_w * sw)) * depth;
                pack_pixel(px, depth, params->input_offset, buffer, j);
            }
            int8_t *y0 = out_batch + (size_t)p * out_c;
            tflm_s8_conv_pair_channels(buffer, depth, filter, out_c, second_pixel, bias, quant,
                                       params, y0, y0 + out_c);
        }
    }
}
