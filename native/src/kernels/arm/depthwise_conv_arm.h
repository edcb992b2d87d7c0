/*
 * depthwise_conv_arm.h - DEPTHWISE_CONV_2D on Cortex-M: the microkernels
 * (s8_dwconv_*.c), for the glue depthwise_conv_arm.c and the tests.
 * README.md in the parent folder: variants, file names.
 *
 *                 ARM_DSP                               ARM_MVE
 *   int8          4 channels x 2 taps, PKH + SMLAD      = ARM_DSP
 *                 (any depth multiplier)
 *
 * The kernel reads the model's weights in place: its outer loop is a block
 * of 4 channels, whose weights it widens once into scratch (int16 pairs,
 * tflm_s8_dwconv_c4__dsp_scratch_size) for every output pixel to reuse.
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

#endif /* TFLM_KERNELS_ARM_DEPTHWISE_CONV_ARM_H */
