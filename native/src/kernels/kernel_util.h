/*
 * kernel_util.h - small pieces several kernels share: fused activation
 * ranges, SAME/VALID padding, requantization multipliers.
 */
#ifndef TFLM_KERNEL_UTIL_H
#define TFLM_KERNEL_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "float_bits.h"

#include "tflm/builtin_options.h" /* TFLM_ACTIVATION_*, TFLM_PADDING_* */

/* A function inlined into each caller, so that the flags a caller passes as
 * constants fold its branches away: a kernel specialized per element type is
 * the plain loop of each, and an _int8 registration links no code of the
 * types it refuses. Forced, because at -Os GCC would rather keep one shared
 * copy. */
#define TFLM_SPECIALIZED static inline __attribute__((always_inline))

/* Clamp range of a fused activation for a float output. */
void tflm_activation_range_float(int activation, float *min, float *max);

/* Clamp range of a fused activation for a quantized output with the given
 * scale and zero point, inside [type_min, type_max]; TensorFlow Lite's
 * CalculateActivationRangeQuantized (round(x / scale) + zero_point). */
void tflm_activation_range_quantized(int activation, float scale, int32_t zero_point,
                                     int32_t type_min, int32_t type_max,
                                     int32_t *min, int32_t *max);

/* Output size along one axis (ComputeOutSize) and the padding before the
 * first element (ComputePaddingWithOffset; *offset gets the odd remainder). */
int32_t tflm_conv_output_size(int padding, int32_t in, int32_t filter, int32_t stride,
                              int32_t dilation);
int32_t tflm_conv_padding(int32_t stride, int32_t dilation, int32_t in, int32_t filter,
                          int32_t out, int32_t *offset);

/* Name of a tensor type ("INT8"), for error messages; "UNKNOWN" if none. */
const char *tflm_type_name_of(int type);

/* ---- Requantization multipliers (prepare) -------------------------------
 * The double arithmetic of TensorFlow Lite's prepare steps, computed bit
 * for bit in integers (exact_f64.h): no soft-double code on cores without
 * a double-precision FPU. */

/* (double)input_scale * (double)filter_scale / (double)output_scale: the
 * effective scale of one output channel of a per-channel (or broadcast
 * per-tensor) convolution, PopulateConvolutionQuantizationParams' formula.
 * CONV_2D, DEPTHWISE_CONV_2D and per-channel FULLY_CONNECTED use it. */
tflm_double tflm_conv_effective_scale(float input_scale, float filter_scale, float output_scale);

/* (double)(input_scale * filter_scale) / (double)output_scale, the product
 * taken in FLOAT first: GetQuantizedConvolutionMultipler's formula, which
 * per-tensor FULLY_CONNECTED uses. It can differ from the one above in the
 * last bits, enough to change the Q31 multiplier. Scales positive and
 * finite, as the kernels check before. */
tflm_double tflm_fc_effective_scale(float input_scale, float filter_scale, float output_scale);

/* Fills channels multiplier/shift pairs (TFLM's
 * PopulateConvolutionQuantizationParams): channel i uses filter_scales[i]
 * when scale_count > 1, else filter_scales[0] for every channel. Returns
 * false when a channel's effective scale is too large to apply (2^31 or
 * more, see tflm_quantize_multiplier). */
bool tflm_conv_per_channel_multipliers(float input_scale, const float *filter_scales,
                                       uint32_t scale_count, float output_scale,
                                       int32_t channels, int32_t *multiplier, int8_t *shift);

/* TFLM's check that a per-tensor bias scale matches input_scale *
 * filter_scale: |input_scale * filter_scale - bias_scale| / output_scale <= 0.02,
 * all in double. */
int tflm_bias_scale_matches(float input_scale, float filter_scale, float bias_scale,
                            float output_scale);

#endif /* TFLM_KERNEL_UTIL_H */
