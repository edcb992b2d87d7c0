/*
 * conv_x86.c - CONV_2D on x86-64: the variant hook (variant.h), the
 * variant tables, filter packing (plain C; the variants are in
 * s8_conv_im2col_*.c and f32_conv_*.c, compiled for their ISA).
 *
 * int8 exactness: the reference sums w * (x + input_offset) over the taps inside
 * the input, wrapping in int32. The variants sum over every tap of an
 * im2col row whose outside taps hold the input zero point (x + input_offset
 * = 0 there, so they add nothing), in another order; int32 addition wraps
 * modulo 2^32, so any order gives the same int32. The VNNI variant
 * multiplies u = x + 128 (vpdpbusd takes unsigned x signed bytes):
 * sum w * u = sum w * (x + input_offset) + (128 - input_offset) * sum w,
 * and the last term is subtracted through the bias at prepare time.
 *
 * A DEPTHWISE_CONV_2D with one input channel (a first layer on a
 * grayscale image) is this convolution: output o = depth multiplier index
 * o, its filter the column o of the depthwise filter [1][kh][kw][out_c],
 * read in place through strides (the reference sums the same taps).
 *
 * float32: the packed filter puts the output channels in the lanes:
 * [out_c / block][kh][kw][in_c][block], so one vector load gives one tap's
 * weight for `block` output channels and each lane accumulates exactly
 * the reference's sequence of products (conv_x86.h).
 */
#include <string.h>

#include "../nn_common.h"
#include "conv_x86.h"
#include "requant.h"
#include "x86_glue.h"

/* ---- int8 -------------------------------------------------------------------- */

typedef struct conv_s8_variant {
    tflm_conv_s8_x86_fn run;
    int32_t k_step;       /* the packed k dimension is a multiple of it     */
    int32_t block;        /* output channels per packed block               */
    int32_t rows;         /* output pixels per tile                         */
    int32_t element_size; /* im2col: 1 uint8 (x + 128), 2 int16 (x + input_offset) */
} conv_s8_variant;

static const conv_s8_variant *s8_variant_for(tflm_isa isa)
{
    static const conv_s8_variant table[TFLM_X86_LEVELS] = {
        [TFLM_ISA_AVX2] = {tflm_s8_conv_im2col_4x16__avx2, 2, 8, 4, 2},
        [TFLM_ISA_AVX512] = {tflm_s8_conv_im2col_4x16__avx2, 2, 8, 4, 2},
        [TFLM_ISA_AVX512_VNNI] = {tflm_s8_conv_im2col_8x32__avx512vnni, 4, 16, 8, 1},
    };
    return tflm_x86_level(isa) && table[isa].run != NULL ? &table[isa] : NULL;
}

static int32_t round_up(int32_t x, int32_t step)
{
    return (x + step - 1) / step * step;
}

size_t tflm_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                        const tflm_dims *filter_dims,
                                        const tflm_dims *output_dims)
{
    const conv_s8_variant *v = s8_variant_for(isa);
    if (v == NULL || filter_dims->c != input_dims->c) { /* grouped: reference */
        return 0;
    }
    const size_t k = (size_t)filter_dims->h * filter_dims->w * filter_dims->c;
    const size_t kp = (size_t)round_up((int32_t)k, v->k_step);
    const size_t np = (size_t)round_up(output_dims->c, v->block);
    return tflm_x86_round_up(kp * np, 16) + 4 * tflm_x86_round_up(np * sizeof(int32_t), 16);
}

/* The tile's im2col rows and their slack. */
static size_t tile_bytes(int32_t element_size, int32_t rows, const tflm_dims *filter_dims, int32_t k_step)
{
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    return (size_t)rows * (size_t)round_up(k, k_step) * (size_t)element_size + TFLM_CONV_S8_X86_SLACK;
}

/* Padding past the input's end that the last output's taps reach. */
static int32_t padding_after(int32_t in, int32_t out, int32_t k, int32_t stride, int32_t dilation,
                             int32_t before)
{
    const int32_t reach = (out - 1) * stride + (k - 1) * dilation + 1 - before - in;
    return reach > 0 ? reach : 0;
}

