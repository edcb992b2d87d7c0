/*
 * add.h - the pure compute functions of ADD: element-wise addition with
 * NumPy-style broadcasting (binary_common.h); its node data and its variant
 * hook (variant.h).
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
#include "fixed_point.h"
#include "nn_types.h"
#include "variant.h"

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

/* tflm_add_s8's signature, for its SIMD variants. */
typedef void (*tflm_add_s8_fn)(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                               const int8_t *input1, const int8_t *input2, int8_t *output);

/* One input of a quantized add or sub (int8 or int16) at the common scale:
 * shifted left, then rescaled (TFLM's AddElementwise, SubElementwise). */
static inline int32_t tflm_add_rescale(const tflm_add_quant *q, int32_t offset, int32_t x,
                                       int32_t multiplier, int32_t shift)
{
    const int32_t shifted = (int32_t)((uint32_t)(offset + x) << q->left_shift);
    return tflm_multiply_by_quantized_multiplier(shifted, multiplier, shift);
}

/* A sum (or difference) of rescaled inputs to the output, clamped to the
 * activation range. */
static inline int32_t tflm_add_output(const tflm_add_quant *q, int32_t raw)
{
    const int32_t out = tflm_multiply_by_quantized_multiplier(raw, q->output_multiplier,
                                                              q->output_shift) +
                        q->output_offset;
    return tflm_clamp_s32(out, q->activation.min, q->activation.max);
}

/* One element of a quantized add (int8 or int16), clamped to the
 * activation range: the reference's arithmetic, also the scalar tail of
 * the SIMD variants. */
static inline int32_t tflm_add_quantized(const tflm_add_quant *q, int32_t x1, int32_t x2)
{
    /* in uint32: hostile zero points must not make it overflow */
    const uint32_t a = (uint32_t)tflm_add_rescale(q, q->input1_offset, x1, q->input1_multiplier,
                                                  q->input1_shift);
    const uint32_t b = (uint32_t)tflm_add_rescale(q, q->input2_offset, x2, q->input2_multiplier,
                                                  q->input2_shift);
    return tflm_add_output(q, (int32_t)(a + b));
}

void tflm_add_s8(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_add_s16(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                  const int16_t *input1, const int16_t *input2, int16_t *output);
void tflm_add_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output);
/* int32 without quantization: wrapping addition, no clamp. */
void tflm_add_s32(const tflm_broadcast *broadcast, const int32_t *input1, const int32_t *input2,
                  int32_t *output);

#ifndef TFLM_VARIANT_ADD
#define TFLM_VARIANT_ADD 0
#endif

/* What prepare keeps in node->data. */
typedef struct tflm_add_data {
    tflm_broadcast broadcast;
    union {                                 /* by the inputs' type: */
        tflm_add_quant quant;               /*   int8, int16       */
        tflm_activation_f32 activation_f32; /*   float32           */
    };
#if TFLM_VARIANT_ADD
    tflm_variant variant;
#endif
} tflm_add_data;

#if TFLM_VARIANT_ADD
TFLM_VARIANT_HOOK(tflm_add_variant, tflm_add_data);
#define TFLM_ADD_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_add_variant, tflm_add_data)
#define TFLM_ADD_VARIANT(data) NULL
#endif

#endif /* TFLM_ADD_H */
