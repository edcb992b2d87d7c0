/*
 * TRANSPOSE: output axis i is input axis perm[i]. TFLM's checks: at most
 * 5 dimensions, perm a constant INT32 vector of one entry per input axis
 * and in range; beyond TFLM, perm must be a permutation (a repeated axis
 * would not give the output's element count) and the output's shape must
 * be the permuted input shape. A byte copy: FLOAT32, INT8 and INT16 as
 * TFLM, plus the fixed-size types TF Lite's kernel moves (INT32, INT64,
 * UINT8, BOOL).
 */
#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/ops.h"

#define TRANSPOSE_MAX_DIMS 5

static tflm_status transpose_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 2, 2, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *perm_tensor = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(INT64) | TFLM_TYPES(UINT8) |
                           TFLM_TYPES(BOOL);
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "FLOAT32, INT8, INT16, INT32, INT64, UINT8 or BOOL")) != TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
        (status = tflm_check_constant(ctx, "perm", perm_tensor)) != TFLM_OK) {
        return status;
    }
    const int32_t rank = input->dims->size;
    if (rank > TRANSPOSE_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input has %d dimensions; at most %d supported",
                         (int)rank, TRANSPOSE_MAX_DIMS);
    }
    int32_t perm[TFLM_MAX_DIMS], count;
    status = tflm_read_int_tensor(ctx, "perm", perm_tensor, TFLM_TYPES(INT32), "INT32", perm,
                                  TFLM_MAX_DIMS, &count);
    if (status != TFLM_OK) {
        return status;
    }
    if (perm_tensor->dims->size != 1 || count != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "perm must be a vector of %d entries, got %d",
                         (int)rank, (int)count);
    }
    bool used[TFLM_MAX_DIMS] = {false};
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t i = 0; i < rank; ++i) {
        if (perm[i] < 0 || perm[i] >= rank || used[perm[i]]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "perm entry %d is %d; perm must hold each of 0..%d once", (int)i,
                             (int)perm[i], (int)rank - 1);
        }
        used[perm[i]] = true;
        expected[i] = input->dims->data[perm[i]];
    }
    if ((status = tflm_check_shape(ctx, "output", output, expected, rank)) != TFLM_OK) {
        return status;
    }
    tflm_strided_copy *copy = tflm_alloc_persistent(ctx, sizeof *copy);
    if (copy == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    int32_t in_strides[TFLM_MAX_DIMS], out_strides[TFLM_MAX_DIMS];
    tflm_row_major_strides(input->dims, in_strides);
    tflm_row_major_strides(output->dims, out_strides);
    tflm_strided_copy_init(copy, tflm_type_size((tflm_type)input->type));
    for (int32_t i = 0; i < rank; ++i) {
        tflm_strided_copy_axis(copy, expected[i], in_strides[perm[i]], out_strides[i]);
    }
    node->data = copy;
    return TFLM_OK;
}

static tflm_status transpose_invoke(tflm_context *ctx, tflm_node *node)
{
    tflm_strided_copy_run(node->data, tflm_input(ctx, node, 0)->data,
                          tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_transpose = {
    .builtin_code = TFLM_BUILTIN_TRANSPOSE,
    .custom_name = NULL,
    .name = "TRANSPOSE",
    .prepare = transpose_prepare,
    .invoke = transpose_invoke,
};
