/*
 * conv_arm.c - CONV_2D on Cortex-M: the variant hook (variant.h). Compiled
 * only for cores with the DSP extension (arm/sources.cmake): from level
 * ARM_DSP up, int8 1x1 convolutions run s8_conv_1x1_2x2__dsp.c (no
 * scratch) and the other ungrouped ones s8_conv_im2col_2x2__dsp.c (two
 * int16 im2col rows of scratch, taken at prepare). Both read the model's
 * filter in place: no persistent copy.
 */
#include "../nn_common.h"
#include "conv_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "conv_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

/* The im2col variant's plan: where its scratch is. */
typedef struct im2col_plan {
    int32_t scratch_index;
} im2col_plan;

bool tflm_conv_s8_arm_pointwise(const tflm_conv_params *params, const tflm_dims *input_dims,
                                const tflm_dims *filter_dims)
{
    return filter_dims->h == 1 && filter_dims->w == 1 && params->pad_h == 0 &&
           params->pad_w == 0 && filter_dims->c == input_dims->c;
}

static tflm_status invoke_1x1(tflm_context *ctx, tflm_node *node, const void *plan)
{
    (void)plan;
    const tflm_nn_conv_state *s = &((const tflm_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_s8_conv_1x1_2x2__dsp(&s->params, &s->quant, &s->input_dims, t.input->data,
                              &s->filter_dims, t.filter->data, &s->bias_dims,
                              tflm_nn_bias_data(t.bias), &s->output_dims, t.output->data);
    return TFLM_OK;
}

static tflm_status invoke_im2col(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const im2col_plan *p = plan;
    const tflm_nn_conv_state *s = &((const tflm_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_s8_conv_im2col_2x2__dsp(&s->params, &s->quant, &s->input_dims, t.input->data,
                                 &s->filter_dims, t.filter->data, &s->bias_dims,
                                 tflm_nn_bias_data(t.bias), &s->output_dims, t.output->data,
                                 tflm_scratch(ctx, p->scratch_index));
    return TFLM_OK;
}

tflm_status tflm_conv_variant(tflm_context *ctx, const tflm_node *node,
                              const tflm_conv_data *data, tflm_variant *variant)
{
    const tflm_nn_conv_state *s = &data->conv;
    /* An Arm build's levels: SCALAR (the reference kernels asked for),
       ARM_DSP, ARM_MVE (which includes DSP). Grouped: the reference. */
    if (tflm_kernel_isa(ctx) < TFLM_ISA_ARM_DSP ||
        tflm_input(ctx, node, 0)->type != TFLM_TYPE_INT8 ||
        s->filter_dims.c != s->input_dims.c) {
        return TFLM_OK;
    }
    if (tflm_conv_s8_arm_pointwise(&s->params, &s->input_dims, &s->filter_dims)) {
        variant->invoke = invoke_1x1;
        return TFLM_OK;
    }
    im2col_plan *p = tflm_alloc_persistent(ctx, sizeof *p);
    if (p == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_status status = tflm_request_scratch(
        ctx, tflm_conv_s8_arm_get_buffer_size(&s->filter_dims), &p->scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    variant->invoke = invoke_im2col;
    variant->plan = p;
    return TFLM_OK;
}
