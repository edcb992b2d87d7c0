/*
 * MUL. Reference semantics: TFLM's mul.cc / mul_common.cc and
 * reference/mul.h, reference/integer_ops/mul.h (int8, float32).
 */
#include "mul.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Prepare-time arithmetic (double, as TFLM) ------------------------- */

bool tflm_mul_quant_multiplier(float input1_scale, float input2_scale, float output_scale,
                               tflm_mul_quant *quant)
{
    if (!(input1_scale > 0.0f && input2_scale > 0.0f && output_scale > 0.0f) ||
        input1_scale > 3.0e38f || input2_scale > 3.0e38f || output_scale > 3.0e38f) {
        return false;
    }
    /* In double as TFLM, done exactly in integers (exact_f64.h). */
    const tflm_f64 real = tflm_f64_div(
        tflm_f64_mul(tflm_f64_from_float(input1_scale), tflm_f64_from_float(input2_scale)),
        tflm_f64_from_float(output_scale));
    int shift;
    tflm_f64_quantize_multiplier(real, &quant->output_multiplier, &shift);
    quant->output_shift = shift;
    return shift <= TFLM_MAX_MULTIPLIER_SHIFT;
}

/* ---- Pure compute -------------------------------------------------------- */

void tflm_mul_s8(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output)
{
#define MUL_S8(i1, i2, o) output[o] = tflm_mul_quantized(quant, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, MUL_S8);
#undef MUL_S8
}

void tflm_mul_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output)
{
    const float lo = activation->min, hi = activation->max;
#define MUL_F32(i1, i2, o) output[o] = tflm_clamp_f32(input1[i1] * input2[i2], lo, hi)
    TFLM_BROADCAST_FOR_EACH(broadcast, MUL_F32);
#undef MUL_F32
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_mul_data mul_op_data;

static tflm_status mul_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_binary_node binary;
    tflm_status status =
        tflm_binary_prepare(ctx, node, tflm_mul_options_fused_activation_function(ctx, node),
                            1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_FLOAT32, "FLOAT32 or INT8",
                            &binary);
    if (status != TFLM_OK) {
        return status;
    }
    mul_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    const int activation = binary.activation;
    if (binary.type == TFLM_TYPE_INT8) {
        const float *scale = binary.scale;
        const int32_t *zero_point = binary.zero_point;
        if (!tflm_mul_quant_multiplier(scale[0], scale[1], scale[2], &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "scales must be finite and positive, and input1 x input2 / output "
                             "below 2^31");
        }
        if (zero_point[0] < -128 || zero_point[0] > 127 || zero_point[1] < -128 ||
            zero_point[1] > 127 || zero_point[2] < -128 || zero_point[2] > 127) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "zero points must lie in [-128, 127]");
        }
        data->quant.input1_offset = -zero_point[0];
        data->quant.input2_offset = -zero_point[1];
        data->quant.output_offset = zero_point[2];
        tflm_activation_range_quantized(activation, scale[2], zero_point[2], INT8_MIN, INT8_MAX,
                                        &data->quant.activation.min, &data->quant.activation.max);
    } else {
        tflm_activation_range_float(activation, &data->activation_f32.min, &data->activation_f32.max);
    }
    if ((status = tflm_mul_variant(ctx, node, data, &data->variant)) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status mul_invoke(tflm_context *ctx, tflm_node *node)
{
    const mul_op_data *data = node->data;
    if (tflm_variant_chosen(TFLM_VARIANT_MUL, &data->variant)) {
        return data->variant.invoke(ctx, node, data->variant.plan);
    }
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type == TFLM_TYPE_INT8) {
        tflm_mul_s8(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
    } else {
        tflm_mul_f32(&data->activation_f32, &data->broadcast, input1->data, input2->data,
                     output->data);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_mul = {
    .builtin_code = TFLM_BUILTIN_MUL,
    .custom_name = NULL,
    .name = "MUL",
    .prepare = mul_prepare,
    .invoke = mul_invoke,
    .output_aliases_input = false,
};
