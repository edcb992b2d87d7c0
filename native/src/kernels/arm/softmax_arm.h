/*
 * softmax_arm.h - SOFTMAX on Cortex-M: the microkernels, for the glue
 * softmax_arm.c and the tests. README.md in the parent folder: variants,
 * file names.
 *
 *                 ARM_DSP                                 ARM_MVE
 *   int8 input    the row maximum 4 bytes a word (SSUB8    4 lanes of gemmlowp's exp
 *   (int8 or      + SEL), each exp once (the reference     (VQRDMULH, VRSHL), the
 *   int16 out)    computes it twice), scalar exp           outputs 4 at a time
 *
 * Both keep the exps of a row's first TFLM_SOFTMAX_ARM_CACHED elements on
 * the stack between the sum and the outputs, so a classifier's row (a few
 * to a few dozen classes) computes each exp once; a longer row computes
 * the rest again, as the reference does. The same bytes as the reference.
 */
#ifndef TFLM_KERNELS_ARM_SOFTMAX_ARM_H
#define TFLM_KERNELS_ARM_SOFTMAX_ARM_H

#include "../softmax.h"

/* Exps kept per row: 128 bytes of stack. */
#define TFLM_SOFTMAX_ARM_CACHED 32

void tflm_s8_softmax_c1__dsp(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                             const int8_t *input, int8_t *output);
void tflm_s8_s16_softmax_c1__dsp(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                 const int8_t *input, int16_t *output);

#if defined(__ARM_FEATURE_MVE)
void tflm_s8_softmax_x4__mve(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                             const int8_t *input, int8_t *output);
void tflm_s8_s16_softmax_x4__mve(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                 const int8_t *input, int16_t *output);
#endif

#endif /* TFLM_KERNELS_ARM_SOFTMAX_ARM_H */
