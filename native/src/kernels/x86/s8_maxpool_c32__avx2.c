/*
 * s8_maxpool_c32__avx2.c - MAX_POOL_2D int8 with AVX2: 32 channels per
 * vector (vpmaxsb over the window), then 16, then the last channels one
 * by one; the activation clamp as the reference's.
 */
#include <assert.h>
#include <immintrin.h>

#include "../pool_window.h"
#include "pooling_x86.h"

/* The clamp: in every byte, and as int32 for the last channels. */
typedef struct clamp {
    __m256i lo, hi;
    tflm_activation activation;
} clamp;

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const clamp *k = kernel;
    const int8_t *in = p->in;
    int8_t *out = p->out;
    const int32_t depth = p->depth, in_w = p->in_w;
    const tflm_pool_window w = p->w;
    int32_t c = 0;
    for (; c + 32 <= depth; c += 32) {
        __m256i m = _mm256_set1_epi8(-128);
        for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const int8_t *row = in + (size_t)y * in_w * depth + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) {
                m = _mm256_max_epi8(m, _mm256_loadu_si256((const __m256i *)(row + (size_t)x * depth)));
            }
        }
        _mm256_storeu_si256((__m256i *)(out + c), _mm256_min_epi8(_mm256_max_epi8(m, k->lo), k->hi));
    }
    for (; c + 16 <= depth; c += 16) {
        __m128i m = _mm_set1_epi8(-128);
        for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const int8_t *row = in + (size_t)y * in_w * depth + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) {
                m = _mm_max_epi8(m, _mm_loadu_si128((const __m128i *)(row + (size_t)x * depth)));
            }
        }
        m = _mm_min_epi8(_mm_max_epi8(m, _mm256_castsi256_si128(k->lo)), _mm256_castsi256_si128(k->hi));
        _mm_storeu_si128((__m128i *)(out + c), m);
    }
    for (; c < depth; ++c) {
        out[c] = (int8_t)tflm_clamp_s32(tflm_pool_channel_max_s8(p, c), k->activation.min,
                                        k->activation.max);
    }
}

void tflm_s8_maxpool_c32__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c &&
           params->activation.min >= -128 && params->activation.max <= 127);
    const clamp k = {_mm256_set1_epi8((char)params->activation.min),
                     _mm256_set1_epi8((char)params->activation.max), params->activation};
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, 1, pixel, &k);
}
