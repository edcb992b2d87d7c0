/*
 * pooling_arm.c - AVERAGE_POOL_2D and MAX_POOL_2D on Cortex-M (int8): the
 * variant hook (variant.h). Compiled only for cores with the DSP extension
 * (arm/sources.cmake): at level ARM_DSP s8_maxpool_c4__dsp.c and, for
 * windows of at most 256 taps, s8_avgpool_c4__dsp.c; at ARM_MVE (Helium
 * builds) s8_maxpool_c16__mve.c and s8_avgpool_c4__mve.c. The plan is the
 * kernel itself.
 */
#include "../nn_common.h"
#include "pooling_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "pooling_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

static tflm_status invoke(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_pool_s8_fn run = (tflm_pool_s8_fn)(uintptr_t)plan;
    const tflm_pooling_data *d = node->data;
    run(&d->params, &d->input_dims, tflm_input(ctx, node, 0)->data, &d->output_dims,
        tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

/* The kernel for a level, or NULL (the reference). */
static tflm_pool_s8_fn kernel(tflm_isa isa, bool max, const tflm_pool_params *params)
{
#if defined(__ARM_FEATURE_MVE)
    if (isa >= TFLM_ISA_ARM_MVE) {
        return max ? tflm_s8_maxpool_c16__mve : tflm_s8_avgpool_c4__mve;
    }
#endif
    if (isa < TFLM_ISA_ARM_DSP) {
        return NULL;
    }
    if (max) {
        return tflm_s8_maxpool_c4__dsp;
    }
    return (int64_t)params->filter_h * params->filter_w <= TFLM_ARM_AVGPOOL_DSP_MAX_TAPS
               ? tflm_s8_avgpool_c4__dsp
               : NULL;
}

tflm_status tflm_pooling_variant(tflm_context *ctx, const tflm_node *node,
                                 const tflm_pooling_data *data, tflm_variant *variant)
{
    if (tflm_input(ctx, node, 0)->type != TFLM_TYPE_INT8) {
        return TFLM_OK;
    }
    const tflm_pool_s8_fn run = kernel(tflm_kernel_isa(ctx),
                                       node->kernel->builtin_code == TFLM_BUILTIN_MAX_POOL_2D,
                                       &data->params);
    if (run != NULL) {
        variant->invoke = invoke;
        variant->plan = (const void *)(uintptr_t)run;
    }
    return TFLM_OK;
}