/* The padded image of a variant (conv_x86.h), or none. */
static tflm_conv_s8_x86_image image_of(const conv_s8_variant *v, const tflm_conv_params *params,
                                       const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                       const tflm_dims *output_dims)
{
    tflm_conv_s8_x86_image image = {0};
    const bool pointwise = filter_dims->h == 1 && filter_dims->w == 1 && params->stride_h == 1 &&
                           params->stride_w == 1 && params->pad_h == 0 && params->pad_w == 0;
    if (v->element_size != 1 || pointwise || input_dims->c % 4 != 0 || output_dims->c <= 8) {
        return image; /* (a first layer's <= 8 channels: the ymm tile, im2col only) */
    }
    image.used = true;
    image.top = params->pad_h;
    image.left = params->pad_w;
    image.h = params->pad_h + input_dims->h +
              padding_after(input_dims->h, output_dims->h, filter_dims->h, params->stride_h,
                            params->dilation_h, params->pad_h);
    image.w = params->pad_w + input_dims->w +
              padding_after(input_dims->w, output_dims->w, filter_dims->w, params->stride_w,
                            params->dilation_w, params->pad_w);
    image.bytes = (size_t)image.h * image.w * input_dims->c;
    image.image_at = tflm_x86_round_up(tile_bytes(v->element_size, v->rows, filter_dims, v->k_step), 64);
    return image;
}

size_t tflm_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_conv_params *params,
                                        const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                        const tflm_dims *output_dims)
{
    const conv_s8_variant *v = s8_variant_for(isa);
    if (v == NULL) {
        return 0;
    }
    const tflm_conv_s8_x86_image image = image_of(v, params, input_dims, filter_dims, output_dims);
    return image.used ? image.image_at + image.bytes * (size_t)input_dims->n
                      : tile_bytes(v->element_size, v->rows, filter_dims, v->k_step);
}

/* Sets the plan's geometry and carves persistent into its arrays; packing
 * waits for s8_pack() (at the first run when planned by setup_s8). */
static void s8_layout(tflm_conv_s8_x86 *plan, const conv_s8_variant *v,
                   const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                   const tflm_dims *input_dims, const tflm_dims *filter_dims,
                   const int8_t *filter, bool depthwise_filter, const int32_t *bias,
                   const tflm_dims *output_dims, void *persistent)
{
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    const int32_t kp = round_up(k, v->k_step);
    const int32_t np = round_up(output_dims->c, v->block);
    uint8_t *at = persistent;
    plan->filter = (const int8_t *)at;
    at += tflm_x86_round_up((size_t)kp * np, 16);
    plan->bias = (const int32_t *)at;
    at += tflm_x86_round_up((size_t)np * sizeof(int32_t), 16);
    plan->multiplier = (const int32_t *)at;
    at += tflm_x86_round_up((size_t)np * sizeof(int32_t), 16);
    plan->left_shift = (const int32_t *)at;
    at += tflm_x86_round_up((size_t)np * sizeof(int32_t), 16);
    plan->right_shift = (const int32_t *)at;
    plan->run = v->run;
    plan->params = *params;
    plan->input_dims = *input_dims;
    plan->filter_dims = *filter_dims;
    plan->output_dims = *output_dims;
    plan->k = k;
    plan->k_padded = kp;
    plan->n_padded = np;
    plan->rows = v->rows;
    plan->element_size = v->element_size;
    plan->block = v->block;
    plan->k_step = v->k_step;
    plan->pointwise = filter_dims->h == 1 && filter_dims->w == 1 && params->stride_h == 1 &&
                      params->stride_w == 1 && params->pad_h == 0 && params->pad_w == 0 &&
                      k == kp;
    plan->image = image_of(v, params, input_dims, filter_dims, output_dims);
    plan->source_filter = filter;
    /* OHWI: filter o's taps are adjacent; depthwise [1][kh][kw][out_c] with
       one input channel: tap i of every filter is adjacent. */
    plan->source_o_stride = depthwise_filter ? 1 : k;
    plan->source_i_stride = depthwise_filter ? output_dims->c : 1;
    plan->source_bias = bias;
    plan->source_quant = *quant;
    plan->packed = false;
}

/* Packs the filter as int8 in [o / block][i / k_step][o % block][i % k_step]
 * order, written sequentially (no division per element), and the
 * per-channel bias (input offset folded in for the uint8 variant) and
 * shifts. The int16 variant widens the weights as it loads them (one
 * vpmovsxbw per 16, no slower): an int16 copy would double the arena. */
