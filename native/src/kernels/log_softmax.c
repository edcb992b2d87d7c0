/*
 * LOG_SOFTMAX over the last axis. Reference semantics: TFLM's
 * log_softmax.cc over TF Lite's reference/log_softmax.h: float32 as
 * x - max - log(sum exp(x - max)); int8 in gemmlowp's fixed point (exps of
 * the Q5.26 differences summed in Q12.19, their log in Q5.26), into the
 * output's fixed scale 16/256 and zero point 127.
 */
#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "float_bits.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "softmax.h"
#include "tflm/ops.h"

/* ---- int8 arithmetic ---------------------------------------------------------- */

/* gemmlowp's SaturatingRoundingMultiplyByPOTParam for 0 <= exponent < 31. */
static int32_t shift_left_saturating(int32_t x, int exponent)
{
    return exponent == 0 ? x : tflm_fp_saturating_shift_left(x, exponent);
}

static int32_t saturate_s64(int64_t x)
{
    return x > INT32_MAX ? INT32_MAX : (x < INT32_MIN ? INT32_MIN : (int32_t)x);
}

/* log(x) for x >= 1 given in Q12.19, as a Q5.26 value: TF Lite's
 * log_x_for_x_greater_than_or_equal_to_1<5>, accumulated in Q6.25. The
 * input's power of two is found from its leading zeros (twice: as is and
 * times sqrt(1/2), keeping the closer), the rest by a rational
 * approximation around 2^(1/4). */
static int32_t log_q5_of_q12(int32_t input)
{
    const int input_bits = 12, accum_bits = 6;
    const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250;
    const int32_t alpha_n = 117049297, alpha_d = 127690142, alpha_i = 1057819769,
                  alpha_f = 638450708;
    const int32_t shifted_quarter = tflm_rounding_divide_by_pot(536870912, accum_bits);

    const int z_a_headroom_plus_1 = tflm_fp_count_leading_zeros((uint32_t)input);
    const int32_t r_a_tmp = shift_left_saturating(input, z_a_headroom_plus_1 - 1);
    const int32_t r_a = shift_left_saturating(tflm_saturating_rounding_doubling_high_mul(r_a_tmp, sqrt_half), 1);
    const int32_t z_a_pow_2_adj = saturate_s64(
        (int64_t)shift_left_saturating(input_bits - z_a_headroom_plus_1, 31 - accum_bits) +
        shifted_quarter);

    const int32_t z_b = tflm_saturating_rounding_doubling_high_mul(input, sqrt_half);
    const int z_b_headroom = tflm_fp_count_leading_zeros((uint32_t)z_b) - 1;
    const int32_t r_b = shift_left_saturating(input, z_b_headroom);
    const int32_t z_b_pow_2_adj = saturate_s64(
        (int64_t)shift_left_saturating(input_bits - z_b_headroom, 31 - accum_bits) -
        shifted_quarter);

    const int32_t r = r_a < r_b ? r_a : r_b;
    const int32_t z_pow_2_adj = z_a_pow_2_adj > z_b_pow_2_adj ? z_a_pow_2_adj : z_b_pow_2_adj;

    const int32_t p = tflm_fp_rounding_half_sum(r, sqrt_sqrt_half);
    int32_t q = tflm_fp_sub(r, sqrt_sqrt_half);
    q = tflm_fp_add(q, q);
#define MUL tflm_saturating_rounding_doubling_high_mul
    const int32_t common_sq = MUL(q, q);
    const int32_t num = tflm_fp_add(MUL(q, r), MUL(MUL(q, common_sq), alpha_n));
    const int32_t denom_minus_one = tflm_fp_add(
        MUL(p, tflm_fp_add(tflm_fp_add(alpha_i, q), MUL(alpha_d, common_sq))), MUL(alpha_f, q));
    const int32_t recip_denom = tflm_fp_one_over_one_plus_x_for_x_in_0_1(denom_minus_one);
    const int32_t num_scaled = tflm_rounding_divide_by_pot(num, accum_bits); /* Q0 -> Q6 */
    const int32_t log_q6 = tflm_fp_add(MUL(z_pow_2_adj, log_2), MUL(num_scaled, recip_denom));
#undef MUL
    return shift_left_saturating(log_q6, 1); /* Q6 -> Q5 */
}

typedef struct log_softmax_quant {
    tflm_softmax_quant input;          /* beta 1, Q5.26 differences  */
    int32_t reverse_scaling_divisor;   /* Q5.26 back to input units  */
    int32_t reverse_scaling_shift;     /* <= 0                       */
} log_softmax_quant;

