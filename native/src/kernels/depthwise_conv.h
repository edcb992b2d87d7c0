/*
 * depthwise_conv.h - the pure compute functions of DEPTHWISE_CONV_2D (NHWC),
 * its node data and its variant hook (variant.h).
 *
 *   input  {n, h, w, c = in_c}
 *   filter {n = 1, h = kh, w = kw, c = out_c}, out_c = in_c x depth_multiplier;
 *          output channel o = i x depth_multiplier + m reads input channel i
 *   bias   {c = out_c}, or bias == NULL
 *   output {n, h, w, c = out_c}
 */
#ifndef TFLM_KERNELS_DEPTHWISE_CONV_H
#define TFLM_KERNELS_DEPTHWISE_CONV_H

#include <stdint.h>

#include "nn_types.h"
#include "nn_common.h"
#include "variant.h"

/* int8 with per-channel requantization: TFLM's
 * reference_integer_ops::DepthwiseConvPerChannel. */
void tflm_depthwise_conv_s8(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output);

/* 16x8: int16 input and output, int8 filter, int64 bias (TFLM has no
 * int32 bias here; bias->s32 must be false): TFLM's
 * reference_integer_ops::DepthwiseConvPerChannel for int16, which ignores
 * the zero points. */
void tflm_depthwise_conv_s16(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int16_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_dims *bias_dims, const tflm_bias_16x8 *bias,
                             const tflm_dims *output_dims, int16_t *output);

/* float32: TFLM's reference_ops::DepthwiseConv. */
typedef void (*tflm_depthwise_conv_f32_fn)(const tflm_conv_params *params,
                                           const tflm_dims *input_dims, const float *input,
                                           const tflm_dims *filter_dims, const float *filter,
                                           const tflm_dims *bias_dims, const float *bias,
                                           const tflm_dims *output_dims, float *output);
void tflm_depthwise_conv_f32(const tflm_conv_params *params,
                             const tflm_dims *input_dims, const float *input,
                             const tflm_dims *filter_dims, const float *filter,
                             const tflm_dims *bias_dims, const float *bias,
                             const tflm_dims *output_dims, float *output);

/* Hybrid (float32 input and output, int8 filter with a scale per output
 * channel, float32 bias), TF Lite's DepthwiseConvHybridPerChannel (TFLM
 * has none): as tflm_conv_hybrid but scaled by (channel scale x batch
 * scale) in that order. */
void tflm_depthwise_conv_hybrid(const tflm_conv_params *params, const float *channel_scales,
                                const float *scaling_factors, const int32_t *input_offsets,
                                const tflm_dims *input_dims, const int8_t *input,
                                const tflm_dims *filter_dims, const int8_t *filter,
                                const tflm_dims *bias_dims, const float *bias,
                                const tflm_dims *output_dims, float *output);

#ifndef TFLM_VARIANT_DEPTHWISE_CONV
#define TFLM_VARIANT_DEPTHWISE_CONV 0
#endif

/* What prepare keeps in node->data. */
typedef struct tflm_depthwise_conv_data {
    tflm_nn_conv_state conv;
#if TFLM_VARIANT_DEPTHWISE_CONV
    tflm_variant variant;
#endif
    tflm_nn_hybrid hybrid;
} tflm_depthwise_conv_data;

/* Two hooks: tflm_depthwise_conv_variant for int8 and float32 nodes, and
 * tflm_depthwise_conv_s16_variant for 16x8 ones, which only the
 * int16-capable registration calls, so that firmware registering
 * tflm_op_depthwise_conv_2d_int8 links no 16x8 kernel. */
#if TFLM_VARIANT_DEPTHWISE_CONV
TFLM_VARIANT_HOOK(tflm_depthwise_conv_variant, tflm_depthwise_conv_data);
TFLM_VARIANT_HOOK(tflm_depthwise_conv_s16_variant, tflm_depthwise_conv_data);
#define TFLM_DEPTHWISE_CONV_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_depthwise_conv_variant, tflm_depthwise_conv_data)
TFLM_NO_VARIANT_HOOK(tflm_depthwise_conv_s16_variant, tflm_depthwise_conv_data)
#define TFLM_DEPTHWISE_CONV_VARIANT(data) NULL
#endif

#endif /* TFLM_KERNELS_DEPTHWISE_CONV_H */
