/*
 * elementwise_tables.h - TF Lite's integer EXP, LOG, SQRT and int16 RSQRT
 * (exp.cc, elementwise.cc; TFLM has float only): EXP, LOG and RSQRT read
 * a table of the float function built at prepare (lut_s8.h for int8, the
 * interpolated 513 entries of lut.h for int16); SQRT computes each element
 * in float. As in TF Lite, an int16 table's samples are f(x) / output
 * scale: the output zero point drops out (converters write 0 for int16).
 */
#ifndef TFLM_KERNELS_ELEMENTWISE_TABLES_H
#define TFLM_KERNELS_ELEMENTWISE_TABLES_H

#include <stdint.h>

#include "tflm/kernel.h"

typedef enum tflm_table_fn {
    TFLM_TABLE_EXP,  /* e^x */
    TFLM_TABLE_LOG,  /* ln x; at or below 0 the output type's minimum */
    TFLM_TABLE_RSQRT /* 1 / sqrt x (int16); at or below 0 the maximum */
} tflm_table_fn;

/* The function's table for an int8 (256 entries) or int16 (513) input and
 * output of these scales and zero points. */
void tflm_table_s8(tflm_table_fn fn, float input_scale, int32_t input_zero_point, float output_scale,
                   int32_t output_zero_point, int8_t *table);
void tflm_table_s16(tflm_table_fn fn, float input_scale, int32_t input_zero_point, float output_scale,
                    int32_t output_zero_point, int16_t *table);

/* SQRT of x (x's real value input_scale * (x - input_zero_point), at least
 * 0): the float root over output_scale truncated toward zero, plus the
 * output zero point, clamped to [lo, hi]. */
int32_t tflm_sqrt_quantized(float input_scale, int32_t input_zero_point, float output_scale,
                            int32_t output_zero_point, int32_t x, int32_t lo, int32_t hi);

#endif /* TFLM_KERNELS_ELEMENTWISE_TABLES_H */
