/*
 * s8_fc_8x16__avx2.c - FULLY_CONNECTED int8 with AVX2 on the model's
 * [units][depth] weights: the input row converted once per batch to int16
 * x + input_offset (zero padded to 16) in scratch, then 8 weight rows at a
 * time (s8_dot_8rows__avx2.h; |(x + io) * w| <= 255 * 128), exact
 * requantization. Plan and exactness argument: fully_connected_x86.c.
 */
#include <assert.h>

#include "s8_dot_8rows__avx2.h"
#include "s8_fc_finish_8rows__avx2.h"

void tflm_s8_fc_8x16__avx2(const tflm_fc_s8_x86 *p, const int8_t *input, int8_t *output,
                           void *scratch)
{
    assert(!p->unsigned_input && p->ready && p->depth > 0 && p->units > 0 && p->batches > 0 &&
           ((uintptr_t)scratch & 15) == 0);
    const int32_t depth = p->depth, units = p->units;
    const int32_t io = p->params.input_offset;
    int16_t *xs = scratch;
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *x = input + (size_t)b * depth;
        tflm_s8_widen_offset_avx2(x, depth, io, xs);
        uint32_t correction = 0;
        if (p->params.filter_offset != 0) { /* fo * sum (x + io) */
            uint32_t sum = 0;
            for (int32_t d = 0; d < depth; ++d) {
                sum += (uint32_t)(int32_t)xs[d];
            }
            correction = (uint32_t)p->params.filter_offset * sum;
        }
        int8_t *out = output + (size_t)b * units;
        for (int32_t o0 = 0; o0 < units; o0 += 8) {
            const int32_t rows = units - o0 < 8 ? units - o0 : 8;
            const __m256i sums =
                tflm_s8_dot_rows8_avx2(p->filter + (size_t)o0 * depth, rows, depth, xs);
            tflm_fc_s8_finish_avx2(p, sums, o0, rows, correction, out);
        }
    }
}
