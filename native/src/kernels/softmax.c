#include "softmax.h"

#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "float_bits.h"
#include "kernel_util.h"
#include "lut.h"
#include "nn_common.h"
#include "quant_util.h"
#include "shape_args.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Prepare-time arithmetic (double, as TFLM) ------------------------- */

bool tflm_softmax_quant_params(tflm_double beta, tflm_double input_scale, tflm_softmax_quant *quant)
{
    /* PreprocessSoftmaxScaling with 5 integer bits: Q5.26 input diffs. */
    /* In double as TFLM, done exactly in integers (exact_f64.h). */
    const tflm_f64 max_real_multiplier = tflm_f64_from_bits(UINT64_C(0x41dfffffffc00000)); /* 2^31 - 1 */
    tflm_f64 real_multiplier = tflm_f64_ldexp(
        tflm_f64_mul(tflm_f64_from_double(beta), tflm_f64_from_double(input_scale)), 26);
    if (tflm_f64_compare(real_multiplier, max_real_multiplier) > 0) {
        real_multiplier = max_real_multiplier;
    }
    /* QuantizeMultiplierGreaterThanOne's check (NaN and negatives fail it). */
    if (!tflm_f64_is_non_negative(beta) || !tflm_f64_is_non_negative(input_scale) ||
        tflm_f64_compare(real_multiplier, tflm_f64_from_float(1.0f)) <= 0) {
        return false;
    }
    int32_t multiplier;
    int shift;
    tflm_f64_quantize_multiplier(real_multiplier, &multiplier, &shift);
    if (shift < 0 || shift > 31) {
        return false;
    }
    quant->input_multiplier = multiplier;
    quant->input_left_shift = shift;
    /* CalculateInputRadius(5, shift, 31) = floor(31 * 2^26 / 2^shift):
     * exact in integers since every quantity is a power of two multiple. */
    quant->diff_min = -(int32_t)(((int64_t)31 << 26) >> shift);
    return true;
}

/* ---- Pure compute -------------------------------------------------------- */

/* One implementation for both output widths; out_bits is a constant at
 * each call site, so the compiler specializes the stores. */
static inline void softmax_s8_any(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                  const int8_t *input, void *output, int out_bits)
{
    const int32_t out_min = out_bits == 8 ? INT8_MIN : INT16_MIN;
    const int32_t out_max = out_bits == 8 ? INT8_MAX : INT16_MAX;
    const int32_t diff_min = quant->diff_min;

    for (int32_t row = 0; row < rows; ++row) {
        const int8_t *in = input + (size_t)row * (size_t)depth;
        const int32_t max_in_row = tflm_softmax_s8_row_max(in, depth);
        const int32_t sum_of_exps = tflm_softmax_s8_sum_of_exps(quant, in, depth, max_in_row);

        int num_bits_over_unit;
        const int32_t shifted_scale = tflm_fp_reciprocal(sum_of_exps, 12, &num_bits_over_unit);
        /* TFLM requires 0 <= exponent <= 31 (it aborts otherwise, which
         * only happens for rows of hundreds of equal maxima); beyond 31
         * every quotient rounds to zero, which is what we produce. */
        const int exponent = num_bits_over_unit + 31 - out_bits;

        for (int32_t c = 0; c < depth; ++c) {
            const int32_t diff = (int32_t)in[c] - max_in_row;
            int32_t value = out_min;
            if (diff >= diff_min) {
                const int32_t exp_in_0 = tflm_softmax_exp_q0(quant, diff);
                const int32_t product = tflm_saturating_rounding_doubling_high_mul(shifted_scale, exp_in_0);
                const int32_t unsat_output = exponent <= 31 ? tflm_rounding_divide_by_pot(product, exponent) : 0;
                value = unsat_output + out_min;
                value = value < out_min ? out_min : (value > out_max ? out_max : value);
            }
            const size_t index = (size_t)row * (size_t)depth + (size_t)c;
            if (out_bits == 8) {
                ((int8_t *)output)[index] = (int8_t)value;
            } else {
                ((int16_t *)output)[index] = (int16_t)value;
            }
        }
    }
}

