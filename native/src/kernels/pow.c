/*
 * POW, which TFLM lacks. Reference semantics: TF Lite's pow.cc and
 * reference_ops::Pow: element-wise in1^in2 with broadcasting, on float32
 * (C's powf, tflm_powf of f32_math.h) and int32, where a negative exponent
 * fails the invoke as in TF Lite. int32 powers are exact integers (TF Lite
 * takes them through a double, the same below 2^31; beyond, its conversion
 * is undefined and here the product wraps).
 */
#include "binary_common.h"
#include "f32_math.h"
#include "tflm/ops.h"

static tflm_status pow_prepare(tflm_context *ctx, tflm_node *node)
{
    return tflm_binary_prepare_broadcast(ctx, node, 1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT32, "FLOAT32 or INT32", TFLM_BINARY_SAME_TYPE);
}

/* base^exponent for exponent >= 0 by squaring, wrapping modulo 2^32. */
static int32_t pow_s32(int32_t base, int32_t exponent)
{
    uint32_t result = 1, b = (uint32_t)base;
    for (uint32_t e = (uint32_t)exponent; e != 0; e >>= 1) {
        if (e & 1u) {
            result *= b;
        }
        b *= b;
    }
    return (int32_t)result;
}

static tflm_status pow_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_broadcast *bc = node->data;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type == TFLM_TYPE_INT32) {
        const int32_t *a = input1->data, *b = input2->data;
        int32_t *out = output->data;
        const int32_t count = tflm_element_count(input2);
        for (int32_t i = 0; i < count; ++i) {
            if (b[i] < 0) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "negative INT32 exponent %d (input 2 element %d) not supported",
                                 (int)b[i], (int)i);
            }
        }
#define POW_S32(i1, i2, o) out[o] = pow_s32(a[i1], b[i2])
        TFLM_BROADCAST_FOR_EACH(bc, POW_S32);
#undef POW_S32
    } else {
        const float *a = input1->data, *b = input2->data;
        float *out = output->data;
#define POW_F32(i1, i2, o) out[o] = tflm_powf(a[i1], b[i2])
        TFLM_BROADCAST_FOR_EACH(bc, POW_F32);
#undef POW_F32
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_pow = {
    .builtin_code = TFLM_BUILTIN_POW,
    .custom_name = NULL,
    .name = "POW",
    .prepare = pow_prepare,
    .invoke = pow_invoke,
    .output_aliases_input = false,
};
