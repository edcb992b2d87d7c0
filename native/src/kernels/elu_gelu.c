/*
 * elu_gelu.c - ELU (TFLM's elu.cc, reference/elu.h) and GELU (TF Lite's
 * gelu.cc and reference/gelu.h; TFLM lacks it): FLOAT32 directly, INT8
 * through a 256-entry table of the float function built at prepare, as
 * both TFLM's ELU and TF Lite's GELU do.
 */
#include "elu_gelu.h"

#include "f32_math.h"
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
    int8_t table[256]; /* INT8 */
    float (*fn)(float); /* FLOAT32 */
    int32_t count;
} lut_op_data;

static tflm_status lut_prepare(tflm_context *ctx, tflm_node *node, float (*fn)(float), float (*table_fn)(float))
{
    const tflm_tensor *input, *output;
    tflm_unary_quant q;
    const tflm_status status =
        tflm_unary_prepare(ctx, node, TFLM_TYPES_F32_S8, "FLOAT32 or INT8", &input, &output, &q);
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
    node->data = data;
    if (input->type == TFLM_TYPE_INT8) {
        tflm_lut_s8_populate(q.input_scale, q.input_zero_point, q.output_scale, q.output_zero_point, table_fn,
                             data->table);
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
    return lut_prepare(ctx, node, tflm_elu_f32, tflm_elu_table_f32);
}

static tflm_status gelu_prepare(tflm_context *ctx, tflm_node *node)
{
    const bool approximate = tflm_gelu_options_approximate(ctx, node);
    float (*fn)(float) = approximate ? tflm_gelu_approximate_f32 : tflm_gelu_f32;
    return lut_prepare(ctx, node, fn, fn);
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
