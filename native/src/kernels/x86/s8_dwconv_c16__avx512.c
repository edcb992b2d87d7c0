/*
 * s8_dwconv_c16__avx512.c - DEPTHWISE_CONV_2D int8 (depth multiplier 1),
 * AVX-512 BW/VL: 16 channels per vector, channel block outermost (its
 * widened weights in scratch serve every pixel), the reference's taps per
 * pixel, (x + input_offset) * w with vpmaddwd on int32 lanes whose high
 * int16 of the weight is zero, exact requantization, masked tails.
 */
#include <assert.h>

#include "requant.h"
#include "x86_kernels.h"

void tflm_s8_dwconv_c16__avx512(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                                int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier == 1 && p->input_dims.c == p->output_dims.c &&
           p->block == 16 && p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, ch = p->input_dims.c;
    const int32_t k_h = p->filter_dims.h, k_w = p->filter_dims.w;
    const int32_t out_h = p->output_dims.h, out_w = p->output_dims.w;
    const int32_t taps = k_h * k_w;
    const __m512i offset = _mm512_set1_epi32(c->input_offset);
    const __m512i out_offset = _mm512_set1_epi32(c->output_offset);
    const __m512i act_min = _mm512_set1_epi32(c->activation.min);
    const __m512i act_max = _mm512_set1_epi32(c->activation.max);
    /* Output columns [ox_lo, ox_hi) see the whole filter row inside the input. */
    const int32_t ox_lo = (c->pad_w + c->stride_w - 1) / c->stride_w;
    const int32_t x_span = in_w - 1 + c->pad_w - (k_w - 1) * c->dilation_w;
    const int32_t ox_hi = x_span < 0 ? 0 : x_span / c->stride_w + 1;
    int32_t *weights = scratch;
    for (int32_t o = 0; o < ch; o += 16) {
        const int32_t left = ch - o;
        const __mmask16 m = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        const __m512i bias = _mm512_loadu_si512(p->bias + o);
        const __m512i mult = _mm512_loadu_si512(p->multiplier + o);
        const __m512i lshift = _mm512_loadu_si512(p->left_shift + o);
        const __m512i rshift = _mm512_loadu_si512(p->right_shift + o);
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
                    __m512i acc = bias;
                    if (ky0 == 0 && ky1 == k_h && kx0 == 0 && kx1 == k_w) {
                        /* Window inside the input: taps at precomputed offsets. */
                        const int8_t *window = in_batch + ((size_t)y0 * in_w + x0) * ch;
                        for (int32_t t = 0; t < taps; ++t) {
                            __m512i v = _mm512_cvtepi8_epi32(
                                _mm_maskz_loadu_epi8(m, window + p->tap_offset[t]));
                            v = _mm512_add_epi32(v, offset);
                            const __m512i w = _mm512_loadu_si512(weights + t * 16);
                            acc = _mm512_add_epi32(acc, _mm512_madd_epi16(v, w));
                        }
                    } else {
                        for (int32_t ky = ky0; ky < ky1; ++ky) {
                            const int32_t y = y0 + ky * c->dilation_h;
                            const int8_t *row = in_batch + (size_t)y * in_w * ch;
                            const int32_t *w_row = weights + (size_t)ky * k_w * 16;
                            for (int32_t kx = kx0; kx < kx1; ++kx) {
                                const int32_t x = x0 + kx * c->dilation_w;
                                __m512i v = _mm512_cvtepi8_epi32(
                                    _mm_maskz_loadu_epi8(m, row + (size_t)x * ch));
                                v = _mm512_add_epi32(v, offset);
                                const __m512i w = _mm512_loadu_si512(w_row + kx * 16);
                                acc = _mm512_add_epi32(acc, _mm512_madd_epi16(v, w));
                            }
                        }
                    }
                    __m512i y = tflm_requant_avx512(acc, mult, lshift, rshift);
                    y = _mm512_add_epi32(y, out_offset);
                    y = _mm512_min_epi32(_mm512_max_epi32(y, act_min), act_max);
                    _mm_mask_storeu_epi8(out_row + (size_t)ox * ch, m, _mm512_cvtepi32_epi8(y));
                }
            }
        }
    }
}
