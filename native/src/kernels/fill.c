/*
 * FILL, ZEROS_LIKE and SHAPE: outputs that do not depend on the input's
 * values. FILL repeats a scalar into the shape its dims input names,
 * ZEROS_LIKE writes zeros in the input's shape, SHAPE writes the input's
 * dimensions.
 *
 * FILL as TFLM: dims a constant INT8, INT16, INT32 or INT64 vector equal
 * to the output's shape, value a scalar of the output's type (TFLM's
 * FLOAT32, INT32, INT8, plus TF Lite's INT16, INT64 and BOOL).
 * ZEROS_LIKE: TFLM's INT64, INT32, INT8, FLOAT32; the output has the
 * input's type and shape. SHAPE: any input; the output INT32 (TFLM) or
 * INT64 (TF Lite's out_type), a vector of the input's rank.
 */
#include <string.h>

#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/ops.h"

static tflm_status fill_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *dims = tflm_input(ctx, node, 0);
    const tflm_tensor *value = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT32) | TFLM_TYPES(INT8) |
                           TFLM_TYPES(INT16) | TFLM_TYPES(INT64) | TFLM_TYPES(BOOL);
    const uint32_t dim_types = TFLM_TYPES(INT8) | TFLM_TYPES(INT16) | TFLM_TYPES(INT32) |
                               TFLM_TYPES(INT64);
    int32_t shape[TFLM_MAX_DIMS], rank;
    if ((status = tflm_check_type(ctx, "value", value->type, types,
                                  "FLOAT32, INT32, INT8, INT16, INT64 or BOOL")) != TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, value)) != TFLM_OK ||
        (status = tflm_check_constant(ctx, "dims", dims)) != TFLM_OK ||
        (status = tflm_read_int_tensor(ctx, "dims", dims, dim_types, "INT8, INT16, INT32 or INT64",
                                       shape, TFLM_MAX_DIMS, &rank)) != TFLM_OK) {
        return status;
    }
    if (value->dims->size != 0 || dims->dims->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "value must be a scalar and dims a vector");
    }
    return tflm_check_shape(ctx, "output", output, shape, rank);
}

static tflm_status fill_invoke(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *output = tflm_output(ctx, node, 0);
    tflm_fill_elements(output->data, tflm_input(ctx, node, 1)->data,
                       tflm_type_size((tflm_type)output->type), tflm_element_count(output));
    return TFLM_OK;
}

static tflm_status zeros_like_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, 1, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(INT64) | TFLM_TYPES(INT32) | TFLM_TYPES(INT8) |
                           TFLM_TYPES(FLOAT32);
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "INT64, INT32, INT8 or FLOAT32")) != TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK) {
        return status;
    }
    return tflm_check_shape(ctx, "output", output, input->dims->data, input->dims->size);
}

static tflm_status zeros_like_invoke(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->bytes > 0) { /* an empty tensor may have no buffer */
        memset(output->data, 0, output->bytes); /* 0.0f is all zero bits too */
    }
    return TFLM_OK;
}

static tflm_status shape_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, 1, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t rank = input->dims->size;
    if ((status = tflm_check_type(ctx, "output", output->type,
                                  TFLM_TYPES(INT32) | TFLM_TYPES(INT64), "INT32 or INT64")) !=
        TFLM_OK) {
        return status;
    }
    return tflm_check_shape(ctx, "output", output, &rank, 1);
}

static tflm_status shape_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    for (int32_t i = 0; i < input->dims->size; ++i) {
        if (output->type == TFLM_TYPE_INT32) {
            ((int32_t *)output->data)[i] = input->dims->data[i];
        } else {
            ((int64_t *)output->data)[i] = input->dims->data[i];
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_fill = {
    .builtin_code = TFLM_BUILTIN_FILL,
    .custom_name = NULL,
    .name = "FILL",
    .prepare = fill_prepare,
    .invoke = fill_invoke,
};

const tflm_kernel tflm_op_zeros_like = {
    .builtin_code = TFLM_BUILTIN_ZEROS_LIKE,
    .custom_name = NULL,
    .name = "ZEROS_LIKE",
    .prepare = zeros_like_prepare,
    .invoke = zeros_like_invoke,
};

const tflm_kernel tflm_op_shape = {
    .builtin_code = TFLM_BUILTIN_SHAPE,
    .custom_name = NULL,
    .name = "SHAPE",
    .prepare = shape_prepare,
    .invoke = shape_invoke,
};
