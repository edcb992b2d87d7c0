/*
 * s8_conv_im2col_2x2__dsp.c - CONV_2D int8 with the Cortex-M DSP extension
 * for any ungrouped convolution (padding, strides, dilation, any depth):
 * the taps of two output pixels are gathered as int16 (x + input_offset;
 * 0 for a tap outside the input) into the pair buffer in the filter's
 * (ky, kx, channel) order, then multiplied by the filter's rows read in
 * place from the model, two channels a tile (s8_conv_2x2__dsp.h). A first
 * layer's depth of 1 to 3 channels is gathered as int8 first, so that the
 * widening still goes four taps at a time.
 * CMSIS-NN's arm_convolve_s8 technique, written for the reference's
 * arguments.
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_2x2__dsp.h"

size_t tflm_conv_s8_arm_get_buffer_size(const tflm_dims *filter_dims)
{
    const size_t k = (size_t)filter_dims->h * filter_dims->w * filter_dims->c;
    /* the pair buffer; then, for a depth that is not a multiple of four, one
       pixel's taps as int8 (gather_row) */
    return 2 * k * sizeof(int16_t) + (filter_dims->c % 4 != 0 ? (k + 3) & ~(size_t)3 : 0);
}

/* The taps of output pixel (oy, ox) of one batch's input as int8 in the
 * filter's (ky, kx, channel) order into row, -io for a tap outside the
 * input (an int8: io is minus an int8 zero point), which adds nothing once
 * io is added. */
static void gather_row(const tflm_conv_params *params, const tflm_dims *input_dims,
                       const int8_t *in_batch, const tflm_dims *filter_dims, int32_t oy,
                       int32_t ox, int8_t *row)
{
    const int32_t in_w = input_dims->w, depth = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int8_t outside = (int8_t)-params->input_offset;
    const tflm_conv_window win = tflm_conv_window_at(params, input_dims->h, in_w, k_h, k_w, oy, ox);
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const bool row_inside = ky >= win.ky_start && ky < win.ky_end;
        const int32_t in_y = win.in_y0 + ky * params->dilation_h;
        for (int32_t kx = 0; kx < k_w; ++kx, row += depth) {
            const int8_t *px =
                in_batch + ((size_t)in_y * in_w + win.in_x0 + kx * params->dilation_w) * depth;
            const bool inside = row_inside && kx >= win.kx_start && kx < win.kx_end;
            for (int32_t c = 0; c < depth; ++c) {
                row[c] = inside ? px[c] : outside;
            }
        }
    }
}

/* Pixel j of the pair buffer: the taps of output pixel (oy, ox) of one
 * batch's input, (x + io) as int16 (0 for a tap outside the input). With a
 * depth that is a multiple of four, straight from the input, a word of
 * taps at a time; otherwise gathered first as int8 into row (k bytes),
 * then expanded four taps at a time (the last k % 4 one by one). */
static void gather_pixel(const tflm_conv_params *params, const tflm_dims *input_dims,
                         const int8_t *in_batch, const tflm_dims *filter_dims, int32_t oy,
                         int32_t ox, int16_t *buffer, int32_t j, int8_t *row)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, depth = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, k = k_h * k_w * depth;
    const int16x2_t io2 = tflm_dsp_pair_of(params->input_offset);
    if (depth % 4 != 0) {
        gather_row(params, input_dims, in_batch, filter_dims, oy, ox, row);
        const int32_t whole = k & ~3;
        tflm_s8_conv_pair_expand(row, whole, io2, buffer, 0, j);
        for (int32_t c = whole; c < k; ++c) {
            buffer[tflm_s8_conv_pair_slot(c, j, k)] = (int16_t)(row[c] + params->input_offset);
        }
        return;
    }
    const tflm_conv_window win = tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
    int32_t i = 0; /* the first tap of (ky, kx) */
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const bool row_inside = ky >= win.ky_start && ky < win.ky_end;
        const int32_t in_y = win.in_y0 + ky * params->dilation_h;
        for (int32_t kx = 0; kx < k_w; ++kx, i += depth) {
            if (row_inside && kx >= win.kx_start && kx < win.kx_end) {
                const int8_t *px =
                    in_batch + ((size_t)in_y * in_w + win.in_x0 + kx * params->dilation_w) * depth;
                tflm_s8_conv_pair_expand(px, depth, io2, buffer, i, j);
            } else {
                tflm_s8_conv_pair_zero(depth, buffer, i, j);
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
    int8_t *row = (int8_t *)(buffer + 2 * (size_t)k); /* for depths not a multiple of four */
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
                             buffer, j, row);
            }
            int8_t *y0 = out_batch + (size_t)p * out_c;
            tflm_s8_conv_pair_channels(buffer, k, filter, out_c, second_pixel, bias, quant,
                                       params, y0, y0 + out_c);
        }
    }
}
