/*
 * s8_dot_8rows__avx2.h - 8 rows of an int8 matrix dotted with one int16
 * vector, the inner tile of FULLY_CONNECTED int8 (s8_fc_8x16__avx2.c) and
 * of SVDF's feature matmul (s8_s16_svdf_8x16__avx2.c): 16 weights per step
 * sign-extended to int16 and multiplied with vpmaddwd (the callers keep
 * |x * w| <= 255 x 128, so the pair sums fit int32), the depth % 16 last
 * weights of each row in scalar code (no byte past a row is read), then 8
 * horizontal sums. All sums wrap modulo 2^32. Include only from a file
 * compiled for AVX2.
 */
#ifndef TFLM_KERNELS_X86_S8_DOT_8ROWS_AVX2_H
#define TFLM_KERNELS_X86_S8_DOT_8ROWS_AVX2_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

/* Lane r of the result: the sum of the 8 int32 lanes of a[r] (wrapping). */
static inline __m256i tflm_hsum8_avx2(const __m256i a[8])
{
    /* hadd works within 128-bit halves: after two rounds lane r (r < 4) of
       q0 holds row r's low-half sum and lane r + 4 its high-half sum. */
    const __m256i q0 = _mm256_hadd_epi32(_mm256_hadd_epi32(a[0], a[1]),
                                         _mm256_hadd_epi32(a[2], a[3]));
    const __m256i q1 = _mm256_hadd_epi32(_mm256_hadd_epi32(a[4], a[5]),
                                         _mm256_hadd_epi32(a[6], a[7]));
    return _mm256_add_epi32(_mm256_permute2x128_si256(q0, q1, 0x20),
                            _mm256_permute2x128_si256(q0, q1, 0x31));
}

/* xs[d] = x[d] + offset for d < n (|offset| <= 128: int16 holds it). */
static inline void tflm_s8_widen_offset_avx2(const int8_t *x, int32_t n, int32_t offset,
                                             int16_t *xs)
{
    const __m256i offset16 = _mm256_set1_epi16((int16_t)offset);
    int32_t d = 0;
    for (; d + 16 <= n; d += 16) {
        const __m256i v = _mm256_add_epi16(
            _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(x + d))), offset16);
        _mm256_storeu_si256((__m256i *)(xs + d), v);
    }
    for (; d < n; ++d) {
        xs[d] = (int16_t)(x[d] + offset);
    }
}

/* Lane r: row r of matrix ([rows][depth], rows <= 8) dotted with x
 * (depth int16); the lanes from rows on repeat the last row. */
static inline __m256i tflm_s8_dot_rows8_avx2(const int8_t *matrix, int32_t rows, int32_t depth,
                                             const int16_t *x)
{
    const int32_t full = depth / 16;
    const int8_t *w[8];
    __m256i acc[8];
    int32_t tail[8];
    for (int r = 0; r < 8; ++r) {
        w[r] = matrix + (size_t)(r < rows ? r : rows - 1) * (size_t)depth;
        acc[r] = _mm256_setzero_si256();
    }
    for (int32_t c = 0; c < full; ++c) {
        const __m256i xv = _mm256_loadu_si256((const __m256i *)(x + 16 * c));
#pragma GCC unroll 8
        for (int r = 0; r < 8; ++r) {
            const __m256i wv =
                _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w[r] + 16 * c)));
            acc[r] = _mm256_add_epi32(acc[r], _mm256_madd_epi16(xv, wv));
        }
    }
    __m256i sums = tflm_hsum8_avx2(acc);
    if (depth % 16 != 0) {
        for (int r = 0; r < 8; ++r) {
            uint32_t t = 0;
            for (int32_t d = 16 * full; d < depth; ++d) {
                t += (uint32_t)(x[d] * w[r][d]);
            }
            tail[r] = (int32_t)t;
        }
        sums = _mm256_add_epi32(sums, _mm256_loadu_si256((const __m256i *)tail));
    }
    return sums;
}

#endif /* TFLM_KERNELS_X86_S8_DOT_8ROWS_AVX2_H */
