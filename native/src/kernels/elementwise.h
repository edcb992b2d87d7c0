/*
 * elementwise.h - the unary elementwise math ops' compute functions that
 * are more than a call into f32_math.h (elementwise.c has the ops).
 */
#ifndef TFLM_KERNELS_ELEMENTWISE_H
#define TFLM_KERNELS_ELEMENTWISE_H

#include <stdbool.h>
#include <stdint.h>

/* Requantization of a quantized ABS or RSQRT (TFLM's OpDataAbsRsqrt). */
typedef struct tflm_abs_rsqrt_quant {
    int32_t multiplier;
    int shift;
    int32_t input_zero_point;
    int32_t output_zero_point;
    bool needs_rescale; /* ABS: the scales differ */
} tflm_abs_rsqrt_quant;

/* ROUND as TF Lite's RoundToNearest (half to even; negatives rounding to
 * zero give +0). */
float tflm_round_half_even_tflm(float x);

/* SIGN as TF Lite: -1, 0 or 1 (0 for NaN). */
float tflm_sign_f32(float x);

/* |x - input_zero_point| requantized to the output, clamped to [lo, hi]. */
int32_t tflm_abs_quantized(const tflm_abs_rsqrt_quant *q, int32_t x, int32_t lo, int32_t hi);

/* 1 / sqrt(x - input_zero_point) for x >= input_zero_point, TFLM's
 * fixed-point arithmetic, clamped to [lo, hi] (hi for x = zero point). */
int32_t tflm_rsqrt_quantized(const tflm_abs_rsqrt_quant *q, int32_t x, int32_t lo, int32_t hi);

#endif /* TFLM_KERNELS_ELEMENTWISE_H */
