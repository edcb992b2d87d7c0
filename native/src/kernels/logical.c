/*
 * LOGICAL_AND and LOGICAL_OR. Reference semantics: TFLM's logical.cc and
 * logical_common.cc: element-wise on BOOL tensors with broadcasting (TFLM
 * has no prepare and never checks the types; here they must be BOOL).
 */
#include "binary_common.h"
#include "tflm/ops.h"

static tflm_status logical_prepare(tflm_context *ctx, tflm_node *node)
{
    return tflm_binary_prepare_broadcast(ctx, node, 1u << TFLM_TYPE_BOOL, "BOOL", TFLM_TYPE_BOOL);
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