void tflm_softmax_s8(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                     const int8_t *input, int8_t *output)
{
    softmax_s8_any(quant, rows, depth, input, output, 8);
}

void tflm_softmax_s8_s16(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                         const int8_t *input, int16_t *output)
{
    softmax_s8_any(quant, rows, depth, input, output, 16);
}

void tflm_softmax_f32(float beta, int32_t rows, int32_t depth, const float *input, float *output)
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
            const float e = tflm_expf((in[c] - max) * beta);
            out[c] = e;
            sum += e;
        }
        for (int32_t c = 0; c < depth; ++c) {
            out[c] = out[c] / sum;
        }
    }
}

static float exp_of(float x, const void *params)
{
    (void)params;
    return tflm_expf(x);
}

static float one_over_one_plus(float x, const void *params)
{
    (void)params;
    return 1.0f / (1.0f + x);
}

void tflm_softmax_s16_tables(int16_t *exp_lut, int16_t *one_over_one_plus_x_lut)
{
    /* TFLM's InitializeLutForInt16: the tables span the int16 range of an
     * input of scale 10/65535 (zero point 32767), [-10, 0], and of scale
     * 1/65535 (zero point -32768), [0, 1]; outputs of scale 2/65535. */
    const float range = 65535.0f;
    tflm_lut_populate_s16(10.0f / range, INT16_MAX, 2.0f / range, 0, exp_of, NULL, exp_lut);
    tflm_lut_populate_s16(1.0f / range, INT16_MIN, 2.0f / range, 0, one_over_one_plus, NULL,
                          one_over_one_plus_x_lut);
}

