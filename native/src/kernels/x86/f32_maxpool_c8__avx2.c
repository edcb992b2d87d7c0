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

void tflm_f32_maxpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c);
    const int32_t depth = output_dims->c, in_w = input_dims->w;
    const float lowest = -3.402823466e+38f;
    const __m256 lo = _mm256_set1_ps(params->activation_f32.min);
    const __m256 hi = _mm256_set1_ps(params->activation_f32.max);
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                float *out = output + (((size_t)b * output_dims->h + oy) * output_dims->w + ox) * depth;
                int32_t c = 0;
                for (; c + 8 <= depth; c += 8) {
                    __m256 m = _mm256_set1_ps(lowest);
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const float *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = _mm256_max_ps(_mm256_loadu_ps(row + (size_t)x * depth), m);
                        }
                    }
                    _mm256_storeu_ps(out + c, _mm256_min_ps(hi, _mm256_max_ps(lo, m)));
                }
                for (; c < depth; ++c) {
                    float m = lowest;
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const float *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            const float v = row[(size_t)x * depth];
                            m = m < v ? v : m;
                        }
                    }
                    out[c] = tflm_clamp_f32(m, params->activation_f32.min,
                                            params->activation_f32.max);
                }
            }
        }
    }
}
