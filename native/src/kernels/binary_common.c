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

bool tflm_broadcast3_init(const int32_t *const shape[3], const int32_t rank[3], const int32_t *out,
                          int32_t rank_out, tflm_broadcast3 *broadcast)
{
    const int n = TFLM_BROADCAST_MAX_DIMS;
    if (rank_out < 0 || rank_out > n) {
        return false;
    }
    int32_t d[3][TFLM_BROADCAST_MAX_DIMS];
    for (int k = 0; k < 3; ++k) {
        if (rank[k] < 0 || rank[k] > rank_out) {
            return false;
        }
        for (int i = 0; i < n; ++i) {
            d[k][i] = i < n - rank[k] ? 1 : shape[k][i - (n - rank[k])];
        }
    }
    for (int i = 0; i < n; ++i) {
        const int32_t d_out = i < n - rank_out ? 1 : out[i - (n - rank_out)];
        int32_t lo = d[0][i], hi = d[0][i];
        for (int k = 1; k < 3; ++k) {
            lo = d[k][i] < lo ? d[k][i] : lo;
            hi = d[k][i] > hi ? d[k][i] : hi;
        }
        const int32_t expected = lo == 0 ? 0 : hi;
        if (lo < 0 || d_out != expected) {
            return false;
        }
        for (int k = 0; k < 3; ++k) {
            if (d[k][i] != 1 && d[k][i] != expected) {
                return false;
            }
        }
        broadcast->dims[i] = d_out;
    }
    for (int k = 0; k < 3; ++k) {
        int32_t stride = 1;
        for (int i = n - 1; i >= 0; --i) {
            broadcast->stride[k][i] = d[k][i] == 1 ? 0 : stride;
            stride *= d[k][i];
        }
    }
    return true;
}

tflm_status tflm_binary_prepare_inputs(tflm_context *ctx, const tflm_node *node,
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
    const uint8_t type = input1->type;
    if (type >= 32 || (supported_types & (UINT32_C(1) << type)) == 0) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected %s",
                         tflm_type_name_of(type), type_names);
    }
    if (input2->type != type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input types %s and %s differ",
                         tflm_type_name_of(type), tflm_type_name_of(input2->type));
    }
    if (!tflm_broadcast_init(input1->dims->data, input1->dims->size, input2->dims->data,
                             input2->dims->size, output->dims->data, output->dims->size,
                             &binary->broadcast)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input shapes do not broadcast to the output shape (at most %d dims)",
                         TFLM_BROADCAST_MAX_DIMS);
    }
    const tflm_tensor *tensors[3] = {input1, input2, output};
    for (int i = 0; i < 3; ++i) {
        binary->quantized[i] = tflm_per_tensor_quantization(ctx, tensors[i], &binary->scale[i],
                                                            &binary->zero_point[i]);
    }
    /* Zero points are values of their type: the model verifier checks. */
    binary->input1 = input1;
    binary->input2 = input2;
    binary->output = output;
    binary->type = (tflm_type)type;
    binary->activation = TFLM_ACTIVATION_NONE;
    return TFLM_OK;
}

tflm_status tflm_binary_prepare(tflm_context *ctx, const tflm_node *node, int activation,
                                uint32_t supported_types, const char *type_names,
                                tflm_binary_node *binary)
{
    tflm_status status = tflm_binary_prepare_inputs(ctx, node, supported_types, type_names, binary);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_type type = binary->type;
    if (binary->output->type != type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(binary->output->type), tflm_type_name_of(type));
    }
    if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
        activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "fused activation %d not supported", activation);
    }
    if ((type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) &&
        !(binary->quantized[0] && binary->quantized[1] && binary->quantized[2])) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "quantized %s needs scales on all tensors",
                         node->kernel->name);
    }
    binary->activation = activation;
    return TFLM_OK;
}

tflm_status tflm_binary_prepare_broadcast(tflm_context *ctx, tflm_node *node,
                                          uint32_t supported_types, const char *type_names,
                                          int output_type)
{
    tflm_binary_node binary;
    tflm_status status = tflm_binary_prepare_inputs(ctx, node, supported_types, type_names, &binary);
    if (status != TFLM_OK) {
        return status;
    }
    const int expected = output_type == TFLM_BINARY_SAME_TYPE ? (int)binary.type : output_type;
    if (binary.output->type != expected) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s not supported; expected %s",
                         tflm_type_name_of(binary.output->type), tflm_type_name_of(expected));
    }
    tflm_broadcast *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    *data = binary.broadcast;
    node->data = data;
    return TFLM_OK;
}

bool tflm_same_shape(const tflm_tensor *a, const tflm_tensor *b)
{
    if (a->dims->size != b->dims->size) {
        return false;
    }
    for (int32_t i = 0; i < a->dims->size; ++i) {
        if (a->dims->data[i] != b->dims->data[i]) {
            return false;
        }
    }
    return true;
}

tflm_status tflm_binary_require_unquantized(tflm_context *ctx, const tflm_node *node,
                                            const tflm_binary_node *binary)
{
    if (binary->quantized[0] || binary->quantized[1]) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s %s must not be quantized",
                         tflm_type_name_of(binary->type), node->kernel->name);
    }
    return TFLM_OK;
}

tflm_activation tflm_activation_range_s32(int activation)
{
    tflm_activation range;
    /* The quantized range with scale 1 and zero point 0 is exactly it. */
    tflm_activation_range_quantized(activation, 1.0f, 0, INT32_MIN, INT32_MAX, &range.min, &range.max);
    return range;
}
