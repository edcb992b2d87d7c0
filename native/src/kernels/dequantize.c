#include "dequantize.h"

#include "quant_util.h"
#include "tflm/ops.h"

/* ---- Pure compute -------------------------------------------------------- */

/* The difference is converted to float, then multiplied by the float
 * scale: TFLM's static_cast<float>(scale * (val - zero_point)). */
#define TFLM_DEFINE_DEQUANTIZE(NAME, IN_T)                                                         \
    void NAME(const tflm_affine_quant *quant, int32_t count, const IN_T *input, float *output)     \
    {                                                                                              \
        const float scale = quant->scale;                                                          \
        const int32_t zero_point = quant->zero_point;                                              \
        for (int32_t i = 0; i < count; ++i) {                                                      \
            output[i] = scale * (float)((int32_t)input[i] - zero_point);                           \
        }                                                                                          \
    }

TFLM_DEFINE_DEQUANTIZE(tflm_dequantize_s8_f32, int8_t)
TFLM_DEFINE_DEQUANTIZE(tflm_dequantize_u8_f32, uint8_t)
TFLM_DEFINE_DEQUANTIZE(tflm_dequantize_s16_f32, int16_t)

/* ---- Node glue -------------------------------------------------------------- */

typedef struct dequantize_op_data {
    tflm_affine_quant quant;
    int32_t count;
} dequantize_op_data;

static tflm_status dequantize_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 1 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (input->type != TFLM_TYPE_INT8 && input->type != TFLM_TYPE_INT16 &&
        input->type != TFLM_TYPE_UINT8) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "input type %s not supported; expected INT8, INT16 or UINT8",
                         tflm_type_name_of(input->type));
    }
    if (output->type != TFLM_TYPE_FLOAT32) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "output type %s not supported; expected FLOAT32",
                         tflm_type_name_of(output->type));
    }
    const int32_t count = tflm_element_count(input);
    if (tflm_element_count(output) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(output), (int)count);
    }
    dequantize_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    if (!tflm_per_tensor_quantization(ctx, input, &data->quant.scale, &data->quant.zero_point)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s input has no quantization scale",
                         tflm_type_name_of(input->type));
    }
    data->count = count;
    node->data = data;
    return TFLM_OK;
}

static tflm_status dequantize_invoke(tflm_context *ctx, tflm_node *node)
{
    const dequantize_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    float *out = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        tflm_dequantize_s8_f32(&d->quant, d->count, input->data, out);
    } else if (input->type == TFLM_TYPE_INT16) {
        tflm_dequantize_s16_f32(&d->quant, d->count, input->data, out);
    } else {
        tflm_dequantize_u8_f32(&d->quant, d->count, input->data, out);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_dequantize = {
    .builtin_code = TFLM_BUILTIN_DEQUANTIZE,
    .custom_name = NULL,
    .name = "DEQUANTIZE",
    .prepare = dequantize_prepare,
    .invoke = dequantize_invoke,
    .output_aliases_input = false,
};
