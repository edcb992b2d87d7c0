/*
 * s8_conv_1x1_2x2__dsp.c - CONV_2D int8 with a 1x1 filter and the Cortex-M
 * DSP extension: a matrix product of the output pixels' input rows (each
 * pixel's in_c bytes, read in place) by the filter's rows (read in place
 * from the model), two pixels by two output channels a tile, four depth
 * steps per loop: SXTAB16 unpacks input words with the input offset added,
 * SXTB16 the weight words (s8_pairs__dsp.h), and eight SMLADs take the 16
 * products. No im2col and no scratch: the MobileNet pointwise layers,
 * which carry most of the time, run here.
 *
 * Exactness: every tap is inside the input (no padding), |x + io| <= 255
 * and |w| <= 128, so each product is exact; SMLAD's sums wrap modulo 2^32
 * like the reference's, where any order gives the same int32. The bias and
 * the requantization are the reference's (s8_conv_store_2x2.h).
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "s8_conv_store_2x2.h"
#include "s8_pairs__dsp.h"

/* sums: x0 . w0, x0 . w1, x1 . w0, x1 . w1 over depth, where each x tap is
 * (x + io). */
static inline void dot_2x2(const int8_t *x0, const int8_t *x1, const int8_t *w0,
                           const int8_t *w1, int32_t depth, int32_t io, uint32_t sums[4])
{
    const int16x2_t io2 = tflm_dsp_pair_of(io);
    int32_t s00 = 0, s01 = 0, s10 = 0, s11 = 0;
    int32_t d = 0;
    for (; d + 4 <= depth; d += 4) {
        const uint32_t xa = tflm_dsp_load4(x0 + d), xb = tflm_dsp_load4(x1 + d);
        const int16x2_t a_even = __sxtab16(io2, (int8x4_t)xa);
        const int16x2_t a_odd = tflm_dsp_sxtab16_odd(io2, xa);
        const int16x2_t b_even = __sxtab16(io2, (int8x4_t)xb);
        const int16x2_t b_odd = tflm_dsp_sxtab16_odd(io2, xb);
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
    for (; d < depth; ++d) {
        const int32_t a = x0[d] + io, b = x1[d] + io;
        u00 += (uint32_t)(w0[d] * a);
        u01 += (uint32_t)(w1[d] * a);
        u10 += (uint32_t)(w0[d] * b);
        u11 += (uint32_t)(w1[d] * b);
    }
    sums[0] = u00;
    sums[1] = u01;
    sums[2] = u10;
    sums[3] = u11;
}

void tflm_s8_conv_1x1_2x2__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                               const tflm_dims *input_dims, const int8_t *input,
                               const tflm_dims *filter_dims, const int8_t *filter,
                               const tflm_dims *bias_dims, const int32_t *bias,
                               const tflm_dims *output_dims, int8_t *output)
{
    (void)filter_dims;
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, depth = input_dims->c;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t pixels = output_dims->h * out_w;
    const int32_t sh = params->stride_h, sw = params->stride_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * depth;
        int8_t *out_batch = output + (size_t)b * pixels * out_c;
        for (int32_t p = 0; p < pixels; p += 2) {
            /* An odd last pixel is computed twice, as both pixels of the tile. */
            const bool second_pixel = p + 1 < pixels;
            const int32_t q = second_pixel ? p + 1 : p;
            const int8_t *x0 =
                in_batch + ((size_t)(p / out_w * sh) * in_w + (size_t)(p % out_w * sw)) * depth;
            const int8_t *x1 =
                in_batch + ((size_t)(q / out_w * sh) * in_w + (size_t)(q % out_w * sw)) * depth;
            int8_t *y0 = out_batch + (size_t)p * out_c;
            int8_t *y1 = y0 + out_c;
            for (int32_t o = 0; o < out_c; o += 2) {
                const bool second_channel = o + 1 < out_c;
                const int8_t *w0 = filter + (size_t)o * depth;
                const int8_t *w1 = second_channel ? w0 + depth : w0;
                uint32_t sums[4];
                dot_2x2(x0, x1, w0, w1, depth, params->input_offset, sums);
                tflm_s8_conv_store_2x2(sums, o, second_channel, second_pixel, bias, quant, params,
                                       y0, y1);
            }
        }
    }
}