static void s8_pack(tflm_conv_s8_x86 *plan)
{
    const int32_t out_c = plan->output_dims.c, k = plan->k, kp = plan->k_padded;
    const int32_t np = plan->n_padded, block = plan->block, k_step = plan->k_step;
    const int8_t *filter = plan->source_filter;
    const size_t os = (size_t)plan->source_o_stride, is = (size_t)plan->source_i_stride;
    const int32_t *bias = plan->source_bias;
    const tflm_per_channel_quant *quant = &plan->source_quant;
    int8_t *dst = (int8_t *)plan->filter; /* persistent memory s8_layout() carved */
    for (int32_t o0 = 0; o0 < np; o0 += block) {
        for (int32_t i0 = 0; i0 < kp; i0 += k_step) {
            for (int32_t j = 0; j < block; ++j) {
                const int32_t o = o0 + j;
                const int8_t *w = filter + o * os + i0 * is;
                const int32_t valid = o >= out_c ? 0 : k - i0 < k_step ? k - i0 : k_step;
                for (int32_t q = 0; q < k_step; ++q) {
                    *dst++ = q < valid ? w[q * is] : 0;
                }
            }
        }
    }
    int32_t *bias_eff = (int32_t *)plan->bias, *multiplier = (int32_t *)plan->multiplier;
    int32_t *left = (int32_t *)plan->left_shift, *right = (int32_t *)plan->right_shift;
    plan->right_shift_only = true;
    for (int32_t o = 0; o < np; ++o) {
        uint32_t sum = 0;
        if (o < out_c) {
            const int8_t *w = filter + o * os;
            for (int32_t i = 0; i < k; ++i) {
                sum += (uint32_t)(int32_t)w[i * is];
            }
        }
        uint32_t b = (o < out_c && bias != NULL) ? (uint32_t)bias[o] : 0;
        if (plan->element_size == 1) {
            b += (uint32_t)(plan->params.input_offset - 128) * sum;
        }
        bias_eff[o] = (int32_t)b;
        const int32_t shift = o < out_c ? quant->shift[tflm_quant_channel(quant, o)] : 0;
        multiplier[o] = o < out_c ? quant->multiplier[tflm_quant_channel(quant, o)] : 0;
        left[o] = tflm_left_shift_of(shift);
        right[o] = tflm_right_shift_of(shift);
        plan->right_shift_only &= shift <= 0 && multiplier[o] != INT32_MIN;
    }
    plan->packed = true;
}

static void s8_init(tflm_conv_s8_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                 const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                 const tflm_dims *filter_dims, const int8_t *filter, bool depthwise_filter,
                 const int32_t *bias, const tflm_dims *output_dims, void *persistent)
{
    const conv_s8_variant *v = s8_variant_for(isa);
    memset(plan, 0, sizeof *plan);
    if (v == NULL || persistent == NULL) {
        return;
    }
    s8_layout(plan, v, params, quant, input_dims, filter_dims, filter, depthwise_filter, bias,
           output_dims, persistent);
    s8_pack(plan);
}

void tflm_conv_s8_x86_init(tflm_conv_s8_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                           const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                           const tflm_dims *filter_dims, const int8_t *filter,
                           const int32_t *bias, const tflm_dims *output_dims, void *persistent)
{
    s8_init(plan, isa, params, quant, input_dims, filter_dims, filter, false, bias, output_dims,
         persistent);
}

tflm_dims tflm_conv_s8_x86_depthwise_as_conv(const tflm_dims *depthwise_filter_dims)
{
    const tflm_dims *d = depthwise_filter_dims;
    return (tflm_dims){d->c, d->h, d->w, 1};
}

void tflm_conv_s8_x86_init_depthwise(tflm_conv_s8_x86 *plan, tflm_isa isa,
                                     const tflm_conv_params *params,
                                     const tflm_per_channel_quant *quant,
                                     const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                     const int8_t *filter, const int32_t *bias,
                                     const tflm_dims *output_dims, void *persistent)
{
    const tflm_dims conv_dims = tflm_conv_s8_x86_depthwise_as_conv(filter_dims);
    s8_init(plan, isa, params, quant, input_dims, &conv_dims, filter, true, bias, output_dims,
         persistent);
}

void tflm_conv_s8_x86_run(const tflm_conv_s8_x86 *plan, const int8_t *input, int8_t *output,
                          void *scratch)
{
    if (!plan->packed) { /* the plan lives in the interpreter's writable arena */
        s8_pack((tflm_conv_s8_x86 *)plan);
    }
    plan->run(plan, input, output, scratch);
}

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_conv_s8_x86 *p = plan;
    tflm_conv_s8_x86_run(p, tflm_input(ctx, node, 0)->data, tflm_output(ctx, node, 0)->data,
                         tflm_scratch(ctx, p->scratch_index));
    return TFLM_OK;
}

