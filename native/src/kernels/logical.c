/*
 * LOGICAL_AND and LOGICAL_OR. Reference semantics: TFLM's logical.cc and
 * logical_common.cc: element-wise on BOOL tensors with broadcasting (TFLM
 * has no prepare and never checks the types; here they must be BOOL).
 */
#include "binary_common.h"
#include "kernel_util.h"
#include "tflm/ops.h"

static tflm_status logical_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_binary_node binary;
    tflm_status status =
        tflm_binary_prepare_inputs(ctx, node, 1u << TFLM_TYPE_BOOL, "BOOL", &binary);
    if (status != TFLM_OK) {
        return status;
    }
    if (binary.output->type != TFLM_TYPE_BOOL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s not supported; expected BOOL",
                         tflm_type_name_of(binary.output->type));
    }
    tflm_broadcast *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    *data = binary.broadcast;
    node->data = data;
    return TFLM_OK;
}

/* Bytes other than 0 and 1 in a BOOL tensor count as true. */
static tflm_status logical_invoke(tflm_context *ctx, tflm_node *node, bool is_and)
{
    const tflm_broadcast *bc = node->data;
    const uint8_t *a = tflm_input(ctx, node, 0)->data;
    const uint8_t *b = tflm_input(ctx, node, 1)->data;
    bool *out = tflm_output(ctx, node, 0)->data;
    if (is_and) {
#define LOGICAL_AND(i1, i2, o) out[o] = a[i1] != 0 && b[i2] != 0
        TFLM_BROADCAST_FOR_EACH(bc, LOGICAL_AND);
#undef LOGICAL_AND
    } else {
#define LOGICAL_OR(i1, i2, o) out[o] = a[i1] != 0 || b[i2] != 0
        TFLM_BROADCAST_FOR_EACH(bc, LOGICAL_OR);
#undef LOGICAL_OR
    }
    return TFLM_OK;
}

static tflm_status logical_and_invoke(tflm_context *ctx, tflm_node *node)
{
    return logical_invoke(ctx, node, true);
}

static tflm_status logical_or_invoke(tflm_context *ctx, tflm_node *node)
{
    return logical_invoke(ctx, node, false);
}

const tflm_kernel tflm_op_logical_and = {
    .builtin_code = TFLM_BUILTIN_LOGICAL_AND,
    .custom_name = NULL,
    .name = "LOGICAL_AND",
    .prepare = logical_prepare,
    .invoke = logical_and_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_logical_or = {
    .builtin_code = TFLM_BUILTIN_LOGICAL_OR,
    .custom_name = NULL,
    .name = "LOGICAL_OR",
    .prepare = logical_prepare,
    .invoke = logical_or_invoke,
    .output_aliases_input = false,
};
