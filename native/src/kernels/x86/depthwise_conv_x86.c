/*
 * depthwise_conv_x86.c - DEPTHWISE_CONV_2D on x86-64: the variant hook
 * (variant.h), the variant tables, the int8 per-block weight widening.
 * The int8 variants visit the
 * same taps as the reference (tflm_filter_taps, walked in s8_dwconv_walk.h),
 * per channel, and sum in int32 with wrapping vector adds, so each
 * channel's sum is the reference's.
 * They read the model's int8 weights in place (no packed copy in the
 * arena): the channel block is their outer loop, and its widened weights
 * (kh x kw x 16 int32 of scratch) serve every output pixel. The VNNI
 * kernel's weights, four taps to a lane, are packed once at prepare. A
 * layer with one input channel runs CONV_2D's int8 variant from AVX512 on
 * (conv_x86.h).
 */
#include <string.h>

#include "../nn_common.h"
#include "conv_x86.h"
#include "depthwise_conv_x86.h"
#include "requant.h"
#include "x86_glue.h"

typedef struct dwconv_s8_variant {
    tflm_depthwise_conv_s8_x86_fn multiplier_1;  /* depth multiplier 1 */
    tflm_depthwise_conv_s8_x86_fn multiplier_n;  /* depth multiplier > 1 */
    int32_t block;                               /* channels per vector  */
} dwconv_s8_variant;

static const dwconv_s8_variant *variant_for(tflm_isa isa)
{
    static const dwconv_s8_variant table[TFLM_X86_LEVELS] = {
        [TFLM_ISA_AVX2] = {tflm_s8_dwconv_c8__avx2, tflm_s8_dwconv_multiplier_c8__avx2, 8},
        [TFLM_ISA_AVX512] = {tflm_s8_dwconv_c16__avx512, tflm_s8_dwconv_multiplier_c16__avx512, 16},
        [TFLM_ISA_AVX512_VNNI] = {tflm_s8_dwconv_c16__avx512,
                                  tflm_s8_dwconv_multiplier_c16__avx512, 16},
    };
    return tflm_x86_level(isa) && table[isa].multiplier_1 != NULL ? &table[isa] : NULL;
}

/* Whether the VNNI kernel runs the node: four taps of a row a vpdpbusd
 * need the row's taps in neighbouring columns. It pays at stride 1 with 16
 * channels or more; with fewer the AVX512 kernel, which fills a vector with
 * several pixels, is faster (vww_96_int8's 8-channel layer: 1.6 times), and
 * at stride 2 copying four input pixels per output pixel into the image
 * costs more than it saves (vww_96_int8's stride-2 layers ran slower). */
static bool uses_k4(tflm_isa isa, const tflm_conv_params *params, const tflm_dims *filter_dims)
{
    return isa == TFLM_ISA_AVX512_VNNI && params->depth_multiplier == 1 &&
           params->dilation_w == 1 && params->stride_w == 1 && filter_dims->c >= 16;
}

size_t tflm_depthwise_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_conv_params *params,
                                                  const tflm_dims *filter_dims)
{
    if (variant_for(isa) == NULL || params->depth_multiplier < 1) {
        return 0;
    }
    const size_t cp = (size_t)(filter_dims->c + 15) / 16 * 16;
    const size_t taps = (size_t)filter_dims->h * filter_dims->w;
    const size_t gather = params->depth_multiplier > 1 ? 2 * tflm_x86_round_up(cp * 4, 16) : 0;
    const size_t packed = uses_k4(isa, params, filter_dims)
                              ? tflm_x86_round_up(tflm_s8_dwconv_k4_c16__avx512vnni_packed_size(filter_dims), 16)
                              : 0;
    return 4 * tflm_x86_round_up(cp * 4, 16) + gather + tflm_x86_round_up(taps * 4, 16) + packed;
}

size_t tflm_depthwise_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_conv_params *params,
                                                  const tflm_dims *filter_dims,
                                                  const tflm_dims *output_dims)
{
    const dwconv_s8_variant *v = variant_for(isa);
    if (v == NULL) {
        return 0;
    }
    return uses_k4(isa, params, filter_dims)
               ? tflm_s8_dwconv_k4_c16__avx512vnni_scratch(params, filter_dims, output_dims)
               : (size_t)filter_dims->h * filter_dims->w * (size_t)v->block * 4;
}

