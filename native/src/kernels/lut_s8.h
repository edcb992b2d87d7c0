/*
 * lut_s8.h - int8 ops computed through a 256-entry table of a float
 * function (TFLM's ELU PopulateLookupTable and TF Lite's LUTPopulate, one
 * formula): entry x = clamp((int32)(round(f(in_scale * (x - in_zp)) *
 * (1 / out_scale)) + out_zp)), in float.
 */
#ifndef TFLM_KERNELS_LUT_S8_H
#define TFLM_KERNELS_LUT_S8_H

#include <stdint.h>

#include "lut.h" /* tflm_lut_fn */

/* table[(uint8_t)x] for x in -128..127. */
void tflm_lut_s8_populate(float input_scale, int32_t input_zero_point, float output_scale,
                          int32_t output_zero_point, tflm_lut_fn transform, const void *params,
                          int8_t table[256]);

void tflm_lut_s8_apply(const int8_t table[256], int32_t count, const int8_t *input, int8_t *output);

#endif /* TFLM_KERNELS_LUT_S8_H */
