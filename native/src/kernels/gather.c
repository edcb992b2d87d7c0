/*
 * GATHER: slices of the input along axis, picked by positions
 * (tensorflow/lite/micro/kernels/gather.cc). With batch_dims b, the first b
 * dimensions of input and positions match and each batch picks with its
 * own positions. Output shape: input[:axis] + positions[b:] +
 * input[axis+1:].
 *
 * Types: FLOAT32 and INT8 as TFLM, INT16 as TF Lite (the converter's 16x8
 * models gather int16); positions INT32 as TFLM, INT64 as TF Lite. Every
 * position must lie in [0, axis size): checked at prepare when positions
 * are constant, else at each invoke (TFLM only DCHECKs it).
 */
#include <string.h>

#include "layout_common.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct gather_op_data {
    int32_t batch_size, outer_size, axis_size, coord_size;
    size_t inner_bytes; /* one slice: the dims after axis, in bytes */
    uint8_t check_positions; /* positions not constant: check at invoke */
} gather_op_data;

static tflm_status check_positions(tflm_context *ctx, const tflm_tensor *positions,
                                   int32_t count, int32_t axis_size)
{
    for (int32_t i = 0; i < count; ++i) {
        const int64_t p = tflm_index_at(positions, i);
        if (p < 0 || p >= axis_size) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "position %d (element %d) outside [0, %d)",
                             tflm_index_for_message(p), (int)i, (int)axis_size);
        }
    }
    return TFLM_OK;
}

static tflm_status gather_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *input, *positions;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "positions", &positions)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, input, "input",
             TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8) |
                 TFLM_TYPE_BIT(TFLM_TYPE_INT16),
             "FLOAT32, INT8 or INT16")) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, positions, "positions",
             TFLM_TYPE_BIT(TFLM_TYPE_INT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT64),
             "INT32 or INT64")) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int rank = input->dims->size, positions_rank = positions->dims->size;
    const int32_t *in_dims = input->dims->data, *pos_dims = positions->dims->data;
    const int32_t batch_option = tflm_gather_options_batch_dims(ctx, node);
    const int32_t batch_dims = batch_option < 0 ? batch_option + positions_rank : batch_option;
    int axis;
    if ((status = tflm_layout_axis(ctx, tflm_gather_options_axis(ctx, node), rank, &axis)) != TFLM_OK) {
        return status;
    }
    if (batch_dims < 0 || batch_dims > positions_rank || batch_dims > axis) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "batch_dims %d invalid: must lie in [0, %d] (positions rank) and not "
                         "exceed axis %d",
                         (int)batch_option, positions_rank, axis);
    }
    for (int i = 0; i < batch_dims; ++i) {
        if (in_dims[i] != pos_dims[i]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "batch dimension %d differs: input %d, positions %d", i,
                             (int)in_dims[i], (int)pos_dims[i]);
        }
    }
    int64_t expected[2 * TFLM_MAX_DIMS];
    int out_rank = 0;
    for (int i = 0; i < axis; ++i) {
        expected[out_rank++] = in_dims[i];
    }
    for (int i = batch_dims; i < positions_rank; ++i) {
        expected[out_rank++] = pos_dims[i];
    }
    for (int i = axis + 1; i < rank; ++i) {
        expected[out_rank++] = in_dims[i];
    }
    if ((status = tflm_layout_check_output(ctx, input, output, expected, out_rank)) != TFLM_OK) {
        return status;
    }
    gather_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if (tflm_element_count(output) == 0) {
        return TFLM_OK; /* batch, outer, coord and inner sizes stay 0: nothing to copy */
    }
    /* The output is not empty and has their product as its element count,
     * so none of these products overflows. */
    data->batch_size = data->outer_size = data->coord_size = 1;
    int32_t inner = 1;
    for (int i = 0; i < batch_dims; ++i) {
        data->batch_size *= in_dims[i];
    }
    for (int i = batch_dims; i < axis; ++i) {
        data->outer_size *= in_dims[i];
    }
    for (int i = batch_dims; i < positions_rank; ++i) {
        data->coord_size *= pos_dims[i];
    }
    for (int i = axis + 1; i < rank; ++i) {
        inner *= in_dims[i];
    }
    data->axis_size = in_dims[axis];
    data->inner_bytes = (size_t)inner * tflm_type_size(input->type);
    if (!positions->is_constant) {
        data->check_positions = 1;
        return TFLM_OK;
    }
    return check_positions(ctx, positions, data->batch_size * data->coord_size, data->axis_size);
}

static tflm_status gather_invoke(tflm_context *ctx, tflm_node *node)
{
    const gather_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *positions = tflm_input(ctx, node, 1);
    uint8_t *out = tflm_output(ctx, node, 0)->data;
    if (d->check_positions) {
        tflm_status status =
            check_positions(ctx, positions, d->batch_size * d->coord_size, d->axis_size);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const uint8_t *in = input->data;
    for (int32_t batch = 0; batch < d->batch_size; ++batch) {
        for (int32_t outer = 0; outer < d->outer_size; ++outer) {
            const uint8_t *slices =
                in + ((size_t)batch * d->outer_size + outer) * d->axis_size * d->inner_bytes;
            for (int32_t coord = 0; coord < d->coord_size; ++coord) {
                const int64_t p = tflm_index_at(positions, batch * d->coord_size + coord);
                memcpy(out, slices + (size_t)p * d->inner_bytes, d->inner_bytes);
                out += d->inner_bytes;
            }
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_gather = {
    .builtin_code = TFLM_BUILTIN_GATHER,
    .custom_name = NULL,
    .name = "GATHER",
    .prepare = gather_prepare,
    .invoke = gather_invoke,
    .output_aliases_input = false,
};