void tflm_depthwise_conv_s8_x86_widen(const tflm_depthwise_conv_s8_x86 *plan, int32_t o,
                                      int32_t *w)
{
    const int32_t c = plan->output_dims.c, block = plan->block;
    const int32_t taps = plan->filter_dims.h * plan->filter_dims.w;
    const int32_t lanes = c - o < block ? c - o : block;
    const int8_t *src = plan->filter + o;
    for (int32_t t = 0; t < taps; ++t, src += c, w += block) {
        for (int32_t j = 0; j < block; ++j) {
            w[j] = j < lanes ? (int32_t)(uint16_t)(int16_t)src[j] : 0;
        }
    }
}

void tflm_depthwise_conv_s8_x86_init(tflm_depthwise_conv_s8_x86 *plan, tflm_isa isa,
                                     const tflm_conv_params *params,
                                     const tflm_per_channel_quant *quant,
                                     const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                     const int8_t *filter, const int32_t *bias,
                                     const tflm_dims *output_dims, void *persistent)
{
    memset(plan, 0, sizeof *plan);
    if (tflm_depthwise_conv_s8_x86_persistent_size(isa, params, filter_dims) == 0 ||
        persistent == NULL) {
        return;
    }
    const int32_t c = output_dims->c;
    const int32_t cp = (c + 15) / 16 * 16;
    const int32_t taps = filter_dims->h * filter_dims->w;
    uint8_t *at = persistent;
    int32_t *b = (int32_t *)at;
    at += tflm_x86_round_up((size_t)cp * 4, 16);
    int32_t *mult = (int32_t *)at;
    at += tflm_x86_round_up((size_t)cp * 4, 16);
    int32_t *left = (int32_t *)at;
    at += tflm_x86_round_up((size_t)cp * 4, 16);
    int32_t *right = (int32_t *)at;
    at += tflm_x86_round_up((size_t)cp * 4, 16);
    const dwconv_s8_variant *v = variant_for(isa);
    const int32_t m = params->depth_multiplier;
    int32_t *tap_offset = (int32_t *)at;
    at += tflm_x86_round_up((size_t)taps * 4, 16);
    for (int32_t ky = 0, t = 0; ky < filter_dims->h; ++ky) {
        for (int32_t kx = 0; kx < filter_dims->w; ++kx, ++t) {
            tap_offset[t] = (ky * params->dilation_h * input_dims->w + kx * params->dilation_w) *
                            input_dims->c;
        }
    }
    plan->tap_offset = tap_offset;
    if (m > 1) { /* lane o of block o0 reads input channel o / m = base + gather */
        int32_t *gather = (int32_t *)at;
        at += tflm_x86_round_up((size_t)cp * 4, 16);
        int32_t *base = (int32_t *)at;
        for (int32_t o0 = 0, in0 = 0, r0 = 0, blk = 0; o0 < cp; o0 += v->block, ++blk) {
            /* in0 = o0 / m, r0 = o0 % m, advanced without dividing */
            base[blk] = in0;
            for (int32_t j = 0, i = 0, r = r0; j < v->block; ++j) {
                gather[o0 + j] = i;
                if (++r == m) {
                    r = 0;
                    ++i;
                }
            }
            for (int32_t j = 0; j < v->block; ++j) {
                if (++r0 == m) {
                    r0 = 0;
                    ++in0;
                }
            }
        }
        plan->gather = gather;
        plan->gather_base = base;
    }
    for (int32_t o = 0; o < cp; ++o) {
        const int32_t shift = o < c ? quant->shift[tflm_quant_channel(quant, o)] : 0;
        b[o] = (o < c && bias != NULL) ? bias[o] : 0;
        mult[o] = o < c ? quant->multiplier[tflm_quant_channel(quant, o)] : 0;
        left[o] = tflm_left_shift_of(shift);
        right[o] = tflm_right_shift_of(shift);
    }
    plan->run = m > 1 ? v->multiplier_n : v->multiplier_1;
    if (uses_k4(isa, params, filter_dims)) {
        int8_t *packed = (int8_t *)at;
        tflm_s8_dwconv_k4_c16__avx512vnni_pack(params, filter_dims, filter, b, packed);
        plan->packed = packed;
        plan->run = tflm_s8_dwconv_k4_c16__avx512vnni;
    }
    plan->block = v->block;
    plan->params = *params;
    plan->input_dims = *input_dims;
    plan->filter_dims = *filter_dims;
    plan->output_dims = *output_dims;
    plan->c_padded = cp;
    plan->filter = filter;
    plan->bias = b;
    plan->multiplier = mult;
    plan->left_shift = left;
    plan->right_shift = right;
}

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_depthwise_conv_s8_x86 *p = plan;
    p->run(p, tflm_input(ctx, node, 0)->data, tflm_output(ctx, node, 0)->data,
           tflm_scratch(ctx, p->scratch_index));
    return TFLM_OK;
}

