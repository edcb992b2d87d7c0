/*
 * add.h - the pure compute functions of ADD: element-wise addition with
 * NumPy-style broadcasting (binary_common.h).
 *
 * Quantized add is TensorFlow Lite's reference AddElementwise: both inputs
 * are shifted left (20 bits for int8, 15 for int16), scaled to a common
 * scale (twice the larger input scale), added, scaled to the output and
 * clamped to the fused activation range.
 */
#ifndef TFLM_ADD_H
#define TFLM_ADD_H

#include <stdbool.h>
#include <stdint.h>

#include "binary_common.h"
#include "nn_types.h"

/* Requantization of a quantized add (TFLM's OpDataAdd). */
typedef struct tflm_add_quant {
    int32_t input1_offset; /* -zero point */
    int32_t input2_offset;
    int32_t output_offset; /* +zero point */
    int32_t left_shift;    /* 20 (int8) or 15 (int16) */
    int32_t input1_multiplier;
    int32_t input1_shift;  /* <= 0 */
    int32_t input2_multiplier;
    int32_t input2_shift;
    int32_t output_multiplier;
    int32_t output_shift;
    tflm_activation activation;
} tflm_add_quant;

/* TFLM's CalculateOpDataAdd multipliers, in double as TFLM computes them.
 * Returns false when a real multiplier is not below 1 (TFLM rejects it). */
bool tflm_add_quant_multipliers(float input1_scale, float input2_scale, float output_scale,
                                int32_t left_shift, tflm_add_quant *quant);

void tflm_add_s8(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_add_s16(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                  const int16_t *input1, const int16_t *input2, int16_t *output);
void tflm_add_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output);
/* int32 without quantization: wrapping addition, no clamp. */
void tflm_add_s32(const tflm_broadcast *broadcast, const int32_t *input1, const int32_t *input2,
                  int32_t *output);

#endif /* TFLM_ADD_H */
