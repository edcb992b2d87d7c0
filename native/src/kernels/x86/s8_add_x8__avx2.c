/*
 * s8_add_x8__avx2.c - ADD int8, AVX2, 8 elements per step: each offset
 * input shifted left (wrapping, as the reference) and requantized, the sum
 * requantized, output offset, clamp; exactly tflm_add_s8's arithmetic
 * (the last < 8 elements of a run: its own tflm_add_quantized).
 */
#include <assert.h>

#include "binary_x8__avx2.h"
#include "requant.h"
#include "binary_x86.h"

void tflm_s8_add_x8__avx2(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output)
{
    assert(broadcast->stride1[5] <= 1 && broadcast->stride2[5] <= 1 &&
           broadcast->stride1[5] >= 0 && broadcast->stride2[5] >= 0 && q->left_shift >= 0 &&
           q->left_shift < 32);
    const __m256i off1 = _mm256_set1_epi32(q->input1_offset);
    const __m256i off2 = _mm256_set1_epi32(q->input2_offset);
    const __m128i left = _mm_cvtsi32_si128(q->left_shift);
    const tflm_lane_quant_avx2 q1 = tflm_lane_quant_avx2_of(q->input1_multiplier, q->input1_shift);
    const tflm_lane_quant_avx2 q2 = tflm_lane_quant_avx2_of(q->input2_multiplier, q->input2_shift);
    const tflm_lane_quant_avx2 qo = tflm_lane_quant_avx2_of(q->output_multiplier, q->output_shift);
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
                                          q1.multiplier, q1.left, q1.right),                  \
                        tflm_requant_avx2(_mm256_sll_epi32(_mm256_add_epi32(x2, off2), left), \
                                          q2.multiplier, q2.left, q2.right)),                 \
                    qo.multiplier, qo.left, qo.right)),                                       \
            lo),                                                                              \
        hi)
#define SCALAR(x1, x2) tflm_add_quantized(q, (x1), (x2))
    TFLM_BINARY_S8_AVX2(broadcast, input1, input2, output, VECTOR, SCALAR);
#undef VECTOR
#undef SCALAR
}
