/*
 * prelu.h - PRELU's quantized compute function (prelu.c has the op).
 */
#ifndef TFLM_KERNELS_PRELU_H
#define TFLM_KERNELS_PRELU_H

#include <stdint.h>

/* TFLM's PreluParams (offsets as zero points). */
typedef struct tflm_prelu_quant {
    int32_t identity_multiplier; /* x >= 0: input scale / output scale */
    int identity_shift;
    int32_t alpha_multiplier;    /* x < 0: input scale * alpha scale / output scale */
    int alpha_shift;
    int32_t input_zero_point;
    int32_t alpha_zero_point;
    int32_t output_zero_point;
} tflm_prelu_quant;

int32_t tflm_prelu_quantized(const tflm_prelu_quant *q, int32_t x, int32_t alpha, int32_t lo, int32_t hi);

#endif /* TFLM_KERNELS_PRELU_H */
