/*
 * DYNAMIC_UPDATE_SLICE: the operand with the block update written over it
 * at start_indices (tensorflow/lite/micro/kernels/dynamic_update_slice.cc).
 * Each start index is clamped into [0, operand dim - update dim], so every
 * index value is valid and nothing is checked at invoke.
 *
 * Types as TFLM: FLOAT32, INT8, INT16, INT32; start_indices INT32 or INT64,
 * a 1-d tensor with one entry per operand dimension.
 */
#include <string.h>

#include "layout_common.h"
#include "nn_common.h"
#include "tflm/ops.h"

static tflm_status dynamic_update_slice_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *operand, *update, *start;
    tflm_status status = tflm_nn_check_io(ctx, node, 3, 3);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "operand", &operand)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "update", &update)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 2, "start_indices", &start)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, operand, "operand",
             TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8) |
                 TFLM_TYPE_BIT(TFLM_TYPE_INT16) | TFLM_TYPE_BIT(TFLM_TYPE_INT32),
             "FLOAT32, INT8, INT16 or INT32")) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, update, "update", (tflm_type)operand->type)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, start, "start_indices",
             TFLM_TYPE_BIT(TFLM_TYPE_INT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT64),
             "INT32 or INT64")) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, start, "start_indices", 1)) != TFLM_OK) {
        return status;
    }
    const int rank = operand->dims->size;
    if (start->dims->data[0] != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "start_indices has %d entries; the operand has %d dimensions",
                         (int)start->dims->data[0], rank);
    }
    if (update->dims->size != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "update has %d dimensions; the operand has %d",
                         (int)update->dims->size, rank);
    }
    int64_t expected[TFLM_MAX_DIMS];
    for (int i = 0; i < rank; ++i) {
        if (update->dims->data[i] > operand->dims->data[i]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "update dimension %d is %d, larger than the operand's %d", i,
                             (int)update->dims->data[i], (int)operand->dims->data[i]);
        }
        expected[i] = operand->dims->data[i];
    }
    return tflm_layout_check_output(ctx, operand, tflm_output(ctx, node, 0), expected, rank);
}

static tflm_status dynamic_update_slice_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *operand = tflm_input(ctx, node, 0);
    const tflm_tensor *update = tflm_input(ctx, node, 1);
    const tflm_tensor *start = tflm_input(ctx, node, 2);
    uint8_t *out = tflm_output(ctx, node, 0)->data;
    memcpy(out, operand->data, operand->bytes);
    if (tflm_element_count(update) == 0) {
        return TFLM_OK;
    }
    const int rank = operand->dims->size;
    const int32_t *dims = operand->dims->data, *update_dims = update->dims->data;
    if (rank == 0) {
        memcpy(out, update->data, update->bytes);
        return TFLM_OK;
    }
    /* Byte strides of the operand, and the clamped start's offset. */
    size_t stride[TFLM_MAX_DIMS];
    stride[rank - 1] = tflm_type_size((tflm_type)operand->type);
    for (int i = rank - 1; i > 0; --i) {
        stride[i - 1] = stride[i] * (size_t)dims[i];
    }
    size_t offset = 0;
    for (int i = 0; i < rank; ++i) {
        const int64_t limit = dims[i] - update_dims[i];
        const int64_t s = tflm_index_at(start, i);
        offset += (size_t)(s < 0 ? 0 : s > limit ? limit : s) * stride[i];
    }
    /* Rows of the update's last dimension, counted through the others. */
    const size_t row_bytes = (size_t)update_dims[rank - 1] * stride[rank - 1];
    const uint8_t *row = update->data;
    int32_t at[TFLM_MAX_DIMS] = {0};
    for (;;) {
        size_t o = offset;
        for (int i = 0; i < rank - 1; ++i) {
            o += (size_t)at[i] * stride[i];
        }
        memcpy(out + o, row, row_bytes);
        row += row_bytes;
        int i = rank - 2;
        while (i >= 0 && ++at[i] == update_dims[i]) {
            at[i--] = 0;
        }
        if (i < 0) {
            return TFLM_OK;
        }
    }
}

const tflm_kernel tflm_op_dynamic_update_slice = {
    .builtin_code = TFLM_BUILTIN_DYNAMIC_UPDATE_SLICE,
    .custom_name = NULL,
    .name = "DYNAMIC_UPDATE_SLICE",
    .prepare = dynamic_update_slice_prepare,
    .invoke = dynamic_update_slice_invoke,
    .output_aliases_input = false,
};
