/*
 * pooling_arm.h - AVERAGE_POOL_2D and MAX_POOL_2D on Cortex-M: the
 * microkernels (s8_*pool_*.c), for the glue pooling_arm.c and the tests.
 * README.md in the parent folder: variants, file names.
 *
 *                     ARM_DSP                           ARM_MVE
 *   MAX_POOL int8     4 channels a word, SSUB8 + SEL    16 channels a vector, VMAX
 *   AVERAGE_POOL int8 4 channels, int16 sums (SXTAB16), 4 channels, int32 sums
 *                     windows up to 256 taps            any window
 *
 * The reference's arguments; each channel visits the same window as the
 * reference's, and the average's rounding division is the reference's
 * own, per channel, so the bytes are the same.
 */
#ifndef TFLM_KERNELS_ARM_POOLING_ARM_H
#define TFLM_KERNELS_ARM_POOLING_ARM_H

#include <stdbool.h>

#include "../pooling.h"

/* The largest window the DSP average sums exactly in int16 lanes:
 * 256 x 128 = 32768 = -INT16_MIN. */
#define TFLM_ARM_AVGPOOL_DSP_MAX_TAPS 256

/* tflm_max_pool_s8 with the DSP extension: the same arguments and bytes. */
void tflm_s8_maxpool_c4__dsp(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output);

/* tflm_average_pool_s8 with the DSP extension, for windows of at most
 * TFLM_ARM_AVGPOOL_DSP_MAX_TAPS taps: the same arguments and bytes. */
void tflm_s8_avgpool_c4__dsp(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output);

#if defined(__ARM_FEATURE_MVE)
/* tflm_max_pool_s8 with Helium (MVE): the same arguments and bytes. */
void tflm_s8_maxpool_c16__mve(const tflm_pool_params *params, const tflm_dims *input_dims,
                              const int8_t *input, const tflm_dims *output_dims, int8_t *output);

/* tflm_average_pool_s8 with Helium (MVE), any window: the same arguments
 * and bytes. */
void tflm_s8_avgpool_c4__mve(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output);
#endif

#endif /* TFLM_KERNELS_ARM_POOLING_ARM_H */
