/*
 * s8_conv_im2col_4x1__mve.c - CONV_2D int8 with Helium (MVE) for any
 * ungrouped convolution (padding, strides, dilation, any depth): the taps
 * of four output pixels are gathered as raw int8, in the filter's (ky, kx,
 * channel) order, into four rows of the scratch (-io for a tap outside the
 * input, which then adds nothing), then multiplied by the filter's rows
 * read in place from the model (s8_conv_4x1__mve.h). The scratch is the
 * DSP kernels' size: 4 kh kw in_c bytes.
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_4x1__mve.h"

/* n bytes from src to dst, sixteen a step, the last step masked. */
static inline void copy_bytes(int8_t *dst, const int8_t *src, int32_t n)
{
    for (int32_t i = 0; i < n; i += 16) {
        const mve_pred16_t p = vctp8q((uint32_t)(n - i));
        vstrbq_p_s8(dst + i, vldrbq_z_s8(src + i, p), p);
    }
}

/* n bytes of value at dst. */
static inline void fill_bytes(int8_t *dst, int8x16_t value, int32_t n)
{
    for (int32_t i = 0; i < n; i += 16) {
        vstrbq_p_s8(dst + i, value, vctp8q((uint32_t)(n - i)));
    }
}

/* Row of the taps of output pixel (oy, ox) of one batch's input: for each
 * filter row, the taps left of the input, those inside (one copy when they
 * are contiguous, without dilation), those right of it. */
static void gather_pixel(const tflm_conv_params *params, const tflm_dims *input_dims,
                         const int8_t *in_batch, const tflm_dims *filter_dims, int32_t oy,
                         int32_t ox, int8_t *row)
{
    const int32_t in_w = input_dims->w, depth = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, dw = params->dilation_w;
    const int8x16_t outside = vdupq_n_s8((int8_t)-params->input_offset);
    const tflm_conv_window win =
        tflm_conv_window_at(params, input_dims->h, in_w, k_h, k_w, oy, ox);
    const int32_t left = win.kx_start * depth, inside = (win.kx_end - win.kx_start) * depth;
    const int32_t right = (k_w - win.kx_end) * depth;
    for (int32_t ky = 0; ky < k_h; ++ky, row += k_w * depth) {
        if (ky < win.ky_start || ky >= win.ky_end || inside <= 0) {
            fill_bytes(row, outside, k_w * depth);
            continue;
        }
        const int8_t *px = in_batch + ((size_t)(win.in_y0 + ky * params->dilation_h) * in_w +
                                       win.in_x0 + win.kx_start * dw) * depth;
        fill_bytes(row, outside, left);
        if (dw == 1) {
            copy_bytes(row + left, px, inside);
        } else {
            for (int32_t c = 0; c < inside; c += depth, px += (size_t)dw * depth) {
                copy_bytes(row + left + c, px, depth);
            }
        }
        fill_bytes(row + left + inside, outside, right);
    }
}

void tflm_s8_conv_im2col_4x1__mve(const tflm_conv_params *params,
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
    int8_t *const buffer = scratch;
    const int8_t *const rows[4] = {buffer, buffer + k, buffer + 2 * (size_t)k, buffer + 3 * (size_t)k};
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch =
            input + (size_t)b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 4) {
            /* Rows past the last pixel keep stale taps: computed, not stored. */
            const int32_t stored = pixels - p < 4 ? pixels - p : 4;
            for (int32_t r = 0; r < stored; ++r) {
                gather_pixel(params, input_dims, in_batch, filter_dims, (p + r) / out_w,
                             (p + r) % out_w, buffer + (size_t)r * k);
            }
            tflm_s8_conv_rows_4x1__mve(rows, k, filter, out_c, stored, bias, quant, params,
                                       out_batch + (size_t)p * out_c);
        }
    }
}