void tflm_softmax_s16(const tflm_softmax_s16_params *params, int32_t rows, int32_t depth,
                      const int16_t *input, int16_t *output)
{
    for (int32_t row = 0; row < rows; ++row) {
        const int16_t *in = input + (size_t)row * (size_t)depth;
        int16_t *out = output + (size_t)row * (size_t)depth;
        int32_t max_in_row = INT16_MIN;
        for (int32_t c = 0; c < depth; ++c) {
            max_in_row = in[c] > max_in_row ? in[c] : max_in_row;
        }
        /* exp of each difference (Q0.15), kept in the output meanwhile;
         * their sum in Q16.15 */
        int32_t sum_of_exps = 0;
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t scaled_diff = tflm_multiply_by_quantized_multiplier(
                (int32_t)in[c] - max_in_row, params->input_multiplier, params->input_shift);
            const int32_t symmetric = tflm_clamp_s32(scaled_diff + 32767, INT16_MIN, INT16_MAX);
            out[c] = tflm_lut_lookup_s16((int16_t)symmetric, params->exp_lut);
            sum_of_exps += out[c];
        }
        /* 1 / sum: the LUT gives 1 / (1 + x) for x = sum - 1 normalized to
         * [0, 1), recentred on [-32768, 32767]. The row maximum's exp
         * (32767) makes the sum positive. */
        const int headroom_plus_one = tflm_fp_count_leading_zeros((uint32_t)sum_of_exps);
        const int32_t shifted_sum =
            (int32_t)((((int64_t)sum_of_exps << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
        const int32_t symmetric_sum =
            tflm_clamp_s32(shifted_sum - (((int32_t)1 << 15) + ((int32_t)1 << 16)), INT16_MIN, INT16_MAX);
        const int32_t reciprocal_q015 =
            tflm_lut_lookup_s16((int16_t)symmetric_sum, params->one_over_one_plus_x_lut);
        const int right_shift = 31 - headroom_plus_one;
        const int64_t round = (int64_t)1 << (right_shift - 1);
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t result = (int32_t)(((int64_t)out[c] * reciprocal_q015 + round) >> right_shift);
            out[c] = (int16_t)tflm_clamp_s32(result, 0, INT16_MAX);
        }
    }
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_softmax_data softmax_op_data;

/* INT16 input: TFLM's checks (zero points 0, output scale 1/32768 within
 * 0.1%), the input rescale and the two tables in persistent memory. */
static tflm_status softmax_prepare_s16(tflm_context *ctx, tflm_node *node,
                                       const tflm_tensor *input, const tflm_tensor *output,
                                       float beta, softmax_op_data *data)
{
    if (output->type != TFLM_TYPE_INT16) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "output type %s not supported for INT16 input; expected INT16",
                         tflm_type_name_of(output->type));
    }
    float in_scale, out_scale;
    int32_t in_zp, out_zp;
    tflm_status status;
    if ((status = tflm_nn_int_params(ctx, input, "input", &in_scale, &in_zp)) != TFLM_OK ||
        (status = tflm_nn_int_params(ctx, output, "output", &out_scale, &out_zp)) != TFLM_OK) {
        return status;
    }
    /* |scale - 1/32768| <= 0.001f / 32768 in float: twice the bits range
     * of the int8 input's 1/65536 check (an exact power of two apart). */
    const uint32_t out_bits = tflm_float_bits(out_scale);
    if (in_zp != 0 || out_zp != 0 || out_bits < 0x37ffbe77u || out_bits > 0x380020c4u) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "INT16 softmax needs zero points 0 and an output scale of 1/32768 "
                         "(zero points %d and %d)", (int)in_zp, (int)out_zp);
    }
    if (data->depth > 65535) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "INT16 rows of %d elements not supported; at most 65535",
                         (int)data->depth);
    }
    if (!tflm_f64_is_non_negative(tflm_f64_widen(beta)) || tflm_float_bits(beta) >= 0x7f800000u) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "beta must be finite and not negative");
    }
    /* input_scale x beta / (10 / 65535), in double as TFLM */
    int shift;
    tflm_f64_quantize_multiplier(
        tflm_f64_div(tflm_f64_mul(tflm_f64_from_float(in_scale), tflm_f64_from_float(beta)),
                     tflm_f64_from_bits(UINT64_C(0x3f24001400140014)) /* 10.0 / 65535.0 */),
        &data->s16.input_multiplier, &shift);
    if (shift > TFLM_MAX_MULTIPLIER_SHIFT) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input scale x beta is too large");
    }
    data->s16.input_shift = shift;
    int16_t *tables = tflm_alloc_persistent(ctx, 2 * TFLM_LUT_S16_SIZE * sizeof(int16_t));
    if (tables == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_softmax_s16_tables(tables, tables + TFLM_LUT_S16_SIZE);
    data->s16.exp_lut = tables;
    data->s16.one_over_one_plus_x_lut = tables + TFLM_LUT_S16_SIZE;
    node->data = data;
    return TFLM_OK;
}

/* with_float: whether FLOAT32 is accepted besides INT8 (tflm_op_softmax) or
 * not (tflm_op_softmax_int8, which links no float code). */
