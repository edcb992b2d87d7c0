/*
 * f32_add_x8__avx2.c - ADD float32 with AVX2 (broadcasting): one
 * add_ps per element and the reference's clamp, eight at a time;
 * bit-identical to tflm_add_f32.
 */
#include <assert.h>

#include "binary_x8__avx2.h"
#include "binary_x86.h"

void tflm_f32_add_x8__avx2(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                          const float *input1, const float *input2, float *output)
{
    assert(broadcast != NULL && input1 != NULL && input2 != NULL && output != NULL);
    const float lo = activation->min, hi = activation->max;
    const __m256 lo8 = _mm256_set1_ps(lo), hi8 = _mm256_set1_ps(hi);
#define VECTOR(x1, x2) tflm_clamp8_f32_avx2(_mm256_add_ps(x1, x2), lo8, hi8)
#define SCALAR(x1, x2) tflm_clamp_f32((x1) + (x2), lo, hi)
    TFLM_BINARY_F32_AVX2(broadcast, input1, input2, output, VECTOR, SCALAR);
#undef VECTOR
#undef SCALAR
}
