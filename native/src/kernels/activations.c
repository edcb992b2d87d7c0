/*
 * activations.c - the clamping activations and LEAKY_RELU: RELU, RELU6
 * (TFLM's activations.cc, activations_common.cc), RELU_N1_TO_1 and
 * RELU_0_TO_1 (TF Lite's activations.cc: TFLM lacks them), LEAKY_RELU
 * (TFLM's leaky_relu_common.cc, reference/leaky_relu.h).
 *
 * Quantized RELU, RELU6, RELU_N1_TO_1 and RELU_0_TO_1 requantize the input
 * to the output scale and clamp to the range's quantized bounds, as TF Lite
 * does. TFLM's RELU6 clamps the input between its own quantized 0 and 6
 * without requantizing: the same bytes when input and output share their
 * quantization, wrong ones when they differ, as TensorFlow's converter
 * writes them (../shared/opzoo relu6_i8).
 */
#include "activations.h"

#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "nn_types.h"
#include "quant_util.h"
#include "tflm/ops.h"
#include "unary_common.h"

/* ---- Pure compute -------------------------------------------------------- */

int32_t tflm_relu_quantized(const tflm_relu_quant *q, int32_t x)
{
    int32_t out = q->output_zero_point
                  + tflm_multiply_by_quantized_multiplier(x - q->input_zero_point, q->multiplier, q->shift);
    return tflm_clamp_s32(out, q->min, q->max);
}

float tflm_leaky_relu_f32(float alpha, float x)
{
    return x > 0.0f ? x : x * alpha;
}

int32_t tflm_leaky_relu_quantized(const tflm_leaky_relu_quant *q, int32_t x, int32_t lo, int32_t hi)
{
    const int32_t value = x - q->input_zero_point;
    int32_t out = q->output_zero_point;
    if (value >= 0) {
        out += tflm_multiply_by_quantized_multiplier(value, q->identity_multiplier, q->identity_shift);
    } else {
        /* A negative alpha: its magnitude's multiplier, then the sign. */
        const int32_t scaled = tflm_multiply_by_quantized_multiplier(value, q->alpha_multiplier, q->alpha_shift);
        out += q->alpha_negative ? -scaled : scaled;
    }
    return tflm_clamp_s32(out, lo, hi);
}

/* ---- Node glue -------------------------------------------------------------- */

typedef enum act_op { ACT_RELU, ACT_RELU6, ACT_RELU_N1_TO_1, ACT_RELU_0_TO_1, ACT_LEAKY_RELU } act_op;

typedef struct act_op_data {
    int32_t count;
    float lo, hi;             /* float clamp range */
    tflm_relu_quant relu;     /* quantized RELU family; RELU6 uses min/max only */
    tflm_leaky_relu_quant leaky;
    float alpha;
} act_op_data;

static const float RANGE_LO[] = {[ACT_RELU] = 0.0f, [ACT_RELU6] = 0.0f, [ACT_RELU_N1_TO_1] = -1.0f,
                                 [ACT_RELU_0_TO_1] = 0.0f};
static const float RANGE_HI[] = {[ACT_RELU] = __builtin_inff(), [ACT_RELU6] = 6.0f, [ACT_RELU_N1_TO_1] = 1.0f,
                                 [ACT_RELU_0_TO_1] = 1.0f};

/* zero_point + (int32)round(value / scale), clamped to [lo, hi]; false when
 * the quotient is beyond int32 (a hostile scale). */
static bool quantize_bound(float value, float scale, int32_t zero_point, int32_t lo, int32_t hi, int32_t *out)
{
    const float r = tflm_roundf(value / scale);
    if (!(r > -2147483648.0f && r < 2147483648.0f)) {
        return false;
    }
    const int64_t q = (int64_t)r + zero_point;
    *out = (int32_t)(q < lo ? lo : (q > hi ? hi : q));
    return true;
}

/* The Q31 multiplier of a float ratio (the quotient taken in float, as TFLM). */
static bool ratio_multiplier(float ratio, int32_t *multiplier, int *shift)
{
    return ratio > 0.0f && ratio < 3.4e38f && tflm_quantize_multiplier(tflm_f64_widen(ratio), multiplier, shift);
}

