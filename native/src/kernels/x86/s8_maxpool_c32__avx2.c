/*
 * s8_maxpool_c32__avx2.c - MAX_POOL_2D int8 with AVX2: 32 channels per
 * vector (vpmaxsb over the window), then 16, then the last channels one
 * by one; the activation clamp as the reference's.
 */
#include <assert.h>
#include <immintrin.h>

#include "../pool_window.h"
#include "pooling_x86.h"

void tflm_s8_maxpool_c32__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c &&
           params->activation.min >= -128 && params->activation.max <= 127);
    const int32_t depth = output_dims->c, in_w = input_dims->w;
    const __m256i lo = _mm256_set1_epi8((char)params->activation.min);
    const __m256i hi = _mm256_set1_epi8((char)params->activation.max);
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                int8_t *out = output + (((size_t)b * output_dims->h + oy) * output_dims->w + ox) * depth;
                int32_t c = 0;
                for (; c + 32 <= depth; c += 32) {
                    __m256i m = _mm256_set1_epi8(-128);
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = _mm256_max_epi8(
                                m, _mm256_loadu_si256((const __m256i *)(row + (size_t)x * depth)));
                        }
                    }
                    m = _mm256_min_epi8(_mm256_max_epi8(m, lo), hi);
                    _mm256_storeu_si256((__m256i *)(out + c), m);
                }
                for (; c + 16 <= depth; c += 16) {
                    __m128i m = _mm_set1_epi8(-128);
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = _mm_max_epi8(
                                m, _mm_loadu_si128((const __m128i *)(row + (size_t)x * depth)));
                        }
                    }
                    m = _mm_min_epi8(_mm_max_epi8(m, _mm256_castsi256_si128(lo)),
                                     _mm256_castsi256_si128(hi));
                    _mm_storeu_si128((__m128i *)(out + c), m);
                }
                for (; c < depth; ++c) {
                    int32_t m = -128;
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = row[(size_t)x * depth] > m ? row[(size_t)x * depth] : m;
                        }
                    }
                    out[c] = (int8_t)tflm_clamp_s32(m, params->activation.min,
                                                    params->activation.max);
                }
            }
        }
    }
}
