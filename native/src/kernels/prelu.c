/*
 * prelu.c - PRELU (TFLM's prelu.cc, prelu_common.cc; reference/prelu.h):
 * x >= 0 ? x : x * alpha, alpha broadcast against the input. FLOAT32,
 * INT8 (int8 alpha) and INT16 (int8 alpha): x >= 0 requantized with
 * input scale / output scale, x < 0 as the integer product x * alpha
 * requantized with input scale * alpha scale / output scale.
 */
#include "prelu.h"

#include "binary_common.h"
#include "exact_f64.h"
#include "fixed_point.h"
#include "nn_types.h"
#include "quant_util.h"
#include "tflm/ops.h"

/* ---- Pure compute -------------------------------------------------------- */

int32_t tflm_prelu_quantized(const tflm_prelu_quant *q, int32_t x, int32_t alpha, int32_t lo, int32_t hi)
{
    const int32_t value = x - q->input_zero_point;
    const int32_t out = value >= 0
                            ? tflm_multiply_by_quantized_multiplier(value, q->identity_multiplier, q->identity_shift)
                            : tflm_multiply_by_quantized_multiplier(value * (alpha - q->alpha_zero_point),
                                                                    q->alpha_multiplier, q->alpha_shift);
    return tflm_clamp_s32(out + q->output_zero_point, lo, hi);
}

/* ---- Node glue -------------------------------------------------------------- */

typedef struct prelu_op_data {
    tflm_prelu_quant quant;
    tflm_broadcast broadcast;
} prelu_op_data;

static tflm_status prelu_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 2 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 2 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *alpha = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || alpha == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input, alpha or output tensor missing");
    }
    if (input->type != TFLM_TYPE_FLOAT32 && input->type != TFLM_TYPE_INT8 && input->type != TFLM_TYPE_INT16) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected FLOAT32, INT8 or INT16",
                         tflm_type_name_of(input->type));
    }
    if (output->type != input->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(output->type), tflm_type_name_of(input->type));
    }
    const uint8_t alpha_type = input->type == TFLM_TYPE_FLOAT32 ? TFLM_TYPE_FLOAT32 : TFLM_TYPE_INT8;
    if (alpha->type != alpha_type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "alpha type %s not supported for %s input; expected %s",
                         tflm_type_name_of(alpha->type), tflm_type_name_of(input->type),
                         tflm_type_name_of(alpha_type));
    }
    prelu_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    if (!tflm_broadcast_init(input->dims->data, input->dims->size, alpha->dims->data, alpha->dims->size,
                             output->dims->data, output->dims->size, &data->broadcast)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input and alpha shapes do not broadcast to the output's (at most %d dimensions)",
                         TFLM_BROADCAST_MAX_DIMS);
    }
    node->data = data;
    if (input->type == TFLM_TYPE_FLOAT32) {
        return TFLM_OK;
    }
    float in_scale, alpha_scale, out_scale;
    tflm_prelu_quant *q = &data->quant;
    if (!tflm_per_tensor_quantization(ctx, input, &in_scale, &q->input_zero_point) ||
        !tflm_per_tensor_quantization(ctx, alpha, &alpha_scale, &q->alpha_zero_point) ||
        !tflm_per_tensor_quantization(ctx, output, &out_scale, &q->output_zero_point)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "quantized PRELU needs scales on all tensors");
    }
    /* In double, as TFLM: in / out and in * alpha / out. */
    const tflm_f64 in = tflm_f64_from_float(in_scale), out = tflm_f64_from_float(out_scale);
    if (!(in_scale > 0.0f && alpha_scale > 0.0f && out_scale > 0.0f) ||
        !tflm_quantize_multiplier(tflm_f64_to_double(tflm_f64_div(in, out)), &q->identity_multiplier,
                                  &q->identity_shift) ||
        !tflm_quantize_multiplier(
            tflm_f64_to_double(tflm_f64_div(tflm_f64_mul(in, tflm_f64_from_float(alpha_scale)), out)),
            &q->alpha_multiplier, &q->alpha_shift)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "scales must be positive, and input / output and input * alpha / output below 2^31");
    }
    return TFLM_OK;
}

static tflm_status prelu_invoke(tflm_context *ctx, tflm_node *node)
{
    const prelu_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *alpha = tflm_input(ctx, node, 1);
    void *output = tflm_output(ctx, node, 0)->data;
    const tflm_prelu_quant *q = &d->quant;
    if (input->type == TFLM_TYPE_FLOAT32) {
        const float *x = input->data, *a = alpha->data;
        float *o = output;
#define PRELU_F32(i1, i2, k) o[k] = x[i1] >= 0.0f ? x[i1] : x[i1] * a[i2]
        TFLM_BROADCAST_FOR_EACH(&d->broadcast, PRELU_F32);
#undef PRELU_F32
    } else if (input->type == TFLM_TYPE_INT8) {
        const int8_t *x = input->data, *a = alpha->data;
        int8_t *o = output;
#define PRELU_S8(i1, i2, k) o[k] = (int8_t)tflm_prelu_quantized(q, x[i1], a[i2], INT8_MIN, INT8_MAX)
        TFLM_BROADCAST_FOR_EACH(&d->broadcast, PRELU_S8);
#undef PRELU_S8
    } else {
        const int16_t *x = input->data;
        const int8_t *a = alpha->data;
        int16_t *o = output;
#define PRELU_S16(i1, i2, k) o[k] = (int16_t)tflm_prelu_quantized(q, x[i1], a[i2], INT16_MIN, INT16_MAX)
        TFLM_BROADCAST_FOR_EACH(&d->broadcast, PRELU_S16);
#undef PRELU_S16
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_prelu = {
    .builtin_code = TFLM_BUILTIN_PRELU,
    .custom_name = NULL,
    .name = "PRELU",
    .prepare = prelu_prepare,
    .invoke = prelu_invoke,
    .output_aliases_input = false,
};
