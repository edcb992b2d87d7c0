/*
 * s16_fc_1x4__mve.c - FULLY_CONNECTED 16x8 (int16 input and output, int8
 * weights) with Helium (MVE), symmetric (zero input and filter offsets): the input row
 * against four weight rows at a time, eight depth steps per loop: the
 * weights widened to int16 lanes as they load (VLDRB.S16), VMLALDAVA adding
 * the eight products to a 64-bit sum, the reference's int64 sum exactly;
 * the last depth % 8 lanes masked with a tail predicate. The bias and
 * requantization are the reference's (tflm_nn_requantize_16x8).
 */
#include <arm_mve.h>

#include "../nn_common.h"
#include "fully_connected_arm.h"
#include "s16_fc_store.h"

/* sums[r] = sum over d of w[r][d] x[d] as int64 (two's complement). */
static inline void dot_1x4(const int16_t *x, const int8_t *const w[4], int32_t depth,
                           uint64_t sums[4])
{
    int64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (int32_t d = 0; d < depth; d += 8) {
        const mve_pred16_t lanes = vctp16q((uint32_t)(depth - d));
        const int16x8_t xv = vldrhq_z_s16(x + d, lanes);
        a0 = vmlaldavaq_s16(a0, xv, vldrbq_z_s16(w[0] + d, lanes));
        a1 = vmlaldavaq_s16(a1, xv, vldrbq_z_s16(w[1] + d, lanes));
        a2 = vmlaldavaq_s16(a2, xv, vldrbq_z_s16(w[2] + d, lanes));
        a3 = vmlaldavaq_s16(a3, xv, vldrbq_z_s16(w[3] + d, lanes));
    }
    sums[0] = (uint64_t)a0;
    sums[1] = (uint64_t)a1;
    sums[2] = (uint64_t)a2;
    sums[3] = (uint64_t)a3;
}

void tflm_s16_fc_1x4__mve(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                          const tflm_fc_shape *shape, const int16_t *input, const int8_t *filter,
                          const tflm_bias_16x8 *bias, int16_t *output)
{
    const int32_t batches = shape->batches, units = shape->units, depth = shape->depth;
    for (int32_t b = 0; b < batches; ++b) {
        const int16_t *x = input + (size_t)b * depth;
        int16_t *out = output + (size_t)b * units;
        for (int32_t o = 0; o < units; o += 4) {
            /* Rows past the last are the last again, not stored. */
            const int8_t *w[4];
            for (int32_t r = 0; r < 4; ++r) {
                w[r] = filter + (size_t)(o + r < units ? o + r : units - 1) * depth;
            }
            uint64_t sums[4];
            dot_1x4(x, w, depth, sums);
            tflm_s16_fc_store(sums, units - o < 4 ? units - o : 4, o, params, quant, bias, out);
        }
    }
}
