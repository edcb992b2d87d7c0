/*
 * RESHAPE, EXPAND_DIMS and SQUEEZE: the output holds the input's bytes
 * under another (static) shape. The kernels declare output_aliases_input,
 * so the planner may give both tensors one buffer; invoke then copies
 * nothing. Byte copies: every fixed-size type.
 *
 * RESHAPE's optional shape input and new_shape option only restate the
 * output shape the model stores, so (as in TFLM) they are not read; the
 * element counts must agree. EXPAND_DIMS and SQUEEZE check the stored
 * output shape against the one their axis or squeeze_dims give.
 */
#include <string.h>

#include "shape_args.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* Same type (of a fixed size) and the same number of elements. */
static tflm_status check_same_bytes(tflm_context *ctx, const tflm_tensor *input,
                                    const tflm_tensor *output)
{
    tflm_status status = tflm_check_same_type(ctx, "output", output, input);
    if (status != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(input) != tflm_element_count(output)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(output), (int)tflm_element_count(input));
    }
    return TFLM_OK;
}

static tflm_status reshape_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (node->inputs->size == 1 && output->dims->size == 1 && output->dims->data[0] == 0 &&
        tflm_element_count(input) == 1) {
        /* TFLM reads this as a scalar; here the output would hold no bytes. */
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "output shape [0] as a scalar (legacy converters) not supported; "
                         "give the output shape []");
    }
    return check_same_bytes(ctx, input, output);
}

static tflm_status expand_dims_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *axis_tensor = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if ((status = check_same_bytes(ctx, input, output)) != TFLM_OK ||
        (status = tflm_check_constant(ctx, "axis", axis_tensor)) != TFLM_OK) {
        return status;
    }
    int32_t axis, count;
    status = tflm_read_int_tensor(ctx, "axis", axis_tensor, TFLM_TYPES(INT32) | TFLM_TYPES(INT64),
                                  "INT32 or INT64", &axis, 1, &count);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t rank = input->dims->size;
    if (count != 1 || axis_tensor->dims->size > 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis must hold one element, got %d",
                         (int)count);
    }
    if (rank >= TFLM_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input rank %d; at most %d supported",
                         (int)rank, TFLM_MAX_DIMS - 1);
    }
    /* A new axis goes before position axis of the rank + 1 output. */
    if ((status = tflm_resolve_axis(ctx, "axis", axis, rank + 1, &axis)) != TFLM_OK) {
        return status;
    }
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t i = 0, in = 0; i <= rank; ++i) {
        expected[i] = i == axis ? 1 : input->dims->data[in++];
    }
    return tflm_check_shape(ctx, "output", output, expected, rank + 1);
}

static tflm_status squeeze_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, 1, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if ((status = check_same_bytes(ctx, input, output)) != TFLM_OK) {
        return status;
    }
    const int32_t rank = input->dims->size;
    const tflm_int_array *squeeze_dims = tflm_squeeze_options_squeeze_dims(ctx, node);
    bool squeeze[TFLM_MAX_DIMS] = {false};
    if (squeeze_dims == NULL || squeeze_dims->size == 0) {
        for (int32_t i = 0; i < rank; ++i) {
            squeeze[i] = input->dims->data[i] == 1;
        }
    }
    for (int32_t k = 0; squeeze_dims != NULL && k < squeeze_dims->size; ++k) {
        int32_t axis;
        if ((status = tflm_resolve_axis(ctx, "squeeze_dims entry", squeeze_dims->data[k], rank,
                                        &axis)) != TFLM_OK) {
            return status;
        }
        if (input->dims->data[axis] != 1) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "cannot squeeze axis %d of size %d",
                             (int)axis, (int)input->dims->data[axis]);
        }
        squeeze[axis] = true;
    }
    int32_t expected[TFLM_MAX_DIMS];
    int32_t out_rank = 0;
    for (int32_t i = 0; i < rank; ++i) {
        if (!squeeze[i]) {
            expected[out_rank++] = input->dims->data[i];
        }
    }
    return tflm_check_shape(ctx, "output", output, expected, out_rank);
}

static tflm_status reshape_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->data != input->data) { /* distinct buffers never overlap */
        memcpy(output->data, input->data, input->bytes);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_reshape = {
    .builtin_code = TFLM_BUILTIN_RESHAPE,
    .custom_name = NULL,
    .name = "RESHAPE",
    .prepare = reshape_prepare,
    .invoke = reshape_invoke,
    .output_aliases_input = true,
};

const tflm_kernel tflm_op_expand_dims = {
    .builtin_code = TFLM_BUILTIN_EXPAND_DIMS,
    .custom_name = NULL,
    .name = "EXPAND_DIMS",
    .prepare = expand_dims_prepare,
    .invoke = reshape_invoke,
    .output_aliases_input = true,
};

const tflm_kernel tflm_op_squeeze = {
    .builtin_code = TFLM_BUILTIN_SQUEEZE,
    .custom_name = NULL,
    .name = "SQUEEZE",
    .prepare = squeeze_prepare,
    .invoke = reshape_invoke,
    .output_aliases_input = true,
};
