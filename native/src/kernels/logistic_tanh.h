/*
 * logistic_tanh.h - LOGISTIC's and TANH's int8 compute functions
 * (logistic_tanh.c has the ops).
 */
#ifndef TFLM_KERNELS_LOGISTIC_TANH_H
#define TFLM_KERNELS_LOGISTIC_TANH_H

#include <stdbool.h>
#include <stdint.h>

/* The int8 input's rescaling to Q4.27 (TFLM's OpDataLogistic / OpData). */
typedef struct tflm_sigmoid_quant {
    int32_t input_zero_point;
    int32_t input_range_radius; /* |x - zero point| from here on saturates */
    int32_t input_multiplier;
    int input_shift;            /* left shift, >= 0 */
} tflm_sigmoid_quant;

/* From the input's scale; false when the scale needs a negative shift or
 * one above 31 (scales below 2^-28 or from 16 on). */
bool tflm_sigmoid_quant_init(float input_scale, int32_t input_zero_point, tflm_sigmoid_quant *q);

/* Output scale 1/256, zero point -128. */
void tflm_logistic_s8(const tflm_sigmoid_quant *q, int32_t count, const int8_t *input, int8_t *output);

/* Output scale 1/128, zero point 0. */
void tflm_tanh_s8(const tflm_sigmoid_quant *q, int32_t count, const int8_t *input, int8_t *output);

#endif /* TFLM_KERNELS_LOGISTIC_TANH_H */
