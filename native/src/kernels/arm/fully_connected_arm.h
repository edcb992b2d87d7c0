/*
 * fully_connected_arm.h - FULLY_CONNECTED on Cortex-M: the microkernels
 * (s8_fc_*.c), for the glue fully_connected_arm.c and the tests. README.md
 * in the parent folder: variants, file names.
 *
 *                 ARM_DSP                          ARM_MVE
 *   int8          2 rows x 4, SXTAB16 + SMLAD      = ARM_DSP
 */
#ifndef TFLM_KERNELS_ARM_FULLY_CONNECTED_ARM_H
#define TFLM_KERNELS_ARM_FULLY_CONNECTED_ARM_H

#include "../fully_connected.h"

/* tflm_fully_connected_s8 with the DSP extension: the same arguments, the
 * same bytes. */
void tflm_s8_fc_2x4__dsp(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                         const tflm_fc_shape *shape, const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output);

/* tflm_fully_connected_s16 with the DSP extension, for zero input and
 * filter offsets: the same arguments, the same bytes. */
void tflm_s16_fc_2x4__dsp(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                          const tflm_fc_shape *shape, const int16_t *input, const int8_t *filter,
                          const tflm_bias_16x8 *bias, int16_t *output);

#if defined(__ARM_FEATURE_MVE)
/* tflm_fully_connected_s16 with Helium (MVE), for zero input and filter
 * offsets: the same arguments, the same bytes. */
void tflm_s16_fc_1x4__mve(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                          const tflm_fc_shape *shape, const int16_t *input, const int8_t *filter,
                          const tflm_bias_16x8 *bias, int16_t *output);

/* tflm_fully_connected_s8 with Helium (MVE): the same arguments, the same
 * bytes. */
void tflm_s8_fc_1x4__mve(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                         const tflm_fc_shape *shape, const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output);
#endif

#endif /* TFLM_KERNELS_ARM_FULLY_CONNECTED_ARM_H */
