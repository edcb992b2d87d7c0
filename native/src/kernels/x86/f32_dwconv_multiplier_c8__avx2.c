/*
 * f32_dwconv_multiplier_c8__avx2.c - DEPTHWISE_CONV_2D float32 with a
 * depth multiplier m > 1, with AVX2 on the model's [1][kh][kw][out_c]
 * weights: 8 output channels per vector, output channel o reading input
 * channel o / m. The (at most 8) input channels a block reads are loaded
 * at once (masked: never past them) and spread to the lanes with vpermps.
 * Each lane adds its taps in the reference's order (rows, then columns,
 * the taps inside the input only, from 0.0f, one mul then one add:
 * -ffp-contract=off), then the bias and the clamp: bit for bit
 * tflm_depthwise_conv_f32. The last out_c % 8 channels are masked lanes.
 */
#include <assert.h>
#include <immintrin.h>

#include "depthwise_conv_x86.h"

/* Lanes i < n set. */
static __m256i first_lanes(int32_t n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

void tflm_f32_dwconv_multiplier_c8__avx2(const tflm_conv_params *params,
                                         const tflm_dims *input_dims, const float *input,
                                         const tflm_dims *filter_dims, const float *filter,
                                         const tflm_dims *bias_dims, const float *bias,
                                         const tflm_dims *output_dims, float *output)
{
    (void)bias_dims;
    const int32_t m = params->depth_multiplier;
    assert(m >= 1 && output_dims->c == input_dims->c * m && filter_dims->c == output_dims->c);
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const __m256 lo = _mm256_set1_ps(params->activation_f32.min);
    const __m256 hi = _mm256_set1_ps(params->activation_f32.max);
    /* Channel blocks outermost: their gather pattern is computed once. */
    for (int32_t o0 = 0; o0 < out_c; o0 += 8) {
        const int32_t n = out_c - o0 < 8 ? out_c - o0 : 8;
        const int32_t base = o0 / m;
        int32_t lane_channel[8];
        for (int32_t j = 0; j < 8; ++j) { /* tail lanes repeat the last channel */
            lane_channel[j] = (o0 + (j < n ? j : n - 1)) / m - base;
        }
        const __m256i gather = _mm256_loadu_si256((const __m256i *)lane_channel);
        const __m256i in_mask = first_lanes(lane_channel[7] + 1);
        const __m256i out_mask = first_lanes(n);
        const __m256 bias8 =
            bias != NULL ? _mm256_maskload_ps(bias + o0, out_mask) : _mm256_setzero_ps();
        for (int32_t b = 0; b < output_dims->n; ++b) {
            const float *in_batch = input + (size_t)b * in_h * in_w * in_c + base;
            for (int32_t oy = 0; oy < out_h; ++oy) {
                const int32_t in_y0 = oy * params->stride_h - params->pad_h;
                int32_t ky_start, ky_end;
                tflm_filter_taps(in_y0, params->dilation_h, k_h, in_h, &ky_start, &ky_end);
                for (int32_t ox = 0; ox < out_w; ++ox) {
                    const int32_t in_x0 = ox * params->stride_w - params->pad_w;
                    int32_t kx_start, kx_end;
                    tflm_filter_taps(in_x0, params->dilation_w, k_w, in_w, &kx_start, &kx_end);
                    __m256 total = _mm256_setzero_ps();
                    for (int32_t ky = ky_start; ky < ky_end; ++ky) {
                        const int32_t in_y = in_y0 + ky * params->dilation_h;
                        const float *in_row = in_batch + (size_t)in_y * in_w * in_c;
                        const float *w_row = filter + (size_t)ky * k_w * out_c + o0;
                        for (int32_t kx = kx_start; kx < kx_end; ++kx) {
                            const int32_t in_x = in_x0 + kx * params->dilation_w;
                            const __m256 x = _mm256_permutevar8x32_ps(
                                _mm256_maskload_ps(in_row + (size_t)in_x * in_c, in_mask), gather);
                            const __m256 w = _mm256_maskload_ps(w_row + (size_t)kx * out_c, out_mask);
                            total = _mm256_add_ps(total, _mm256_mul_ps(x, w));
                        }
                    }
                    float *out = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c + o0;
                    _mm256_maskstore_ps(
                        out, out_mask, _mm256_min_ps(hi, _mm256_max_ps(lo, _mm256_add_ps(total, bias8))));
                }
            }
        }
    }
}
