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

void tflm_f32_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c);
    const int32_t depth = output_dims->c, in_w = input_dims->w;
    const __m256 lo = _mm256_set1_ps(params->activation_f32.min);
    const __m256 hi = _mm256_set1_ps(params->activation_f32.max);
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                const float count = (float)((w.y_end - w.y_start) * (w.x_end - w.x_start));
                float *out = output + (((size_t)b * output_dims->h + oy) * output_dims->w + ox) * depth;
                int32_t c = 0;
                for (; c + 8 <= depth; c += 8) {
                    __m256 total = _mm256_setzero_ps();
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const float *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            total = _mm256_add_ps(total, _mm256_loadu_ps(row + (size_t)x * depth));
                        }
                    }
                    const __m256 average = count > 0.0f
                                               ? _mm256_div_ps(total, _mm256_set1_ps(count))
                                               : _mm256_setzero_ps();
                    _mm256_storeu_ps(out + c, _mm256_min_ps(hi, _mm256_max_ps(lo, average)));
                }
                for (; c < depth; ++c) {
                    float total = 0.0f;
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const float *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            total += row[(size_t)x * depth];
                        }
                    }
                    const float average = count > 0.0f ? total / count : 0.0f;
                    out[c] = tflm_clamp_f32(average, params->activation_f32.min,
                                            params->activation_f32.max);
                }
            }
        }
    }
}