static void log_softmax_s8(const log_softmax_quant *q, int32_t rows, int32_t depth,
                           const int8_t *input, int8_t *output)
{
    const int32_t diff_min = q->input.diff_min;
    for (int32_t row = 0; row < rows; ++row) {
        const int8_t *in = input + (size_t)row * (size_t)depth;
        int8_t *out = output + (size_t)row * (size_t)depth;
        const int32_t max_in_row = tflm_softmax_s8_row_max(in, depth);
        const int32_t log_sum_q5 =
            log_q5_of_q12(tflm_softmax_s8_sum_of_exps(&q->input, in, depth, max_in_row));
        /* the smallest Q5.26 value plus the log, back in input units */
        const int32_t shifted_log_sum = tflm_fp_add(log_sum_q5, INT32_MIN);
        const int32_t reverse = tflm_multiply_by_quantized_multiplier(
            shifted_log_sum, q->reverse_scaling_divisor, q->reverse_scaling_shift);
        const int32_t adjusted_diff_min = diff_min - 1 > reverse ? diff_min - 1 : reverse;
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t diff = in[c] - max_in_row;
            int32_t v = INT8_MIN;
            if (diff > adjusted_diff_min) {
                const int32_t diff_q5 = tflm_multiply_by_quantized_multiplier(
                    diff, q->input.input_multiplier, q->input.input_left_shift);
                /* Q5.26 to the output's Q4.3 (scale 1/16), plus 127 */
                v = tflm_rounding_divide_by_pot(tflm_fp_sub(diff_q5, log_sum_q5), 31 - 5 - 4) +
                    INT8_MAX;
                v = tflm_clamp_s32(v, INT8_MIN, INT8_MAX);
            }
            out[c] = (int8_t)v;
        }
    }
}

/* ---- float32 -------------------------------------------------------------------- */

static void log_softmax_f32(int32_t rows, int32_t depth, const float *input, float *output)
{
    for (int32_t row = 0; row < rows; ++row) {
        const float *in = input + (size_t)row * (size_t)depth;
        float *out = output + (size_t)row * (size_t)depth;
        float max = -3.402823466e+38f;
        for (int32_t c = 0; c < depth; ++c) {
            max = max < in[c] ? in[c] : max; /* std::max(max, x) */
        }
        float sum = 0.0f;
        for (int32_t c = 0; c < depth; ++c) {
            sum += tflm_expf(in[c] - max);
        }
        const float log_sum = tflm_logf(sum);
        for (int32_t c = 0; c < depth; ++c) {
            out[c] = in[c] - max - log_sum;
        }
    }
}

/* ---- Node glue ------------------------------------------------------------------ */

typedef struct log_softmax_data {
    log_softmax_quant quant;
    int32_t rows, depth;
} log_softmax_data;

/* TF Lite's PreprocessLogSoftmaxScalingExp with beta 1: the softmax input
 * scaling, and 2^(31 - left_shift) / multiplier as a multiplier below one. */
static bool prepare_quant(float input_scale, log_softmax_quant *q)
{
    if (!tflm_softmax_quant_params(tflm_f64_widen(1.0f), tflm_f64_widen(input_scale), &q->input) ||
        q->input.input_left_shift < 1) {
        return false;
    }
    const tflm_f64 multiplier = {(uint64_t)q->input.input_multiplier << 22, -22};
    const tflm_f64 real = tflm_f64_div(tflm_f64_ldexp(tflm_f64_from_double(1.0),
                                                      31 - q->input.input_left_shift),
                                       multiplier);
    if (tflm_f64_compare(real, tflm_f64_from_double(1.0)) >= 0) {
        return false; /* QuantizeMultiplierSmallerThanOneExp's check */
    }
    int shift;
    tflm_f64_quantize_multiplier(real, &q->reverse_scaling_divisor, &shift);
    q->reverse_scaling_shift = shift;
    return true;
}

static tflm_status log_softmax_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_nn_rows r;
    tflm_status status = tflm_nn_rows_prepare(ctx, node, TFLM_MAX_DIMS, &r);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = r.input, *output = r.output;
    log_softmax_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->rows = r.rows;
    data->depth = r.depth;
    if (input->type == TFLM_TYPE_INT8) {
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((status = tflm_nn_int8_params(ctx, input, "input", &in_scale, &in_zp)) != TFLM_OK ||
            (status = tflm_nn_int8_params(ctx, output, "output", &out_scale, &out_zp)) !=
                TFLM_OK) {
            return status;
        }
        if (tflm_float_bits(out_scale) != 0x3d800000u || out_zp != 127) { /* 16/256 */
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "INT8 output must have scale 16/256 and zero point 127 (zero point %d)",
                             (int)out_zp);
        }
        if (!prepare_quant(in_scale, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input scale x 2^26 must exceed 1 for a quantized log softmax");
        }
        /* the Q12.19 sum of exps (each at most 1) stays below 2^12 */
        if (data->depth > 4095) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "INT8 rows of %d elements not supported; at most 4095",
                             (int)data->depth);
        }
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status log_softmax_invoke(tflm_context *ctx, tflm_node *node)
{
    const log_softmax_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *output = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        log_softmax_s8(&data->quant, data->rows, data->depth, input->data, output);
    } else {
        log_softmax_f32(data->rows, data->depth, input->data, output);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_log_softmax = {
    .builtin_code = TFLM_BUILTIN_LOG_SOFTMAX,
    .custom_name = NULL,
    .name = "LOG_SOFTMAX",
    .prepare = log_softmax_prepare,
    .invoke = log_softmax_invoke,
    .output_aliases_input = false,
};
