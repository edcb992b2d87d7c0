/*
 * elementwise_tables.c - see elementwise_tables.h.
 */
#include "elementwise_tables.h"

#include "f32_math.h"
#include "lut.h"
#include "lut_s8.h"

/* What the function gives at or below 0, where LOG and RSQRT have no real
 * value (TF Lite's lut_func_params). */
typedef struct table_params {
    float at_or_below_zero;
} table_params;

static float exp_fn(float x, const void *params)
{
    (void)params;
    return tflm_expf(x);
}

static float log_fn(float x, const void *params)
{
    return x <= 0.0f ? ((const table_params *)params)->at_or_below_zero : tflm_logf(x);
}

static float rsqrt_fn(float x, const void *params)
{
    return x <= 0.0f ? ((const table_params *)params)->at_or_below_zero : 1.0f / tflm_sqrtf(x);
}

static tflm_lut_fn function_of(tflm_table_fn fn)
{
    return fn == TFLM_TABLE_EXP ? exp_fn : fn == TFLM_TABLE_LOG ? log_fn : rsqrt_fn;
}

/* LOG: the output's lowest value, (min - zero point) * scale; RSQRT: its
 * highest, 32767 * scale (int16 only). */
static table_params params_of(tflm_table_fn fn, int32_t type_min, float output_scale, int32_t output_zero_point)
{
    const table_params p = {fn == TFLM_TABLE_LOG ? (float)(type_min - output_zero_point) * output_scale
                                                 : 32767.0f * output_scale};
    return p;
}

void tflm_table_s8(tflm_table_fn fn, float input_scale, int32_t input_zero_point, float output_scale,
                   int32_t output_zero_point, int8_t *table)
{
    const table_params p = params_of(fn, INT8_MIN, output_scale, output_zero_point);
    tflm_lut_s8_populate(input_scale, input_zero_point, output_scale, output_zero_point, function_of(fn), &p,
                         table);
}

void tflm_table_s16(tflm_table_fn fn, float input_scale, int32_t input_zero_point, float output_scale,
                    int32_t output_zero_point, int16_t *table)
{
    const table_params p = params_of(fn, INT16_MIN, output_scale, output_zero_point);
    tflm_lut_populate_s16(input_scale, input_zero_point, output_scale, output_zero_point, function_of(fn), &p,
                          table);
}

int32_t tflm_sqrt_quantized(float input_scale, int32_t input_zero_point, float output_scale,
                            int32_t output_zero_point, int32_t x, int32_t lo, int32_t hi)
{
    const float root = tflm_sqrtf(input_scale * (float)(x - input_zero_point)) / output_scale;
    /* static_cast<int> truncates; beyond int32 (and for NaN, which the
     * caller's check excludes) C leaves it undefined: saturate. */
    const int64_t truncated = root >= 2147483648.0f ? INT32_MAX : (int64_t)root;
    const int64_t out = truncated + output_zero_point;
    return out < lo ? lo : (out > hi ? hi : (int32_t)out);
}