TFLM_SPECIALIZED tflm_status softmax_prepare_types(tflm_context *ctx, tflm_node *node, bool with_float)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, 1, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input->dims->size < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input must have at least 1 dimension");
    }
    const int32_t count = tflm_element_count(input);
    const int32_t depth = input->dims->data[input->dims->size - 1];
    if (tflm_element_count(output) != count || output->dims->size < 1 ||
        output->dims->data[output->dims->size - 1] != depth) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output shape differs from input shape");
    }

    softmax_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    const float beta = tflm_softmax_options_beta(ctx, node);
    data->depth = depth;
    data->rows = depth > 0 ? count / depth : 0;

    if (with_float && input->type == TFLM_TYPE_FLOAT32) {
        if (output->type != TFLM_TYPE_FLOAT32) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "output type %s not supported for FLOAT32 input; expected FLOAT32",
                             tflm_type_name_of(output->type));
        }
        data->beta = beta;
    } else if (input->type == TFLM_TYPE_INT8) {
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if (!tflm_per_tensor_quantization(ctx, input, &in_scale, &in_zp)) {
            /* The format of tflm_nn_quant_params's message: one copy in flash. */
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s has no quantization scale", "INT8 input");
        }
        tflm_per_tensor_quantization(ctx, output, &out_scale, &out_zp);
        /* The scale checks compare bits: no soft-float code on cores
         * without an FPU. */
        uint32_t out_bits = tflm_float_bits(out_scale);
        const bool out8 = output->type == TFLM_TYPE_INT8;
        if (out8 || output->type == TFLM_TYPE_INT16) {
            /* INT8: exactly 1/256. INT16: TFLM's |scale - 1/65536| <=
             * 0.001f * (1/65536) in float holds exactly for the floats with
             * bits in this range (all 2^32 checked against the FPU). */
            if (out_zp != (out8 ? -128 : -32768) ||
                out_bits < (out8 ? 0x3b800000u : 0x377fbe77u) ||
                out_bits > (out8 ? 0x3b800000u : 0x378020c4u)) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "%s output must have scale 1/%d and zero point %d (zero point %d)",
                                 tflm_type_name_of(output->type), out8 ? 256 : 65536,
                                 out8 ? -128 : -32768, (int)out_zp);
            }
        } else {
            /* tflm_nn_check_type's format: one copy in flash. */
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s type %s not supported; expected %s",
                             "output", tflm_type_name_of(output->type), "INT8 or INT16");
        }
        if (!tflm_softmax_quant_params(tflm_f64_widen(beta), tflm_f64_widen(in_scale), &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "beta x input scale x 2^26 must exceed 1 for a quantized softmax");
        }
    } else if (with_float && input->type == TFLM_TYPE_INT16) {
        /* The variants are int8-input and float32 ones. */
        return softmax_prepare_s16(ctx, node, input, output, beta, data);
    } else {
        return tflm_nn_unsupported_input(ctx, input,
                                         with_float ? "INT8, INT16 or FLOAT32" : "INT8");
    }
    status = tflm_softmax_variant(ctx, node, data, TFLM_SOFTMAX_VARIANT(data));
    if (status != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status softmax_prepare(tflm_context *ctx, tflm_node *node)
{
    return softmax_prepare_types(ctx, node, true);
}

static tflm_status softmax_prepare_int8(tflm_context *ctx, tflm_node *node)
{
    return softmax_prepare_types(ctx, node, false);
}

/* INT8 input, INT8 or INT16 output. */
static tflm_status softmax_invoke_int8(tflm_context *ctx, tflm_node *node)
{
    const softmax_op_data *data = node->data;
    const tflm_variant *variant = TFLM_SOFTMAX_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_SOFTMAX, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type == TFLM_TYPE_INT8) {
        tflm_softmax_s8(&data->quant, data->rows, data->depth, input->data, output->data);
    } else {
        tflm_softmax_s8_s16(&data->quant, data->rows, data->depth, input->data, output->data);
    }
    return TFLM_OK;
}

static tflm_status softmax_invoke(tflm_context *ctx, tflm_node *node)
{
    const softmax_op_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    if (input->type == TFLM_TYPE_INT8) {
        return softmax_invoke_int8(ctx, node);
    }
    if (input->type == TFLM_TYPE_INT16) {
        tflm_softmax_s16(&data->s16, data->rows, data->depth, input->data,
                         tflm_output(ctx, node, 0)->data);
        return TFLM_OK;
    }
    const tflm_variant *variant = TFLM_SOFTMAX_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_SOFTMAX, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    tflm_softmax_f32(data->beta, data->rows, data->depth, input->data,
                     tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_softmax = {
    .builtin_code = TFLM_BUILTIN_SOFTMAX,
    .custom_name = NULL,
    .name = "SOFTMAX",
    .prepare = softmax_prepare,
    .invoke = softmax_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_softmax_int8 = {
    .builtin_code = TFLM_BUILTIN_SOFTMAX,
    .custom_name = NULL,
    .name = "SOFTMAX",
    .prepare = softmax_prepare_int8,
    .invoke = softmax_invoke_int8,
    .output_aliases_input = false,
};
