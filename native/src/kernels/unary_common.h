/*
 * unary_common.h - what the one-input element-wise ops share (ABS ... SQUARE,
 * the RELUs, LOGISTIC, TANH, HARD_SWISH, ELU, GELU): the prepare-time checks
 * of their node, and the kernel object of an op whose prepare and invoke
 * take the op as an argument.
 */
#ifndef TFLM_KERNELS_UNARY_COMMON_H
#define TFLM_KERNELS_UNARY_COMMON_H

#include <stdint.h>

#include "tflm/kernel.h"

/* The type masks most of these ops take. */
#define TFLM_TYPES_F32_S8 ((1u << TFLM_TYPE_FLOAT32) | (1u << TFLM_TYPE_INT8))
#define TFLM_TYPES_F32_S8_S16 (TFLM_TYPES_F32_S8 | (1u << TFLM_TYPE_INT16))

/* The per-tensor quantization of a quantized node's input and output. */
typedef struct tflm_unary_quant {
    float input_scale, output_scale;
    int32_t input_zero_point, output_zero_point;
} tflm_unary_quant;

/* Checks, in this order: one input and one output; an input type in
 * supported_types (a mask of 1 << TFLM_TYPE_*, named in type_names for the
 * message, e.g. "FLOAT32 or INT8"); an output of the input's type and
 * element count; when quant is not NULL and the type is not FLOAT32, a
 * positive scale on both tensors, which fill *quant. Sets *input and
 * *output, or fails through tflm_fail. */
tflm_status tflm_unary_prepare(tflm_context *ctx, const tflm_node *node, uint32_t supported_types,
                               const char *type_names, const tflm_tensor **input, const tflm_tensor **output,
                               tflm_unary_quant *quant);

/* const tflm_kernel tflm_op_NAME, whose prepare and invoke call
 * PREPARE(ctx, node, ARG) and INVOKE(ctx, node, ARG). */
#define TFLM_UNARY_KERNEL(NAME, BUILTIN, TEXT, PREPARE, INVOKE, ARG)                          \
    static tflm_status NAME##_prepare(tflm_context *ctx, tflm_node *node)                   \
    {                                                                                       \
        return PREPARE(ctx, node, ARG);                                                     \
    }                                                                                       \
    static tflm_status NAME##_invoke(tflm_context *ctx, tflm_node *node)                    \
    {                                                                                       \
        return INVOKE(ctx, node, ARG);                                                      \
    }                                                                                       \
    const tflm_kernel tflm_op_##NAME = {                                                    \
        .builtin_code = BUILTIN,                                                            \
        .custom_name = NULL,                                                                \
        .name = TEXT,                                                                       \
        .prepare = NAME##_prepare,                                                          \
        .invoke = NAME##_invoke,                                                            \
        .output_aliases_input = false,                                                      \
    };

#endif /* TFLM_KERNELS_UNARY_COMMON_H */
