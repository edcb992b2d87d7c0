/*
 * SUB. Reference semantics: TFLM's sub.cc / sub_common.cc and
 * reference/sub.h: float32 and int32 clamp(in1 - in2) to the fused
 * activation (int32 wraps, unquantized); int8 and int16 as ADD's
 * AddElementwise with the difference of the rescaled inputs, the
 * multipliers derived in float where ADD derives them in double.
 */
#include "add.h"
#include "binary_common.h"
#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct sub_data {
    tflm_broadcast broadcast;
    tflm_add_quant quant;               /* int8, int16 */
    tflm_activation activation_s32;     /* int32       */
    tflm_activation_f32 activation_f32; /* float32     */
} sub_data;

/* QuantizeMultiplierSmallerThanOneExp: false unless 0 < real < 1 after
 * rounding (TFLM aborts otherwise). */
static bool multiplier_below_one(float real, int32_t *multiplier, int32_t *shift)
{
    if (!(real > 0.0f && real < 1.0f)) {
        return false;
    }
    int s;
    tflm_f64_quantize_multiplier(tflm_f64_from_float(real), multiplier, &s);
    *shift = s;
    return s <= 0;
}

/* TFLM's CalculateOpDataSub: unlike ADD's, every step is a float
 * operation, widened to double only for QuantizeMultiplier. */
static bool sub_multipliers(const float scale[3], int32_t left_shift, tflm_add_quant *q)
{
    for (int i = 0; i < 3; ++i) {
        if (!(scale[i] > 0.0f && scale[i] <= 3.402823466e+38f)) {
            return false;
        }
    }
    const float twice_max = 2.0f * (scale[0] > scale[1] ? scale[0] : scale[1]);
    q->left_shift = left_shift;
    return multiplier_below_one(scale[0] / twice_max, &q->input1_multiplier, &q->input1_shift) &&
           multiplier_below_one(scale[1] / twice_max, &q->input2_multiplier, &q->input2_shift) &&
           multiplier_below_one(twice_max / ((float)((int32_t)1 << left_shift) * scale[2]),
                                &q->output_multiplier, &q->output_shift);
}

static inline int32_t sub_quantized(const tflm_add_quant *q, int32_t x1, int32_t x2)
{
    /* in uint32: hostile zero points must not make it overflow */
    const uint32_t a = (uint32_t)tflm_add_rescale(q, q->input1_offset, x1, q->input1_multiplier,
                                                  q->input1_shift);
    const uint32_t b = (uint32_t)tflm_add_rescale(q, q->input2_offset, x2, q->input2_multiplier,
                                                  q->input2_shift);
    return tflm_add_output(q, (int32_t)(a - b));
}

static tflm_status sub_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_binary_node binary;
    tflm_status status = tflm_binary_prepare(
        ctx, node, tflm_sub_options_fused_activation_function(ctx, node),
        1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 | 1u << TFLM_TYPE_INT32,
        "FLOAT32, INT8, INT16 or INT32", &binary);
    if (status != TFLM_OK ||
        (binary.type == TFLM_TYPE_INT32 &&
         (status = tflm_binary_require_unquantized(ctx, node, &binary)) != TFLM_OK)) {
        return status;
    }
    sub_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    const tflm_type type = binary.type;
    if (type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) {
        const bool is16 = type == TFLM_TYPE_INT16;
        if (!sub_multipliers(binary.scale, is16 ? 15 : 20, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "scales must be positive and finite, the output scale not too small "
                             "for the input scales (multiplier below 1)");
        }
        data->quant.input1_offset = -binary.zero_point[0];
        data->quant.input2_offset = -binary.zero_point[1];
        data->quant.output_offset = binary.zero_point[2];
        tflm_activation_range_quantized(binary.activation, binary.scale[2], binary.zero_point[2],
                                        is16 ? INT16_MIN : INT8_MIN, is16 ? INT16_MAX : INT8_MAX,
                                        &data->quant.activation.min, &data->quant.activation.max);
    } else if (type == TFLM_TYPE_INT32) {
        data->activation_s32 = tflm_activation_range_s32(binary.activation);
    } else {
        tflm_activation_range_float(binary.activation, &data->activation_f32.min,
                                    &data->activation_f32.max);
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status sub_invoke(tflm_context *ctx, tflm_node *node)
{
    const sub_data *data = node->data;
    const tflm_broadcast *bc = &data->broadcast;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_INT8: {
#define SUB_S8(i1, i2, o) out_[o] = (int8_t)sub_quantized(&data->quant, in1_[i1], in2_[i2])
        TFLM_BINARY_LOOP(bc, int8_t, int8_t, input1, input2, output, SUB_S8);
#undef SUB_S8
        break;
    }
    case TFLM_TYPE_INT16: {
#define SUB_S16(i1, i2, o) out_[o] = (int16_t)sub_quantized(&data->quant, in1_[i1], in2_[i2])
        TFLM_BINARY_LOOP(bc, int16_t, int16_t, input1, input2, output, SUB_S16);
#undef SUB_S16
        break;
    }
    case TFLM_TYPE_INT32: {
        const int32_t lo = data->activation_s32.min, hi = data->activation_s32.max;
#define SUB_S32(i1, i2, o) \
    out_[o] = tflm_clamp_s32((int32_t)((uint32_t)in1_[i1] - (uint32_t)in2_[i2]), lo, hi)
        TFLM_BINARY_LOOP(bc, int32_t, int32_t, input1, input2, output, SUB_S32);
#undef SUB_S32
        break;
    }
    default: {
        const float lo = data->activation_f32.min, hi = data->activation_f32.max;
#define SUB_F32(i1, i2, o) out_[o] = tflm_clamp_f32(in1_[i1] - in2_[i2], lo, hi)
        TFLM_BINARY_LOOP(bc, float, float, input1, input2, output, SUB_F32);
#undef SUB_F32
        break;
    }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_sub = {
    .builtin_code = TFLM_BUILTIN_SUB,
    .custom_name = NULL,
    .name = "SUB",
    .prepare = sub_prepare,
    .invoke = sub_invoke,
    .output_aliases_input = false,
};
