#include "binary_common.h"

#include "kernel_util.h"
#include "quant_util.h"

bool tflm_broadcast_init(const int32_t *shape1, int32_t rank1, const int32_t *shape2, int32_t rank2,
                         const int32_t *out, int32_t rank_out, tflm_broadcast *broadcast)
{
    const int n = TFLM_BROADCAST_MAX_DIMS;
    if (rank1 > n || rank2 > n || rank_out > n || rank1 < 0 || rank2 < 0 || rank_out < 0) {
        return false;
    }
    int32_t d1[TFLM_BROADCAST_MAX_DIMS], d2[TFLM_BROADCAST_MAX_DIMS], d_out[TFLM_BROADCAST_MAX_DIMS];
    for (int i = 0; i < n; ++i) {
        d1[i] = i < n - rank1 ? 1 : shape1[i - (n - rank1)];
        d2[i] = i < n - rank2 ? 1 : shape2[i - (n - rank2)];
        d_out[i] = i < n - rank_out ? 1 : out[i - (n - rank_out)];
    }
    bool same = true;
    for (int i = 0; i < n; ++i) {
        const int32_t expected = d1[i] == 1 ? d2[i] : d1[i];
        if ((d1[i] != 1 && d2[i] != 1 && d1[i] != d2[i]) || d_out[i] != expected) {
            return false;
        }
        same = same && d1[i] == d2[i];
    }
    if (same) { /* no broadcast: one flat run */
        int32_t count = 1;
        for (int i = 0; i < n; ++i) {
            count *= d_out[i];
            broadcast->dims[i] = 1;
            broadcast->stride1[i] = 0;
            broadcast->stride2[i] = 0;
        }
        broadcast->dims[n - 1] = count;
        broadcast->stride1[n - 1] = 1;
        broadcast->stride2[n - 1] = 1;
        return true;
    }
    int32_t s1 = 1, s2 = 1;
    for (int i = n - 1; i >= 0; --i) {
        broadcast->dims[i] = d_out[i];
        broadcast->stride1[i] = d1[i] == 1 ? 0 : s1;
        broadcast->stride2[i] = d2[i] == 1 ? 0 : s2;
        s1 *= d1[i];
        s2 *= d2[i];
    }
    return true;
}

tflm_status tflm_binary_prepare(tflm_context *ctx, const tflm_node *node, int activation,
                                uint32_t supported_types, const char *type_names,
                                tflm_binary_node *binary)
{
    if (node->inputs->size != 2 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 2 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input1 == NULL || input2 == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    const uint8_t type = output->type;
    if (type >= 32 || (supported_types & (UINT32_C(1) << type)) == 0) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "output type %s not supported; expected %s",
                         tflm_type_name_of(type), type_names);
    }
    if (input1->type != type || input2->type != type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input types %s and %s differ from output type %s",
                         tflm_type_name_of(input1->type), tflm_type_name_of(input2->type),
                         tflm_type_name_of(type));
    }
    if (!tflm_broadcast_init(input1->dims->data, input1->dims->size, input2->dims->data,
                             input2->dims->size, output->dims->data, output->dims->size,
                             &binary->broadcast)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input shapes do not broadcast to the output shape (at most %d dims)",
                         TFLM_BROADCAST_MAX_DIMS);
    }
    if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
        activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "fused activation %d not supported", activation);
    }
    if ((type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) &&
        (!tflm_per_tensor_quantization(ctx, input1, &binary->scale[0], &binary->zero_point[0]) ||
         !tflm_per_tensor_quantization(ctx, input2, &binary->scale[1], &binary->zero_point[1]) ||
         !tflm_per_tensor_quantization(ctx, output, &binary->scale[2], &binary->zero_point[2]))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "quantized %s needs scales on all tensors",
                         node->kernel->name);
    }
    binary->input1 = input1;
    binary->input2 = input2;
    binary->output = output;
    binary->type = (tflm_type)type;
    binary->activation = activation;
    return TFLM_OK;
}
