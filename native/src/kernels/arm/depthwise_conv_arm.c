/*
 * depthwise_conv_arm.c - DEPTHWISE_CONV_2D on Cortex-M: the variant hook
 * (variant.h). Compiled only for cores with the DSP extension
 * (arm/sources.cmake): int8 runs, reading the model's weights in place,
 * at level ARM_DSP s8_dwconv_c4__dsp.c with 4 input channels or more (its
 * plan is the index of its scratch: the widened weights of one block of 4
 * channels), and with fewer s8_dwconv_m4__dsp.c, when the depth multiplier
 * is a multiple of 4 (no scratch); at ARM_MVE (Helium builds)
 * s8_dwconv_c4__mve.c, any channel count and depth multiplier (no scratch).
 * 16x8 with depth multiplier 1 runs s16_dwconv_c4__dsp.c, at ARM_MVE
 * s16_dwconv_c4__mve.c (no scratch; the plan is the kernel); other 16x8
 * nodes the reference.
 */
#include "../nn_common.h"
#include "depthwise_conv_arm.h"
#include "s16_dwconv_walk.h"

#if !defined(__ARM_FEATURE_DSP)
#error "depthwise_conv_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

/* What every kernel's call reads: the node's state, tensors and shapes. */
typedef struct dw_call {
    const tflm_conv_params *params;
    const tflm_per_channel_quant *quant;
    tflm_nn_operands t;
    tflm_nn_conv_dims d;
} dw_call;

static void fetch(tflm_context *ctx, const tflm_node *node, dw_call *c)
{
    const tflm_nn_conv_state *s = &((const tflm_depthwise_conv_data *)node->data)->conv;
    c->params = &s->params;
    c->quant = &s->quant;
    tflm_nn_fetch_operands(ctx, node, &c->t);
    tflm_nn_conv_dims_of(&c->t, &c->d);
}

static tflm_status invoke_m4(tflm_context *ctx, tflm_node *node, const void *plan)
{
    (void)plan;
    dw_call c;
    fetch(ctx, node, &c);
    tflm_s8_dwconv_m4__dsp(c.params, c.quant, &c.d.input, c.t.input->data, &c.d.filter,
                           c.t.filter->data, &c.d.bias, tflm_nn_bias_data(c.t.bias), &c.d.output,
                           c.t.output->data);
    return TFLM_OK;
}

/* plan: the index of c4's scratch. */
static tflm_status invoke_c4(tflm_context *ctx, tflm_node *node, const void *plan)
{
    dw_call c;
    fetch(ctx, node, &c);
    tflm_s8_dwconv_c4__dsp(c.params, c.quant, &c.d.input, c.t.input->data, &c.d.filter,
                           c.t.filter->data, &c.d.bias, tflm_nn_bias_data(c.t.bias), &c.d.output,
                           c.t.output->data, tflm_scratch(ctx, tflm_variant_plan_scratch(plan)));
    return TFLM_OK;
}

#if defined(__ARM_FEATURE_MVE)
static tflm_status invoke_mve(tflm_context *ctx, tflm_node *node, const void *plan)
{
    (void)plan;
    dw_call c;
    fetch(ctx, node, &c);
    tflm_s8_dwconv_c4__mve(c.params, c.quant, &c.d.input, c.t.input->data, &c.d.filter,
                           c.t.filter->data, &c.d.bias, tflm_nn_bias_data(c.t.bias), &c.d.output,
                           c.t.output->data);
    return TFLM_OK;
}
#endif

/* What the kernels assume of their arguments (depthwise_conv_arm.h):
 * ranges every int8 model has; any other runs the reference. */
static bool kernel_fits(const tflm_nn_conv_state *s)
{
    const tflm_conv_params *p = &s->params;
    return p->input_offset >= -127 && p->input_offset <= 128 && p->activation.min >= -128 &&
           p->activation.min <= p->activation.max && p->activation.max <= 127;
}

tflm_status tflm_depthwise_conv_variant(tflm_context *ctx, const tflm_node *node,
                                        const tflm_depthwise_conv_data *data,
                                        tflm_variant *variant)
{
    /* An Arm build's levels: SCALAR (the reference kernels asked for),
       ARM_DSP, ARM_MVE (which includes DSP). */
    if (tflm_kernel_isa(ctx) < TFLM_ISA_ARM_DSP ||
        tflm_input(ctx, node, 0)->type != TFLM_TYPE_INT8 || !kernel_fits(&data->conv)) {
        return TFLM_OK;
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
#if defined(__ARM_FEATURE_MVE)
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE) {
        variant->invoke = invoke_mve;
        variant->plan = NULL;
        return TFLM_OK;
    }
#endif
    if (d.input.c < 4) {
        /* Blocks of 4 channels would be mostly empty: blocks of 4 outputs
           of one channel, when the depth multiplier splits into them. */
        if (data->conv.params.depth_multiplier % 4 == 0) {
            variant->invoke = invoke_m4;
            variant->plan = NULL;
        }
        return TFLM_OK;
    }
    int32_t scratch_index;
    const tflm_status status = tflm_request_scratch(
        ctx, tflm_s8_dwconv_c4__dsp_scratch_size(&d.filter), &scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    variant->invoke = invoke_c4;
    variant->plan = tflm_variant_scratch_plan(scratch_index);
    return TFLM_OK;
}

/* A 16x8 node; plan: the kernel itself (nothing to allocate). */
static tflm_status invoke_s16(tflm_context *ctx, tflm_node *node, const void *plan)
{
    dw_call c;
    fetch(ctx, node, &c);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(c.t.bias), false};
    ((tflm_s16_dwconv_fn)(uintptr_t)plan)(c.params, c.quant, &c.d.input, c.t.input->data,
                                          &c.d.filter, c.t.filter->data, &bias, &c.d.output,
                                          c.t.output->data);
    return TFLM_OK;
}

tflm_status tflm_depthwise_conv_s16_variant(tflm_context *ctx, const tflm_node *node,
                                            const tflm_depthwise_conv_data *data,
                                            tflm_variant *variant)
{
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    if (tflm_kernel_isa(ctx) < TFLM_ISA_ARM_DSP || data->conv.params.depth_multiplier != 1 ||
        (int64_t)d.filter.h * d.filter.w > TFLM_S16_DWCONV_MAX_TAPS) {
        return TFLM_OK;
    }
    tflm_s16_dwconv_fn run = tflm_s16_dwconv_c4__dsp;
#if defined(__ARM_FEATURE_MVE)
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE) {
        run = tflm_s16_dwconv_c4__mve;
    }
#endif
    variant->invoke = invoke_s16;
    variant->plan = (const void *)(uintptr_t)run;
    return TFLM_OK;
}
