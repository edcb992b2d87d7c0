/*
 * f32_avgpool_c8__avx2.c - AVERAGE_POOL_2D float32 with AVX2: 8 channels
 * per vector, each lane adding its window in the reference's order (rows,
 * then columns, from 0.0f), then one division by the count and the clamp:
 * the same float operations as the reference, so the same bits (built with
 * -ffp-contract=off). The last depth % 8 channels one by one.
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

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const clamp *k = kernel;
    const float *in = p->in;
    float *out = p->out;
    const int32_t depth = p->depth, in_w = p->in_w;
    const tflm_pool_window w = p->w;
    const float count = (float)p->count;
    int32_t c = 0;
    for (; c + 8 <= depth; c += 8) {
        __m256 total = _mm256_setzero_ps();
        for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const float *row = in + (size_t)y * in_w * depth + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) {
                total = _mm256_add_ps(total, _mm256_loadu_ps(row + (size_t)x * depth));
            }
        }
        const __m256 average =
            count > 0.0f ? _mm256_div_ps(total, _mm256_set1_ps(count)) : _mm256_setzero_ps();
        _mm256_storeu_ps(out + c, _mm256_min_ps(k->hi, _mm256_max_ps(k->lo, average)));
    }
    for (; c < depth; ++c) {
        const float average = count > 0.0f ? tflm_pool_channel_sum_f32(p, c) / count : 0.0f;
        out[c] = tflm_clamp_f32(average, k->activation.min, k->activation.max);
    }
}

void tflm_f32_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c);
    const clamp k = {_mm256_set1_ps(params->activation_f32.min),
                     _mm256_set1_ps(params->activation_f32.max), params->activation_f32};
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, sizeof(float), pixel, &k);
}
