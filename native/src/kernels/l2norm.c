/*
 * L2_NORMALIZATION: each vector along the last axis divided by its L2 norm.
 * Reference semantics: TFLM's l2norm.cc over TF Lite's
 * reference/l2normalization.h (float32) and
 * reference/integer_ops/l2normalization.h (int8).
 */
#include "f32_math.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "float_bits.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* Rows of int8 whose sum of squared differences (each at most 255^2)
 * stays inside int32, as TFLM's accumulator needs. */
#define L2NORM_S8_MAX_DEPTH 33025

/* ---- Compute ------------------------------------------------------------------ */

/* x / max(sqrt(sum of squares), 1e-6), in float. */
static void l2norm_f32(int32_t rows, int32_t depth, const float *input, float *output)
{
    const float epsilon = 1e-6f;
    for (int32_t row = 0; row < rows; ++row) {
        const float *in = input + (size_t)row * (size_t)depth;
        float *out = output + (size_t)row * (size_t)depth;
        float squares = 0.0f;
        for (int32_t c = 0; c < depth; ++c) {
            squares += in[c] * in[c];
        }
        float norm = tflm_sqrtf(squares);
        norm = norm < epsilon ? epsilon : norm; /* std::max(norm, epsilon) */
        for (int32_t c = 0; c < depth; ++c) {
            out[c] = in[c] / norm;
        }
    }
}

/* int8: the differences to the zero point times 1/sqrt(sum of their
 * squares), in the output's fixed scale 1/128 (zero point 0). */
static void l2norm_s8(int32_t zero_point, int32_t rows, int32_t depth, const int8_t *input,
                      int8_t *output)
{
    for (int32_t row = 0; row < rows; ++row) {
        const int8_t *in = input + (size_t)row * (size_t)depth;
        int8_t *out = output + (size_t)row * (size_t)depth;
        int32_t squares = 0;
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t diff = in[c] - zero_point;
            squares += diff * diff;
        }
        int32_t multiplier;
        int shift;
        tflm_fp_inv_sqrt_multiplier(squares, &multiplier, &shift);
        for (int32_t c = 0; c < depth; ++c) {
            const int32_t v =
                tflm_multiply_by_quantized_multiplier(in[c] - zero_point, multiplier, shift + 7);
            out[c] = (int8_t)tflm_clamp_s32(v, INT8_MIN, INT8_MAX);
        }
    }
}

/* ---- Node glue ------------------------------------------------------------------ */

typedef struct l2norm_data {
    int32_t rows, depth;
    int32_t zero_point; /* int8 input */
} l2norm_data;

static tflm_status l2norm_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_nn_rows r;
    tflm_status status = tflm_nn_rows_prepare(ctx, node, 4, &r);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = r.input, *output = r.output;
    const int activation = tflm_l2_norm_options_fused_activation_function(ctx, node);
    if (activation != TFLM_ACTIVATION_NONE) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "fused activation %d not supported; expected NONE", activation);
    }
    l2norm_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->rows = r.rows;
    data->depth = r.depth;
    if (input->type == TFLM_TYPE_INT8) {
        float in_scale, out_scale;
        int32_t out_zp;
        if ((status = tflm_nn_int8_params(ctx, input, "input", &in_scale, &data->zero_point)) !=
                TFLM_OK ||
            (status = tflm_nn_int8_params(ctx, output, "output", &out_scale, &out_zp)) !=
                TFLM_OK) {
            return status;
        }
        /* The kernel writes in scale 1/128, zero point 0: TFLM takes it for
         * granted, TF Lite checks it. */
        if (tflm_float_bits(out_scale) != 0x3c000000u || out_zp != 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "INT8 output must have scale 1/128 and zero point 0 (zero point %d)",
                             (int)out_zp);
        }
        if (data->depth > L2NORM_S8_MAX_DEPTH) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "INT8 rows of %d elements not supported; at most %d",
                             (int)data->depth, L2NORM_S8_MAX_DEPTH);
        }
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status l2norm_invoke(tflm_context *ctx, tflm_node *node)
{
    const l2norm_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *output = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        l2norm_s8(data->zero_point, data->rows, data->depth, input->data, output);
    } else {
        l2norm_f32(data->rows, data->depth, input->data, output);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_l2_normalization = {
    .builtin_code = TFLM_BUILTIN_L2_NORMALIZATION,
    .custom_name = NULL,
    .name = "L2_NORMALIZATION",
    .prepare = l2norm_prepare,
    .invoke = l2norm_invoke,
    .output_aliases_input = false,
};
