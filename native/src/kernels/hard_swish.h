/*
 * hard_swish.h - HARD_SWISH's compute functions (hard_swish.c has the op).
 */
#ifndef TFLM_KERNELS_HARD_SWISH_H
#define TFLM_KERNELS_HARD_SWISH_H

#include <stdbool.h>
#include <stdint.h>

/* TFLM's HardSwishParams: int16 fixed-point multipliers. */
typedef struct tflm_hard_swish_quant {
    int32_t input_zero_point;
    int32_t output_zero_point;
    int16_t reluish_multiplier;  /* Q15 */
    int reluish_exponent;
    int16_t output_multiplier;   /* Q15 */
    int output_exponent;         /* <= 0 */
} tflm_hard_swish_quant;

/* From the scales; false when a multiplier is out of range or the output
 * exponent is positive (TFLM's check). */
bool tflm_hard_swish_quant_init(float input_scale, int32_t input_zero_point, float output_scale,
                                int32_t output_zero_point, tflm_hard_swish_quant *q);

/* x * relu6(x + 3) / 6 in float, TF Lite's order of operations. */
float tflm_hard_swish_f32(float x);

void tflm_hard_swish_s8(const tflm_hard_swish_quant *q, int32_t count, const int8_t *input, int8_t *output);

#endif /* TFLM_KERNELS_HARD_SWISH_H */
