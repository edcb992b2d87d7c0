/*
 * s8_avgpool_c8__avx2.c - AVERAGE_POOL_2D int8 with AVX2: 8 channels per
 * vector summed in int32, then the reference's rounding division
 * (sum +- count / 2, truncated) in float: |numerator| < 2^24 for windows up
 * to 2^16 taps (the variant table checks), so the correctly rounded float
 * quotient never crosses an integer (its error is below 1 / count, the
 * least distance from a non-integer quotient to one) and truncating it gives
 * the integer quotient. The last depth % 8 channels one by one.
 */
#include <assert.h>
#include <immintrin.h>

#include "../pool_window.h"
#include "pooling_x86.h"

/* The clamp: in int32 lanes, and as int32 for the last channels. */
typedef struct clamp {
    __m256i lo, hi;
    tflm_activation activation;
} clamp;

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const clamp *k = kernel;
    const int8_t *in = p->in;
    int8_t *out = p->out;
    const int32_t depth = p->depth, in_w = p->in_w, count = p->count;
    const tflm_pool_window w = p->w;
    const __m256i half = _mm256_set1_epi32(count / 2);
    const __m256i minus_half = _mm256_set1_epi32(-(count / 2));
    const __m256 divisor = _mm256_set1_ps((float)(count > 0 ? count : 1));
    int32_t c = 0;
    for (; c + 8 <= depth; c += 8) {
        __m256i acc = _mm256_setzero_si256();
        for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const int8_t *row = in + (size_t)y * in_w * depth + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) {
                acc = _mm256_add_epi32(
                    acc, _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(row + (size_t)x * depth))));
            }
        }
        if (count > 0) {
            const __m256i positive = _mm256_cmpgt_epi32(acc, _mm256_setzero_si256());
            /* positive ? acc + half : acc - half */
            const __m256i num = _mm256_add_epi32(acc, _mm256_blendv_epi8(minus_half, half, positive));
            acc = _mm256_cvttps_epi32(_mm256_div_ps(_mm256_cvtepi32_ps(num), divisor));
        }
        acc = _mm256_min_epi32(_mm256_max_epi32(acc, k->lo), k->hi);
        const __m128i words =
            _mm_packs_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        _mm_storel_epi64((__m128i *)(out + c), _mm_packs_epi16(words, words));
    }
    for (; c < depth; ++c) {
        out[c] = tflm_pool_average_s8(tflm_pool_channel_sum_s8(p, c), count, &k->activation);
    }
}

void tflm_s8_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                              const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    assert(input_dims->n == output_dims->n && input_dims->c == output_dims->c &&
           (int64_t)params->filter_h * params->filter_w <= 65536);
    const clamp k = {_mm256_set1_epi32(params->activation.min),
                     _mm256_set1_epi32(params->activation.max), params->activation};
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, 1, pixel, &k);
}
