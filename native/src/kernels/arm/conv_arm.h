/*
 * conv_arm.h - CONV_2D on Cortex-M: the microkernels (s8_conv_*.c), for
 * the glue conv_arm.c and the tests. README.md in the parent folder:
 * variants, file names.
 *
 *                      ARM_DSP                              ARM_MVE
 *   int8 1x1           2 px x 2 ch, SXTB16 + SMLAD          4 px x 1 ch, VMLADAVA
 *   int8 other         the same after an im2col of 2 px     the same after an im2col of 4 px
 *   16x8               int16 im2col of 2 px, then the FULLY_CONNECTED 16x8 kernel of the level
 *
 * All read the model's filter in place (no persistent copy). The DSP
 * kernels unpack two output pixels' taps at a time to int16 into a scratch
 * pair buffer of tflm_conv_s8_arm_get_buffer_size bytes, 4 x kh x kw x
 * in_c: CMSIS-NN's arm_convolve_s8 takes the same (its 1x1 kernels none).
 * The MVE im2col kernel gathers four pixels' taps as int8 into the same
 * scratch; the MVE 1x1 kernel reads the input in place and uses none.
 * Grouped convolutions keep the reference.
 */
#ifndef TFLM_KERNELS_ARM_CONV_ARM_H
#define TFLM_KERNELS_ARM_CONV_ARM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../conv.h"
#include "../fully_connected.h"

/* A kernel (below): tflm_conv_s8's arguments and a scratch of
 * tflm_conv_s8_arm_get_buffer_size bytes, 4-aligned. */
typedef void (*tflm_conv_s8_arm_fn)(const tflm_conv_params *params,
                                    const tflm_per_channel_quant *quant,
                                    const tflm_dims *input_dims, const int8_t *input,
                                    const tflm_dims *filter_dims, const int8_t *filter,
                                    const tflm_dims *bias_dims, const int32_t *bias,
                                    const tflm_dims *output_dims, int8_t *output, void *scratch);

/* Whether the 1x1 kernel serves this convolution: a 1x1 filter without
 * padding (any stride; dilation does not matter) and no groups. */
bool tflm_conv_s8_arm_pointwise(const tflm_conv_params *params, const tflm_dims *input_dims,
                                const tflm_dims *filter_dims);

/* Scratch bytes of the kernels that take one: two pixels' kh x kw x in_c
 * taps as int16 (s8_conv_2x2__dsp.h; four pixels' as int8 for MVE), and
 * for a depth that is not a multiple of four one pixel's taps as int8 more
 * (the DSP im2col kernel gathers those first). */
size_t tflm_conv_s8_arm_get_buffer_size(const tflm_dims *filter_dims);

/* tflm_conv_s8 with the DSP extension, for the convolutions
 * tflm_conv_s8_arm_pointwise accepts: the same arguments and bytes;
 * scratch: 4-aligned, tflm_conv_s8_arm_get_buffer_size bytes. */
void tflm_s8_conv_1x1_2x2__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                               const tflm_dims *input_dims, const int8_t *input,
                               const tflm_dims *filter_dims, const int8_t *filter,
                               const tflm_dims *bias_dims, const int32_t *bias,
                               const tflm_dims *output_dims, int8_t *output, void *scratch);

/* tflm_conv_s8 with the DSP extension for any ungrouped convolution
 * (padding, strides, dilation, any depth); scratch: 4-aligned,
 * tflm_conv_s8_arm_get_buffer_size bytes. */
void tflm_s8_conv_im2col_2x2__dsp(const tflm_conv_params *params,
                                  const tflm_per_channel_quant *quant,
                                  const tflm_dims *input_dims, const int8_t *input,
                                  const tflm_dims *filter_dims, const int8_t *filter,
                                  const tflm_dims *bias_dims, const int32_t *bias,
                                  const tflm_dims *output_dims, int8_t *output, void *scratch);

/* tflm_conv_s16 for an ungrouped convolution: two pixels' taps gathered
 * as int16 into scratch (tflm_conv_s8_arm_get_buffer_size bytes, 4-aligned)
 * at a time, then multiplied by the filter as a FULLY_CONNECTED 16x8 of
 * two batches: product, tflm_s16_fc_2x4__dsp or tflm_s16_fc_1x4__mve. The
 * same bytes as the reference. */
void tflm_s16_conv_im2col(tflm_fc_s16_fn product, const tflm_conv_params *params,
                          const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                          const int16_t *input, const tflm_dims *filter_dims, const int8_t *filter,
                          const tflm_bias_16x8 *bias, const tflm_dims *output_dims, int16_t *output,
                          void *scratch);

#if defined(__ARM_FEATURE_MVE)
/* Whether the MVE kernels serve this convolution: they write -io for a tap
 * outside the input, so -io must be an int8 (it is for every valid model,
 * io being minus an int8 zero point). */
bool tflm_conv_s8_mve_accepts(const tflm_conv_params *params);

/* tflm_s8_conv_1x1_2x2__dsp with Helium (MVE): the same convolutions,
 * arguments and bytes; no scratch (may be NULL). */
void tflm_s8_conv_1x1_4x1__mve(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                               const tflm_dims *input_dims, const int8_t *input,
                               const tflm_dims *filter_dims, const int8_t *filter,
                               const tflm_dims *bias_dims, const int32_t *bias,
                               const tflm_dims *output_dims, int8_t *output, void *scratch);

/* tflm_s8_conv_im2col_2x2__dsp with Helium (MVE): the same convolutions,
 * arguments, scratch and bytes. */
void tflm_s8_conv_im2col_4x1__mve(const tflm_conv_params *params,
                                  const tflm_per_channel_quant *quant,
                                  const tflm_dims *input_dims, const int8_t *input,
                                  const tflm_dims *filter_dims, const int8_t *filter,
                                  const tflm_dims *bias_dims, const int32_t *bias,
                                  const tflm_dims *output_dims, int8_t *output, void *scratch);
#endif

#endif /* TFLM_KERNELS_ARM_CONV_ARM_H */
