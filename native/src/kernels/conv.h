/*
 * conv.h - the pure compute functions of CONV_2D (NHWC), its node data and
 * its variant hook (variant.h).
 *
 *   input  {n, h, w, c = in_c}
 *   filter {n = out_c, h = kh, w = kw, c = filter_in_c}; in_c is groups x
 *          filter_in_c and output channel o reads group o / (out_c / groups)
 *   bias   {c = out_c}, or bias == NULL
 *   output {n, h, w, c = out_c}
 * The caller (prepare) has checked the shapes agree with params.
 */
#ifndef TFLM_KERNELS_CONV_H
#define TFLM_KERNELS_CONV_H

#include <stdint.h>

#include "nn_types.h"
#include "nn_common.h"
#include "variant.h"

/* int8 with per-channel requantization: TFLM's
 * reference_integer_ops::ConvPerChannel (the filter zero point is not used). */
void tflm_conv_s8(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                  const tflm_dims *input_dims, const int8_t *input,
                  const tflm_dims *filter_dims, const int8_t *filter,
                  const tflm_dims *bias_dims, const int32_t *bias,
                  const tflm_dims *output_dims, int8_t *output);

/* 16x8: int16 input and output, int8 filter, int64 or int32 bias
 * (tflm_bias_16x8): TFLM's reference_integer_ops::ConvPerChannel for
 * int16, which ignores the zero points (params' offsets unused). */
void tflm_conv_s16(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                   const tflm_dims *input_dims, const int16_t *input,
                   const tflm_dims *filter_dims, const int8_t *filter,
                   const tflm_dims *bias_dims, const tflm_bias_16x8 *bias,
                   const tflm_dims *output_dims, int16_t *output);

/* float32: TFLM's reference_ops::Conv (taps in y, x, channel order; then
 * + bias; then the activation clamp). */
void tflm_conv_f32(const tflm_conv_params *params,
                   const tflm_dims *input_dims, const float *input,
                   const tflm_dims *filter_dims, const float *filter,
                   const tflm_dims *bias_dims, const float *bias,
                   const tflm_dims *output_dims, float *output);

/* Hybrid (float32 input and output, int8 filter, float32 bias), TF Lite's
 * reference_ops::HybridConvPerChannel and HybridConv (TFLM has none): input
 * is the float input quantized per batch (tflm_nn_hybrid_quantize_input:
 * scaling_factors and input_offsets per batch); each output is
 * (float)sum(filter x (q - offset)) x channel scale x batch scale + bias,
 * or with channel_scales NULL (one filter scale, folded into the batch
 * scales) x batch scale + bias, then the clamp. */
void tflm_conv_hybrid(const tflm_conv_params *params, const float *channel_scales,
                      const float *scaling_factors, const int32_t *input_offsets,
                      const tflm_dims *input_dims, const int8_t *input,
                      const tflm_dims *filter_dims, const int8_t *filter,
                      const tflm_dims *bias_dims, const float *bias,
                      const tflm_dims *output_dims, float *output);

#ifndef TFLM_VARIANT_CONV
#define TFLM_VARIANT_CONV 0
#endif

/* What prepare keeps in node->data. */
typedef struct tflm_conv_data {
    tflm_nn_conv_state conv;
#if TFLM_VARIANT_CONV
    tflm_variant variant;
#endif
    tflm_nn_hybrid hybrid;
} tflm_conv_data;

#if TFLM_VARIANT_CONV
TFLM_VARIANT_HOOK(tflm_conv_variant, tflm_conv_data);
#define TFLM_CONV_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_conv_variant, tflm_conv_data)
#define TFLM_CONV_VARIANT(data) NULL
#endif

#endif /* TFLM_KERNELS_CONV_H */
