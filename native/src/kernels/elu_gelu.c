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
    if (node->inputs->size != 1 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (input->type != TFLM_TYPE_FLOAT32 && input->type != TFLM_TYPE_INT8) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected FLOAT32 or INT8",
                         tflm_type_name_of(input->type));
    }
    if (output->type != input->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(output->type), tflm_type_name_of(input->type));
    }
    const int32_t count = tflm_element_count(input);
    if (tflm_element_count(output) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(output), (int)count);
    }
    lut_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    data->fn = fn;
    node->data = data;
    if (input->type == TFLM_TYPE_INT8) {
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if (!tflm_per_tensor_quantization(ctx, input, &in_scale, &in_zp) ||
            !tflm_per_tensor_quantization(ctx, output, &out_scale, &out_zp)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT8 input and output need quantization scales");
        }
        if (!(out_scale > 0.0f)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output scale %g not supported; expected > 0",
                             (double)out_scale);
        }
        tflm_lut_s8_populate(in_scale, in_zp, out_scale, out_zp, table_fn, data->table);
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
