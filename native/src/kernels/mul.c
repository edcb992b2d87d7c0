/*
 * MUL. Reference semantics: TFLM's mul.cc / mul_common.cc and
 * reference/mul.h, reference/integer_ops/mul.h (int8, int16, int32, float32).
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

void tflm_mul_s16(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                  const int16_t *input1, const int16_t *input2, int16_t *output)
{
#define MUL_S16(i1, i2, o) output[o] = (int16_t)tflm_mul_requantize(quant, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, MUL_S16);
#undef MUL_S16
}

void tflm_mul_s32(const tflm_activation *activation, const tflm_broadcast *broadcast,
                  const int32_t *input1, const int32_t *input2, int32_t *output)
{
    const int32_t lo = activation->min, hi = activation->max;
    /* The product wraps (TFLM's WrappingMul). */
#define MUL_S32(i1, i2, o) \
    output[o] = tflm_clamp_s32((int32_t)((uint32_t)input1[i1] * (uint32_t)input2[i2]), lo, hi)
    TFLM_BROADCAST_FOR_EACH(broadcast, MUL_S32);
#undef MUL_S32
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
                            1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 | 1u << TFLM_TYPE_FLOAT32 |
                                1u << TFLM_TYPE_INT32,
                            "FLOAT32, INT8, INT16 or INT32", &binary);
    if (status != TFLM_OK) {
        return status;
    }
    mul_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    const int activation = binary.activation;
    const tflm_type type = binary.type;
    if (type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) {
        const float *scale = binary.scale;
        const int32_t *zero_point = binary.zero_point;
        if (!tflm_mul_quant_multiplier(scale[0], scale[1], scale[2], &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "scales must be finite and positive, and input1 x input2 / output "
                             "below 2^31");
        }
        if (type == TFLM_TYPE_INT16 &&
            (zero_point[0] != 0 || zero_point[1] != 0 || zero_point[2] != 0)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d, %d and %d",
                             (int)zero_point[0], (int)zero_point[1], (int)zero_point[2]);
        }
        if (zero_point[0] < -128 || zero_point[0] > 127 || zero_point[1] < -128 ||
            zero_point[1] > 127 || zero_point[2] < -128 || zero_point[2] > 127) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "zero points must lie in [-128, 127]");
        }
        data->quant.input1_offset = -zero_point[0];
        data->quant.input2_offset = -zero_point[1];
        data->quant.output_offset = zero_point[2];
        tflm_activation_range_quantized(activation, scale[2], zero_point[2],
                                        type == TFLM_TYPE_INT16 ? INT16_MIN : INT8_MIN,
                                        type == TFLM_TYPE_INT16 ? INT16_MAX : INT8_MAX,
                                        &data->quant.activation.min, &data->quant.activation.max);
    } else if (type == TFLM_TYPE_INT32) {
        data->activation_s32 = tflm_activation_range_s32(activation);
    } else {
        tflm_activation_range_float(activation, &data->activation_f32.min, &data->activation_f32.max);
    }
    if ((status = tflm_mul_variant(ctx, node, data, TFLM_MUL_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status mul_invoke(tflm_context *ctx, tflm_node *node)
{
    const mul_op_data *data = node->data;
    const tflm_variant *variant = TFLM_MUL_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_MUL, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_INT8:
        tflm_mul_s8(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        break;
    case TFLM_TYPE_INT16:
        tflm_mul_s16(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        break;
    case TFLM_TYPE_INT32:
        tflm_mul_s32(&data->activation_s32, &data->broadcast, input1->data, input2->data,
                     output->data);
        break;
    default:
        tflm_mul_f32(&data->activation_f32, &data->broadcast, input1->data, input2->data,
                     output->data);
        break;
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
