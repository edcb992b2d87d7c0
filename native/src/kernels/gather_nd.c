/*
 * GATHER_ND: slices of params addressed by the rows of indices
 * (tensorflow/lite/micro/kernels/gather_nd.cc). The last dimension of
 * indices, nd, is how many leading params dimensions a row addresses; the
 * output shape is indices.shape[:-1] + params.shape[nd:].
 *
 * Types: FLOAT32 and INT8 as TFLM, INT16 as TF Lite (the converter's 16x8
 * models); indices INT32 as TFLM, INT64 as TF Lite. Each index must lie in
 * [0, its dimension): checked at prepare when indices are constant, else at
 * each invoke. TFLM and TF Lite check only that the slice's flat offset
 * lies inside params, so they accept e.g. [0, 4] in a [3, 3] params (and
 * read element 4); this runtime rejects it, as TensorFlow does.
 */
#include <string.h>

#include "layout_common.h"
#include "nn_common.h"
#include "tflm/ops.h"

typedef struct gather_nd_op_data {
    int32_t slices;      /* rows of indices */
    int32_t nd;          /* indices per row */
    size_t slice_bytes;  /* params.shape[nd:] in bytes */
    int32_t dims[TFLM_MAX_DIMS];    /* params.shape[:nd] */
    size_t strides[TFLM_MAX_DIMS];  /* bytes between steps of dims[i] */
    uint8_t check_indices;          /* indices not constant: check at invoke */
} gather_nd_op_data;

static tflm_status check_indices(tflm_context *ctx, const gather_nd_op_data *d,
                                 const tflm_tensor *indices)
{
    for (int32_t i = 0; i < d->slices * d->nd; ++i) {
        const int64_t index = tflm_index_at(indices, i);
        const int32_t dim = d->dims[i % d->nd];
        if (index < 0 || index >= dim) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "index %d (element %d) outside [0, %d) of params dimension %d",
                             tflm_index_for_message(index), (int)i, (int)dim, (int)(i % d->nd));
        }
    }
    return TFLM_OK;
}

static tflm_status gather_nd_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *params, *indices;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "params", &params)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "indices", &indices)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, params, "params",
             TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8) |
                 TFLM_TYPE_BIT(TFLM_TYPE_INT16),
             "FLOAT32, INT8 or INT16")) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, indices, "indices",
             TFLM_TYPE_BIT(TFLM_TYPE_INT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT64),
             "INT32 or INT64")) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int params_rank = params->dims->size, indices_rank = indices->dims->size;
    if (params_rank < 1 || indices_rank < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "params and indices must have at least 1 dimension, have %d and %d",
                         params_rank, indices_rank);
    }
    const int32_t nd = indices->dims->data[indices_rank - 1];
    if (nd > params_rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "indices address %d dimensions; params has only %d", (int)nd,
                         params_rank);
    }
    int64_t expected[2 * TFLM_MAX_DIMS];
    int out_rank = 0;
    for (int i = 0; i < indices_rank - 1; ++i) {
        expected[out_rank++] = indices->dims->data[i];
    }
    for (int i = nd; i < params_rank; ++i) {
        expected[out_rank++] = params->dims->data[i];
    }
    if ((status = tflm_layout_check_output(ctx, params, output, expected, out_rank)) != TFLM_OK) {
        return status;
    }
    gather_nd_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if (tflm_element_count(output) == 0) {
        return TFLM_OK; /* slices stays 0: nothing to copy */
    }
    /* A non-empty output has slices * slice elements, so neither overflows. */
    int32_t slice = 1;
    for (int i = nd; i < params_rank; ++i) {
        slice *= params->dims->data[i];
    }
    data->slices = tflm_element_count(output) / slice;
    data->nd = nd;
    data->slice_bytes = (size_t)slice * tflm_type_size(params->type);
    size_t stride = data->slice_bytes;
    for (int i = nd - 1; i >= 0; --i) {
        data->dims[i] = params->dims->data[i];
        data->strides[i] = stride;
        stride *= (size_t)params->dims->data[i];
    }
    if (nd == 0) {
        return TFLM_OK; /* every row is empty and copies all of params */
    }
    if (!indices->is_constant) {
        data->check_indices = 1;
        return TFLM_OK;
    }
    return check_indices(ctx, data, indices);
}

static tflm_status gather_nd_invoke(tflm_context *ctx, tflm_node *node)
{
    const gather_nd_op_data *d = node->data;
    const tflm_tensor *indices = tflm_input(ctx, node, 1);
    const uint8_t *params = tflm_input(ctx, node, 0)->data;
    uint8_t *out = tflm_output(ctx, node, 0)->data;
    if (d->check_indices) {
        tflm_status status = check_indices(ctx, d, indices);
        if (status != TFLM_OK) {
            return status;
        }
    }
    for (int32_t s = 0; s < d->slices; ++s) {
        size_t offset = 0;
        for (int32_t j = 0; j < d->nd; ++j) {
            offset += (size_t)tflm_index_at(indices, s * d->nd + j) * d->strides[j];
        }
        memcpy(out + (size_t)s * d->slice_bytes, params + offset, d->slice_bytes);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_gather_nd = {
    .builtin_code = TFLM_BUILTIN_GATHER_ND,
    .custom_name = NULL,
    .name = "GATHER_ND",
    .prepare = gather_nd_prepare,
    .invoke = gather_nd_invoke,
    .output_aliases_input = false,
};
