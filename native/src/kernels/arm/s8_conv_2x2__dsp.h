/*
 * s8_conv_2x2__dsp.h - the matrix product of the Arm CONV_2D int8 kernels
 * (DSP extension): the taps of two output pixels, as int16 (x +
 * input_offset) interleaved in a scratch buffer, by the filter's rows read
 * in place from the model, two output channels a tile.
 *
 * The pair buffer holds 2 k int16 (tflm_conv_s8_arm_get_buffer_size): for
 * each whole group of four taps, eight values: pixel 0's taps 0, 2, 1, 3
 * then pixel 1's, so that one 16-byte load gives both pixels' pairs in
 * the order SXTB16 unpacks a weight word, (w0, w2) and (w1, w3); after the
 * groups, the last k % 4 taps of pixel 0 then of pixel 1, in order.
 *
 * Exactness: |x + io| <= 255 (0 for a tap outside the input, which adds
 * nothing as the reference skips it) and |w| <= 128, so each product is
 * exact; the sums wrap modulo 2^32 like the reference's, where any order
 * gives the same int32. The bias and the requantization are the
 * reference's (s8_conv_store_2x2.h).
 */
#ifndef TFLM_KERNELS_ARM_S8_CONV_2X2__DSP_H
#define TFLM_KERNELS_ARM_S8_CONV_2X2__DSP_H

#include <stdbool.h>
#include <stdint.h>

#include "s8_conv_store_2x2.h"
#include "s8_pairs__dsp.h"

/* Where tap i of pixel j (0 or 1) goes in a pair buffer of k taps. */
static inline int32_t tflm_s8_conv_pair_slot(int32_t i, int32_t j, int32_t k)
{
    const int32_t whole = k & ~3;
    if (i < whole) {
        return 8 * (i >> 2) + 4 * j + ((i & 1) << 1) + ((i >> 1) & 1);
    }
    return 2 * whole + j * (k - whole) + (i - whole);
}

/* Pixel j's taps [i, i + depth) (i and depth multiples of four) from px
 * with the offset added: one SXTAB16 per pair. */
static inline void tflm_s8_conv_pair_expand(const int8_t *px, int32_t depth, int16x2_t io2,
                                            int16_t *buffer, int32_t i, int32_t j)
{
    uint32_t *out = (uint32_t *)buffer + i + 2 * j; /* group i / 4: words i.. */
    for (int32_t c = 0; c < depth; c += 4, out += 4) {
        const uint32_t word = tflm_dsp_load4(px + c);
        out[0] = (uint32_t)__sxtab16(io2, (int8x4_t)word);
        out[1] = (uint32_t)tflm_dsp_sxtab16_odd(io2, word);
    }
}

/* Pixel j's taps [i, i + depth) as zeros (i and depth multiples of four). */
static inline void tflm_s8_conv_pair_zero(int32_t depth, int16_t *buffer, int32_t i, int32_t j)
{
    uint32_t *out = (uint32_t *)buffer + i + 2 * j;
    for (int32_t c = 0; c < depth; c += 4, out += 4) {
        out[0] = 0;
        out[1] = 0;
    }
}

/* sums: pixel 0 . w0, pixel 0 . w1, pixel 1 . w0, pixel 1 . w1. */
static inline void tflm_s8_conv_dot_2x2(const int16_t *buffer, int32_t k, const int8_t *w0,
                                        const int8_t *w1, uint32_t sums[4])
{
    const uint32_t *x = (const uint32_t *)buffer;
    const int32_t whole = k & ~3;
    int32_t s00 = 0, s01 = 0, s10 = 0, s11 = 0;
    for (int32_t d = 0; d < whole; d += 4, x += 4) {
        const int16x2_t a_even = (int16x2_t)x[0], a_odd = (int16x2_t)x[1];
        const int16x2_t b_even = (int16x2_t)x[2], b_odd = (int16x2_t)x[3];
        const uint32_t wa = tflm_dsp_load4(w0 + d);
        int16x2_t w = __sxtb16((int8x4_t)wa);
        s00 = __smlad(w, a_even, s00);
        s10 = __smlad(w, b_even, s10);
        w = tflm_dsp_sxtb16_odd(wa);
        s00 = __smlad(w, a_odd, s00);
        s10 = __smlad(w, b_odd, s10);
        const uint32_t wb = tflm_dsp_load4(w1 + d);
        w = __sxtb16((int8x4_t)wb);
        s01 = __smlad(w, a_even, s01);
        s11 = __smlad(w, b_even, s11);
        w = tflm_dsp_sxtb16_odd(wb);
        s01 = __smlad(w, a_odd, s01);
        s11 = __smlad(w, b_odd, s11);
    }
    uint32_t u00 = (uint32_t)s00, u01 = (uint32_t)s01, u10 = (uint32_t)s10, u11 = (uint32_t)s11;
    const int32_t tail = k - whole;
    const int16_t *t0 = buffer + 2 * whole, *t1 = t0 + tail;
    for (int32_t r = 0; r < tail; ++r) {
        u00 += (uint32_t)(w0[whole + r] * t0[r]);
        u01 += (uint32_t)(w1[whole + r] * t0[r]);
        u10 += (uint32_t)(w0[whole + r] * t1[r]);
        u11 += (uint32_t)(w1[whole + r] * t1[r]);
    }
    sums[0] = u00;
    sums[1] = u01;
    sums[2] = u10;
    sums[3] = u11;
}

/* Every output channel of the two pixels in the pair buffer (k taps
 * each; without second_pixel only pixel 0 is stored) into y0 and y1.
 * filter: out_c rows of k weights. */
static inline void tflm_s8_conv_pair_channels(const int16_t *buffer, int32_t k,
                                              const int8_t *filter, int32_t out_c,
                                              bool second_pixel, const int32_t *bias,
                                              const tflm_per_channel_quant *quant,
                                              const tflm_conv_params *params, int8_t *y0,
                                              int8_t *y1)
{
    for (int32_t o = 0; o < out_c; o += 2) {
        /* An odd last channel is computed twice, as both rows of the tile. */
        const bool second_channel = o + 1 < out_c;
        const int8_t *w0 = filter + (size_t)o * k;
        uint32_t sums[4];
        tflm_s8_conv_dot_2x2(buffer, k, w0, second_channel ? w0 + k : w0, sums);
        tflm_s8_conv_store_2x2(sums, o, second_channel, second_pixel, bias, quant, params, y0,
                               y1);
    }
}

#endif /* TFLM_KERNELS_ARM_S8_CONV_2X2__DSP_H */
