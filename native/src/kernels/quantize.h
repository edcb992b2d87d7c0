/*
 * quantize.h - the pure compute functions of QUANTIZE (float -> integer
 * affine quantization, and integer -> integer requantization), over flat
 * element runs. DEQUANTIZE is in dequantize.h.
 */
#ifndef TFLM_QUANTIZE_H
#define TFLM_QUANTIZE_H

#include <stdbool.h>
#include <stdint.h>

/* Affine quantization of floats: q = round(x / scale) + zero_point,
 * clamped to the output type; round is half away from zero and the
 * division is in float (TFLM's AffineQuantize with TfLiteRound). */
typedef struct tflm_affine_quant {
    float scale;
    int32_t zero_point;
} tflm_affine_quant;

void tflm_quantize_f32_s8(const tflm_affine_quant *quant, int32_t count, const float *input, int8_t *output);
void tflm_quantize_f32_s16(const tflm_affine_quant *quant, int32_t count, const float *input,
                           int16_t *output);

/* Requantization (TFLM's reference_ops::Requantize): q_out = clamp(
 * MultiplyByQuantizedMultiplier(q_in - input_zero_point, multiplier, shift)
 * + output_zero_point), the multiplier from input_scale / output_scale. */
typedef struct tflm_requantize_params {
    int32_t multiplier;
    int32_t shift;
    int32_t input_zero_point;
    int32_t output_zero_point;
} tflm_requantize_params;

/* QuantizeMultiplier((double)input_scale / (double)output_scale); false
 * when that is too large to apply (see tflm_quantize_multiplier). */
bool tflm_requantize_params_init(float input_scale, int32_t input_zero_point, float output_scale,
                                 int32_t output_zero_point, tflm_requantize_params *params);

void tflm_requantize_s8_s8(const tflm_requantize_params *p, int32_t count, const int8_t *input, int8_t *output);
void tflm_requantize_s8_u8(const tflm_requantize_params *p, int32_t count, const int8_t *input, uint8_t *output);
void tflm_requantize_s8_s16(const tflm_requantize_params *p, int32_t count, const int8_t *input, int16_t *output);
void tflm_requantize_s8_s32(const tflm_requantize_params *p, int32_t count, const int8_t *input, int32_t *output);
void tflm_requantize_u8_s8(const tflm_requantize_params *p, int32_t count, const uint8_t *input, int8_t *output);
void tflm_requantize_s16_s8(const tflm_requantize_params *p, int32_t count, const int16_t *input, int8_t *output);
void tflm_requantize_s16_s16(const tflm_requantize_params *p, int32_t count, const int16_t *input, int16_t *output);
void tflm_requantize_s16_s32(const tflm_requantize_params *p, int32_t count, const int16_t *input, int32_t *output);
void tflm_requantize_s32_s8(const tflm_requantize_params *p, int32_t count, const int32_t *input, int8_t *output);
void tflm_requantize_s32_s16(const tflm_requantize_params *p, int32_t count, const int32_t *input, int16_t *output);

/* round(x) half away from zero, in double, without libm (std::round). */
double tflm_round_f64(double x);

#endif /* TFLM_QUANTIZE_H */
