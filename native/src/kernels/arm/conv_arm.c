/*
 * conv_arm.c - CONV_2D on Cortex-M: the variant hook (variant.h). Compiled
 * only for cores with the DSP extension (arm/sources.cmake): from level
 * ARM_DSP up, int8 1x1 convolutions run s8_conv_1x1_2x2__dsp.c and the
 * other ungrouped ones s8_conv_im2col_2x2__dsp.c. Both read the model's
 * filter in place (no persistent copy) and take the scratch of two pixels'
 * int16 taps, requested at prepare.
 */
#include "../nn_common.h"
#include "conv_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "conv_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

/* A node's plan: its kernel and where its scratch is. */
typedef struct conv_plan {
    tflm_conv_s8_arm_fn run;
    int32_t scratch_index;
} conv_plan;

bool tflm_conv_s8_arm_pointwise(const tflm_conv_params *params, const tflm_dims *input_dims,
                                const tflm_dims *filter_dims)
{
    return filter_dims->h == 1 && filter_dims->w == 1 && params->pad_h == 0 &&
           params->pad_w == 0 && filter_dims->c == input_dims->c;
}

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const conv_plan *p = plan;
    const tflm_nn_conv_state *s = &((const tflm_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    p->run(&s->params, &s->quant, &d.input, t.input->data, &d.filter,
           t.filter->data, &d.bias, tflm_nn_bias_data(t.bias), &d.output,
           t.output->data, tflm_scratch(ctx, p->scratch_index));
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
    if (tflm_kernel_isa(ctx) < TFLM_ISA_ARM_DSP || t.input->type != TFLM_TYPE_INT8 ||
        d.filter.c != d.input.c) {
        return TFLM_OK;
    }
    conv_plan *p = tflm_alloc_persistent(ctx, sizeof *p);
    if (p == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_status status = tflm_request_scratch(
        ctx, tflm_conv_s8_arm_get_buffer_size(&d.filter), &p->scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    p->run = tflm_conv_s8_arm_pointwise(&s->params, &d.input, &d.filter)
                 ? tflm_s8_conv_1x1_2x2__dsp
                 : tflm_s8_conv_im2col_2x2__dsp;
    variant->invoke = invoke_s8;
    variant->plan = p;
    return TFLM_OK;
}
