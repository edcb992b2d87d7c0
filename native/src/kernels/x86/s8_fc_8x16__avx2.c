/*
 * s8_fc_8x16__avx2.c - FULLY_CONNECTED int8 with AVX2 on the model's
 * [units][depth] weights: the input row converted once per batch to int16
 * x + input_offset (zero padded to 16) in scratch, then 8 weight rows at a
 * time, 16 weights per step sign-extended to int16 and multiplied with
 * vpmaddwd (|(x + io) * w| <= 255 * 128: the pair sums fit int32), the
 * depth % 16 last weights of each row in scalar code (no byte past a row is
 * read), 8 horizontal sums, exact requantization. Plan and exactness
 * argument: fc_s8_x86.c.
 */
#include <assert.h>

#include "fc_s8_avx2.h"

void tflm_s8_fc_8x16__avx2(const tflm_fc_s8_x86 *p, const int8_t *input, int8_t *output,
                           void *scratch)
{
    assert(!p->unsigned_input && p->ready && p->depth > 0 && p->units > 0 && p->batches > 0 &&
           ((uintptr_t)scratch & 15) == 0);
    const int32_t depth = p->depth, units = p->units;
    const int32_t full = depth / 16, rest = depth % 16;
    const int32_t io = p->params.input_offset;
    const __m256i offset = _mm256_set1_epi16((int16_t)io);
    int16_t *xs = scratch;
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *x = input + (size_t)b * depth;
        for (int32_t c = 0; c < full; ++c) {
            const __m256i v = _mm256_add_epi16(
                _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(x + 16 * c))), offset);
            _mm256_storeu_si256((__m256i *)(xs + 16 * c), v);
        }
        for (int32_t d = 16 * full; d < depth; ++d) {
            xs[d] = (int16_t)(x[d] + io);
        }
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
            const int8_t *w[8];
            __m256i acc[8];
            int32_t tail[8];
            for (int r = 0; r < 8; ++r) { /* missing rows repeat the last: ignored */
                w[r] = p->filter + (size_t)(o0 + (r < rows ? r : rows - 1)) * depth;
                acc[r] = _mm256_setzero_si256();
            }
            for (int32_t c = 0; c < full; ++c) {
                const __m256i xv = _mm256_loadu_si256((const __m256i *)(xs + 16 * c));
#pragma GCC unroll 8
                for (int r = 0; r < 8; ++r) {
                    const __m256i wv =
                        _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w[r] + 16 * c)));
                    acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(xv, wv));
                }
            }
            for (int r = 0; r < 8; ++r) {
                uint32_t t = 0;
                for (int32_t d = 16 * full; d < depth; ++d) {
                    t += (uint32_t)(xs[d] * w[r][d]);
                }
                tail[r] = (int32_t)t;
            }
            __m256i sums = tflm_fc_hsum8_avx2(acc);
            if (rest) {
                sums = _mm256_add_epi32(sums, _mm256_loadu_si256((const __m256i *)tail));
            }
            tflm_fc_s8_finish_avx2(p, sums, o0, rows, correction, out);
        }
    }
}
