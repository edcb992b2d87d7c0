/*
 * SPLIT, SPLIT_V and UNPACK: the input cut along an axis into the outputs,
 * one after the other. SPLIT cuts equal parts, SPLIT_V parts of the
 * outputs' sizes, UNPACK parts of size 1 and drops the axis. Byte copies,
 * one strided copy per output.
 *
 * As TFLM: SPLIT and SPLIT_V take their axis from a constant INT32 tensor
 * (SPLIT's input 0, SPLIT_V's input 2) and UNPACK from its options. Beyond
 * TFLM, which trusts the stored shapes, every output must have the input's
 * type and the shape the cut gives it, and SPLIT_V's size_splits, when
 * constant, must agree with the outputs (one entry may be -1). Types:
 * TFLM's (SPLIT, SPLIT_V FLOAT32, INT8, INT16, INT32; UNPACK FLOAT32,
 * INT32, INT16, INT8).
 */
#include <limits.h>

#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct split_data {
    int32_t axis;  /* of the input */
    int32_t outer; /* elements before the axis, times ... */
    int32_t inner; /* ... elements after it */
    int32_t input; /* the input's index among the node's inputs */
    bool unstacked; /* UNPACK: every output takes 1 of the axis */
} split_data;

static const uint32_t split_types =
    TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) | TFLM_TYPES(INT32);
#define SPLIT_TYPE_NAMES "FLOAT32, INT8, INT16 or INT32"

static tflm_status store(tflm_context *ctx, tflm_node *node, int32_t input_index, int32_t axis,
                         bool unstacked)
{
    const tflm_tensor *input = tflm_input(ctx, node, input_index);
    split_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->axis = axis;
    data->input = input_index;
    data->unstacked = unstacked;
    data->outer = 1;
    data->inner = 1;
    for (int32_t i = 0; i < input->dims->size; ++i) {
        if (i < axis) {
            data->outer *= input->dims->data[i];
        } else if (i > axis) {
            data->inner *= input->dims->data[i];
        }
    }
    node->data = data;
    return TFLM_OK;
}

static int32_t output_axis_size(const tflm_tensor *output, int32_t axis)
{
    return axis < output->dims->size ? output->dims->data[axis] : 0;
}

/* The axis from a constant INT32 tensor of one element. */
static tflm_status read_axis(tflm_context *ctx, const tflm_tensor *axis_tensor, int32_t rank,
                             int32_t *axis)
{
    tflm_status status = tflm_check_constant(ctx, "axis", axis_tensor);
    int32_t value, count;
    if (status != TFLM_OK ||
        (status = tflm_read_int_tensor(ctx, "axis", axis_tensor, TFLM_TYPES(INT32), "INT32", &value,
                                       1, &count)) != TFLM_OK) {
        return status;
    }
    if (count != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis must hold one element, got %d", (int)count);
    }
    return tflm_resolve_axis(ctx, "axis", value, rank, axis);
}

/* Every output has the input's type and shape, but size part on axis
 * (part < 0: its own size there, for SPLIT_V). */
static tflm_status check_outputs(tflm_context *ctx, const tflm_node *node,
                                 const tflm_tensor *input, int32_t axis, int32_t part)
{
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t d = 0; d < input->dims->size; ++d) {
        expected[d] = input->dims->data[d];
    }
    for (int i = 0; i < (int)node->outputs->size; ++i) {
        const tflm_tensor *output = tflm_output(ctx, node, i);
        tflm_status status = tflm_check_same_type(ctx, "output", output, input);
        if (status != TFLM_OK) {
            return status;
        }
        expected[axis] = part >= 0 ? part : output_axis_size(output, axis);
        if ((status = tflm_check_shape(ctx, "output", output, expected, input->dims->size)) !=
            TFLM_OK) {
            return status;
        }
    }
    return TFLM_OK;
}

static tflm_status split_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, INT_MAX);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 1);
    const int outputs = (int)node->outputs->size;
    int32_t axis;
    if ((status = tflm_check_type(ctx, "input", input->type, split_types, SPLIT_TYPE_NAMES)) !=
            TFLM_OK ||
        (status = read_axis(ctx, tflm_input(ctx, node, 0), input->dims->size, &axis)) != TFLM_OK) {
        return status;
    }
    if (input->dims->data[axis] % outputs != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis %d of size %d does not split into %d parts",
                         (int)axis, (int)input->dims->data[axis], outputs);
    }
    if ((status = check_outputs(ctx, node, input, axis, input->dims->data[axis] / outputs)) !=
        TFLM_OK) {
        return status;
    }
    return store(ctx, node, 1, axis, false);
}

