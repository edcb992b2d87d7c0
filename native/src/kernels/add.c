#include "add.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Prepare-time arithmetic (double, as TFLM) ------------------------- */

static bool finite_nonzero(float x)
{
    return x != 0.0f && x <= 3.402823466e+38f && x >= -3.402823466e+38f; /* NaN fails */
}

static bool quantize_multiplier_smaller_than_one(tflm_f64 real, int32_t *multiplier, int32_t *shift)
{
    if (real.mantissa == 0 || tflm_f64_compare(real, tflm_f64_from_double(1.0)) >= 0) {
        return false;
    }
    int s;
    tflm_f64_quantize_multiplier(real, multiplier, &s);
    *shift = s;
    return s <= 0;
}

bool tflm_add_quant_multipliers(float input1_scale, float input2_scale, float output_scale,
                                int32_t left_shift, tflm_add_quant *quant)
{
    /* In double as TFLM, done exactly in integers (exact_f64.h) on the
     * magnitudes. TFLM's double quotients are positive and finite only when
     * every scale is finite, nonzero and of the larger input scale's sign. */
    const float max_input_scale = input1_scale > input2_scale ? input1_scale : input2_scale;
    const bool negative = max_input_scale < 0.0f;
    if (!finite_nonzero(input1_scale) || !finite_nonzero(input2_scale) ||
        !finite_nonzero(output_scale) || (input1_scale < 0.0f) != negative ||
        (input2_scale < 0.0f) != negative || (output_scale < 0.0f) != negative) {
        return false;
    }
    const tflm_f64 twice_max_input_scale = tflm_f64_ldexp(tflm_f64_from_float(max_input_scale), 1);
    const tflm_f64 real_input1_multiplier =
        tflm_f64_div(tflm_f64_from_float(input1_scale), twice_max_input_scale);
    const tflm_f64 real_input2_multiplier =
        tflm_f64_div(tflm_f64_from_float(input2_scale), twice_max_input_scale);
    const tflm_f64 real_output_multiplier = tflm_f64_div(
        twice_max_input_scale, tflm_f64_ldexp(tflm_f64_from_float(output_scale), left_shift));
    quant->left_shift = left_shift;
    return quantize_multiplier_smaller_than_one(real_input1_multiplier, &quant->input1_multiplier,
                                                &quant->input1_shift) &&
           quantize_multiplier_smaller_than_one(real_input2_multiplier, &quant->input2_multiplier,
                                                &quant->input2_shift) &&
           quantize_multiplier_smaller_than_one(real_output_multiplier, &quant->output_multiplier,
                                                &quant->output_shift);
}

/* ---- Pure compute -------------------------------------------------------- */

void tflm_add_s8(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output)
{
#define ADD_S8(i1, i2, o) output[o] = (int8_t)tflm_add_quantized(quant, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_S8);
#undef ADD_S8
}

void tflm_add_s16(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                  const int16_t *input1, const int16_t *input2, int16_t *output)
{
#define ADD_S16(i1, i2, o) output[o] = (int16_t)tflm_add_quantized(quant, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_S16);
#undef ADD_S16
}

void tflm_add_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output)
{
    const float lo = activation->min, hi = activation->max;
#define ADD_F32(i1, i2, o) output[o] = tflm_clamp_f32(input1[i1] + input2[i2], lo, hi)
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_F32);
#undef ADD_F32
}

void tflm_add_s32(const tflm_broadcast *broadcast, const int32_t *input1, const int32_t *input2,
                  int32_t *output)
{
#define ADD_S32(i1, i2, o) output[o] = (int32_t)((uint32_t)input1[i1] + (uint32_t)input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_S32);
#undef ADD_S32
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_add_data add_op_data;

static tflm_status add_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_binary_node binary;
    tflm_status status = tflm_binary_prepare(
        ctx, node, tflm_add_options_fused_activation_function(ctx, node),
        1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 | 1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT32,
        "FLOAT32, INT8, INT16 or INT32", &binary);
    if (status != TFLM_OK ||
        (binary.type == TFLM_TYPE_INT32 &&
         (status = tflm_binary_require_unquantized(ctx, node, &binary)) != TFLM_OK)) {
        return status;
    }
    add_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    const tflm_type type = binary.type;
    const int activation = binary.activation;
    if (type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) {
        const float *scale = binary.scale;
        const int32_t *zero_point = binary.zero_point;
        const int32_t left_shift = type == TFLM_TYPE_INT16 ? 15 : 20;
        if (!tflm_add_quant_multipliers(scale[0], scale[1], scale[2], left_shift, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "output scale too small for the input scales (multiplier not below 1)");
        }
        data->quant.input1_offset = -zero_point[0];
        data->quant.input2_offset = -zero_point[1];
        data->quant.output_offset = zero_point[2];
        const int32_t type_min = type == TFLM_TYPE_INT16 ? INT16_MIN : INT8_MIN;
        const int32_t type_max = type == TFLM_TYPE_INT16 ? INT16_MAX : INT8_MAX;
        tflm_activation_range_quantized(activation, scale[2], zero_point[2], type_min, type_max,
                                        &data->quant.activation.min, &data->quant.activation.max);
    } else if (type == TFLM_TYPE_FLOAT32) {
        tflm_activation_range_float(activation, &data->activation_f32.min, &data->activation_f32.max);
    }
    if ((status = tflm_add_variant(ctx, node, data, TFLM_ADD_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status add_invoke(tflm_context *ctx, tflm_node *node)
{
    const add_op_data *data = node->data;
    const tflm_variant *variant = TFLM_ADD_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_ADD, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_INT8:
        tflm_add_s8(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        break;
    case TFLM_TYPE_INT16:
        tflm_add_s16(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        break;
    case TFLM_TYPE_FLOAT32:
        tflm_add_f32(&data->activation_f32, &data->broadcast, input1->data, input2->data, output->data);
        break;
    default:
        tflm_add_s32(&data->broadcast, input1->data, input2->data, output->data);
        break;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_add = {
    .builtin_code = TFLM_BUILTIN_ADD,
    .custom_name = NULL,
    .name = "ADD",
    .prepare = add_prepare,
    .invoke = add_invoke,
    .output_aliases_input = false,
};
