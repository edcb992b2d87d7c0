/*
 * s8_conv_im2col_2x2__dsp.c - CONV_2D int8 with the Cortex-M DSP extension
 * for any ungrouped convolution (padding, strides, dilation, any depth):
 * the taps of two output pixels are gathered as int16 (x + input_offset;
 * 0 for a tap outside the input) into the pair buffer in the filter's
 * (ky, kx, channel) order, then multiplied by the filter's rows read in
 * place from the model, two channels a tile (s8_conv_2x2__dsp.h).
 * CMSIS-NN's arm_convolve_s8 technique, written for the reference's
 * arguments.
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_2x2__dsp.h"

size_t tflm_conv_s8_arm_get_buffer_size(const tflm_dims *filter_dims)
{
    return 2 * (size_t)filter_dims->h * filter_dims->w * filter_dims->c * sizeof(int16_t);
}

/* Pixel j of the pair buffer: the taps of output pixel (oy, ox) of one
 * batch's input. */
static void gather_pixel(const tflm_conv_params *params, const tflm_dims *input_dims,
                         const int8_t *in_batch, const tflm_dims *filter_dims, int32_t oy,
                         int32_t ox, int16_t *buffer, int32_t j)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, depth = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, k = k_h * k_w * depth;
    const int32_t io = params->input_offset;
    const tflm_conv_window win = tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
    int32_t i = 0; /* the first tap of (ky, kx) */
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const bool row_inside = ky >= win.ky_start && ky < win.ky_end;
        const int32_t in_y = win.in_y0 + ky * params->dilation_h;
        for (int32_t kx = 0; kx < k_w; ++kx, i += depth) {
            const bool inside = row_inside && kx >= win.kx_start && kx < win.kx_end;
            const int8_t *px =
                inside ? in_batch + ((size_t)in_y * in_w + win.in_x0 + kx * params->dilation_w) *
                                        depth
                       : NULL;
            if (depth % 4 == 0) { /* whole groups: word moves */
                if (inside) {
                    tflm_s8_conv_pair_expand(px, depth, tflm_dsp_pair_of(io), buffer, i, j);
                } else {
                    tflm_s8_conv_pair_zero(depth, buffer, i, j);
                }
                continue;
            }
            for (int32_t c = 0; c < depth; ++c) {
                buffer[tflm_s8_conv_pair_slot(i + c, j, k)] =
                    inside ? (int16_t)(px[c] + io) : 0;
            }
        }
    }
}

void tflm_s8_conv_im2col_2x2__dsp(const tflm_conv_params *params,
                                  const tflm_per_channel_quant *quant,
                                  const tflm_dims *input_dims, const int8_t *input,
                                  const tflm_dims *filter_dims, const int8_t *filter,
                                  const tflm_dims *bias_dims, const int32_t *bias,
                                  const tflm_dims *output_dims, int8_t *output, void *scratch)
{
    (void)bias_dims;
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t pixels = output_dims->h * out_w;
    int16_t *buffer = scratch;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch =
            input + (size_t)b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 2) {
            /* An odd last pixel is gathered twice, as both pixels of the pair. */
            const bool second_pixel = p + 1 < pixels;
            for (int32_t j = 0; j < 2; ++j) {
                const int32_t q = second_pixel ? p + j : p;
                gather_pixel(params, input_dims, in_batch, filter_dims, q / out_w, q % out_w,
                             buffer, j);
            }
            int8_t *y0 = out_batch + (size_t)p * out_c;
            tflm_s8_conv_pair_channels(buffer, k, filter, out_c, second_pixel, bias, quant,
                                       params, y0, y0 + out_c);
        }
    }
}
