/*
 * svdf_arm.h - SVDF on Cortex-M: the microkernel (s8_s16_svdf_*.c), for the
 * glue svdf_arm.c and the tests. README.md in the parent folder: variants,
 * file names.
 *
 *                        ARM_DSP                                ARM_MVE
 *   int8, int16 state    2 rows x 4 inputs, SXTAB16 + SMLAD;    1 row x 4 rows, VMLADAVA.S8;
 *                        time: int16 pairs, SMLAD               time: 8 int16 lanes, VMLADAVA
 */
#ifndef TFLM_KERNELS_ARM_SVDF_ARM_H
#define TFLM_KERNELS_ARM_SVDF_ARM_H

#include <stddef.h>

#include "../svdf.h"

/* Scratch bytes tflm_s8_s16_svdf_2x4__dsp needs (the widened input row;
 * 0 for fewer than 4 inputs). */
size_t tflm_s8_s16_svdf_2x4__dsp_scratch_size(const tflm_svdf_params *params);

/* tflm_svdf_s8_s16 with the DSP extension: the same results (output and
 * state), without the reference's scratch but with its own (4-byte
 * aligned, of the size above). The input zero point must lie in
 * [-128, 127], the state's in int16 and rank must divide filters: the glue
 * checks. */
void tflm_s8_s16_svdf_2x4__dsp(const tflm_svdf_params *params, const tflm_svdf_quant *quant,
                               const int8_t *input, const int8_t *weights_feature,
                               const int16_t *weights_time, const int32_t *bias, int16_t *state,
                               int8_t *output, void *scratch);

#if defined(__ARM_FEATURE_MVE)
/* tflm_svdf_s8_s16 with Helium (MVE): the same results (output and
 * state), without scratch, under the DSP kernel's conditions. */
void tflm_s8_s16_svdf_1x4__mve(const tflm_svdf_params *params, const tflm_svdf_quant *quant,
                               const int8_t *input, const int8_t *weights_feature,
                               const int16_t *weights_time, const int32_t *bias, int16_t *state,
                               int8_t *output);
#endif

#endif /* TFLM_KERNELS_ARM_SVDF_ARM_H */
