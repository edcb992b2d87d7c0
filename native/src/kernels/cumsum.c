/*
 * CUMSUM: running sums along an axis, inclusive or exclusive, forward or
 * reverse (tensorflow/lite/micro/kernels/cumsum.cc; reference_ops::CumSum).
 *
 * Types as TFLM: FLOAT32 (sums in float, in order) and INT8. INT8 is ADD's
 * arithmetic (add.h): each input, offset by its zero point, is shifted
 * left 20 bits and scaled by 1/2 (the input scale over twice itself); the
 * int32 sum is scaled to the output and clamped. As in the reference, the
 * sum starts from the input offset scaled the same way rather than from 0
 * (its comment says "accumulator = 0"; the value is what TFLM computes),
 * and it wraps in int32 when it overflows (after about 16 elements of
 * extreme values). The axis is an INT32 scalar; a non-constant axis is
 * checked at each invoke.
 */
#include "add.h"
#include "layout_common.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct cumsum_op_data {
    tflm_axis_sizes sizes; /* all 0: nothing to sum */
    bool exclusive, reverse;
    uint8_t check_axis;    /* axis not constant: check it at invoke */
    tflm_add_quant quant;  /* INT8: input1_* scales the input, output_* the sum */
} cumsum_op_data;

static tflm_status read_axis(tflm_context *ctx, const tflm_node *node, cumsum_op_data *data)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    int axis;
    tflm_status status = tflm_layout_axis(ctx, *(const int32_t *)tflm_input(ctx, node, 1)->data,
                                          input->dims->size, &axis);
    if (status != TFLM_OK) {
        return status;
    }
    data->sizes = tflm_element_count(input) == 0 ? (tflm_axis_sizes){0, 0, 0}
                                                 : tflm_layout_axis_sizes(input->dims, axis);
    return TFLM_OK;
}

static tflm_status cumsum_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *input, *axis;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "axis", &axis)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, input, "input", TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8),
             "FLOAT32 or INT8")) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, axis, "axis", TFLM_TYPE_INT32)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int rank = input->dims->size;
    if (rank < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input is a scalar; it needs an axis");
    }
    if (tflm_element_count(axis) != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis has %d elements; expected 1",
                         (int)tflm_element_count(axis));
    }
    int64_t expected[TFLM_MAX_DIMS];
    for (int i = 0; i < rank; ++i) {
        expected[i] = input->dims->data[i];
    }
    if ((status = tflm_layout_check_output(ctx, input, output, expected, rank)) != TFLM_OK) {
        return status;
    }
    cumsum_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    data->exclusive = tflm_cumsum_options_exclusive(ctx, node);
    data->reverse = tflm_cumsum_options_reverse(ctx, node);
    if (input->type == TFLM_TYPE_INT8) {
        float input_scale, output_scale;
        int32_t input_zero_point, output_zero_point;
        if ((status = tflm_nn_int8_params(ctx, input, "input", &input_scale, &input_zero_point)) !=
                TFLM_OK ||
            (status = tflm_nn_int8_params(ctx, output, "output", &output_scale,
                                          &output_zero_point)) != TFLM_OK) {
            return status;
        }
        if (!tflm_add_quant_multipliers(input_scale, input_scale, output_scale, 20, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "output scale too small for the input scale (multiplier not below 1)");
        }
        data->quant.input1_offset = -input_zero_point;
        data->quant.output_offset = output_zero_point;
        data->quant.activation.min = -128;
        data->quant.activation.max = 127;
    }
    if (!axis->is_constant) {
        data->check_axis = 1;
        return TFLM_OK;
    }
    return read_axis(ctx, node, data);
}

/* Visits each line along the axis in the order the options ask: element
 * k of line (o, i) is at (o * depth + k) * inner + i. */
static void cumsum_f32(const cumsum_op_data *d, const float *in, float *out)
{
    const int32_t depth = d->sizes.axis_size, inner = d->sizes.inner;
    for (int32_t o = 0; o < d->sizes.outer; ++o) {
        for (int32_t i = 0; i < inner; ++i) {
            float sum = 0.0f;
            for (int32_t k = 0; k < depth; ++k) {
                const int32_t along = d->reverse ? depth - 1 - k : k;
                const size_t at = ((size_t)o * depth + along) * inner + i;
                const float x = in[at];
                if (d->exclusive) {
                    out[at] = sum;
                    sum += x;
                } else {
                    sum += x;
                    out[at] = sum;
                }
            }
        }
    }
}

static void cumsum_s8(const cumsum_op_data *d, const int8_t *in, int8_t *out)
{
    const tflm_add_quant *q = &d->quant;
    const int32_t start = tflm_multiply_by_quantized_multiplier(
        q->input1_offset * ((int32_t)1 << q->left_shift), q->input1_multiplier, q->input1_shift);
    const int32_t depth = d->sizes.axis_size, inner = d->sizes.inner;
    for (int32_t o = 0; o < d->sizes.outer; ++o) {
        for (int32_t i = 0; i < inner; ++i) {
            uint32_t sum = (uint32_t)start; /* int32 that wraps */
            for (int32_t k = 0; k < depth; ++k) {
                const int32_t along = d->reverse ? depth - 1 - k : k;
                const size_t at = ((size_t)o * depth + along) * inner + i;
                const int32_t scaled = tflm_multiply_by_quantized_multiplier(
                    (q->input1_offset + in[at]) * ((int32_t)1 << q->left_shift), q->input1_multiplier,
                    q->input1_shift);
                int32_t total = (int32_t)sum;
                sum += (uint32_t)scaled;
                if (!d->exclusive) {
                    total = (int32_t)sum;
                }
                const int32_t scaled_sum = tflm_multiply_by_quantized_multiplier(
                    total, q->output_multiplier, q->output_shift);
                const int32_t raw = (int32_t)((uint32_t)scaled_sum + (uint32_t)q->output_offset);
                out[at] = (int8_t)tflm_clamp_s32(raw, q->activation.min, q->activation.max);
            }
        }
    }
}

static tflm_status cumsum_invoke(tflm_context *ctx, tflm_node *node)
{
    cumsum_op_data *d = node->data;
    if (d->check_axis) {
        tflm_status status = read_axis(ctx, node, d);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_FLOAT32) {
        cumsum_f32(d, input->data, out);
    } else {
        cumsum_s8(d, input->data, out);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_cumsum = {
    .builtin_code = TFLM_BUILTIN_CUMSUM,
    .custom_name = NULL,
    .name = "CUMSUM",
    .prepare = cumsum_prepare,
    .invoke = cumsum_invoke,
    .output_aliases_input = false,
};
