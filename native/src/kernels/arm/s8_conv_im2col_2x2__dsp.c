/*
 * s8_conv_im2col_2x2__dsp.c - CONV_2D int8 with the Cortex-M DSP extension
 * for any ungrouped convolution (padding, strides, dilation, any depth):
 * the taps of two output pixels are gathered as int16 (x + input_offset;
 * 0 for taps outside the input) into two scratch rows, in the filter's
 * (ky, kx, channel) order, then multiplied by the filter's rows read in
 * place from the model, two pixels by two output channels a tile, four
 * taps per loop: two word loads per row, SXTB16 for the weights
 * (s8_pairs__dsp.h), eight SMLADs. CMSIS-NN's arm_convolve_s8 technique,
 * written for the reference's arguments.
 *
 * Row layout: SXTB16 unpacks weight bytes 0..3 as the pairs (w0, w2) and
 * (w1, w3), so each whole group of four taps is stored as x0, x2, x1, x3;
 * the last k % 4 taps stay in order for the scalar tail.
 *
 * Exactness: a tap outside the input is 0 in the row and adds nothing, as
 * the reference skips it; |x + io| <= 255 and |w| <= 128, so each product
 * is exact; the sums wrap modulo 2^32 like the reference's, where any
 * order gives the same int32. The bias and the requantization are the
 * reference's (s8_conv_store_2x2.h).
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_store_2x2.h"
#include "s8_pairs__dsp.h"

/* int16 elements of one scratch row: k rounded up to a whole word, so the
 * second row stays word-aligned. */
static int32_t row_length(int32_t k)
{
    return (k + 1) & ~1;
}

size_t tflm_conv_s8_arm_get_buffer_size(const tflm_dims *filter_dims)
{
    return 2 * (size_t)row_length(filter_dims->h * filter_dims->w * filter_dims->c) *
           sizeof(int16_t);
}

/* A pixel's `depth` channels (depth % 4 == 0) with the offset added, in the
 * reordered layout: one SXTAB16 per pair. */
static void expand_reordered(const int8_t *px, int32_t depth, int16x2_t io2, int16_t *dst)
{
    uint32_t *out = (uint32_t *)dst; /* word-aligned: rows are, and depth % 4 == 0 */
    for (int32_t c = 0; c < depth; c += 4) {
        const uint32_t word = tflm_dsp_load4(px + c);
        *out++ = (uint32_t)__sxtab16(io2, (int8x4_t)word);
        *out++ = (uint32_t)tflm_dsp_sxtab16_odd(io2, word);
    }
}

static void zero_words(int16_t *dst, int32_t count)
{
    uint32_t *out = (uint32_t *)dst;
    for (int32_t i = 0; i < count / 2; ++i) {
        out[i] = 0;
    }
}

/* The row of output pixel (oy, ox) of one batch's input. */
static void fill_row(const tflm_conv_params *params, const tflm_dims *input_dims,
                     const int8_t *in_batch, const tflm_dims *filter_dims, int32_t oy, int32_t ox,
                     int16_t *row)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, depth = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t io = params->input_offset;
    const tflm_conv_window win = tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
    int16_t *dst = row;
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const bool row_inside = ky >= win.ky_start && ky < win.ky_end;
        const int32_t in_y = win.in_y0 + ky * params->dilation_h;
        for (int32_t kx = 0; kx < k_w; ++kx, dst += depth) {
            if (!row_inside || kx < win.kx_start || kx >= win.kx_end) {
                if (depth % 4 == 0) {
                    zero_words(dst, depth);
                } else {
                    for (int32_t c = 0; c < depth; ++c) {
                        dst[c] = 0;
                    }
                }
                continue;
            }
            const int32_t in_x = win.in_x0 + kx * params->dilation_w;
            const int8_t *px = in_batch + ((size_t)in_y * in_w + in_x) * depth;
            if (depth % 4 == 0) {
                expand_reordered(px, depth, tflm_dsp_pair_of(io), dst);
            } else {
                for (int32_t c = 0; c < depth; ++c) {
                    dst[c] = (int16_t)(px[c] + io);
                }
            }
        }
    }
    if (depth % 4 != 0) {
        /* Filled in order: reorder each whole group of four taps. */
        const int32_t k = k_h * k_w * depth;
        for (int32_t i = 0; i + 4 <= k; i += 4) {
            const int16_t t = row[i + 1];
            row[i + 1] = row[i + 2];
            row[i + 2] = t;
        }
    }
}

