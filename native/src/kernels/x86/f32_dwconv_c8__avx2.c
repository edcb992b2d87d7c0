/*
 * f32_dwconv_c8__avx2.c - DEPTHWISE_CONV_2D float32, depth multiplier 1,
 * with AVX2 on the model's [1][kh][kw][c] weights (no packed copy): 8
 * channels per vector, each lane adding its taps in the reference's order
 * (rows, then columns, the taps inside the input only, from 0.0f, one mul
 * then one add: -ffp-contract=off), then the bias and the clamp: bit for
 * bit tflm_depthwise_conv_f32. The last c % 8 channels one by one.
 */
#include <assert.h>
#include <immintrin.h>

#include "depthwise_conv_x86.h"

void tflm_f32_dwconv_c8__avx2(const tflm_conv_params *params, const tflm_dims *input_dims,
                              const float *input, const tflm_dims *filter_dims,
                              const float *filter, const tflm_dims *bias_dims, const float *bias,
                              const tflm_dims *output_dims, float *output)
{
    (void)bias_dims;
    assert(params->depth_multiplier == 1 && input_dims->c == output_dims->c &&
           filter_dims->c == output_dims->c);
    const int32_t in_h = input_dims->h, in_w = input_dims->w, c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    const float act_min = params->activation_f32.min, act_max = params->activation_f32.max;
    const __m256 lo = _mm256_set1_ps(act_min), hi = _mm256_set1_ps(act_max);
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + (size_t)b * in_h * in_w * c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * params->stride_h - params->pad_h;
            int32_t ky_start, ky_end;
            tflm_filter_taps(in_y0, params->dilation_h, k_h, in_h, &ky_start, &ky_end);
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const int32_t in_x0 = ox * params->stride_w - params->pad_w;
                int32_t kx_start, kx_end;
                tflm_filter_taps(in_x0, params->dilation_w, k_w, in_w, &kx_start, &kx_end);
                float *out = output + (((size_t)b * out_h + oy) * out_w + ox) * c;
                int32_t ch = 0;
                for (; ch + 8 <= c; ch += 8) {
                    __m256 total = _mm256_setzero_ps();
                    for (int32_t ky = ky_start; ky < ky_end; ++ky) {
                        const int32_t in_y = in_y0 + ky * params->dilation_h;
                        const float *in_row = in_batch + (size_t)in_y * in_w * c + ch;
                        const float *w_row = filter + (size_t)ky * k_w * c + ch;
                        for (int32_t kx = kx_start; kx < kx_end; ++kx) {
                            const int32_t in_x = in_x0 + kx * params->dilation_w;
                            total = _mm256_add_ps(
                                total, _mm256_mul_ps(_mm256_loadu_ps(in_row + (size_t)in_x * c),
                                                     _mm256_loadu_ps(w_row + (size_t)kx * c)));
                        }
                    }
                    const __m256 bias8 = bias != NULL ? _mm256_loadu_ps(bias + ch) : _mm256_setzero_ps();
                    _mm256_storeu_ps(out + ch,
                                     _mm256_min_ps(hi, _mm256_max_ps(lo, _mm256_add_ps(total, bias8))));
                }
                for (; ch < c; ++ch) {
                    float total = 0.0f;
                    for (int32_t ky = ky_start; ky < ky_end; ++ky) {
                        const int32_t in_y = in_y0 + ky * params->dilation_h;
                        const float *in_row = in_batch + (size_t)in_y * in_w * c + ch;
                        const float *w_row = filter + (size_t)ky * k_w * c + ch;
                        for (int32_t kx = kx_start; kx < kx_end; ++kx) {
                            const int32_t in_x = in_x0 + kx * params->dilation_w;
                            total += in_row[(size_t)in_x * c] * w_row[(size_t)kx * c];
                        }
                    }
                    const float bias_value = bias != NULL ? bias[ch] : 0.0f;
                    out[ch] = tflm_clamp_f32(total + bias_value, act_min, act_max);
                }
            }
        }
    }
}
