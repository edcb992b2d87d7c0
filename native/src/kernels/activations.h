/*
 * activations.h - compute functions of the clamping activations and
 * LEAKY_RELU (activations.c has the ops).
 */
#ifndef TFLM_KERNELS_ACTIVATIONS_H
#define TFLM_KERNELS_ACTIVATIONS_H

#include <stdbool.h>
#include <stdint.h>

/* Quantized RELU / RELU_N1_TO_1 / RELU_0_TO_1: the input requantized to
 * the output, clamped to [min, max] (TFLM's ReluOpData). */
typedef struct tflm_relu_quant {
    int32_t multiplier;
    int shift;
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t min, max;
} tflm_relu_quant;

typedef struct tflm_leaky_relu_quant {
    int32_t identity_multiplier; /* x >= 0: input scale / output scale */
    int identity_shift;
    int32_t alpha_multiplier;    /* x < 0: |input scale * alpha / output scale| */
    int alpha_shift;
    bool alpha_negative;
    int32_t input_zero_point;
    int32_t output_zero_point;
} tflm_leaky_relu_quant;

int32_t tflm_relu_quantized(const tflm_relu_quant *q, int32_t x);

float tflm_leaky_relu_f32(float alpha, float x);
int32_t tflm_leaky_relu_quantized(const tflm_leaky_relu_quant *q, int32_t x, int32_t lo, int32_t hi);

#endif /* TFLM_KERNELS_ACTIVATIONS_H */
