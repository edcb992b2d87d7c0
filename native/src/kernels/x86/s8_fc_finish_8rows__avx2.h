/*
 * s8_fc_finish_8rows__avx2.h - the end of a FULLY_CONNECTED int8 tile of
 * 8 rows, shared by the variants (s8_fc_*.c): bias, exact requantization
 * (requant.h), clamp, and the store of the valid rows' bytes. Include only
 * from a file compiled for AVX2.
 */
#ifndef TFLM_KERNELS_X86_S8_FC_FINISH_8ROWS_AVX2_H
#define TFLM_KERNELS_X86_S8_FC_FINISH_8ROWS_AVX2_H

#include <immintrin.h>
#include <string.h>

#include "requant.h"
#include "fully_connected_x86.h"

/* The shifts of rows rows (<= 8), one byte each, widened; 0 past them
 * (nothing is read past the array). */
static inline __m256i tflm_fc_shifts_avx2(const int8_t *shift, int32_t rows)
{
    int64_t bytes = 0;
    memcpy(&bytes, shift, (size_t)rows);
    return _mm256_cvtepi8_epi32(_mm_cvtsi64_si128(bytes));
}

/* Rows o0 .. o0 + rows - 1 (rows <= 8) of one batch: sums + bias + the
 * batch's correction, requantized into out[o0 ...]. Loads are masked to
 * the valid rows. */
static inline void tflm_fc_s8_finish_avx2(const tflm_fc_s8_x86 *p, __m256i sums, int32_t o0,
                                          int32_t rows, uint32_t correction, int8_t *out)
{
    const __m256i zero = _mm256_setzero_si256();
    const __m256i valid =
        _mm256_cmpgt_epi32(_mm256_set1_epi32(rows), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    const __m256i bias = _mm256_maskload_epi32(p->bias + o0, valid);
    const __m256i mult = p->per_tensor ? _mm256_set1_epi32(p->multiplier[0])
                                       : _mm256_maskload_epi32(p->multiplier + o0, valid);
    const __m256i shift = p->per_tensor ? _mm256_set1_epi32(p->shift[0]) : tflm_fc_shifts_avx2(p->shift + o0, rows);
    const __m256i left = _mm256_max_epi32(shift, zero);
    const __m256i right = _mm256_max_epi32(_mm256_sub_epi32(zero, shift), zero);
    __m256i acc = _mm256_add_epi32(_mm256_add_epi32(sums, bias),
                                   _mm256_set1_epi32((int32_t)correction));
    __m256i y = tflm_requant_avx2(acc, mult, left, right);
    y = _mm256_add_epi32(y, _mm256_set1_epi32(p->params.output_offset));
    y = _mm256_max_epi32(y, _mm256_set1_epi32(p->params.activation.min));
    y = _mm256_min_epi32(y, _mm256_set1_epi32(p->params.activation.max));
    /* In int8 range now: the saturating packs keep the values. */
    const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
    const __m128i bytes = _mm_packs_epi16(words, words);
    if (rows == 8) {
        _mm_storel_epi64((__m128i *)(out + o0), bytes);
    } else {
        const uint64_t v = (uint64_t)_mm_cvtsi128_si64(bytes);
        for (int32_t r = 0; r < rows; ++r) {
            out[o0 + r] = (int8_t)(v >> (8 * r));
        }
    }
}

#endif /* TFLM_KERNELS_X86_S8_FC_FINISH_8ROWS_AVX2_H */
