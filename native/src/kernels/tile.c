/*
 * BROADCAST_TO and TILE: the input repeated. BROADCAST_TO stretches axes
 * of size 1 (and adds leading ones) to a shape; TILE (TF Lite's; TFLM has
 * none) repeats the whole input multiples[i] times along each axis i, a
 * walk of two axes per input axis (which copy, which element). Both are
 * one strided copy whose repeats are strides of 0.
 *
 * BROADCAST_TO as TFLM: shape an INT32 or INT64 constant, at most 5 axes,
 * every fixed-size type. TILE as TF Lite: multiples INT32 or INT64, one
 * non-negative entry per input axis, checked at prepare when constant and
 * at every invoke when not; FLOAT32, INT8, INT16, INT32, INT64, UINT8 and
 * BOOL. Both check the output's shape.
 */
#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/ops.h"

#define BROADCAST_TO_MAX_DIMS 5

typedef struct tile_data {
    tflm_strided_copy copy;
    bool check_at_invoke; /* TILE: multiples not constant */
} tile_data;

static tflm_status broadcast_to_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *shape = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    int32_t dims[TFLM_MAX_DIMS], rank;
    if ((status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
        (status = tflm_check_constant(ctx, "shape", shape)) != TFLM_OK ||
        (status = tflm_read_int_tensor(ctx, "shape", shape, TFLM_TYPES(INT32) | TFLM_TYPES(INT64),
                                       "INT32 or INT64", dims, BROADCAST_TO_MAX_DIMS, &rank)) !=
            TFLM_OK) {
        return status;
    }
    const int32_t in_rank = input->dims->size;
    if (shape->dims->size != 1 || in_rank > rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "shape must be a vector of at least the input's %d entries",
                         (int)in_rank);
    }
    if ((status = tflm_check_shape(ctx, "output", output, dims, rank)) != TFLM_OK) {
        return status;
    }
    int32_t in_strides[TFLM_MAX_DIMS], out_strides[TFLM_MAX_DIMS];
    tflm_row_major_strides(input->dims, in_strides);
    tflm_row_major_strides(output->dims, out_strides);
    tile_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_strided_copy_init(&data->copy, tflm_type_size((tflm_type)input->type));
    const int32_t extra = rank - in_rank;
    for (int32_t k = 0; k < rank; ++k) {
        const int32_t in_dim = k < extra ? 1 : input->dims->data[k - extra];
        if (in_dim != 1 && in_dim != dims[k]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input axis %d of size %d does not broadcast to %d", (int)(k - extra),
                             (int)in_dim, (int)dims[k]);
        }
        tflm_strided_copy_axis(&data->copy, dims[k], in_dim == 1 ? 0 : in_strides[k - extra],
                               out_strides[k]);
    }
    node->data = data;
    return TFLM_OK;
}

/* TILE: the output's shape is the input's times multiples. */
static tflm_status check_multiples(tflm_context *ctx, const tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *multiples = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t rank = input->dims->size;
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t i = 0; i < rank; ++i) {
        const int64_t m = tflm_int_tensor_value(multiples, i);
        const int64_t dim = (int64_t)input->dims->data[i] * m;
        if (m < 0 || dim > INT32_MAX) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "multiples entry %d out of range", (int)i);
        }
        expected[i] = (int32_t)dim;
    }
    return tflm_check_shape(ctx, "output", output, expected, rank);
}

static tflm_status tile_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *multiples = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(INT64) | TFLM_TYPES(UINT8) |
                           TFLM_TYPES(BOOL);
    const int32_t rank = input->dims->size;
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "FLOAT32, INT8, INT16, INT32, INT64, UINT8 or BOOL")) !=
            TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
        (status = tflm_check_type(ctx, "multiples", multiples->type,
                                  TFLM_TYPES(INT32) | TFLM_TYPES(INT64), "INT32 or INT64")) !=
            TFLM_OK) {
        return status;
    }
    if (multiples->dims->size != 1 || multiples->dims->data[0] != rank ||
        output->dims->size != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "multiples must be a vector of %d entries and the output of rank %d",
                         (int)rank, (int)rank);
    }
    tile_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    data->check_at_invoke = !multiples->is_constant;
    if (!data->check_at_invoke && (status = check_multiples(ctx, node)) != TFLM_OK) {
        return status;
    }
    /* The plan needs only the shapes: each input axis i walked as
     * (copy c < output/input, element e < input) at output index
     * c * input + e. An input axis of 0 makes the output empty. */
    int32_t in_strides[TFLM_MAX_DIMS], out_strides[TFLM_MAX_DIMS];
    tflm_row_major_strides(input->dims, in_strides);
    tflm_row_major_strides(output->dims, out_strides);
    tflm_strided_copy_init(&data->copy, tflm_type_size((tflm_type)input->type));
    for (int32_t i = 0; i < rank; ++i) {
        const int32_t in_dim = input->dims->data[i], out_dim = output->dims->data[i];
        if (in_dim == 0 || out_dim % in_dim != 0) {
            /* Empty, or a shape check above (or at invoke) refuses it. */
            data->copy.empty = true;
            continue;
        }
        tflm_strided_copy_axis(&data->copy, out_dim / in_dim, 0, in_dim * out_strides[i]);
        tflm_strided_copy_axis(&data->copy, in_dim, in_strides[i], out_strides[i]);
    }
    return TFLM_OK;
}

static tflm_status tile_invoke(tflm_context *ctx, tflm_node *node)
{
    const tile_data *data = node->data;
    if (data->check_at_invoke) {
        tflm_status status = check_multiples(ctx, node);
        if (status != TFLM_OK) {
            return status;
        }
    }
    tflm_strided_copy_run(&data->copy, tflm_input(ctx, node, 0)->data,
                          tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_broadcast_to = {
    .builtin_code = TFLM_BUILTIN_BROADCAST_TO,
    .custom_name = NULL,
    .name = "BROADCAST_TO",
    .prepare = broadcast_to_prepare,
    .invoke = tile_invoke,
};

const tflm_kernel tflm_op_tile = {
    .builtin_code = TFLM_BUILTIN_TILE,
    .custom_name = NULL,
    .name = "TILE",
    .prepare = tile_prepare,
    .invoke = tile_invoke,
};
