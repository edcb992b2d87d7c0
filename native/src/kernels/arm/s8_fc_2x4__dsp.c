/*
 * s8_fc_2x4__dsp.c - FULLY_CONNECTED int8 with the Cortex-M DSP extension:
 * two weight rows at a time against the input row, four depth steps per
 * loop. SXTAB16 sign-extends bytes 0 and 2 of a word into two int16 lanes
 * and adds a packed offset (bytes 1 and 3 after a rotation by 8), so one
 * word of input and one of weights become (x + input_offset) and
 * (w + filter_offset) pairs; SMLAD multiplies two pairs and adds both
 * products to the accumulator. The technique of CMSIS-NN's vector by
 * matrix product, written for the reference's arguments.
 *
 * Exactness: |x + io| and |w + fo| are at most 255 (offsets are -zero
 * points of int8 tensors), so each product is exact in 32 bits; SMLAD's
 * additions wrap modulo 2^32 like the reference's uint32 sum, in which any
 * order gives the same int32. The bias and requantization are the
 * reference's own (tflm_nn_requantize_s8).
 */
#include "../nn_common.h"
#include "fully_connected_arm.h"
#include "s8_pairs__dsp.h"

#if !defined(__ARM_FEATURE_DSP)
#error "s8_fc_2x4__dsp.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

/* sums[r] = sum over d of (rows[r][d] + fo) (x[d] + io), wrapping, for the
 * two rows of `depth` weights at row0 and row1. */
static inline void dot_2rows(const int8_t *x, const int8_t *row0, const int8_t *row1,
                             int32_t depth, int32_t io, int32_t fo, uint32_t sums[2])
{
    const int16x2_t io2 = tflm_dsp_pair_of(io), fo2 = tflm_dsp_pair_of(fo);
    int32_t acc0 = 0, acc1 = 0;
    int32_t d = 0;
#pragma GCC unroll 2
    for (; d + 4 <= depth; d += 4) {
        const uint32_t xw = tflm_dsp_load4(x + d);
        const int16x2_t x_even = __sxtab16(io2, (int8x4_t)xw);
        const int16x2_t x_odd = tflm_dsp_sxtab16_odd(io2, xw);
        const uint32_t w0 = tflm_dsp_load4(row0 + d);
        acc0 = __smlad(__sxtab16(fo2, (int8x4_t)w0), x_even, acc0);
        acc0 = __smlad(tflm_dsp_sxtab16_odd(fo2, w0), x_odd, acc0);
        const uint32_t w1 = tflm_dsp_load4(row1 + d);
        acc1 = __smlad(__sxtab16(fo2, (int8x4_t)w1), x_even, acc1);
        acc1 = __smlad(tflm_dsp_sxtab16_odd(fo2, w1), x_odd, acc1);
    }
    uint32_t sum0 = (uint32_t)acc0, sum1 = (uint32_t)acc1;
    for (; d < depth; ++d) {
        const int32_t xv = x[d] + io;
        sum0 += (uint32_t)((row0[d] + fo) * xv);
        sum1 += (uint32_t)((row1[d] + fo) * xv);
    }
    sums[0] = sum0;
    sums[1] = sum1;
}

void tflm_s8_fc_2x4__dsp(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                         const tflm_fc_shape *shape, const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output)
{
    const int32_t batches = shape->batches, units = shape->units, depth = shape->depth;
    const tflm_activation act = params->activation;
    /* Read once: the int8 stores below may alias anything, so fields read
     * through params and quant would be reloaded for every output. */
    const int32_t input_offset = params->input_offset, filter_offset = params->filter_offset;
    const int32_t output_offset = params->output_offset;
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *x = input + (size_t)b * depth;
        int8_t *out = output + (size_t)b * units;
        for (int32_t o = 0; o < units; o += 2) {
            /* An odd last row is dotted twice, as both rows of the pair. */
            const int8_t *row0 = filter + (size_t)o * depth;
            const int8_t *row1 = o + 1 < units ? row0 + depth : row0;
            uint32_t sums[2];
            dot_2rows(x, row0, row1, depth, input_offset, filter_offset, sums);
            for (int32_t r = 0; r < 2 && o + r < units; ++r) {
                const uint32_t sum = sums[r] + (bias != NULL ? (uint32_t)bias[o + r] : 0u);
                const int32_t q = (o + r) & pair_mask;
                out[o + r] = tflm_nn_requantize_s8(sum, multiplier[q], shift[q], output_offset, act.min,
                                                   act.max);
            }
        }
    }
}