static tflm_status split_v_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 3, 3, 1, INT_MAX);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *size_splits = tflm_input(ctx, node, 1);
    const int outputs = (int)node->outputs->size;
    int32_t axis;
    if ((status = tflm_check_type(ctx, "input", input->type, split_types, SPLIT_TYPE_NAMES)) !=
            TFLM_OK ||
        (status = read_axis(ctx, tflm_input(ctx, node, 2), input->dims->size, &axis)) != TFLM_OK) {
        return status;
    }
    /* The outputs' own sizes on the axis: checked to cover the input. */
    int64_t total = 0;
    for (int i = 0; i < outputs; ++i) {
        total += output_axis_size(tflm_output(ctx, node, i), axis);
    }
    if (total != input->dims->data[axis]) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "outputs add up to %d along axis %d; the input has %d", (int)total,
                         (int)axis, (int)input->dims->data[axis]);
    }
    if ((status = check_outputs(ctx, node, input, axis, -1)) != TFLM_OK) {
        return status;
    }
    if (size_splits->is_constant) {
        status = tflm_check_type(ctx, "size_splits", size_splits->type,
                                 TFLM_TYPES(INT32) | TFLM_TYPES(INT64), "INT32 or INT64");
        if (status != TFLM_OK) {
            return status;
        }
        if (tflm_element_count(size_splits) != outputs) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "size_splits has %d entries for %d outputs",
                             (int)tflm_element_count(size_splits), outputs);
        }
        int unknown = 0;
        for (int i = 0; i < outputs; ++i) {
            const int64_t split = tflm_int_tensor_value(size_splits, i);
            const int32_t size = output_axis_size(tflm_output(ctx, node, i), axis);
            unknown += split == -1;
            if ((split != -1 && split != size) || unknown > 1) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "size_splits entry %d differs from output %d's size %d on the axis",
                                 i, i, (int)size);
            }
        }
    }
    return store(ctx, node, 0, axis, false);
}

static tflm_status unpack_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, 1, 1, INT_MAX);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const int outputs = (int)node->outputs->size;
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT32) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT8);
    int32_t axis;
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "FLOAT32, INT32, INT16 or INT8")) != TFLM_OK ||
        (status = tflm_resolve_axis(ctx, "axis", tflm_unpack_options_axis(ctx, node),
                                    input->dims->size, &axis)) != TFLM_OK) {
        return status;
    }
    if (tflm_unpack_options_num(ctx, node) != outputs || input->dims->data[axis] != outputs) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "num %d, %d outputs and size %d of axis %d must be equal",
                         (int)tflm_unpack_options_num(ctx, node), outputs,
                         (int)input->dims->data[axis], (int)axis);
    }
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t d = 0, out = 0; d < input->dims->size; ++d) {
        if (d != axis) {
            expected[out++] = input->dims->data[d];
        }
    }
    for (int i = 0; i < outputs; ++i) {
        const tflm_tensor *output = tflm_output(ctx, node, i);
        if ((status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
            (status = tflm_check_shape(ctx, "output", output, expected, input->dims->size - 1)) !=
                TFLM_OK) {
            return status;
        }
    }
    return store(ctx, node, 0, axis, true);
}

static tflm_status split_invoke(tflm_context *ctx, tflm_node *node)
{
    const split_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, data->input);
    const uint32_t size = tflm_type_size((tflm_type)input->type);
    const int32_t in_block = input->dims->data[data->axis] * data->inner;
    int32_t at = 0; /* where the next output starts inside an input block */
    for (int i = 0; i < (int)node->outputs->size; ++i) {
        tflm_tensor *output = tflm_output(ctx, node, i);
        const int32_t block = (data->unstacked ? 1 : output->dims->data[data->axis]) * data->inner;
        tflm_copy_part(input->data, output->data, size, data->outer, block, in_block, at, false);
        at += block;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_split = {
    .builtin_code = TFLM_BUILTIN_SPLIT,
    .custom_name = NULL,
    .name = "SPLIT",
    .prepare = split_prepare,
    .invoke = split_invoke,
};

const tflm_kernel tflm_op_split_v = {
    .builtin_code = TFLM_BUILTIN_SPLIT_V,
    .custom_name = NULL,
    .name = "SPLIT_V",
    .prepare = split_v_prepare,
    .invoke = split_invoke,
};

const tflm_kernel tflm_op_unpack = {
    .builtin_code = TFLM_BUILTIN_UNPACK,
    .custom_name = NULL,
    .name = "UNPACK",
    .prepare = unpack_prepare,
    .invoke = split_invoke,
};
