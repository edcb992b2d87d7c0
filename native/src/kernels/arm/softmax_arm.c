/*
 * softmax_arm.c - SOFTMAX on Cortex-M: the variant hook (variant.h).
 * Compiled only for cores with the DSP extension (arm/sources.cmake): int8
 * input with an int8 or int16 output runs s8_softmax_c1__dsp.c at level
 * ARM_DSP and s8_softmax_x4__mve.c at ARM_MVE (Helium builds); the plan is
 * the kernel itself. Float32 and int16 inputs keep the reference.
 */
#include <stdint.h>

#include "softmax_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "softmax_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_softmax_data *d = node->data;
    ((tflm_softmax_s8_fn)(uintptr_t)plan)(&d->quant, d->rows, d->depth,
                                         tflm_input(ctx, node, 0)->data,
                                         tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

static tflm_status invoke_s8_s16(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_softmax_data *d = node->data;
    ((tflm_softmax_s8_s16_fn)(uintptr_t)plan)(&d->quant, d->rows, d->depth,
                                             tflm_input(ctx, node, 0)->data,
                                             tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

tflm_status tflm_softmax_variant(tflm_context *ctx, const tflm_node *node,
                                 const tflm_softmax_data *data, tflm_variant *variant)
{
    /* An Arm build's levels: SCALAR (the reference kernels asked for),
       ARM_DSP, ARM_MVE (which includes DSP). */
    const tflm_isa isa = tflm_kernel_isa(ctx);
    if (isa < TFLM_ISA_ARM_DSP || data->depth == 0 ||
        tflm_input(ctx, node, 0)->type != TFLM_TYPE_INT8) {
        return TFLM_OK;
    }
    const bool out8 = tflm_output(ctx, node, 0)->type == TFLM_TYPE_INT8;
    tflm_softmax_s8_fn s8 = tflm_s8_softmax_c1__dsp;
    tflm_softmax_s8_s16_fn s8_s16 = tflm_s8_s16_softmax_c1__dsp;
#if defined(__ARM_FEATURE_MVE)
    if (isa >= TFLM_ISA_ARM_MVE) {
        s8 = tflm_s8_softmax_x4__mve;
        s8_s16 = tflm_s8_s16_softmax_x4__mve;
    }
#endif
    variant->invoke = out8 ? invoke_s8 : invoke_s8_s16;
    variant->plan = out8 ? (const void *)(uintptr_t)s8 : (const void *)(uintptr_t)s8_s16;
    return TFLM_OK;
}
