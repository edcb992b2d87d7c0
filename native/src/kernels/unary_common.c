#include "unary_common.h"

#include "kernel_util.h"
#include "quant_util.h"

tflm_status tflm_unary_prepare(tflm_context *ctx, const tflm_node *node, uint32_t supported_types,
                               const char *type_names, const tflm_tensor **input, const tflm_tensor **output,
                               tflm_unary_quant *quant)
{
    if (node->inputs->size != 1 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *in = tflm_input(ctx, node, 0);
    const tflm_tensor *out = tflm_output(ctx, node, 0);
    if (in == NULL || out == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (in->type >= 32 || !(supported_types & (1u << in->type))) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected %s",
                         tflm_type_name_of(in->type), type_names);
    }
    if (out->type != in->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(out->type), tflm_type_name_of(in->type));
    }
    if (tflm_element_count(out) != tflm_element_count(in)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(out), (int)tflm_element_count(in));
    }
    if (quant != NULL && in->type != TFLM_TYPE_FLOAT32 &&
        (!tflm_per_tensor_quantization(ctx, in, &quant->input_scale, &quant->input_zero_point) ||
         !tflm_per_tensor_quantization(ctx, out, &quant->output_scale, &quant->output_zero_point) ||
         !(quant->input_scale > 0.0f && quant->output_scale > 0.0f))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s input and output need positive quantization scales",
                         tflm_type_name_of(in->type));
    }
    /* Zero points are values of their type: the model verifier checks. */
    *input = in;
    *output = out;
    return TFLM_OK;
}
