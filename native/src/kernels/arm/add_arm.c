/*
 * add_arm.c - ADD on Cortex-M: the variant hook (variant.h). Compiled only
 * for cores with Helium (arm/sources.cmake): int8 runs s8_add_x4__mve.c at
 * level ARM_MVE, when its shifts are in the range it computes exactly.
 */
#include "../nn_common.h"
#include "add_arm.h"

#if !defined(__ARM_FEATURE_MVE)
#error "add_arm.c needs Helium (MVE); arm/sources.cmake lists it for such cores only"
#endif

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    (void)plan;
    const tflm_add_data *d = node->data;
    tflm_s8_add_x4__mve(&d->quant, &d->broadcast, tflm_input(ctx, node, 0)->data,
                        tflm_input(ctx, node, 1)->data, tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

tflm_status tflm_add_variant(tflm_context *ctx, const tflm_node *node, const tflm_add_data *data,
                             tflm_variant *variant)
{
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE &&
        tflm_output(ctx, node, 0)->type == TFLM_TYPE_INT8 && tflm_add_s8_mve_accepts(&data->quant)) {
        variant->invoke = invoke_s8;
        variant->plan = NULL;
    }
    return TFLM_OK;
}
