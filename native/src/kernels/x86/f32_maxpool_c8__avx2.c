/*
 * f32_maxpool_c8__avx2.c - MAX_POOL_2D float32 with AVX2: 8 channels per
 * vector. vmaxps(v, m) is (v > m) ? v : m, the reference's
 * max < v ? v : max, NaN and signed zeros included; the clamp likewise
 * (vmaxps(lo, y), vminps(hi, y)). The last depth % 8 channels one by one.
 */
#include <assert.h>
#include <immintrin.h>

#include "../pool_window.h"
#include "pooling_x86.h"

/* The clamp: in lanes, and as floats for the last channels. */
typedef struct clamp {
    __m256 lo, hi;
    tflm_activation_f32 activation;
} clamp;

static const float lowest = -3.402823466e+38f;

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const clamp *k = kernel;
    const float *in = p->in;
    float *out = p->out;
    const int32_t depth = p->depth, in_w = p->in_w;
    const tflm_pool_window w = p->w;
    int32_t c = 0;
    for (; c + 8 <= depth; c += 8) {
        __m256 m = _mm256_set1_ps(lowest);
        for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const float *row = in + (size_t)y * in_w * depth + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) {
                m = _mm256_max_ps(_mm256_loadu_ps(row + (size_t)x * depth), m);
            }
        }
        _mm256_storeu_ps(out + c, _mm256_min_ps(k->hi, _mm256_max_ps(k->lo, m)));
    }
    for (; c < depth; ++c) {
        out[c] = tflm_clamp_f32(tflm_pool_channel_max_f32(p, c), k->activation.min, k->activation.max);
    }
}

void tflm_f32_maxpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c);
    const clamp k = {_mm256_set1_ps(params->activation_f32.min),
                     _mm256_set1_ps(params->activation_f32.max), params->activation_f32};
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, sizeof(float), pixel, &k);
}
