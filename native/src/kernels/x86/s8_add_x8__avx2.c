/*
 * s8_add_x8__avx2.c - ADD int8, AVX2, 8 elements per step: each offset
 * input shifted left (wrapping, as the reference) and requantized, the sum
 * requantized, output offset, clamp; exactly tflm_add_s8's arithmetic
 * (the last < 8 elements of a run: its own tflm_add_quantized).
 */
#include <assert.h>

#include "../add.h"
#include "binary_avx2.h"
#include "requant.h"
#include "x86_kernels.h"

static inline __m256i lshift_of(int32_t shift)
{
    return _mm256_set1_epi32(shift > 0 ? shift : 0);
}

static inline __m256i rshift_of(int32_t shift)
{
    return _mm256_set1_epi32(shift > 0 ? 0 : -shift);
}

void tflm_s8_add_x8__avx2(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output)
{
    assert(broadcast->stride1[5] <= 1 && broadcast->stride2[5] <= 1 &&
           broadcast->stride1[5] >= 0 && broadcast->stride2[5] >= 0 && q->left_shift >= 0 &&
           q->left_shift < 32);
    const __m256i off1 = _mm256_set1_epi32(q->input1_offset);
    const __m256i off2 = _mm256_set1_epi32(q->input2_offset);
    const __m128i left = _mm_cvtsi32_si128(q->left_shift);
    const __m256i m1 = _mm256_set1_epi32(q->input1_multiplier);
    const __m256i m2 = _mm256_set1_epi32(q->input2_multiplier);
    const __m256i mo = _mm256_set1_epi32(q->output_multiplier);
    const __m256i l1 = lshift_of(q->input1_shift), r1 = rshift_of(q->input1_shift);
    const __m256i l2 = lshift_of(q->input2_shift), r2 = rshift_of(q->input2_shift);
    const __m256i lo_ = lshift_of(q->output_shift), ro = rshift_of(q->output_shift);
    const __m256i out_off = _mm256_set1_epi32(q->output_offset);
    const __m256i lo = _mm256_set1_epi32(q->activation.min);
    const __m256i hi = _mm256_set1_epi32(q->activation.max);
#define VECTOR(x1, x2)                                                                        \
    _mm256_min_epi32(                                                                         \
        _mm256_max_epi32(                                                                     \
            _mm256_add_epi32(                                                                 \
                out_off,                                                                      \
                tflm_requant_avx2(                                                            \
                    _mm256_add_epi32(                                                         \
                        tflm_requant_avx2(_mm256_sll_epi32(_mm256_add_epi32(x1, off1), left), \
                                          m1, l1, r1),                                        \
                        tflm_requant_avx2(_mm256_sll_epi32(_mm256_add_epi32(x2, off2), left), \
                                          m2, l2, r2)),                                       \
                    mo, lo_, ro)),                                                            \
            lo),                                                                              \
        hi)
#define SCALAR(x1, x2) tflm_add_quantized(q, (x1), (x2))
    TFLM_BINARY_S8_AVX2(broadcast, input1, input2, output, VECTOR, SCALAR);
#undef VECTOR
#undef SCALAR
}
