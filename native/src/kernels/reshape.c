/*
 * RESHAPE: the output holds the input's bytes under another (static)
 * shape. The kernel declares output_aliases_input, so the planner may give
 * both tensors one buffer; invoke then copies nothing. The optional second
 * input (the shape tensor) and the new_shape option only restate the
 * output shape the model already stores, so they are not read.
 */
#include <string.h>

#include "quant_util.h"
#include "tflm/ops.h"

static tflm_status reshape_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size < 1 || node->inputs->size > 2 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 or 2 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (input->type != output->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(output->type), tflm_type_name_of(input->type));
    }
    if (input->bytes != output->bytes) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %u bytes; input has %u",
                         (unsigned)output->bytes, (unsigned)input->bytes);
    }
    return TFLM_OK;
}

static tflm_status reshape_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->data != input->data) { /* distinct buffers never overlap */
        memcpy(output->data, input->data, input->bytes);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_reshape = {
    .builtin_code = TFLM_BUILTIN_RESHAPE,
    .custom_name = NULL,
    .name = "RESHAPE",
    .prepare = reshape_prepare,
    .invoke = reshape_invoke,
    .output_aliases_input = true,
};
