/*
 * f32_conv_4x16__avx2.c - CONV_2D float32 with AVX2: tiles of 4 output
 * pixels x 16 output channels (two 8-lane blocks: 8 independent add
 * chains), over the filter packed by conv_x86.c. The body is
 * f32_conv_tile.h; bit for bit tflm_conv_f32.
 */
#include <immintrin.h>

#define VEC __m256
#define LANES 8
#define TILE_PIXELS 4
#define VZERO() _mm256_setzero_ps()
#define VLOAD(p) _mm256_loadu_ps(p)
#define VSET1(x) _mm256_set1_ps(x)
#define VADD(a, b) _mm256_add_ps(a, b)
#define VMUL(a, b) _mm256_mul_ps(a, b)
#define VMAX(a, b) _mm256_max_ps(a, b)
#define VMIN(a, b) _mm256_min_ps(a, b)
#define VSTORE_FIRST(p, v, n)                                                                   \
    _mm256_maskstore_ps(p,                                                                      \
                        _mm256_cmpgt_epi32(_mm256_set1_epi32(n),                                \
                                           _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)),          \
                        v)

#include "f32_conv_tile.h"

void tflm_f32_conv_4x16__avx2(const tflm_conv_f32_x86 *plan, const float *input, float *output)
{
    f32_conv_body(plan, input, output);
}