static tflm_status act_prepare(tflm_context *ctx, tflm_node *node, act_op op)
{
    const bool with_int16 = op == ACT_RELU || op == ACT_RELU6 || op == ACT_LEAKY_RELU;
    const tflm_tensor *input, *output;
    tflm_unary_quant q;
    const tflm_status status = tflm_unary_prepare(ctx, node, with_int16 ? TFLM_TYPES_F32_S8_S16 : TFLM_TYPES_F32_S8,
                                                  with_int16 ? "FLOAT32, INT8 or INT16" : "FLOAT32 or INT8",
                                                  &input, &output, &q);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t count = tflm_element_count(input);
    act_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    if (op == ACT_LEAKY_RELU) {
        data->alpha = tflm_leaky_relu_options_alpha(ctx, node);
    } else {
        data->lo = RANGE_LO[op];
        data->hi = RANGE_HI[op];
    }
    node->data = data;
    if (input->type == TFLM_TYPE_FLOAT32) {
        return TFLM_OK;
    }
    const float in_scale = q.input_scale, out_scale = q.output_scale;
    const int32_t in_zp = q.input_zero_point, out_zp = q.output_zero_point;
    int32_t type_lo, type_hi;
    tflm_s8_s16_range(input->type, &type_lo, &type_hi);
    if (input->type == TFLM_TYPE_INT16 && op == ACT_RELU && (in_zp != 0 || out_zp != 0)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d and %d", (int)in_zp,
                         (int)out_zp);
    }
    tflm_relu_quant *r = &data->relu;
    r->input_zero_point = in_zp;
    r->output_zero_point = out_zp;
    if (op == ACT_LEAKY_RELU) {
        tflm_leaky_relu_quant *l = &data->leaky;
        l->input_zero_point = in_zp;
        l->output_zero_point = out_zp;
        const float alpha_ratio = in_scale * data->alpha / out_scale;
        l->alpha_negative = alpha_ratio < 0.0f;
        l->alpha_multiplier = 0;
        l->alpha_shift = 0;
        if (!ratio_multiplier(in_scale / out_scale, &l->identity_multiplier, &l->identity_shift) ||
            (alpha_ratio != 0.0f &&
             !ratio_multiplier(l->alpha_negative ? -alpha_ratio : alpha_ratio, &l->alpha_multiplier, &l->alpha_shift))) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input scale * alpha / output scale or input scale / output scale is out of range "
                             "(2^31 or more, or not finite)");
        }
        return TFLM_OK;
    }
    if (!ratio_multiplier(in_scale / out_scale, &r->multiplier, &r->shift) ||
        !quantize_bound(data->lo, out_scale, out_zp, type_lo, type_hi, &r->min) ||
        (op != ACT_RELU && !quantize_bound(data->hi, out_scale, out_zp, type_lo, type_hi, &r->max))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input scale / output scale is out of range (2^31 or more, or not finite), or the "
                         "output scale is too small for the clamp range");
    }
    if (op == ACT_RELU) {
        r->max = type_hi;
    }
    return TFLM_OK;
}

static tflm_status act_invoke(tflm_context *ctx, tflm_node *node, act_op op)
{
    const act_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    const int32_t n = d->count;
    int32_t lo, hi;
    tflm_s8_s16_range(input->type, &lo, &hi);
    if (input->type == TFLM_TYPE_FLOAT32) {
        const float *in = input->data;
        if (op == ACT_LEAKY_RELU) {
            for (int32_t i = 0; i < n; ++i) {
                ((float *)out)[i] = tflm_leaky_relu_f32(d->alpha, in[i]);
            }
        } else {
            for (int32_t i = 0; i < n; ++i) {
                ((float *)out)[i] = tflm_clamp_f32(in[i], d->lo, d->hi);
            }
        }
        return TFLM_OK;
    }
    for (int32_t i = 0; i < n; ++i) {
        const int32_t x = input->type == TFLM_TYPE_INT8 ? ((const int8_t *)input->data)[i]
                                                        : ((const int16_t *)input->data)[i];
        int32_t y;
        if (op == ACT_LEAKY_RELU) {
            y = tflm_leaky_relu_quantized(&d->leaky, x, lo, hi);
        } else {
            y = tflm_relu_quantized(&d->relu, x);
        }
        if (input->type == TFLM_TYPE_INT8) {
            ((int8_t *)out)[i] = (int8_t)y;
        } else {
            ((int16_t *)out)[i] = (int16_t)y;
        }
    }
    return TFLM_OK;
}

TFLM_UNARY_KERNEL(leaky_relu, TFLM_BUILTIN_LEAKY_RELU, "LEAKY_RELU", act_prepare, act_invoke, ACT_LEAKY_RELU)
TFLM_UNARY_KERNEL(relu, TFLM_BUILTIN_RELU, "RELU", act_prepare, act_invoke, ACT_RELU)
TFLM_UNARY_KERNEL(relu6, TFLM_BUILTIN_RELU6, "RELU6", act_prepare, act_invoke, ACT_RELU6)
TFLM_UNARY_KERNEL(relu_0_to_1, TFLM_BUILTIN_RELU_0_TO_1, "RELU_0_TO_1", act_prepare, act_invoke, ACT_RELU_0_TO_1)
TFLM_UNARY_KERNEL(relu_n1_to_1, TFLM_BUILTIN_RELU_N1_TO_1, "RELU_N1_TO_1", act_prepare, act_invoke, ACT_RELU_N1_TO_1)
