/*
 * depthwise_conv_arm.h - DEPTHWISE_CONV_2D on Cortex-M: the microkernels
 * (s8_dwconv_*.c), for the glue depthwise_conv_arm.c and the tests.
 * README.md in the parent folder: variants, file names.
 *
 *                 ARM_DSP                               ARM_MVE
 *   int8          4 channels x 2 taps, PKH + SMLAD      4 channels x 4 pixels, VMUL
 *                 (any depth multiplier; >= 4 channels) (any depth multiplier and
 *                 4 multiplier outputs x 2 taps, m4      channel count)
 *                 (< 4 channels, multiplier 4k)
 *   16x8          4 channels a tap, SXTB16 + SMLAxy     4 channels a tap, VMUL
 *                 (depth multiplier 1, filters up to TFLM_S16_DWCONV_MAX_TAPS taps)
 *
 * The kernels read the model's weights in place. c4's outer loop is a
 * block of 4 channels, whose weights it widens once into scratch (int16
 * pairs, tflm_s8_dwconv_c4__dsp_scratch_size) for every output pixel to
 * reuse; m4's is a block of 4 outputs of one channel, whose weights it
 * widens per pixel (few channels: one block's weights are the whole filter's
 * share of that channel, too big for micro_speech's arena). The MVE kernel
 * reads weights and inputs as int32 lanes straight from memory and needs
 * no scratch.
 */
#ifndef TFLM_KERNELS_ARM_DEPTHWISE_CONV_ARM_H
#define TFLM_KERNELS_ARM_DEPTHWISE_CONV_ARM_H

#include <stddef.h>

#include "../depthwise_conv.h"

/* Scratch bytes tflm_s8_dwconv_c4__dsp needs for a filter of these dims. */
size_t tflm_s8_dwconv_c4__dsp_scratch_size(const tflm_dims *filter_dims);

/* tflm_depthwise_conv_s8 with the DSP extension: the same arguments, the
 * same bytes, plus scratch (4-byte aligned, of the size above). The
 * activation range must lie in [-128, 127] with min <= max, and
 * -input_offset (the input zero point) in [-128, 127]: the glue checks. */
void tflm_s8_dwconv_c4__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output, void *scratch);

/* tflm_depthwise_conv_s8 with the DSP extension for any input channels
 * and a depth multiplier that is a multiple of 4 (the ranges as above),
 * without scratch: the same arguments, the same bytes. */
void tflm_s8_dwconv_m4__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output);

/* The 16x8 kernels' signature. */
typedef void (*tflm_s16_dwconv_fn)(const tflm_conv_params *params,
                                   const tflm_per_channel_quant *quant,
                                   const tflm_dims *input_dims, const int16_t *input,
                                   const tflm_dims *filter_dims, const int8_t *filter,
                                   const tflm_bias_16x8 *bias, const tflm_dims *output_dims,
                                   int16_t *output);

/* tflm_depthwise_conv_s16 with the DSP extension, for a depth multiplier
 * of 1 and at most TFLM_S16_DWCONV_MAX_TAPS filter taps (s16_dwconv_walk.h),
 * without scratch: the same arguments but the bias dims, the same bytes. */
void tflm_s16_dwconv_c4__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int16_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_bias_16x8 *bias, const tflm_dims *output_dims,
                             int16_t *output);

#if defined(__ARM_FEATURE_MVE)
/* tflm_s16_dwconv_c4__dsp with Helium (MVE): the same conditions. */
void tflm_s16_dwconv_c4__mve(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int16_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_bias_16x8 *bias, const tflm_dims *output_dims,
                             int16_t *output);

/* tflm_depthwise_conv_s8 with Helium (MVE) for any depth multiplier and
 * channel count (the ranges as above), without scratch: the same
 * arguments, the same bytes. */
void tflm_s8_dwconv_c4__mve(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output);
#endif

#endif /* TFLM_KERNELS_ARM_DEPTHWISE_CONV_ARM_H */
