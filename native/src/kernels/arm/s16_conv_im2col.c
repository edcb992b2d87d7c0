/*
 * s16_conv_im2col.c - CONV_2D 16x8 (int16 input and output, int8 filter)
 * on Cortex-M for any ungrouped convolution: the taps of two output pixels
 * are gathered as int16 rows (0 for a tap outside the input, which adds
 * nothing as the reference skips it: 16x8 convolutions have no zero
 * points) in the filter's (ky, kx, channel) order, then each row is a
 * batch of a FULLY_CONNECTED 16x8 product with the filter's rows as units
 * (s16_fc_2x4__dsp.c or s16_fc_1x4__mve.c: their int64 sums are the
 * reference's, and so are the bias and requantization). The output of a
 * pixel is its channels in a row, as FULLY_CONNECTED writes a batch.
 */
#include "../nn_common.h"
#include "conv_arm.h"

/* Row of the taps of output pixel (oy, ox) of one batch's input. */
static void gather_pixel(const tflm_conv_params *params, const tflm_dims *input_dims,
                         const int16_t *in_batch, const tflm_dims *filter_dims, int32_t oy,
                         int32_t ox, int16_t *row)
{
    const int32_t in_w = input_dims->w, depth = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const tflm_conv_window win = tflm_conv_window_at(params, input_dims->h, in_w, k_h, k_w, oy, ox);
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const bool row_inside = ky >= win.ky_start && ky < win.ky_end;
        const int32_t in_y = win.in_y0 + ky * params->dilation_h;
        for (int32_t kx = 0; kx < k_w; ++kx, row += depth) {
            const bool inside = row_inside && kx >= win.kx_start && kx < win.kx_end;
            const int16_t *px =
                in_batch + ((size_t)in_y * in_w + win.in_x0 + kx * params->dilation_w) * depth;
            for (int32_t c = 0; c < depth; ++c) {
                row[c] = inside ? px[c] : 0;
            }
        }
    }
}

void tflm_s16_conv_im2col(tflm_fc_s16_fn product, const tflm_conv_params *params,
                          const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                          const int16_t *input, const tflm_dims *filter_dims, const int8_t *filter,
                          const tflm_bias_16x8 *bias, const tflm_dims *output_dims, int16_t *output,
                          void *scratch)
{
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t pixels = output_dims->h * out_w;
    int16_t *rows = scratch; /* two pixels' taps */
    const tflm_fc_params fc = {0, 0, 0, params->activation};
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int16_t *in_batch = input + (size_t)b * input_dims->h * input_dims->w * input_dims->c;
        int16_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 2) {
            const int32_t count = pixels - p < 2 ? 1 : 2;
            for (int32_t j = 0; j < count; ++j) {
                gather_pixel(params, input_dims, in_batch, filter_dims, (p + j) / out_w,
                             (p + j) % out_w, rows + (size_t)j * k);
            }
            const tflm_fc_shape shape = {count, k, out_c};
            product(&fc, quant, &shape, rows, filter, bias, out_batch + (size_t)p * out_c);
        }
    }
}
