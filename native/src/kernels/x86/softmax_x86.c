/*
 * softmax_x86.c - SOFTMAX on x86-64: the variant hook (variant.h) and the
 * variant tables, one per output type.
 */
#include "softmax_x86.h"
#include "x86_glue.h"

static const tflm_softmax_s8_fn s8_variants[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_s8_softmax_x8__avx2);
static const tflm_softmax_s8_s16_fn s8_s16_variants[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_s8_s16_softmax_x8__avx2);
static const tflm_softmax_f32_fn f32_variants[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_f32_softmax_x8__avx2);

tflm_softmax_s8_fn tflm_softmax_s8_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? s8_variants[isa] : NULL;
}

tflm_softmax_s8_s16_fn tflm_softmax_s8_s16_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? s8_s16_variants[isa] : NULL;
}

tflm_softmax_f32_fn tflm_softmax_f32_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? f32_variants[isa] : NULL;
}

/* plan: the variant's entry in the table of the node's output type. */
static tflm_status invoke(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_softmax_data *d = node->data;
    const void *input = tflm_input(ctx, node, 0)->data;
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type == TFLM_TYPE_INT8) {
        (*(const tflm_softmax_s8_fn *)plan)(&d->quant, d->rows, d->depth, input, output->data);
    } else if (output->type == TFLM_TYPE_INT16) {
        (*(const tflm_softmax_s8_s16_fn *)plan)(&d->quant, d->rows, d->depth, input,
                                                output->data);
    } else {
        (*(const tflm_softmax_f32_fn *)plan)(d->beta, d->rows, d->depth, input, output->data);
    }
    return TFLM_OK;
}

tflm_status tflm_softmax_variant(tflm_context *ctx, const tflm_node *node,
                                 const tflm_softmax_data *data, tflm_variant *variant)
{
    const tflm_isa isa = tflm_kernel_isa(ctx);
    if (!tflm_x86_level(isa)) {
        return TFLM_OK;
    }
    const tflm_type type = tflm_output(ctx, node, 0)->type;
    if (type == TFLM_TYPE_FLOAT32 && f32_variants[isa] != NULL) {
        variant->plan = &f32_variants[isa];
    } else if (data->depth == 0) { /* the int8 variants need a row to work on */
        return TFLM_OK;
    } else if (type == TFLM_TYPE_INT8 && s8_variants[isa] != NULL) {
        variant->plan = &s8_variants[isa];
    } else if (type == TFLM_TYPE_INT16 && s8_s16_variants[isa] != NULL) {
        variant->plan = &s8_s16_variants[isa];
    }
    variant->invoke = variant->plan != NULL ? invoke : NULL;
    return TFLM_OK;
}
