/*
 * hard_swish.c - HARD_SWISH (TFLM's hard_swish.cc, hard_swish_common.cc;
 * reference/hard_swish.h): x * relu6(x + 3) / 6. INT8 works in int16
 * fixed point: the input on a 128x finer scale, a "reluish" factor in
 * [0, 1] from relu6(x + 3) / 6, and their product rescaled to the output.
 */
#include "hard_swish.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "nn_types.h"
#include "quant_util.h"
#include "tflm/ops.h"
#include "unary_common.h"

/* ---- Pure compute -------------------------------------------------------- */

float tflm_hard_swish_f32(float x)
{
    const float shifted = x + 3.0f;
    const float lower = 0.0f < shifted ? shifted : 0.0f; /* std::max(0, x + 3): NaN gives 0 */
    const float relu6 = lower < 6.0f ? lower : 6.0f;
    return x * relu6 / 6.0f;
}

/* gemmlowp's int16 SaturatingRoundingDoublingHighMul. */
static int16_t srdhm16(int16_t a, int16_t b)
{
    if (a == INT16_MIN && b == INT16_MIN) {
        return INT16_MAX;
    }
    const int32_t ab = (int32_t)a * (int32_t)b;
    const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
    return (int16_t)((ab + nudge) / ((int32_t)1 << 15));
}

/* TF Lite's SaturatingDoublingHighMul (int16, truncating). */
static int16_t sdhm16(int16_t a, int16_t b)
{
    if (a == INT16_MIN && b == INT16_MIN) {
        return INT16_MAX;
    }
    return (int16_t)(((int32_t)a * (int32_t)b) / ((int32_t)1 << 15));
}

static int16_t saturating_left_shift16(int16_t value, int amount)
{
    const int64_t r = (int64_t)value * ((int64_t)1 << amount);
    return (int16_t)(r > INT16_MAX ? INT16_MAX : (r < INT16_MIN ? INT16_MIN : r));
}

void tflm_hard_swish_s8(const tflm_hard_swish_quant *q, int32_t count, const int8_t *input, int8_t *output)
{
    for (int32_t i = 0; i < count; ++i) {
        const int16_t value = (int16_t)(input[i] - q->input_zero_point);
        const int16_t hires = (int16_t)(value * 128);
        const int16_t preshift_output = srdhm16(hires, q->output_multiplier);
        int16_t reluish = hires;
        if (q->reluish_exponent > 0) {
            reluish = saturating_left_shift16(reluish, q->reluish_exponent - 1);
        }
        reluish = srdhm16(reluish, q->reluish_multiplier);
        if (q->reluish_exponent > 0) {
            reluish = saturating_left_shift16(reluish, 1);
        } else if (q->reluish_exponent < 0) {
            reluish = (int16_t)tflm_rounding_divide_by_pot(reluish, -q->reluish_exponent);
        }
        reluish = (int16_t)((reluish + ((int32_t)1 << 15)) >> 1); /* [-1, 1] to [0, 1] */
        const int16_t preshift = sdhm16(reluish, preshift_output);
        int16_t out = (int16_t)tflm_rounding_divide_by_pot(preshift, -q->output_exponent);
        out = (int16_t)(uint16_t)(out + q->output_zero_point); /* int16 arithmetic, as TFLM */
        output[i] = (int8_t)tflm_clamp_s32(out, INT8_MIN, INT8_MAX);
    }
}

/* TF Lite's DownScaleInt32ToInt16Multiplier: the Q31 multiplier rounded to Q15. */
static int16_t downscale_multiplier(int32_t multiplier)
{
    if (multiplier >= INT32_MAX - ((int32_t)1 << 15)) {
        return INT16_MAX;
    }
    return (int16_t)((multiplier + ((int32_t)1 << 15)) >> 16);
}

bool tflm_hard_swish_quant_init(float input_scale, int32_t input_zero_point, float output_scale,
                                int32_t output_zero_point, tflm_hard_swish_quant *q)
{
    const float hires_input_scale = (1.0f / 128.0f) * input_scale;
    const float reluish_scale = 3.0f / 32768.0f;
    int32_t multiplier;
    if (!tflm_quantize_multiplier(tflm_f64_widen(hires_input_scale / output_scale), &multiplier, &q->output_exponent) ||
        q->output_exponent > 0 || q->output_exponent < -31) {
        return false;
    }
    q->output_multiplier = downscale_multiplier(multiplier);
    if (!tflm_quantize_multiplier(tflm_f64_widen(hires_input_scale / reluish_scale), &multiplier,
                                  &q->reluish_exponent) ||
        q->reluish_exponent > 16 || q->reluish_exponent < -31) {
        return false;
    }
    q->reluish_multiplier = downscale_multiplier(multiplier);
    q->input_zero_point = input_zero_point;
    q->output_zero_point = output_zero_point;
    return true;
}

/* ---- Node glue -------------------------------------------------------------- */

typedef struct hard_swish_op_data {
    tflm_hard_swish_quant quant;
    int32_t count;
} hard_swish_op_data;

static tflm_status hard_swish_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input, *output;
    tflm_unary_quant q;
    const tflm_status status =
        tflm_unary_prepare(ctx, node, TFLM_TYPES_F32_S8, "FLOAT32 or INT8", &input, &output, &q);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t count = tflm_element_count(input);
    hard_swish_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    node->data = data;
    if (input->type == TFLM_TYPE_INT8 &&
        !tflm_hard_swish_quant_init(q.input_scale, q.input_zero_point, q.output_scale, q.output_zero_point,
                                    &data->quant)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "scales not supported: input scale / 128 / output scale must be below 1");
    }
    return TFLM_OK;
}

static tflm_status hard_swish_invoke(tflm_context *ctx, tflm_node *node)
{
    const hard_swish_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        tflm_hard_swish_s8(&d->quant, d->count, input->data, out);
    } else {
        const float *in = input->data;
        for (int32_t i = 0; i < d->count; ++i) {
            ((float *)out)[i] = tflm_hard_swish_f32(in[i]);
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_hard_swish = {
    .builtin_code = TFLM_BUILTIN_HARD_SWISH,
    .custom_name = NULL,
    .name = "HARD_SWISH",
    .prepare = hard_swish_prepare,
    .invoke = hard_swish_invoke,
    .output_aliases_input = false,
};
