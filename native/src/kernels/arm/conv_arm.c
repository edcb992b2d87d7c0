/*
 * conv_arm.c - CONV_2D on Cortex-M: the variant hook (variant.h). Compiled
 * only for cores with the DSP extension (arm/sources.cmake): at level
 * ARM_DSP, int8 1x1 convolutions run s8_conv_1x1_2x2__dsp.c and the other
 * ungrouped ones s8_conv_im2col_2x2__dsp.c; at ARM_MVE (Helium builds),
 * s8_conv_1x1_4x1__mve.c and s8_conv_im2col_4x1__mve.c. All read the
 * model's filter in place (no persistent copy); the scratch, requested at
 * prepare, holds two pixels' int16 taps or four pixels' int8 taps, and the
 * MVE 1x1 kernel needs none.
 */
#include "../nn_common.h"
#include "conv_arm.h"
#include "fully_connected_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "conv_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

#if defined(__ARM_FEATURE_MVE)
bool tflm_conv_s8_mve_accepts(const tflm_conv_params *params)
{
    return params->input_offset >= -127 && params->input_offset <= 128;
}
#endif

bool tflm_conv_s8_arm_pointwise(const tflm_conv_params *params, const tflm_dims *input_dims,
                                const tflm_dims *filter_dims)
{
    return filter_dims->h == 1 && filter_dims->w == 1 && params->pad_h == 0 &&
           params->pad_w == 0 && filter_dims->c == input_dims->c;
}

/* Each kernel has its own invoke, so that a node's plan is only the index
 * of its scratch (tflm_variant_scratch_plan; -1: none) and the op data holds
 * the whole choice. */
static tflm_status run_s8(tflm_context *ctx, tflm_node *node, tflm_conv_s8_arm_fn run,
                          const void *plan)
{
    const tflm_nn_conv_state *s = &((const tflm_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    run(&s->params, &s->quant, &d.input, t.input->data, &d.filter, t.filter->data, &d.bias,
        tflm_nn_bias_data(t.bias), &d.output, t.output->data,
        tflm_scratch(ctx, tflm_variant_plan_scratch(plan)));
    return TFLM_OK;
}

/* A 16x8 node: im2col, then product, the level's FULLY_CONNECTED 16x8 kernel. */
static tflm_status run_s16(tflm_context *ctx, tflm_node *node, tflm_fc_s16_fn product,
                           const void *plan)
{
    const tflm_nn_conv_state *s = &((const tflm_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), s->bias_s32};
    tflm_s16_conv_im2col(product, &s->params, &s->quant, &d.input, t.input->data, &d.filter,
                         t.filter->data, &bias, &d.output, t.output->data,
                         tflm_scratch(ctx, tflm_variant_plan_scratch(plan)));
    return TFLM_OK;
}

#define INVOKE_WITH(runner, kernel)                                                  \
    static tflm_status invoke_##kernel(tflm_context *ctx, tflm_node *node, const void *plan) \
    {                                                                                \
        return runner(ctx, node, tflm_##kernel, plan);                               \
    }

INVOKE_WITH(run_s8, s8_conv_1x1_2x2__dsp)
INVOKE_WITH(run_s8, s8_conv_im2col_2x2__dsp)
INVOKE_WITH(run_s16, s16_fc_2x4__dsp)
#if defined(__ARM_FEATURE_MVE)
INVOKE_WITH(run_s8, s8_conv_1x1_4x1__mve)
INVOKE_WITH(run_s8, s8_conv_im2col_4x1__mve)
INVOKE_WITH(run_s16, s16_fc_1x4__mve)
#endif

/* Requests the node's scratch and sets its variant to invoke. */
static tflm_status choose(tflm_context *ctx, const tflm_nn_conv_dims *d, bool needs_scratch,
                          tflm_variant_fn invoke, tflm_variant *variant)
{
    int32_t scratch_index = -1; /* tflm_scratch gives NULL */
    if (needs_scratch) {
        tflm_status status = tflm_request_scratch(
            ctx, tflm_conv_s8_arm_get_buffer_size(&d->filter), &scratch_index);
        if (status != TFLM_OK) {
            return status;
        }
    }
    variant->invoke = invoke;
    variant->plan = tflm_variant_scratch_plan(scratch_index);
    return TFLM_OK;
}

tflm_status tflm_conv_variant(tflm_context *ctx, const tflm_node *node,
                              const tflm_conv_data *data, tflm_variant *variant)
{
    const tflm_nn_conv_state *s = &data->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    /* An Arm build's levels: SCALAR (the reference kernels asked for),
       ARM_DSP, ARM_MVE (which includes DSP). Grouped: the reference. */
    if (tflm_kernel_isa(ctx) < TFLM_ISA_ARM_DSP || d.filter.c != d.input.c) {
        return TFLM_OK;
    }
    if (t.input->type == TFLM_TYPE_INT16) {
#if defined(__ARM_FEATURE_MVE)
        if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE) {
            return choose(ctx, &d, true, invoke_s16_fc_1x4__mve, variant);
        }
#endif
        return choose(ctx, &d, true, invoke_s16_fc_2x4__dsp, variant);
    }
    if (t.input->type != TFLM_TYPE_INT8) {
        return TFLM_OK;
    }
    const bool pointwise = tflm_conv_s8_arm_pointwise(&s->params, &d.input, &d.filter);
#if defined(__ARM_FEATURE_MVE)
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE && tflm_conv_s8_mve_accepts(&s->params)) {
        return pointwise ? choose(ctx, &d, false, invoke_s8_conv_1x1_4x1__mve, variant)
                         : choose(ctx, &d, true, invoke_s8_conv_im2col_4x1__mve, variant);
    }
#endif
    return choose(ctx, &d, true,
                  pointwise ? invoke_s8_conv_1x1_2x2__dsp : invoke_s8_conv_im2col_2x2__dsp, variant);
}
