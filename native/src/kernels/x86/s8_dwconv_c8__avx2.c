/*
 * s8_dwconv_c8__avx2.c - DEPTHWISE_CONV_2D int8 (depth multiplier 1), AVX2:
 * 8 channels per vector, channel block outermost (its widened weights in
 * scratch serve every pixel), the reference's taps per pixel,
 * (x + input_offset) * w with vpmaddwd on int32 lanes whose high int16 of
 * the weight is zero, exact requantization. The last channels (< 8) go
 * through a padded copy.
 */
#include <assert.h>
#include <string.h>

#include "requant.h"
#include "x86_kernels.h"

static inline __m256i load8(const int8_t *src, int32_t count)
{
    if (count >= 8) {
        return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)src));
    }
    int8_t tmp[8] = {0};
    __builtin_memcpy(tmp, src, (size_t)count); /* inlined under -ffreestanding */
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)tmp));
}

void tflm_s8_dwconv_c8__avx2(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                             int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier == 1 && p->input_dims.c == p->output_dims.c &&
           p->block == 8 && p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, ch = p->input_dims.c;
    const int32_t k_h = p->filter_dims.h, k_w = p->filter_dims.w;
    const int32_t out_h = p->output_dims.h, out_w = p->output_dims.w;
    const int32_t taps = k_h * k_w;
    const __m256i offset = _mm256_set1_epi32(c->input_offset);
    const __m256i out_offset = _mm256_set1_epi32(c->output_offset);
    const __m256i act_min = _mm256_set1_epi32(c->activation.min);
    const __m256i act_max = _mm256_set1_epi32(c->activation.max);
    /* Output columns [ox_lo, ox_hi) see the whole filter row inside the input. */
    const int32_t ox_lo = (c->pad_w + c->stride_w - 1) / c->stride_w;
    const int32_t x_span = in_w - 1 + c->pad_w - (k_w - 1) * c->dilation_w;
    const int32_t ox_hi = x_span < 0 ? 0 : x_span / c->stride_w + 1;
    int32_t *weights = scratch;
    for (int32_t o = 0; o < ch; o += 8) {
        const int32_t left = ch - o;
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        const __m256i bias = _mm256_loadu_si256((const __m256i *)(p->bias + o));
        const __m256i mult = _mm256_loadu_si256((const __m256i *)(p->multiplier + o));
        const __m256i lshift = _mm256_loadu_si256((const __m256i *)(p->left_shift + o));
        const __m256i rshift = _mm256_loadu_si256((const __m256i *)(p->right_shift + o));
        for (int32_t b = 0; b < p->output_dims.n; ++b) {
            const int8_t *in_batch = input + (size_t)b * in_h * in_w * ch + o;
            for (int32_t oy = 0; oy < out_h; ++oy) {
                const int32_t y0 = oy * c->stride_h - c->pad_h;
                int32_t ky0, ky1;
                tflm_filter_taps(y0, c->dilation_h, k_h, in_h, &ky0, &ky1);
                int8_t *out_row = output + ((size_t)b * out_h + oy) * out_w * ch + o;
                for (int32_t ox = 0; ox < out_w; ++ox) {
                    const int32_t x0 = ox * c->stride_w - c->pad_w;
                    int32_t kx0 = 0, kx1 = k_w; /* interior: every tap, no division */
                    if (ox < ox_lo || ox >= ox_hi) {
                        tflm_filter_taps(x0, c->dilation_w, k_w, in_w, &kx0, &kx1);
                    }
                    __m256i acc = bias;
                    if (ky0 == 0 && ky1 == k_h && kx0 == 0 && kx1 == k_w) {
                        /* Window inside the input: taps at precomputed offsets. */
                        const int8_t *window = in_batch + ((size_t)y0 * in_w + x0) * ch;
                        for (int32_t t = 0; t < taps; ++t) {
                            __m256i v = load8(window + p->tap_offset[t], left);
                            v = _mm256_add_epi32(v, offset);
                            const __m256i w = _mm256_loadu_si256((const __m256i *)(weights + t * 8));
                            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(v, w));
                        }
                    } else {
                        for (int32_t ky = ky0; ky < ky1; ++ky) {
                            const int32_t y = y0 + ky * c->dilation_h;
                            const int8_t *row = in_batch + (size_t)y * in_w * ch;
                            const int32_t *w_row = weights + (size_t)ky * k_w * 8;
                            for (int32_t kx = kx0; kx < kx1; ++kx) {
                                const int32_t x = x0 + kx * c->dilation_w;
                                __m256i v = load8(row + (size_t)x * ch, left);
                                v = _mm256_add_epi32(v, offset);
                                const __m256i w =
                                    _mm256_loadu_si256((const __m256i *)(w_row + kx * 8));
                                acc = _mm256_add_epi32(acc, _mm256_madd_epi16(v, w));
                            }
                        }
                    }
                    __m256i y = tflm_requant_avx2(acc, mult, lshift, rshift);
                    y = _mm256_add_epi32(y, out_offset);
                    y = _mm256_min_epi32(_mm256_max_epi32(y, act_min), act_max);
                    const __m128i w16 = _mm_packs_epi32(_mm256_castsi256_si128(y),
                                                        _mm256_extracti128_si256(y, 1));
                    const __m128i bytes = _mm_packs_epi16(w16, w16);
                    int8_t *out_px = out_row + (size_t)ox * ch;
                    if (left >= 8) {
                        _mm_storel_epi64((__m128i *)out_px, bytes);
                    } else {
                        int8_t tmp[16];
                        _mm_storeu_si128((__m128i *)tmp, bytes);
                        memcpy(out_px, tmp, (size_t)left);
                    }
                }
            }
        }
    }
}
