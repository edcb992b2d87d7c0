/*
 * f32_conv_8x32__avx512.c - CONV_2D float32 with AVX-512: tiles of 8
 * output pixels x 32 output channels (two 16-lane blocks: 16 independent
 * add chains in the 32 registers), over the filter packed by
 * conv_x86.c. The body is f32_conv_tile.h; bit for bit tflm_conv_f32.
 */
#include <immintrin.h>

#define VEC __m512
#define LANES 16
#define TILE_PIXELS 8
#define VZERO() _mm512_setzero_ps()
#define VLOAD(p) _mm512_loadu_ps(p)
#define VSET1(x) _mm512_set1_ps(x)
#define VADD(a, b) _mm512_add_ps(a, b)
#define VMUL(a, b) _mm512_mul_ps(a, b)
#define VMAX(a, b) _mm512_max_ps(a, b)
#define VMIN(a, b) _mm512_min_ps(a, b)
#define VSTORE_FIRST(p, v, n) _mm512_mask_storeu_ps(p, (__mmask16)((1u << (n)) - 1u), v)

#include "f32_conv_tile.h"

void tflm_f32_conv_8x32__avx512(const tflm_conv_f32_x86 *plan, const float *input, float *output)
{
    f32_conv_body(plan, input, output);
}
