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

/* A node's plan: its kernel and where its scratch is. */
typedef struct conv_plan {
    tflm_conv_s8_arm_fn run;
    int32_t scratch_index;
} conv_plan;

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

/* A 16x8 node's plan: the FULLY_CONNECTED 16x8 kernel of its level and
 * where its scratch is. */
typedef struct conv16_plan {
    tflm_fc_s16_fn product;
    int32_t scratch_index;
} conv16_plan;

static tflm_status invoke_s16(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const conv16_plan *p = plan;
    const tflm_nn_conv_state *s = &((const tflm_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), s->bias_s32};
    tflm_s16_conv_im2col(p->product, &s->params, &s->quant, &d.input, t.input->data, &d.filter,
                         t.filter->data, &bias, &d.output, t.output->data,
                         tflm_scratch(ctx, p->scratch_index));
    return TFLM_OK;
}

/* The 16x8 variant of an ungrouped node: im2col and the level's
 * FULLY_CONNECTED 16x8 kernel. */
static tflm_status setup_s16(tflm_context *ctx, const tflm_nn_conv_dims *d, tflm_variant *variant)
{
    conv16_plan *p = tflm_alloc_persistent(ctx, sizeof *p);
    if (p == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    p->product = tflm_s16_fc_2x4__dsp;
#if defined(__ARM_FEATURE_MVE)
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE) {
        p->product = tflm_s16_fc_1x4__mve;
    }
#endif
    tflm_status status = tflm_request_scratch(ctx, tflm_conv_s8_arm_get_buffer_size(&d->filter),
                                              &p->scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    variant->invoke = invoke_s16;
    variant->plan = p;
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
        return setup_s16(ctx, &d, variant);
    }
    if (t.input->type != TFLM_TYPE_INT8) {
        return TFLM_OK;
    }
    conv_plan *p = tflm_alloc_persistent(ctx, sizeof *p);
    if (p == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    const bool pointwise = tflm_conv_s8_arm_pointwise(&s->params, &d.input, &d.filter);
    p->run = pointwise ? tflm_s8_conv_1x1_2x2__dsp : tflm_s8_conv_im2col_2x2__dsp;
    bool needs_scratch = true;
#if defined(__ARM_FEATURE_MVE)
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE && tflm_conv_s8_mve_accepts(&s->params)) {
        p->run = pointwise ? tflm_s8_conv_1x1_4x1__mve : tflm_s8_conv_im2col_4x1__mve;
        needs_scratch = !pointwise;
    }
#endif
    p->scratch_index = -1; /* tflm_scratch gives NULL */
    if (needs_scratch) {
        tflm_status status = tflm_request_scratch(
            ctx, tflm_conv_s8_arm_get_buffer_size(&d.filter), &p->scratch_index);
        if (status != TFLM_OK) {
            return status;
        }
    }
    variant->invoke = invoke_s8;
    variant->plan = p;
    return TFLM_OK;
}
