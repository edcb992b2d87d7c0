/*
 * mul.h - the pure compute functions of MUL (element-wise product with
 * broadcasting, tflm_broadcast of binary_common.h), its node data and its
 * variant hook (variant.h).
 *
 * int8, int16: TFLM's reference_integer_ops::MulElementwise /
 * BroadcastMul6DSlow:
 *   out = clamp(output_offset + MultiplyByQuantizedMultiplier(
 *             (in1 + input1_offset) * (in2 + input2_offset),
 *             output_multiplier, output_shift))
 * with the multiplier from in1_scale * in2_scale / out_scale (double);
 * int16 has every zero point 0.
 * float32: clamp(in1 * in2); int32: clamp(in1 * in2) wrapping, unquantized
 * (reference_ops::Mul).
 */
#ifndef TFLM_KERNELS_MUL_H
#define TFLM_KERNELS_MUL_H

#include <stdbool.h>
#include <stdint.h>

#include "binary_common.h"
#include "fixed_point.h"
#include "nn_types.h"
#include "variant.h"

typedef struct tflm_mul_quant {
    int32_t input1_offset; /* -zero point */
    int32_t input2_offset;
    int32_t output_offset; /* +zero point */
    int32_t output_multiplier;
    int32_t output_shift;
    tflm_activation activation;
} tflm_mul_quant;

/* Multiplier and shift of in1_scale * in2_scale / out_scale; false when
 * the scales are not finite and positive or the result is 2^31 or more. */
bool tflm_mul_quant_multiplier(float input1_scale, float input2_scale, float output_scale,
                               tflm_mul_quant *quant);

typedef void (*tflm_mul_s8_fn)(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                               const int8_t *input1, const int8_t *input2, int8_t *output);

/* One element of a quantized mul (int8 or int16), clamped to the
 * activation range: the reference's arithmetic. */
static inline int32_t tflm_mul_requantize(const tflm_mul_quant *q, int32_t x1, int32_t x2)
{
    /* |(x1 + offset1) * (x2 + offset2)| <= 255 * 255 (int8) or 2^30 (int16,
     * offsets 0): no overflow. */
    const int32_t product = (x1 + q->input1_offset) * (x2 + q->input2_offset);
    const int32_t raw = q->output_offset + tflm_multiply_by_quantized_multiplier(
                                               product, q->output_multiplier, q->output_shift);
    return tflm_clamp_s32(raw, q->activation.min, q->activation.max);
}

/* The same for int8, also the scalar tail of the SIMD variants. */
static inline int8_t tflm_mul_quantized(const tflm_mul_quant *q, int32_t x1, int32_t x2)
{
    return (int8_t)tflm_mul_requantize(q, x1, x2);
}

void tflm_mul_s8(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_mul_s16(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                  const int16_t *input1, const int16_t *input2, int16_t *output);
void tflm_mul_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output);
void tflm_mul_s32(const tflm_activation *activation, const tflm_broadcast *broadcast,
                  const int32_t *input1, const int32_t *input2, int32_t *output);

#ifndef TFLM_VARIANT_MUL
#define TFLM_VARIANT_MUL 0
#endif

/* What prepare keeps in node->data. */
typedef struct tflm_mul_data {
    tflm_broadcast broadcast;
    union {                                 /* by the inputs' type: */
        tflm_mul_quant quant;               /*   int8, int16       */
        tflm_activation activation_s32;     /*   int32             */
        tflm_activation_f32 activation_f32; /*   float32           */
    };
#if TFLM_VARIANT_MUL
    tflm_variant variant;
#endif
} tflm_mul_data;

#if TFLM_VARIANT_MUL
TFLM_VARIANT_HOOK(tflm_mul_variant, tflm_mul_data);
#define TFLM_MUL_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_mul_variant, tflm_mul_data)
#define TFLM_MUL_VARIANT(data) NULL
#endif

#endif /* TFLM_KERNELS_MUL_H */