/* The int8 plan of a node (state: its prepared data, the filter as filter_dims
 * says, NULL: as its tensor's), unless no variant applies. */
static tflm_status setup_s8(tflm_context *ctx, const tflm_node *node,
                            const tflm_nn_conv_state *state, const tflm_dims *filter_dims,
                            bool depthwise_filter, tflm_variant *variant)
{
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    if (filter_dims == NULL) {
        filter_dims = &d.filter;
    }
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const size_t bytes = tflm_conv_s8_x86_persistent_size(isa, &d.input, filter_dims, &d.output);
    if (bytes == 0 || !tflm_x86_constant(t.filter, t.bias)) {
        return TFLM_OK;
    }
    void *plan, *memory;
    int32_t scratch_index;
    tflm_status status =
        tflm_x86_plan_memory(ctx, sizeof(tflm_conv_s8_x86), bytes,
                             tflm_conv_s8_x86_get_buffer_size(isa, &state->params, &d.input,
                                                              filter_dims, &d.output),
                             &plan, &memory,
                             &scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    /* Packing waits for the first run: a create that fails for want of
       arena (the arena sweep makes one per size) never pays for it. */
    tflm_conv_s8_x86 *p = plan;
    memset(p, 0, sizeof *p);
    s8_layout(p, s8_variant_for(isa), &state->params, &state->quant, &d.input, filter_dims,
              t.filter->data, depthwise_filter, tflm_nn_bias_data(t.bias), &d.output, memory);
    p->scratch_index = scratch_index;
    variant->invoke = invoke_s8;
    variant->plan = p;
    return TFLM_OK;
}

tflm_status tflm_conv_s8_x86_variant_for_depthwise(tflm_context *ctx, const tflm_node *node,
                                                  const tflm_nn_conv_state *state,
                                                  tflm_variant *variant)
{
    /* At AVX2 the depthwise variant's broadcast path is the faster one
       (micro_speech 24.5 against 28.8 us; person_detect equal); from AVX512
       on the convolution is (person_detect at VNNI 163 against 171 us). */
    const tflm_tensor *input = tflm_input(ctx, node, 0), *filter = tflm_input(ctx, node, 1);
    if (input->dims->data[3] != 1 || tflm_kernel_isa(ctx) < TFLM_ISA_AVX512) {
        return TFLM_OK;
    }
    const tflm_dims filter_dims = {filter->dims->data[0], filter->dims->data[1],
                                   filter->dims->data[2], filter->dims->data[3]};
    const tflm_dims conv_dims = tflm_conv_s8_x86_depthwise_as_conv(&filter_dims);
    return setup_s8(ctx, node, state, &conv_dims, true, variant);
}

/* ---- float32 ------------------------------------------------------------------ */

typedef struct conv_f32_variant {
    tflm_conv_f32_x86_fn run;
    int32_t block; /* output channels per vector */
} conv_f32_variant;

static const conv_f32_variant *f32_variant_for(tflm_isa isa)
{
    static const conv_f32_variant table[TFLM_X86_LEVELS] = {
        [TFLM_ISA_AVX2] = {tflm_f32_conv_4x16__avx2, 8},
        [TFLM_ISA_AVX512] = {tflm_f32_conv_8x32__avx512, 16},
        [TFLM_ISA_AVX512_VNNI] = {tflm_f32_conv_8x32__avx512, 16},
    };
    return tflm_x86_level(isa) && table[isa].run != NULL ? &table[isa] : NULL;
}

static size_t padded_channels(const conv_f32_variant *v, const tflm_dims *output_dims)
{
    return (size_t)((output_dims->c + v->block - 1) / v->block * v->block);
}

size_t tflm_conv_f32_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                         const tflm_dims *filter_dims,
                                         const tflm_dims *output_dims)
{
    const conv_f32_variant *v = f32_variant_for(isa);
    if (v == NULL || filter_dims->c != input_dims->c) { /* grouped: reference */
        return 0;
    }
    const size_t np = padded_channels(v, output_dims);
    const size_t k = (size_t)filter_dims->h * filter_dims->w * filter_dims->c;
    return tflm_x86_round_up(k * np * sizeof(float), 64) +
           tflm_x86_round_up(np * sizeof(float), 64);
}

