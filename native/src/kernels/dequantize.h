/*
 * dequantize.h - the pure compute functions of DEQUANTIZE (integer ->
 * float32), over flat element runs.
 */
#ifndef TFLM_DEQUANTIZE_H
#define TFLM_DEQUANTIZE_H

#include <stdint.h>

#include "quantize.h" /* tflm_affine_quant */

/* Dequantization (TFLM's reference_ops::Dequantize): x = scale * (q - zero_point)
 * in float. */
void tflm_dequantize_s8_f32(const tflm_affine_quant *quant, int32_t count, const int8_t *input, float *output);
void tflm_dequantize_u8_f32(const tflm_affine_quant *quant, int32_t count, const uint8_t *input, float *output);
void tflm_dequantize_s16_f32(const tflm_affine_quant *quant, int32_t count, const int16_t *input,
                             float *output);

#endif /* TFLM_DEQUANTIZE_H */
