/*
 * s8_fc_8x64__avx512vnni.c - FULLY_CONNECTED int8 with AVX-512 VNNI on the
 * model's [units][depth] weights: the input row converted once per batch
 * to uint8 (x + 128, zero padded to 64) in scratch, then 8 weight rows at
 * a time, 64 bytes per vpdpbusd (the last chunk's weights loaded under a
 * mask, so no byte past a row is read), 8 horizontal sums, exact
 * requantization. Plan and exactness argument: fully_connected_x86.c.
 */
#include <assert.h>

#include "dpbusd.h"
#include "s8_dot_8rows__avx2.h"
#include "s8_fc_finish_8rows__avx2.h"

void tflm_s8_fc_8x64__avx512vnni(const tflm_fc_s8_x86 *p, const int8_t *input, int8_t *output,
                                 void *scratch)
{
    assert(p->unsigned_input && p->ready && p->depth > 0 && p->units > 0 && p->batches > 0 &&
           ((uintptr_t)scratch & 15) == 0);
    const int32_t depth = p->depth, units = p->units;
    const int32_t full = depth / 64, rest = depth % 64;
    const __mmask64 tail = rest ? _cvtu64_mask64(~0ULL >> (64 - rest)) : 0;
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    uint8_t *u = scratch;
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *x = input + (size_t)b * depth;
        __m512i sad = _mm512_setzero_si512();
        for (int32_t c = 0; c < full + (rest != 0); ++c) {
            const __mmask64 m = c < full ? ~(__mmask64)0 : tail;
            /* padding lanes stay 0 (not 0x80): they meet zero weights anyway */
            const __m512i v = _mm512_maskz_mov_epi8(
                m, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, x + 64 * c), flip));
            _mm512_storeu_si512(u + 64 * c, v);
            sad = _mm512_add_epi64(sad, _mm512_sad_epu8(v, _mm512_setzero_si512()));
        }
        uint32_t correction = 0;
        if (p->params.filter_offset != 0) { /* fo * sum (x + io) = fo * (sum u + depth (io - 128)) */
            const uint32_t sum_u = (uint32_t)_mm512_reduce_add_epi64(sad);
            correction = (uint32_t)p->params.filter_offset *
                         (sum_u + (uint32_t)depth * (uint32_t)(p->params.input_offset - 128));
        }
        int8_t *out = output + (size_t)b * units;
        for (int32_t o0 = 0; o0 < units; o0 += 8) {
            const int32_t rows = units - o0 < 8 ? units - o0 : 8;
            const int8_t *w[8];
            __m512i acc[8];
            for (int r = 0; r < 8; ++r) { /* missing rows repeat the last: ignored */
                w[r] = p->filter + (size_t)(o0 + (r < rows ? r : rows - 1)) * depth;
                acc[r] = _mm512_setzero_si512();
            }
            for (int32_t c = 0; c < full; ++c) {
                const __m512i xv = _mm512_loadu_si512(u + 64 * c);
#pragma GCC unroll 8
                for (int r = 0; r < 8; ++r) {
                    TFLM_DPBUSD(acc[r], xv, _mm512_loadu_si512(w[r] + 64 * c));
                }
            }
            if (rest) {
                const __m512i xv = _mm512_loadu_si512(u + 64 * full);
#pragma GCC unroll 8
                for (int r = 0; r < 8; ++r) {
                    TFLM_DPBUSD(acc[r], xv, _mm512_maskz_loadu_epi8(tail, w[r] + 64 * full));
                }
            }
            __m256i half[8];
#pragma GCC unroll 8
            for (int r = 0; r < 8; ++r) {
                half[r] = _mm256_add_epi32(_mm512_castsi512_si256(acc[r]),
                                           _mm512_extracti64x4_epi64(acc[r], 1));
            }
            tflm_fc_s8_finish_avx2(p, tflm_hsum8_avx2(half), o0, rows, correction, out);
        }
    }
}
