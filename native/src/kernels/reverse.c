/*
 * REVERSE_V2: the input with the order of its elements reversed along the
 * axes listed in the axis input: one strided copy, walking those axes
 * backwards (negative source strides).
 *
 * TFLM's checks: axis an INT32 vector of at most the input's rank
 * entries, each in [-rank, rank). TFLM reads it at invoke and accepts
 * only consecutive axes; here any set of distinct axes works (TF Lite's
 * definition), checked at prepare when constant and at every invoke when
 * not; a repeated axis is refused. Types TFLM's: FLOAT32, INT32, INT16,
 * INT8, UINT8, INT64, BOOL.
 */
#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/ops.h"

typedef struct reverse_data {
    tflm_strided_copy copy;
    bool at_invoke; /* axis not constant: planned at each invoke */
} reverse_data;

static tflm_status plan(tflm_context *ctx, const tflm_node *node, tflm_strided_copy *copy)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *axis = tflm_input(ctx, node, 1);
    const int32_t rank = input->dims->size;
    bool reversed[TFLM_MAX_DIMS] = {false};
    for (int32_t i = 0; i < tflm_element_count(axis); ++i) {
        int32_t a;
        tflm_status status =
            tflm_resolve_axis(ctx, "axis", (int32_t)tflm_int_tensor_value(axis, i), rank, &a);
        if (status != TFLM_OK) {
            return status;
        }
        if (reversed[a]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis %d is listed twice", (int)a);
        }
        reversed[a] = true;
    }
    int32_t strides[TFLM_MAX_DIMS];
    tflm_row_major_strides(input->dims, strides);
    tflm_strided_copy_init(copy, tflm_type_size((tflm_type)input->type));
    for (int32_t i = 0; i < rank; ++i) {
        const int32_t dim = input->dims->data[i];
        if (reversed[i] && dim > 1) {
            copy->src_offset += (dim - 1) * strides[i];
            tflm_strided_copy_axis(copy, dim, -strides[i], strides[i]);
        } else {
            tflm_strided_copy_axis(copy, dim, strides[i], strides[i]);
        }
    }
    return TFLM_OK;
}

static tflm_status reverse_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *axis = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT32) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT8) | TFLM_TYPES(UINT8) | TFLM_TYPES(INT64) |
                           TFLM_TYPES(BOOL);
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "FLOAT32, INT32, INT16, INT8, UINT8, INT64 or BOOL")) !=
            TFLM_OK ||
        (status = tflm_check_shape(ctx, "output", output, input->dims->data, input->dims->size)) !=
            TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
        (status = tflm_check_type(ctx, "axis", axis->type, TFLM_TYPES(INT32), "INT32")) !=
            TFLM_OK) {
        return status;
    }
    if (axis->dims->size != 1 || axis->dims->data[0] > input->dims->size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "axis must be a vector of at most %d entries (the input's rank)",
                         (int)input->dims->size);
    }
    reverse_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    data->at_invoke = !axis->is_constant;
    return data->at_invoke ? TFLM_OK : plan(ctx, node, &data->copy);
}

static tflm_status reverse_invoke(tflm_context *ctx, tflm_node *node)
{
    reverse_data *data = node->data;
    if (data->at_invoke) {
        tflm_status status = plan(ctx, node, &data->copy);
        if (status != TFLM_OK) {
            return status;
        }
    }
    tflm_strided_copy_run(&data->copy, tflm_input(ctx, node, 0)->data,
                          tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_reverse_v2 = {
    .builtin_code = TFLM_BUILTIN_REVERSE_V2,
    .custom_name = NULL,
    .name = "REVERSE_V2",
    .prepare = reverse_prepare,
    .invoke = reverse_invoke,
};
