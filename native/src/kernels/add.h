/*
 * add.h - the pure compute functions of ADD: element-wise addition with
 * NumPy-style broadcasting over up to TFLM_ADD_MAX_DIMS dimensions.
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

#include "nn_types.h"

#define TFLM_ADD_MAX_DIMS 6

/* Iteration space of a broadcast: the output's dims, right-aligned in
 * TFLM_ADD_MAX_DIMS (leading ones), and the element strides of each input
 * along every output axis (0 where the input is broadcast). */
typedef struct tflm_broadcast {
    int32_t dims[TFLM_ADD_MAX_DIMS];
    int32_t stride1[TFLM_ADD_MAX_DIMS];
    int32_t stride2[TFLM_ADD_MAX_DIMS];
} tflm_broadcast;

/* Builds the iteration space for inputs of shapes shape1 (rank1 dims) and
 * shape2, whose broadcast must equal out (rank_out dims). Returns false
 * when the shapes do not broadcast to out or a rank exceeds the limit. */
bool tflm_broadcast_init(const int32_t *shape1, int32_t rank1, const int32_t *shape2, int32_t rank2,
                         const int32_t *out, int32_t rank_out, tflm_broadcast *broadcast);

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
