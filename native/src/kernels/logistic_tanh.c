/*
 * logistic_tanh.c - LOGISTIC and TANH (TFLM's logistic.cc,
 * logistic_common.cc, tanh.cc; reference/logistic.h and
 * reference/integer_ops/{logistic,tanh}.h).
 *
 * FLOAT32: TF Lite's logistic formula (tflm_logisticf) and tanh. INT8: the
 * input rescaled to Q4.27 (its real multiplier scale * 2^27 split as
 * frexp does), gemmlowp's fixed-point logistic or tanh in Q0, then the
 * output in 1/256 steps from -128 (LOGISTIC) or 1/128 steps around 0
 * (TANH); inputs beyond the range radius saturate. INT16: TF Lite's
 * interpolated table (sigmoid_tanh_s16.h) on the input rescaled to Q3.12
 * (zero points 0, output scale 2^-15).
 */
#include "logistic_tanh.h"

#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "nn_types.h"
#include "sigmoid_tanh_s16.h"
#include "quant_util.h"
#include "tflm/ops.h"
#include "unary_common.h"

/* ---- Pure compute -------------------------------------------------------- */

/* gemmlowp's logistic of a Q4 value, Q0 result. */
static int32_t fp_logistic_q4(int32_t a)
{
    if (a == 0) {
        return (int32_t)1 << 30; /* 1/2 */
    }
    const int32_t magnitude = a > 0 ? a : -a;
    const int32_t positive = tflm_fp_one_over_one_plus_x_for_x_in_0_1(tflm_fp_exp_on_negative_values(-magnitude, 4));
    return a > 0 ? positive : tflm_fp_sub(INT32_MAX, positive); /* Q0's "one" minus it */
}

/* gemmlowp's tanh of a Q4 value, Q0 result: (1 - e^-2|a|) / (1 + e^-2|a|),
 * the doubling done by reading -|a| as Q5. */
static int32_t fp_tanh_q4(int32_t a)
{
    if (a == 0) {
        return 0;
    }
    const int32_t negative_magnitude = a < 0 ? a : -a;
    const int32_t t = tflm_fp_one_minus_x_over_one_plus_x_for_x_in_0_1(
        tflm_fp_exp_on_negative_values(negative_magnitude, 5));
    return a < 0 ? -t : t;
}

void tflm_logistic_s8(const tflm_sigmoid_quant *q, int32_t count, const int8_t *input, int8_t *output)
{
    for (int32_t i = 0; i < count; ++i) {
        const int32_t x = input[i] - q->input_zero_point;
        if (x <= -q->input_range_radius) {
            output[i] = INT8_MIN;
        } else if (x >= q->input_range_radius) {
            output[i] = INT8_MAX;
        } else {
            const int32_t q4 = tflm_multiply_by_quantized_multiplier(x, q->input_multiplier, q->input_shift);
            const int32_t out = tflm_rounding_divide_by_pot(fp_logistic_q4(q4), 23) - 128;
            output[i] = (int8_t)tflm_clamp_s32(out, INT8_MIN, INT8_MAX);
        }
    }
}

void tflm_tanh_s8(const tflm_sigmoid_quant *q, int32_t count, const int8_t *input, int8_t *output)
{
    for (int32_t i = 0; i < count; ++i) {
        const int32_t x = input[i] - q->input_zero_point;
        if (x <= -q->input_range_radius) {
            output[i] = INT8_MIN;
        } else if (x >= q->input_range_radius) {
            output[i] = INT8_MAX;
        } else {
            const int32_t q4 = tflm_multiply_by_quantized_multiplier(x, q->input_multiplier, q->input_shift);
            const int32_t out = tflm_rounding_divide_by_pot(fp_tanh_q4(q4), 24);
            output[i] = (int8_t)tflm_clamp_s32(out, INT8_MIN, INT8_MAX);
        }
    }
}

bool tflm_sigmoid_quant_init(float input_scale, int32_t input_zero_point, tflm_sigmoid_quant *q)
{
    /* input_scale * 2^(31 - 4 integer bits), exactly, split as frexp does. */
    const tflm_double real = tflm_f64_to_double(tflm_f64_ldexp(tflm_f64_from_float(input_scale), 27));
    if (!tflm_quantize_multiplier(real, &q->input_multiplier, &q->input_shift) || q->input_shift < 0) {
        return false;
    }
    q->input_zero_point = input_zero_point;
    /* CalculateInputRadius: floor(15 * 2^27 / 2^shift). */
    q->input_range_radius = (int32_t)(((int64_t)15 << 27) >> q->input_shift);
    return true;
}

