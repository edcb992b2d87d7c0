/*
 * pooling_x86.c - AVERAGE_POOL_2D and MAX_POOL_2D on x86-64 (int8 and
 * float32): the variant hook (variant.h) and the variant tables.
 */
#include "pooling_x86.h"
#include "x86_glue.h"

static const tflm_pool_s8_fn max_s8[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_s8_maxpool_c32__avx2);
static const tflm_pool_s8_fn average_s8[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_s8_avgpool_c8__avx2);
static const tflm_pool_f32_fn max_f32[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_f32_maxpool_c8__avx2);
static const tflm_pool_f32_fn average_f32[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_f32_avgpool_c8__avx2);

/* The int8 average divides in float: exact for windows up to 2^16 taps. */
static bool average_s8_exact(const tflm_pool_params *params)
{
    return (int64_t)params->filter_h * params->filter_w <= 65536;
}

tflm_pool_s8_fn tflm_max_pool_s8_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? max_s8[isa] : NULL;
}

tflm_pool_s8_fn tflm_average_pool_s8_x86_variant(tflm_isa isa, const tflm_pool_params *params)
{
    return tflm_x86_level(isa) && average_s8_exact(params) ? average_s8[isa] : NULL;
}

tflm_pool_f32_fn tflm_max_pool_f32_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? max_f32[isa] : NULL;
}

tflm_pool_f32_fn tflm_average_pool_f32_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? average_f32[isa] : NULL;
}

/* plan: the variant's entry in an int8 or a float32 table, as the input. */
static tflm_status invoke(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_pooling_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *output = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_INT8) {
        const tflm_pool_s8_fn *run = plan;
        (*run)(&d->params, &d->input_dims, input->data, &d->output_dims, output);
    } else {
        const tflm_pool_f32_fn *run = plan;
        (*run)(&d->params, &d->input_dims, input->data, &d->output_dims, output);
    }
    return TFLM_OK;
}

tflm_status tflm_pooling_variant(tflm_context *ctx, const tflm_node *node,
                                 const tflm_pooling_data *data, tflm_variant *variant)
{
    const tflm_isa isa = tflm_kernel_isa(ctx);
    if (!tflm_x86_level(isa)) {
        return TFLM_OK;
    }
    const bool max = node->kernel->builtin_code == TFLM_BUILTIN_MAX_POOL_2D;
    if (tflm_input(ctx, node, 0)->type == TFLM_TYPE_INT8) {
        const tflm_pool_s8_fn *at = max ? &max_s8[isa] : &average_s8[isa];
        if (*at != NULL && (max || average_s8_exact(&data->params))) {
            variant->invoke = invoke;
            variant->plan = at;
        }
    } else {
        const tflm_pool_f32_fn *at = max ? &max_f32[isa] : &average_f32[isa];
        if (*at != NULL) {
            variant->invoke = invoke;
            variant->plan = at;
        }
    }
    return TFLM_OK;
}
