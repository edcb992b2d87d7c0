/*
 * conv_arm.h - CONV_2D on Cortex-M: the microkernels (s8_conv_*.c), for
 * the glue conv_arm.c and the tests. README.md in the parent folder:
 * variants, file names.
 *
 *                      ARM_DSP                              ARM_MVE
 *   int8 1x1           2 px x 2 ch, SXTAB16 + SMLAD         = ARM_DSP
 *   int8 other         int16 im2col of 2 px, 2 px x 2 ch    = ARM_DSP
 *
 * Both read the model's filter in place. The 1x1 kernel takes no scratch;
 * the im2col kernel takes tflm_conv_s8_arm_get_buffer_size bytes (CMSIS-NN's
 * arm_convolve_s8 takes the same two int16 rows). Grouped convolutions keep
 * the reference.
 */
#ifndef TFLM_KERNELS_ARM_CONV_ARM_H
#define TFLM_KERNELS_ARM_CONV_ARM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../conv.h"

/* Whether the 1x1 kernel serves this convolution: a 1x1 filter without
 * padding (any stride; dilation does not matter) and no groups. */
bool tflm_conv_s8_arm_pointwise(const tflm_conv_params *params, const tflm_dims *input_dims,
                                const tflm_dims *filter_dims);

/* Scratch bytes of tflm_s8_conv_im2col_2x2__dsp: two int16 rows of
 * kh x kw x in_c taps, each rounded up to a whole word. */
size_t tflm_conv_s8_arm_get_buffer_size(const tflm_dims *filter_dims);

/* tflm_conv_s8 with the DSP extension, for the convolutions
 * tflm_conv_s8_arm_pointwise accepts: the same arguments, the same bytes. */
void tflm_s8_conv_1x1_2x2__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                               const tflm_dims *input_dims, const int8_t *input,
                               const tflm_dims *filter_dims, const int8_t *filter,
                               const tflm_dims *bias_dims, const int32_t *bias,
                               const tflm_dims *output_dims, int8_t *output);

/* tflm_conv_s8 with the DSP extension for any ungrouped convolution
 * (padding, strides, dilation, any depth); scratch: 4-aligned,
 * tflm_conv_s8_arm_get_buffer_size bytes. */
void tflm_s8_conv_im2col_2x2__dsp(const tflm_conv_params *params,
                                  const tflm_per_channel_quant *quant,
                                  const tflm_dims *input_dims, const int8_t *input,
                                  const tflm_dims *filter_dims, const int8_t *filter,
                                  const tflm_dims *bias_dims, const int32_t *bias,
                                  const tflm_dims *output_dims, int8_t *output, void *scratch);

#endif /* TFLM_KERNELS_ARM_CONV_ARM_H */