static void f32_layout(tflm_conv_f32_x86 *plan, const conv_f32_variant *v,
                   const tflm_conv_params *params, const tflm_dims *input_dims,
                   const tflm_dims *filter_dims, const float *filter, const float *bias,
                   const tflm_dims *output_dims, void *persistent)
{
    const size_t k = (size_t)filter_dims->h * filter_dims->w * filter_dims->c;
    plan->run = v->run;
    plan->params = *params;
    plan->input_dims = *input_dims;
    plan->filter_dims = *filter_dims;
    plan->output_dims = *output_dims;
    plan->block = v->block;
    plan->filter = persistent;
    const size_t filter_bytes = k * padded_channels(v, output_dims) * sizeof(float);
    plan->bias = (const float *)((uint8_t *)persistent + tflm_x86_round_up(filter_bytes, 64));
    plan->source_filter = filter;
    plan->source_bias = bias;
    plan->packed = false;
}

/* Writes the packed filter sequentially; lanes past out_c get zeros. */
static void f32_pack(tflm_conv_f32_x86 *plan)
{
    const int32_t out_c = plan->output_dims.c, block = plan->block;
    const int32_t k = plan->filter_dims.h * plan->filter_dims.w * plan->filter_dims.c;
    const int32_t np = (out_c + block - 1) / block * block;
    float *dst = (float *)plan->filter;
    for (int32_t o0 = 0; o0 < np; o0 += block) {
        for (int32_t t = 0; t < k; ++t) {
            for (int32_t j = 0; j < block; ++j) {
                const int32_t o = o0 + j;
                *dst++ = o < out_c ? plan->source_filter[(size_t)o * k + t] : 0.0f;
            }
        }
    }
    /* The reference adds 0.0f when the model has no bias: so do the lanes. */
    float *bias = (float *)plan->bias;
    for (int32_t o = 0; o < np; ++o) {
        bias[o] = o < out_c && plan->source_bias != NULL ? plan->source_bias[o] : 0.0f;
    }
    plan->packed = true;
}

void tflm_conv_f32_x86_init(tflm_conv_f32_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                            const tflm_dims *input_dims, const tflm_dims *filter_dims,
                            const float *filter, const float *bias, const tflm_dims *output_dims,
                            void *persistent)
{
    const conv_f32_variant *v = f32_variant_for(isa);
    memset(plan, 0, sizeof *plan);
    if (v == NULL || persistent == NULL || filter_dims->c != input_dims->c) {
        return;
    }
    f32_layout(plan, v, params, input_dims, filter_dims, filter, bias, output_dims, persistent);
    f32_pack(plan);
}

void tflm_conv_f32_x86_run(const tflm_conv_f32_x86 *plan, const float *input, float *output)
{
    if (!plan->packed) { /* the plan lives in the interpreter's writable arena */
        f32_pack((tflm_conv_f32_x86 *)plan);
    }
    plan->run(plan, input, output);
}

static tflm_status invoke_f32(tflm_context *ctx, tflm_node *node, const void *plan)
{
    tflm_conv_f32_x86_run(plan, tflm_input(ctx, node, 0)->data, tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

static tflm_status setup_f32(tflm_context *ctx, const tflm_node *node,
                             const tflm_nn_conv_state *state, tflm_variant *variant)
{
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const size_t bytes = tflm_conv_f32_x86_persistent_size(isa, &d.input, &d.filter, &d.output);
    if (bytes == 0 || !tflm_x86_constant(t.filter, t.bias)) {
        return TFLM_OK;
    }
    void *plan, *memory;
    tflm_status status =
        tflm_x86_plan_memory(ctx, sizeof(tflm_conv_f32_x86), bytes, 0, &plan, &memory, NULL);
    if (status != TFLM_OK) {
        return status;
    }
    /* Packing waits for the first run, as for int8. */
    tflm_conv_f32_x86 *p = plan;
    memset(p, 0, sizeof *p);
    f32_layout(p, f32_variant_for(isa), &state->params, &d.input, &d.filter, t.filter->data,
               tflm_nn_bias_data(t.bias), &d.output, memory);
    variant->invoke = invoke_f32;
    variant->plan = p;
    return TFLM_OK;
}

/* ---- The hook -------------------------------------------------------------------- */

tflm_status tflm_conv_variant(tflm_context *ctx, const tflm_node *node,
                              const tflm_conv_data *data, tflm_variant *variant)
{
    const tflm_type type = tflm_input(ctx, node, 0)->type;
    if (type == TFLM_TYPE_INT8) {
        return setup_s8(ctx, node, &data->conv, NULL, false, variant);
    }
    return type == TFLM_TYPE_FLOAT32 ? setup_f32(ctx, node, &data->conv, variant) : TFLM_OK; /* not 16x8 */
}
