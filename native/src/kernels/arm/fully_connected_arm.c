/*
 * fully_connected_arm.c - FULLY_CONNECTED on Cortex-M: the variant hook
 * (variant.h). Compiled only for cores with the DSP extension
 * (arm/sources.cmake): int8 runs s8_fc_2x4__dsp.c at level ARM_DSP and
 * s8_fc_1x4__mve.c at ARM_MVE (Helium builds); 16x8 with zero input and
 * filter offsets s16_fc_2x4__dsp.c and s16_fc_1x4__mve.c. The plan is the
 * kernel itself.
 */
#include "../nn_common.h"
#include "fully_connected_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "fully_connected_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

typedef void (*fc_s8_fn)(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                         const tflm_fc_shape *shape, const int8_t *input, const int8_t *filter,
                         const int32_t *bias, int8_t *output);

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const fc_s8_fn run = (fc_s8_fn)(uintptr_t)plan;
    const tflm_fully_connected_data *d = node->data;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_fc_shape shape = tflm_fully_connected_shape(t.filter, t.output);
    const tflm_per_channel_quant quant = tflm_fully_connected_quant(d, shape.units);
    run(&d->u.q.params, &quant, &shape, t.input->data, t.filter->data, tflm_nn_bias_data(t.bias),
        t.output->data);
    return TFLM_OK;
}

static tflm_status invoke_s16(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_fc_s16_fn run = (tflm_fc_s16_fn)(uintptr_t)plan;
    const tflm_fully_connected_data *d = node->data;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_fc_shape shape = tflm_fully_connected_shape(t.filter, t.output);
    const tflm_per_channel_quant quant = tflm_fully_connected_quant(d, shape.units);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), d->u.q.bias_s32};
    run(&d->u.q.params, &quant, &shape, t.input->data, t.filter->data, &bias, t.output->data);
    return TFLM_OK;
}

/* The int8 kernel for a level, or NULL (SCALAR: the reference kernels
 * asked for). An Arm build's levels: SCALAR, ARM_DSP, ARM_MVE (which
 * includes DSP). */
static fc_s8_fn s8_kernel(tflm_isa isa)
{
#if defined(__ARM_FEATURE_MVE)
    if (isa >= TFLM_ISA_ARM_MVE) {
        return tflm_s8_fc_1x4__mve;
    }
#endif
    return isa >= TFLM_ISA_ARM_DSP ? tflm_s8_fc_2x4__dsp : NULL;
}

/* The 16x8 kernel for a level, or NULL: symmetric int16 only (TFLM's
 * int16 zero points are 0; others keep the reference). */
static tflm_fc_s16_fn s16_kernel(tflm_isa isa, const tflm_fc_params *params)
{
    if (params->input_offset != 0 || params->filter_offset != 0) {
        return NULL;
    }
#if defined(__ARM_FEATURE_MVE)
    if (isa >= TFLM_ISA_ARM_MVE) {
        return tflm_s16_fc_1x4__mve;
    }
#endif
    return isa >= TFLM_ISA_ARM_DSP ? tflm_s16_fc_2x4__dsp : NULL;
}

tflm_status tflm_fully_connected_s16_variant(tflm_context *ctx, const tflm_node *node,
                                             const tflm_fully_connected_data *data,
                                             tflm_variant *variant)
{
    (void)node;
    const tflm_fc_s16_fn run = s16_kernel(tflm_kernel_isa(ctx), &data->u.q.params);
    if (run != NULL) {
        variant->invoke = invoke_s16;
        variant->plan = (const void *)(uintptr_t)run; /* the kernel itself: nothing to allocate */
    }
    return TFLM_OK;
}

tflm_status tflm_fully_connected_variant(tflm_context *ctx, const tflm_node *node,
                                         const tflm_fully_connected_data *data,
                                         tflm_variant *variant)
{
    (void)data;
    const fc_s8_fn run = s8_kernel(tflm_kernel_isa(ctx));
    if (run != NULL && tflm_input(ctx, node, 0)->type == TFLM_TYPE_INT8) {
        variant->invoke = invoke_s8;
        variant->plan = (const void *)(uintptr_t)run; /* the kernel itself: nothing to allocate */
    }
    return TFLM_OK;
}