static tflm_status setup_s8(tflm_context *ctx, const tflm_node *node,
                            const tflm_nn_conv_state *state, tflm_variant *variant)
{
    tflm_status status = tflm_conv_s8_x86_variant_for_depthwise(ctx, node, state, variant);
    if (status != TFLM_OK || variant->invoke != NULL) {
        return status;
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const tflm_conv_params *params = &state->params;
    const size_t bytes = tflm_depthwise_conv_s8_x86_persistent_size(isa, params,
                                                                    &d.filter);
    if (bytes == 0 || !tflm_x86_constant(t.filter, t.bias) ||
        (int64_t)d.input.c * params->depth_multiplier != d.output.c) {
        return TFLM_OK;
    }
    void *plan, *memory;
    int32_t scratch_index;
    const size_t scratch_bytes =
        tflm_depthwise_conv_s8_x86_get_buffer_size(isa, params, &d.filter, &d.output);
    status = tflm_x86_plan_memory(ctx, sizeof(tflm_depthwise_conv_s8_x86), bytes, scratch_bytes,
                                  &plan, &memory, &scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    tflm_depthwise_conv_s8_x86 *p = plan;
    tflm_depthwise_conv_s8_x86_init(p, isa, params, &state->quant, &d.input,
                                    &d.filter, t.filter->data, tflm_nn_bias_data(t.bias),
                                    &d.output, memory);
    p->scratch_index = scratch_index;
    variant->invoke = invoke_s8;
    variant->plan = p;
    return TFLM_OK;
}

/* ---- float32 ------------------------------------------------------------------ */

static const tflm_depthwise_conv_f32_fn f32_variants[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_f32_dwconv_c8__avx2);
static const tflm_depthwise_conv_f32_fn f32_multiplier_variants[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_f32_dwconv_multiplier_c8__avx2);

/* The table entry of a level's variant, NULL if it has none. */
static const tflm_depthwise_conv_f32_fn *f32_variant_at(tflm_isa isa,
                                                        const tflm_conv_params *params)
{
    const tflm_depthwise_conv_f32_fn *table =
        params->depth_multiplier == 1 ? f32_variants : f32_multiplier_variants;
    return tflm_x86_level(isa) && table[isa] != NULL ? &table[isa] : NULL;
}

tflm_depthwise_conv_f32_fn tflm_depthwise_conv_f32_x86_variant(tflm_isa isa,
                                                               const tflm_conv_params *params)
{
    const tflm_depthwise_conv_f32_fn *at = f32_variant_at(isa, params);
    return at != NULL ? *at : NULL;
}

static tflm_status invoke_f32(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_nn_conv_state *s = &((const tflm_depthwise_conv_data *)node->data)->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    const tflm_depthwise_conv_f32_fn *run = plan;
    (*run)(&s->params, &d.input, t.input->data, &d.filter, t.filter->data,
           &d.bias, tflm_nn_bias_data(t.bias), &d.output, t.output->data);
    return TFLM_OK;
}

/* ---- The hook -------------------------------------------------------------------- */

tflm_status tflm_depthwise_conv_variant(tflm_context *ctx, const tflm_node *node,
                                        const tflm_depthwise_conv_data *data,
                                        tflm_variant *variant)
{
    if (tflm_input(ctx, node, 0)->type == TFLM_TYPE_INT8) {
        return setup_s8(ctx, node, &data->conv, variant);
    }
    const tflm_depthwise_conv_f32_fn *at = f32_variant_at(tflm_kernel_isa(ctx), &data->conv.params);
    if (at != NULL) {
        variant->invoke = invoke_f32;
        variant->plan = at;
    }
    return TFLM_OK;
}

/* No x86 16x8 variant: the reference runs. */
tflm_status tflm_depthwise_conv_s16_variant(tflm_context *ctx, const tflm_node *node,
                                            const tflm_depthwise_conv_data *data,
                                            tflm_variant *variant)
{
    (void)ctx, (void)node, (void)data, (void)variant;
    return TFLM_OK;
}
