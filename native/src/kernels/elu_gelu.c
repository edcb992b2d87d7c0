/*
 * elu_gelu.c - ELU (TFLM's elu.cc, reference/elu.h) and GELU (TF Lite's
 * gelu.cc and reference/gelu.h; TFLM lacks it): FLOAT32 directly, INT8
 * through a 256-entry table of the float function built at prepare, as
 * both TFLM's ELU and TF Lite's GELU do, and GELU's INT16 through TF
 * Lite's interpolated 513-entry table (lut.h).
 */
#include "elu_gelu.h"

#include "f32_math.h"
#include "lut.h"
#include "lut_s8.h"
#include "quant_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"
#include "unary_common.h"

/* ---- Pure compute -------------------------------------------------------- */

float tflm_elu_f32(float x)
{
    return x < 0.0f ? tflm_expm1f(x) : x;
}

float tflm_elu_table_f32(float x)
{
    return x < 0.0f ? tflm_expf(x) - 1.0f : x;
}

float tflm_gelu_f32(float x)
{
    return 0.5f * x * tflm_erfcf(x * -0.70710677f); /* (float)-M_SQRT1_2 */
}

float tflm_gelu_approximate_f32(float x)
{
    const float sqrt_2_over_pi = 0.7978846f; /* (float)(M_2_SQRTPI * M_SQRT1_2) */
    return 0.5f * x * (1.0f + tflm_tanhf(sqrt_2_over_pi * (x + 0.044715f * x * x * x)));
}

/* ---- Node glue -------------------------------------------------------------- */

typedef struct lut_op_data {
    void *table;        /* INT8: int8_t[256]; INT16 (GELU): int16_t[TFLM_LUT_S16_SIZE] */
    float (*fn)(float); /* FLOAT32 */
    int32_t count;
} lut_op_data;

/* A float function as a table's function (lut.h): params holds it. */
typedef struct float_fn {
    float (*fn)(float);
} float_fn;

static float call_float_fn(float x, const void *params)
{
    return ((const float_fn *)params)->fn(x);
}

/* with_s16: GELU, which TF Lite also runs on INT16 (ELU is INT8 only). */
static tflm_status lut_prepare(tflm_context *ctx, tflm_node *node, float (*fn)(float), float (*table_fn)(float),
                               bool with_s16)
{
    const tflm_tensor *input, *output;
    tflm_unary_quant q;
    const tflm_status status =
        with_s16 ? tflm_unary_prepare(ctx, node, TFLM_TYPES_F32_S8_S16, "FLOAT32, INT8 or INT16", &input, &output, &q)
                 : tflm_unary_prepare(ctx, node, TFLM_TYPES_F32_S8, "FLOAT32 or INT8", &input, &output, &q);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t count = tflm_element_count(input);
    lut_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    data->fn = fn;
    data->table = NULL;
    node->data = data;
    if (input->type == TFLM_TYPE_FLOAT32) {
        return TFLM_OK;
    }
    const bool s8 = input->type == TFLM_TYPE_INT8;
    data->table = tflm_alloc_persistent(ctx, s8 ? 256 : TFLM_LUT_S16_SIZE * sizeof(int16_t));
    if (data->table == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    const float_fn table = {table_fn};
    if (s8) {
        tflm_lut_s8_populate(q.input_scale, q.input_zero_point, q.output_scale, q.output_zero_point, call_float_fn,
                             &table, data->table);
    } else {
        tflm_lut_populate_s16(q.input_scale, q.input_zero_point, q.output_scale, q.output_zero_point,
                              call_float_fn, &table, data->table);
    }
    return TFLM_OK;
}

static tflm_status lut_invoke(tflm_context *ctx, tflm_node *node)
{
    const lut_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        tflm_lut_s8_apply(d->table, d->count, input->data, out);
    } else if (input->type == TFLM_TYPE_INT16) {
        const int16_t *in = input->data;
        for (int32_t i = 0; i < d->count; ++i) {
            ((int16_t *)out)[i] = tflm_lut_lookup_s16(in[i], d->table);
        }
    } else {
        const float *in = input->data;
        for (int32_t i = 0; i < d->count; ++i) {
            ((float *)out)[i] = d->fn(in[i]);
        }
    }
    return TFLM_OK;
}

static tflm_status elu_prepare(tflm_context *ctx, tflm_node *node)
{
    return lut_prepare(ctx, node, tflm_elu_f32, tflm_elu_table_f32, false);
}

static tflm_status gelu_prepare(tflm_context *ctx, tflm_node *node)
{
    const bool approximate = tflm_gelu_options_approximate(ctx, node);
    float (*fn)(float) = approximate ? tflm_gelu_approximate_f32 : tflm_gelu_f32;
    return lut_prepare(ctx, node, fn, fn, true);
}

const tflm_kernel tflm_op_elu = {
    .builtin_code = TFLM_BUILTIN_ELU,
    .custom_name = NULL,
    .name = "ELU",
    .prepare = elu_prepare,
    .invoke = lut_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_gelu = {
    .builtin_code = TFLM_BUILTIN_GELU,
    .custom_name = NULL,
    .name = "GELU",
    .prepare = gelu_prepare,
    .invoke = lut_invoke,
    .output_aliases_input = false,
};
