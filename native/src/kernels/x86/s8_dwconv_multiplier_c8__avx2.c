/*
 * s8_dwconv_multiplier_c8__avx2.c - DEPTHWISE_CONV_2D int8 with depth
 * multiplier > 1, AVX2: 8 output channels per vector, channel block
 * outermost (its widened weights in scratch serve every pixel). Output
 * channel o reads input channel o / m. A block whose lanes all read one
 * input channel (m a multiple of 8, or micro_speech's single input channel)
 * broadcasts it: one scalar load per tap. Otherwise, per tap, the (at most
 * 8) input channels the block needs are loaded once, widened to int32 and
 * spread over the output lanes with vpermd (plan->gather). Then vpmaddwd
 * as in the multiplier-1 kernel; same taps as the reference, int32
 * wrapping sums, exact requantization; tails through padded copies.
 */
#include <assert.h>
#include <string.h>

#include "requant.h"
#include "x86_kernels.h"

/* The first `need` bytes of src, as int32 lanes; reads only those when
 * fewer than 8 are left in the input (at its end). */
static inline __m256i load_channels(const int8_t *src, int32_t need, int32_t avail)
{
    if (avail >= 8) {
        return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)src));
    }
    uint64_t bytes = 0;
    for (int32_t i = 0; i < need; ++i) {
        bytes |= (uint64_t)(uint8_t)src[i] << (8 * i);
    }
    return _mm256_cvtepi8_epi32(_mm_cvtsi64_si128((long long)bytes));
}

void tflm_s8_dwconv_multiplier_c8__avx2(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                                        int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier > 1 && p->block == 8 && p->gather != NULL &&
           (int64_t)p->input_dims.c * p->params.depth_multiplier == p->output_dims.c &&
           p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, in_c = p->input_dims.c;
    const int32_t k_h = p->filter_dims.h, k_w = p->filter_dims.w;
    const int32_t out_h = p->output_dims.h, out_w = p->output_dims.w, out_c = p->output_dims.c;
    const __m256i offset = _mm256_set1_epi32(c->input_offset);
    const __m256i out_offset = _mm256_set1_epi32(c->output_offset);
    const __m256i act_min = _mm256_set1_epi32(c->activation.min);
    const __m256i act_max = _mm256_set1_epi32(c->activation.max);
    /* Output columns [ox_lo, ox_hi) see the whole filter row inside the input. */
    const int32_t ox_lo = (c->pad_w + c->stride_w - 1) / c->stride_w;
    const int32_t x_span = in_w - 1 + c->pad_w - (k_w - 1) * c->dilation_w;
    const int32_t ox_hi = x_span < 0 ? 0 : x_span / c->stride_w + 1;
    int32_t *weights = scratch;
    for (int32_t o = 0, blk = 0; o < out_c; o += 8, ++blk) {
        const int32_t left = out_c - o;
        const int32_t base = p->gather_base[blk];
        const int32_t avail = in_c - base;
        /* input channels the block's real lanes read: base .. base + need - 1 */
        const int32_t need = p->gather[o + (left < 8 ? left : 8) - 1] + 1;
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        const __m256i idx = _mm256_loadu_si256((const __m256i *)(p->gather + o));
        const __m256i bias = _mm256_loadu_si256((const __m256i *)(p->bias + o));
        const __m256i mult = _mm256_loadu_si256((const __m256i *)(p->multiplier + o));
        const __m256i lshift = _mm256_loadu_si256((const __m256i *)(p->left_shift + o));
        const __m256i rshift = _mm256_loadu_si256((const __m256i *)(p->right_shift + o));
        for (int32_t b = 0; b < p->output_dims.n; ++b) {
            const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c + base;
            for (int32_t oy = 0; oy < out_h; ++oy) {
                const int32_t y0 = oy * c->stride_h - c->pad_h;
                int32_t ky0, ky1;
                tflm_filter_taps(y0, c->dilation_h, k_h, in_h, &ky0, &ky1);
                int8_t *out_row = output + ((size_t)b * out_h + oy) * out_w * out_c + o;
                for (int32_t ox = 0; ox < out_w; ++ox) {
                    const int32_t x0 = ox * c->stride_w - c->pad_w;
                    int32_t kx0 = 0, kx1 = k_w; /* interior: every tap, no division */
                    if (ox < ox_lo || ox >= ox_hi) {
                        tflm_filter_taps(x0, c->dilation_w, k_w, in_w, &kx0, &kx1);
                    }
                    __m256i acc = bias;
                    for (int32_t ky = ky0; ky < ky1; ++ky) {
                        const int32_t y = y0 + ky * c->dilation_h;
                        const int8_t *row = in_batch + (size_t)y * in_w * in_c;
                        const int32_t *w_row = weights + (size_t)ky * k_w * 8;
                        for (int32_t kx = kx0; kx < kx1; ++kx) {
                            const int8_t *src = row + (size_t)(x0 + kx * c->dilation_w) * in_c;
                            __m256i v;
                            if (need == 1) {
                                v = _mm256_set1_epi32(src[0] + c->input_offset);
                            } else {
                                v = _mm256_permutevar8x32_epi32(load_channels(src, need, avail), idx);
                                v = _mm256_add_epi32(v, offset);
                            }
                            const __m256i w = _mm256_loadu_si256((const __m256i *)(w_row + kx * 8));
                            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(v, w));
                        }
                    }
                    __m256i y = tflm_requant_avx2(acc, mult, lshift, rshift);
                    y = _mm256_add_epi32(y, out_offset);
                    y = _mm256_min_epi32(_mm256_max_epi32(y, act_min), act_max);
                    const __m128i w16 = _mm_packs_epi32(_mm256_castsi256_si128(y),
                                                        _mm256_extracti128_si256(y, 1));
                    const __m128i bytes = _mm_packs_epi16(w16, w16);
                    int8_t *out_px = out_row + (size_t)ox * out_c;
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
