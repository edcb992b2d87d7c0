/*
 * ARG_MAX and ARG_MIN: the index of the largest (smallest) element along
 * an axis, the first one on ties (tensorflow/lite/micro/kernels/
 * arg_min_max.cc; reference_ops::ArgMinMax). Output shape: the input's
 * without the axis.
 *
 * Types: input FLOAT32 and INT8 as TFLM; axis INT32 as TFLM or INT64 as TF
 * Lite, one element; output INT32 as TFLM or INT64 as TF Lite (the
 * converter writes INT64). The output tensor's type decides; the
 * output_type option only restates it. Comparisons are TFLM's plain > and
 * <: a NaN is never taken over a number, but a NaN in the first position
 * stays the answer (TF Lite 2.21 skips NaNs instead). A non-constant axis
 * is checked at each invoke.
 */
#include "layout_common.h"
#include "nn_common.h"
#include "tflm/ops.h"

typedef struct arg_op_data {
    tflm_axis_sizes sizes; /* all 0: nothing to compute */
    uint8_t check_axis;    /* axis not constant: check it at invoke */
} arg_op_data;

/* Checks the axis value against the input and output shapes and keeps the
 * sizes of the loop. */
static tflm_status read_axis(tflm_context *ctx, const tflm_node *node, arg_op_data *data)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int rank = input->dims->size;
    int axis;
    tflm_status status = tflm_layout_axis(ctx, tflm_index_at(tflm_input(ctx, node, 1), 0), rank, &axis);
    if (status != TFLM_OK) {
        return status;
    }
    int64_t expected[TFLM_MAX_DIMS];
    for (int i = 0, o = 0; i < rank; ++i) {
        if (i != axis) {
            expected[o++] = input->dims->data[i];
        }
    }
    /* The output's type differs from the input's: check only its shape. */
    tflm_tensor like_output = *input;
    like_output.type = output->type;
    status = tflm_layout_check_output(ctx, &like_output, output, expected, rank - 1);
    if (status != TFLM_OK) {
        return status;
    }
    data->sizes = (tflm_axis_sizes){0, 0, 0};
    if (tflm_element_count(output) == 0) {
        return TFLM_OK;
    }
    if (input->dims->data[axis] == 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis %d has no elements to choose from", axis);
    }
    data->sizes = tflm_layout_axis_sizes(input->dims, axis); /* the input is not empty */
    return TFLM_OK;
}

static tflm_status arg_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *input, *axis;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "axis", &axis)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, input, "input", TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8),
             "FLOAT32 or INT8")) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, axis, "axis", TFLM_TYPE_BIT(TFLM_TYPE_INT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT64),
             "INT32 or INT64")) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, tflm_output(ctx, node, 0), "output",
             TFLM_TYPE_BIT(TFLM_TYPE_INT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT64),
             "INT32 or INT64")) != TFLM_OK) {
        return status;
    }
    if (input->dims->size < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input is a scalar; it needs an axis");
    }
    if (tflm_element_count(axis) != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis has %d elements; expected 1",
                         (int)tflm_element_count(axis));
    }
    arg_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if (!axis->is_constant) {
        data->check_axis = 1;
        return TFLM_OK;
    }
    return read_axis(ctx, node, data);
}

/* One kernel per input type: the index of the first element that no later
 * one beats (BETTER(candidate, best)). */
#define TFLM_DEFINE_ARG(NAME, T, BETTER)                                                      \
    static void NAME(const arg_op_data *d, const T *in, tflm_tensor *output)                  \
    {                                                                                         \
        const bool wide = output->type == TFLM_TYPE_INT64;                                    \
        const int32_t axis_size = d->sizes.axis_size, inner = d->sizes.inner;                 \
        for (int32_t o = 0; o < d->sizes.outer; ++o) {                                        \
            const T *slice = in + (size_t)o * axis_size * inner;                              \
            for (int32_t i = 0; i < inner; ++i) {                                             \
                T best = slice[i];                                                            \
                int32_t best_index = 0;                                                       \
                for (int32_t a = 1; a < axis_size; ++a) {                                     \
                    const T candidate = slice[(size_t)a * inner + i];                         \
                    if (BETTER(candidate, best)) {                                            \
                        best = candidate;                                                     \
                        best_index = a;                                                       \
                    }                                                                         \
                }                                                                             \
                const size_t at = (size_t)o * inner + i;                                      \
                if (wide) {                                                                   \
                    ((int64_t *)output->data)[at] = best_index;                               \
                } else {                                                                      \
                    ((int32_t *)output->data)[at] = best_index;                               \
                }                                                                             \
            }                                                                                 \
        }                                                                                     \
    }

#define GREATER(a, b) ((a) > (b))
#define LESS(a, b) ((a) < (b))
TFLM_DEFINE_ARG(arg_max_f32, float, GREATER)
TFLM_DEFINE_ARG(arg_max_s8, int8_t, GREATER)
TFLM_DEFINE_ARG(arg_min_f32, float, LESS)
TFLM_DEFINE_ARG(arg_min_s8, int8_t, LESS)
#undef GREATER
#undef LESS

static tflm_status arg_invoke(tflm_context *ctx, tflm_node *node, bool is_max)
{
    arg_op_data *d = node->data;
    if (d->check_axis) {
        tflm_status status = read_axis(ctx, node, d);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input->type == TFLM_TYPE_FLOAT32) {
        (is_max ? arg_max_f32 : arg_min_f32)(d, input->data, output);
    } else {
        (is_max ? arg_max_s8 : arg_min_s8)(d, input->data, output);
    }
    return TFLM_OK;
}

static tflm_status arg_max_invoke(tflm_context *ctx, tflm_node *node)
{
    return arg_invoke(ctx, node, true);
}

static tflm_status arg_min_invoke(tflm_context *ctx, tflm_node *node)
{
    return arg_invoke(ctx, node, false);
}

const tflm_kernel tflm_op_arg_max = {
    .builtin_code = TFLM_BUILTIN_ARG_MAX,
    .custom_name = NULL,
    .name = "ARG_MAX",
    .prepare = arg_prepare,
    .invoke = arg_max_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_arg_min = {
    .builtin_code = TFLM_BUILTIN_ARG_MIN,
    .custom_name = NULL,
    .name = "ARG_MIN",
    .prepare = arg_prepare,
    .invoke = arg_min_invoke,
    .output_aliases_input = false,
};