/* ---- Node glue -------------------------------------------------------------- */

typedef struct sigmoid_op_data {
    tflm_sigmoid_quant quant; /* INT16: input_multiplier and input_shift only */
    int32_t count;
} sigmoid_op_data;

/* INT16 (TFLM's CalculateArithmeticOpData): an input scale of 2^-12 (TANH
 * also 2^-11) is the table's own, multiplier 0 and shift 0 (1); any other
 * is rescaled by scale * 3 * 4096, doubled (shift + 1) while at most
 * 16383.5 and the shift below 31, then truncated. */
static tflm_status sigmoid_prepare_s16(tflm_context *ctx, const tflm_unary_quant *q, bool logistic,
                                       tflm_sigmoid_quant *p)
{
    int32_t log2;
    if (q->input_zero_point != 0 || q->output_zero_point != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d and %d",
                         (int)q->input_zero_point, (int)q->output_zero_point);
    }
    if (!tflm_checked_log2(q->output_scale, &log2) || log2 != -15) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 output scale must be 2^-15");
    }
    const bool power_of_two = tflm_checked_log2(q->input_scale, &log2);
    p->input_shift = 12 + log2;
    if (power_of_two && (p->input_shift == 0 || (!logistic && p->input_shift == 1))) {
        p->input_multiplier = 0;
        return TFLM_OK;
    }
    tflm_f64 m = tflm_f64_mul(tflm_f64_from_float(q->input_scale), tflm_f64_from_float(3.0f * 4096.0f));
    const tflm_f64 half_range = tflm_f64_from_float(32767.0f / 2.0f);
    for (p->input_shift = 0; p->input_shift <= 30 && tflm_f64_compare(m, half_range) <= 0; p->input_shift++) {
        m = tflm_f64_ldexp(m, 1);
    }
    /* Below 2^16 the product with any int16 fits an int32 (TFLM leaves it
     * unchecked); 0 would read as the power-of-two case. */
    if (tflm_f64_compare(m, tflm_f64_from_float(65536.0f)) >= 0 || tflm_f64_compare(m, tflm_f64_from_float(1.0f)) < 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 input scale out of range; expected 2^-44 to 5.3");
    }
    p->input_multiplier = (int32_t)(m.mantissa >> -m.exponent); /* m < 2^16: exponent < -36 */
    return TFLM_OK;
}

static tflm_status sigmoid_prepare(tflm_context *ctx, tflm_node *node, bool logistic)
{
    const tflm_tensor *input, *output;
    tflm_unary_quant q;
    const tflm_status status =
        tflm_unary_prepare(ctx, node, TFLM_TYPES_F32_S8_S16, "FLOAT32, INT8 or INT16", &input, &output, &q);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t count = tflm_element_count(input);
    sigmoid_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    node->data = data;
    if (input->type == TFLM_TYPE_INT16) {
        return sigmoid_prepare_s16(ctx, &q, logistic, &data->quant);
    }
    if (input->type == TFLM_TYPE_INT8) {
        if (logistic && q.output_zero_point != INT8_MIN) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output zero point must be -128, got %d",
                             (int)q.output_zero_point);
        }
        if (!tflm_sigmoid_quant_init(q.input_scale, q.input_zero_point, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input scale not supported; expected 2^-28 to 16");
        }
    }
    return TFLM_OK;
}

static tflm_status sigmoid_invoke(tflm_context *ctx, tflm_node *node, bool logistic)
{
    const sigmoid_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        (logistic ? tflm_logistic_s8 : tflm_tanh_s8)(&d->quant, d->count, input->data, out);
        return TFLM_OK;
    }
    if (input->type == TFLM_TYPE_INT16) {
        (logistic ? tflm_logistic_s16 : tflm_tanh_s16)(d->quant.input_multiplier, d->quant.input_shift, d->count,
                                                       input->data, out);
        return TFLM_OK;
    }
    const float *in = input->data;
    for (int32_t i = 0; i < d->count; ++i) {
        ((float *)out)[i] = logistic ? tflm_logisticf(in[i]) : tflm_tanhf(in[i]);
    }
    return TFLM_OK;
}

TFLM_UNARY_KERNEL(logistic, TFLM_BUILTIN_LOGISTIC, "LOGISTIC", sigmoid_prepare, sigmoid_invoke, true)
TFLM_UNARY_KERNEL(tanh, TFLM_BUILTIN_TANH, "TANH", sigmoid_prepare, sigmoid_invoke, false)
