/*
 * s16_dwconv_walk.h - the pixel walk of the Arm DEPTHWISE_CONV_2D 16x8
 * kernels (plain C), depth multiplier 1: for each output pixel, the taps of
 * its window inside the input (tflm_conv_window_at, as the reference), four
 * channels at a time through the kernel's sum4, the last channels one by
 * one; then the reference's requantization (tflm_nn_requantize_16x8, no
 * zero points) and clamp.
 *
 * The sums are int32: with |x| <= 2^15 and |w| <= 2^7, a product is at most
 * 2^22 in magnitude, so up to TFLM_S16_DWCONV_MAX_TAPS of them sum exactly,
 * and the reference's int64 sum has the same value.
 */
#ifndef TFLM_KERNELS_ARM_S16_DWCONV_WALK_H
#define TFLM_KERNELS_ARM_S16_DWCONV_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "../depthwise_conv.h"
#include "../nn_common.h"

/* Largest filter (k_h x k_w) the kernels take: 511 x 2^22 < 2^31. */
#define TFLM_S16_DWCONV_MAX_TAPS 511

/* The taps of one pixel's window: rows x cols, and the steps between them
 * in the input and in the filter (elements). */
typedef struct tflm_s16_dw_taps {
    int32_t rows, cols;
    int32_t in_row, in_col, w_row, w_col;
} tflm_s16_dw_taps;

/* Writes the sums over the taps of four channels: in and w point at the
 * first tap of the first channel. */
typedef void (*tflm_s16_dw_sum4_fn)(const int16_t *in, const int8_t *w,
                                    const tflm_s16_dw_taps *taps, int32_t sums[4]);

static inline int16_t tflm_s16_dw_requantize(int32_t sum, const tflm_conv_params *params,
                                             const tflm_per_channel_quant *quant,
                                             const tflm_bias_16x8 *bias, int32_t o)
{
    const int32_t q = o & tflm_quant_mask(quant);
    const int32_t v = tflm_nn_requantize_16x8((uint64_t)(int64_t)sum, bias, o,
                                              quant->multiplier[q], quant->shift[q]);
    return (int16_t)tflm_clamp_s32(v, params->activation.min, params->activation.max);
}

static inline __attribute__((always_inline)) void
tflm_s16_dwconv_walk(tflm_s16_dw_sum4_fn sum4, const tflm_conv_params *params,
                     const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                     const int16_t *input, const tflm_dims *filter_dims, const int8_t *filter,
                     const tflm_bias_16x8 *bias, const tflm_dims *output_dims, int16_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, c_n = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int16_t *in_batch = input + (size_t)b * in_h * in_w * c_n;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                const tflm_s16_dw_taps taps = {
                    win.ky_end - win.ky_start, win.kx_end - win.kx_start,
                    params->dilation_h * in_w * c_n, params->dilation_w * c_n, k_w * c_n, c_n};
                const int16_t *in = in_batch + ((size_t)(win.in_y0 + win.ky_start * params->dilation_h) * in_w +
                                                win.in_x0 + win.kx_start * params->dilation_w) * c_n;
                const int8_t *w = filter + (size_t)(win.ky_start * k_w + win.kx_start) * c_n;
                int16_t *out = output + (((size_t)b * out_h + oy) * out_w + ox) * c_n;
                int32_t c = 0;
                for (; c + 4 <= c_n; c += 4) {
                    int32_t sums[4];
                    sum4(in + c, w + c, &taps, sums);
                    for (int32_t l = 0; l < 4; ++l) {
                        out[c + l] = tflm_s16_dw_requantize(sums[l], params, quant, bias, c + l);
                    }
                }
                for (; c < c_n; ++c) {
                    int32_t sum = 0;
                    for (int32_t r = 0; r < taps.rows; ++r) {
                        for (int32_t t = 0; t < taps.cols; ++t) {
                            sum += in[(size_t)r * taps.in_row + (size_t)t * taps.in_col + c] *
                                   w[(size_t)r * taps.w_row + (size_t)t * taps.w_col + c];
                        }
                    }
                    out[c] = tflm_s16_dw_requantize(sum, params, quant, bias, c);
                }
            }
        }
    }
}

#endif /* TFLM_KERNELS_ARM_S16_DWCONV_WALK_H */
