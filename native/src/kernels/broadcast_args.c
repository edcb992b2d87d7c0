/*
 * BROADCAST_ARGS. Reference semantics: TFLM's broadcast_args.cc and
 * reference/broadcast_args.h: the broadcast of two shapes given as 1-D
 * INT32 or INT64 tensors, right-aligned, into a 1-D output of the longer
 * length. The shapes are values, often computed at run time: dimensions
 * that do not broadcast (neither 1 nor equal) fail the invoke, where TFLM
 * aborts.
 */
#include "kernel_util.h"
#include "tflm/ops.h"

static tflm_status broadcast_args_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 2 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 2 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *shape1 = tflm_input(ctx, node, 0);
    const tflm_tensor *shape2 = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (shape1 == NULL || shape2 == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (shape1->type != TFLM_TYPE_INT32 && shape1->type != TFLM_TYPE_INT64) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected INT32 or INT64",
                         tflm_type_name_of(shape1->type));
    }
    if (shape2->type != shape1->type || output->type != shape1->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input and output types %s, %s and %s differ",
                         tflm_type_name_of(shape1->type), tflm_type_name_of(shape2->type),
                         tflm_type_name_of(output->type));
    }
    if (shape1->dims->size != 1 || shape2->dims->size != 1 || output->dims->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "inputs and output must be 1-D, got %d, %d and %d dims",
                         (int)shape1->dims->size, (int)shape2->dims->size, (int)output->dims->size);
    }
    const int32_t n1 = shape1->dims->data[0], n2 = shape2->dims->data[0];
    if (output->dims->data[0] != (n1 > n2 ? n1 : n2)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output length %d, expected %d (the longer input)",
                         (int)output->dims->data[0], (int)(n1 > n2 ? n1 : n2));
    }
    return TFLM_OK;
}

static int64_t shape_value(const tflm_tensor *shape, int32_t i)
{
    return shape->type == TFLM_TYPE_INT32 ? ((const int32_t *)shape->data)[i]
                                          : ((const int64_t *)shape->data)[i];
}

static tflm_status broadcast_args_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *shape1 = tflm_input(ctx, node, 0);
    const tflm_tensor *shape2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t n1 = shape1->dims->data[0], n2 = shape2->dims->data[0];
    const int32_t n = output->dims->data[0];
    /* from the last dimension backwards; a missing dimension counts as 1 */
    for (int32_t back = 0; back < n; ++back) {
        const int64_t d1 = back < n1 ? shape_value(shape1, n1 - 1 - back) : 1;
        const int64_t d2 = back < n2 ? shape_value(shape2, n2 - 1 - back) : 1;
        if (d1 != 1 && d2 != 1 && d1 != d2) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "shapes do not broadcast: their dimensions %d and %d (from the end "
                             "%d) are neither 1 nor equal",
                             (int)(n1 - 1 - back), (int)(n2 - 1 - back), (int)back);
        }
        const int64_t d = d1 == 1 ? d2 : d1;
        if (output->type == TFLM_TYPE_INT32) {
            ((int32_t *)output->data)[n - 1 - back] = (int32_t)d;
        } else {
            ((int64_t *)output->data)[n - 1 - back] = d;
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_broadcast_args = {
    .builtin_code = TFLM_BUILTIN_BROADCAST_ARGS,
    .custom_name = NULL,
    .name = "BROADCAST_ARGS",
    .prepare = broadcast_args_prepare,
    .invoke = broadcast_args_invoke,
    .output_aliases_input = false,
};
