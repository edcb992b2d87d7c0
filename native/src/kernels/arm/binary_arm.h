/*
 * binary_arm.h - the element-wise ops ADD and MUL on Cortex-M: their
 * microkernels (s8_add_*.c, s8_mul_*.c), and the glue both ops' files
 * (add_arm.c, mul_arm.c) are made of. README.md in the parent folder:
 * variants, file names.
 *
 *                 ARM_DSP          ARM_MVE
 *   ADD int8      the reference    4 lanes, exact requantization
 *   MUL int8      the reference    4 lanes, exact requantization
 *
 * The reference's signatures and broadcast walk (s8_binary_x4__mve.h).
 */
#ifndef TFLM_KERNELS_ARM_BINARY_ARM_H
#define TFLM_KERNELS_ARM_BINARY_ARM_H

#include <stdbool.h>

#include "../add.h"
#include "../mul.h"
#include "../nn_common.h"

#if !defined(__ARM_FEATURE_MVE)
#error "binary_arm.h's kernels need Helium (MVE); arm/sources.cmake lists their users for such cores only"
#endif

/* Whether the MVE kernels compute quant's results exactly: every shift in
 * [-31, 31] (the reference's division by 2^32 or more is not defined). */
bool tflm_add_s8_mve_accepts(const tflm_add_quant *quant);
bool tflm_mul_s8_mve_accepts(const tflm_mul_quant *quant);

/* tflm_add_s8 and tflm_mul_s8 with Helium (MVE), for the quant the
 * functions above accept: the same arguments, the same bytes. */
void tflm_s8_add_x4__mve(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_s8_mul_x4__mve(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);

/* The glue of element-wise op `op` (add or mul): its hook tflm_<op>_variant,
 * which picks `kernel` for int8 at level ARM_MVE when `accepts` the node's
 * quantization. */
#define TFLM_ARM_BINARY_GLUE(op, kernel, accepts)                                              \
    static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)         \
    {                                                                                          \
        (void)plan;                                                                            \
        const tflm_##op##_data *d = node->data;                                                \
        kernel(&d->quant, &d->broadcast, tflm_input(ctx, node, 0)->data,                       \
               tflm_input(ctx, node, 1)->data, tflm_output(ctx, node, 0)->data);               \
        return TFLM_OK;                                                                        \
    }                                                                                          \
                                                                                               \
    tflm_status tflm_##op##_variant(tflm_context *ctx, const tflm_node *node,                  \
                                    const tflm_##op##_data *data, tflm_variant *variant)       \
    {                                                                                          \
        if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE &&                                        \
            tflm_output(ctx, node, 0)->type == TFLM_TYPE_INT8 && accepts(&data->quant)) {      \
            variant->invoke = invoke_s8;                                                       \
            variant->plan = NULL;                                                              \
        }                                                                                      \
        return TFLM_OK;                                                                        \
    }

#endif /* TFLM_KERNELS_ARM_BINARY_ARM_H */
