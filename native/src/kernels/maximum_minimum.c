/*
 * MAXIMUM and MINIMUM. Reference semantics: TFLM's maximum_minimum.cc:
 * element-wise in1 > in2 ? in1 : in2 (MINIMUM: <) with broadcasting, on
 * float32, int8, int16, int32 and int64, raw values compared (quantized
 * inputs are taken to share the output's scale, as TFLM does). A NaN
 * yields the second input, as that comparison gives.
 */
#include "binary_common.h"
#include "tflm/ops.h"

static tflm_status maximum_minimum_prepare(tflm_context *ctx, tflm_node *node)
{
    return tflm_binary_prepare_broadcast(ctx, node, 1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 |
                                             1u << TFLM_TYPE_INT32 | 1u << TFLM_TYPE_INT64, "FLOAT32, INT8, INT16, INT32 or INT64", TFLM_BINARY_SAME_TYPE);
}

/* The loop of one type and comparison (GT or LT). */
#define PICK_LOOP(T, CMP) TFLM_BINARY_LOOP(bc, T, T, input1, input2, output, PICK_##CMP)
#define PICK_GT(i1, i2, o) out_[o] = in1_[i1] > in2_[i2] ? in1_[i1] : in2_[i2]
#define PICK_LT(i1, i2, o) out_[o] = in1_[i1] < in2_[i2] ? in1_[i1] : in2_[i2]

static tflm_status maximum_minimum_invoke(tflm_context *ctx, tflm_node *node, bool maximum)
{
    const tflm_broadcast *bc = node->data;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_FLOAT32:
        if (maximum) { PICK_LOOP(float, GT); } else { PICK_LOOP(float, LT); }
        break;
    case TFLM_TYPE_INT8:
        if (maximum) { PICK_LOOP(int8_t, GT); } else { PICK_LOOP(int8_t, LT); }
        break;
    case TFLM_TYPE_INT16:
        if (maximum) { PICK_LOOP(int16_t, GT); } else { PICK_LOOP(int16_t, LT); }
        break;
    case TFLM_TYPE_INT32:
        if (maximum) { PICK_LOOP(int32_t, GT); } else { PICK_LOOP(int32_t, LT); }
        break;
    default:
        if (maximum) { PICK_LOOP(int64_t, GT); } else { PICK_LOOP(int64_t, LT); }
        break;
    }
    return TFLM_OK;
}

static tflm_status maximum_invoke(tflm_context *ctx, tflm_node *node)
{
    return maximum_minimum_invoke(ctx, node, true);
}

static tflm_status minimum_invoke(tflm_context *ctx, tflm_node *node)
{
    return maximum_minimum_invoke(ctx, node, false);
}

const tflm_kernel tflm_op_maximum = {
    .builtin_code = TFLM_BUILTIN_MAXIMUM,
    .custom_name = NULL,
    .name = "MAXIMUM",
    .prepare = maximum_minimum_prepare,
    .invoke = maximum_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_minimum = {
    .builtin_code = TFLM_BUILTIN_MINIMUM,
    .custom_name = NULL,
    .name = "MINIMUM",
    .prepare = maximum_minimum_prepare,
    .invoke = minimum_invoke,
    .output_aliases_input = false,
};
