/*
 * svdf_arm.c - SVDF on Cortex-M: the variant hook (variant.h). Compiled
 * only for cores with the DSP extension (arm/sources.cmake): int8 with an
 * int16 state runs, reading the model's weights in place, at level ARM_DSP
 * s8_s16_svdf_2x4__dsp.c, whose plan is the index of its scratch (the
 * widened input row), requested instead of the reference's; at ARM_MVE
 * (Helium builds) s8_s16_svdf_1x4__mve.c, without scratch.
 */
#include "svdf_arm.h"
#include "tflm/kernel.h"

#if !defined(__ARM_FEATURE_DSP)
#error "svdf_arm.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

static tflm_status invoke_s8_s16(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_svdf_data *d = node->data;
    const tflm_tensor *bias = tflm_input(ctx, node, 3);
    const tflm_svdf_params params = tflm_svdf_params_of(ctx, node);
    tflm_s8_s16_svdf_2x4__dsp(&params, &d->u.quant, tflm_input(ctx, node, 0)->data,
                              tflm_input(ctx, node, 1)->data, tflm_input(ctx, node, 2)->data,
                              bias != NULL ? bias->data : NULL, tflm_input(ctx, node, 4)->data,
                              tflm_output(ctx, node, 0)->data,
                              tflm_scratch(ctx, tflm_variant_plan_scratch(plan)));
    return TFLM_OK;
}

#if defined(__ARM_FEATURE_MVE)
static tflm_status invoke_s8_s16_mve(tflm_context *ctx, tflm_node *node, const void *plan)
{
    (void)plan;
    const tflm_svdf_data *d = node->data;
    const tflm_tensor *bias = tflm_input(ctx, node, 3);
    const tflm_svdf_params params = tflm_svdf_params_of(ctx, node);
    tflm_s8_s16_svdf_1x4__mve(&params, &d->u.quant, tflm_input(ctx, node, 0)->data,
                              tflm_input(ctx, node, 1)->data, tflm_input(ctx, node, 2)->data,
                              bias != NULL ? bias->data : NULL, tflm_input(ctx, node, 4)->data,
                              tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}
#endif

/* What the kernel assumes (svdf_arm.h): the input zero point widens into
 * an int16 lane beside the input, and the state's is an int16 value. */
static bool kernel_fits(const tflm_svdf_params *params, const tflm_svdf_quant *quant)
{
    return params->rank > 0 && params->filters % params->rank == 0 &&
           quant->input_zero_point >= INT8_MIN && quant->input_zero_point <= INT8_MAX &&
           quant->state_zero_point >= INT16_MIN && quant->state_zero_point <= INT16_MAX;
}

tflm_status tflm_svdf_variant(tflm_context *ctx, const tflm_node *node, const tflm_svdf_data *data,
                              tflm_variant *variant)
{
    /* An Arm build's levels: SCALAR (the reference kernels asked for),
       ARM_DSP, ARM_MVE (which includes DSP). */
    const tflm_svdf_params params = tflm_svdf_params_of(ctx, node);
    if (tflm_kernel_isa(ctx) < TFLM_ISA_ARM_DSP ||
        tflm_input(ctx, node, 0)->type != TFLM_TYPE_INT8 ||
        tflm_input(ctx, node, 4)->type != TFLM_TYPE_INT16 || !kernel_fits(&params, &data->u.quant)) {
        return TFLM_OK;
    }
#if defined(__ARM_FEATURE_MVE)
    if (tflm_kernel_isa(ctx) >= TFLM_ISA_ARM_MVE) {
        variant->invoke = invoke_s8_s16_mve;
        variant->plan = NULL;
        return TFLM_OK;
    }
#endif
    const size_t bytes = tflm_s8_s16_svdf_2x4__dsp_scratch_size(&params);
    int32_t scratch_index;
    const tflm_status status =
        tflm_request_scratch(ctx, bytes > 0 ? bytes : sizeof(uint32_t), &scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    variant->invoke = invoke_s8_s16;
    variant->plan = tflm_variant_scratch_plan(scratch_index);
    return TFLM_OK;
}
