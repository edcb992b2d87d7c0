/*
 * s16_fc_2x4__dsp.c - FULLY_CONNECTED 16x8 (int16 input and output, int8
 * weights) with the Cortex-M DSP extension, symmetric (zero input and filter offsets): two
 * weight rows at a time against the input row, four depth steps per loop.
 * A word of input holds two int16 values as they are; a word of weights is
 * unpacked by SXTB16 into (w0, w2) and (w1, w3), repacked (PKHBT, PKHTB)
 * into (w0, w1) and (w2, w3), and SMLALD adds both products of a pair to a
 * 64-bit sum: the reference's int64 sum, exactly (each product fits in 24
 * bits). The bias and requantization are the reference's
 * (tflm_nn_requantize_16x8).
 */
#include "../nn_common.h"
#include "fully_connected_arm.h"
#include "s16_fc_store.h"
#include "s8_pairs__dsp.h"

/* The weights w0..w3 of a word as the pairs (w0, w1) and (w2, w3). */
static inline void weight_pairs(uint32_t word, int16x2_t *w01, int16x2_t *w23)
{
    const uint32_t even = (uint32_t)__sxtb16((int8x4_t)word);      /* w0, w2 */
    const uint32_t odd = (uint32_t)tflm_dsp_sxtb16_odd(word);      /* w1, w3 */
    *w01 = (int16x2_t)((even & 0xffffu) | (odd << 16));            /* PKHBT */
    *w23 = (int16x2_t)((even >> 16) | (odd & 0xffff0000u));        /* PKHTB */
}

/* sums[r] = sum over d of rows[r][d] x[d] as int64 (two's complement). */
static inline void dot_2rows(const int16_t *x, const int8_t *row0, const int8_t *row1,
                             int32_t depth, uint64_t sums[2])
{
    int64_t acc0 = 0, acc1 = 0;
    int32_t d = 0;
    for (; d + 4 <= depth; d += 4) {
        const int16x2_t x01 = (int16x2_t)tflm_dsp_load4(x + d);
        const int16x2_t x23 = (int16x2_t)tflm_dsp_load4(x + d + 2);
        int16x2_t w01, w23;
        weight_pairs(tflm_dsp_load4(row0 + d), &w01, &w23);
        acc0 = __smlald(w01, x01, acc0);
        acc0 = __smlald(w23, x23, acc0);
        weight_pairs(tflm_dsp_load4(row1 + d), &w01, &w23);
        acc1 = __smlald(w01, x01, acc1);
        acc1 = __smlald(w23, x23, acc1);
    }
    for (; d < depth; ++d) {
        acc0 += row0[d] * x[d];
        acc1 += row1[d] * x[d];
    }
    sums[0] = (uint64_t)acc0;
    sums[1] = (uint64_t)acc1;
}

void tflm_s16_fc_2x4__dsp(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                          const tflm_fc_shape *shape, const int16_t *input, const int8_t *filter,
                          const tflm_bias_16x8 *bias, int16_t *output)
{
    const int32_t batches = shape->batches, units = shape->units, depth = shape->depth;
    for (int32_t b = 0; b < batches; ++b) {
        const int16_t *x = input + (size_t)b * depth;
        int16_t *out = output + (size_t)b * units;
        for (int32_t o = 0; o < units; o += 2) {
            /* An odd last row is dotted twice, as both rows of the pair. */
            const int8_t *row0 = filter + (size_t)o * depth;
            const int8_t *row1 = o + 1 < units ? row0 + depth : row0;
            uint64_t sums[2];
            dot_2rows(x, row0, row1, depth, sums);
            tflm_s16_fc_store(sums, units - o < 2 ? 1 : 2, o, params, quant, bias, out);
        }
    }
}