/* sums: r0 . w0, r0 . w1, r1 . w0, r1 . w1 over the k taps. */
static inline void dot_2x2(const int16_t *r0, const int16_t *r1, const int8_t *w0,
                           const int8_t *w1, int32_t k, uint32_t sums[4])
{
    int32_t s00 = 0, s01 = 0, s10 = 0, s11 = 0;
    int32_t d = 0;
    for (; d + 4 <= k; d += 4) {
        const int16x2_t a_even = (int16x2_t)tflm_dsp_load4(r0 + d);
        const int16x2_t a_odd = (int16x2_t)tflm_dsp_load4(r0 + d + 2);
        const int16x2_t b_even = (int16x2_t)tflm_dsp_load4(r1 + d);
        const int16x2_t b_odd = (int16x2_t)tflm_dsp_load4(r1 + d + 2);
        const uint32_t wa = tflm_dsp_load4(w0 + d);
        const int16x2_t wa_even = __sxtb16((int8x4_t)wa), wa_odd = tflm_dsp_sxtb16_odd(wa);
        s00 = __smlad(wa_even, a_even, s00);
        s00 = __smlad(wa_odd, a_odd, s00);
        s10 = __smlad(wa_even, b_even, s10);
        s10 = __smlad(wa_odd, b_odd, s10);
        const uint32_t wb = tflm_dsp_load4(w1 + d);
        const int16x2_t wb_even = __sxtb16((int8x4_t)wb), wb_odd = tflm_dsp_sxtb16_odd(wb);
        s01 = __smlad(wb_even, a_even, s01);
        s01 = __smlad(wb_odd, a_odd, s01);
        s11 = __smlad(wb_even, b_even, s11);
        s11 = __smlad(wb_odd, b_odd, s11);
    }
    uint32_t u00 = (uint32_t)s00, u01 = (uint32_t)s01, u10 = (uint32_t)s10, u11 = (uint32_t)s11;
    for (; d < k; ++d) {
        u00 += (uint32_t)(w0[d] * r0[d]);
        u01 += (uint32_t)(w1[d] * r0[d]);
        u10 += (uint32_t)(w0[d] * r1[d]);
        u11 += (uint32_t)(w1[d] * r1[d]);
    }
    sums[0] = u00;
    sums[1] = u01;
    sums[2] = u10;
    sums[3] = u11;
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
    int16_t *row0 = scratch;
    int16_t *row1 = row0 + row_length(k);
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch =
            input + (size_t)b * input_dims->h * input_dims->w * input_dims->c;
        int8_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 2) {
            /* An odd last pixel is multiplied twice, as both rows of the tile. */
            const bool second_pixel = p + 1 < pixels;
            fill_row(params, input_dims, in_batch, filter_dims, p / out_w, p % out_w, row0);
            if (second_pixel) {
                fill_row(params, input_dims, in_batch, filter_dims, (p + 1) / out_w,
                         (p + 1) % out_w, row1);
            }
            const int16_t *r1 = second_pixel ? row1 : row0;
            int8_t *y0 = out_batch + (size_t)p * out_c;
            int8_t *y1 = y0 + out_c;
            for (int32_t o = 0; o < out_c; o += 2) {
                const bool second_channel = o + 1 < out_c;
                const int8_t *w0 = filter + (size_t)o * k;
                const int8_t *w1 = second_channel ? w0 + k : w0;
                uint32_t sums[4];
                dot_2x2(row0, r1, w0, w1, k, sums);
                tflm_s8_conv_store_2x2(sums, o, second_channel, second_pixel, bias, quant, params,
                                       y0, y1);
            }
        }
    }
}
