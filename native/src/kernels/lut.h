/*
 * lut.h - TF Lite's int16 lookup tables with linear interpolation
 * (LUTPopulate<int16_t> and LUTLookup of kernels/internal/common.h), which
 * SOFTMAX's int16 kernel (and TF Lite's int16 LOGISTIC, TANH, ...) build on:
 * 513 entries, the high 9 bits of an int16 index one, the low 7 interpolate
 * towards the next.
 */
#ifndef TFLM_KERNELS_LUT_H
#define TFLM_KERNELS_LUT_H

#include <stdint.h>

#define TFLM_LUT_S16_SIZE 513

/* A function a table samples, with its parameters (TF Lite's FloatFn). */
typedef float (*tflm_lut_fn)(float x, const void *params);

/* Samples transform over the input range of an int16 tensor (input_scale,
 * input_zero_point) into lut, in the units of an int16 output
 * (output_scale, output_zero_point), in float as TF Lite computes it: each
 * entry is biased by half the interpolation error at its midpoint. An
 * entry whose arithmetic meets infinities gives NaN there; it is 0, what
 * x86's conversion of NaN to an int16 gives TF Lite. */
void tflm_lut_populate_s16(float input_scale, int32_t input_zero_point, float output_scale,
                           int32_t output_zero_point, tflm_lut_fn transform, const void *params, int16_t *lut);

/* transform(value) from a table tflm_lut_populate_s16 filled. */
static inline int16_t tflm_lut_lookup_s16(int16_t value, const int16_t *lut)
{
    const uint32_t index = (uint32_t)(256 + (value >> 7)); /* 0..511 */
    const int32_t offset = value & 0x7f;
    const int32_t base = lut[index];
    const int32_t slope = lut[index + 1] - lut[index];
    /* Q0.x * Q0.7, rounded back to Q0.x; the sum wraps as int16 */
    return (int16_t)(uint16_t)(uint32_t)(base + ((slope * offset + 64) >> 7));
}

#endif /* TFLM_KERNELS_LUT_H */
