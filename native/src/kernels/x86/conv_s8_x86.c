/*
 * conv_s8_x86.c - CONV_2D int8 on x86-64: the variant table, filter
 * packing and the prepare-time glue (plain C; the variants are in
 * s8_conv_im2col_*.c, compiled for their ISA).
 *
 * Exactness: the reference sums w * (x + input_offset) over the taps inside
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
 */
#include <string.h>

#include "requant.h"
#include "x86_kernels.h"

typedef struct conv_s8_variant {
    tflm_conv_s8_x86_fn run;
    int32_t k_step;       /* the packed k dimension is a multiple of it     */
    int32_t block;        /* output channels per packed block               */
    int32_t rows;         /* output pixels per tile                         */
    int32_t element_size; /* im2col: 1 uint8 (x + 128), 2 int16 (x + input_offset) */
} conv_s8_variant;

static const conv_s8_variant *variant_for(tflm_isa isa)
{
    static const conv_s8_variant table[] = {
        [TFLM_ISA_BEST] = {NULL, 0, 0, 0, 0},
        [TFLM_ISA_SCALAR] = {NULL, 0, 0, 0, 0},
        [TFLM_ISA_AVX2] = {tflm_s8_conv_im2col_4x16__avx2, 2, 8, 4, 2},
        [TFLM_ISA_AVX512] = {tflm_s8_conv_im2col_4x16__avx2, 2, 8, 4, 2},
        [TFLM_ISA_AVX512_VNNI] = {tflm_s8_conv_im2col_8x32__avx512vnni, 4, 16, 8, 1},
    };
    if ((int)isa < 0 || (size_t)isa >= sizeof table / sizeof table[0] || table[isa].run == NULL) {
        return NULL;
    }
    return &table[isa];
}

static int32_t round_up(int32_t x, int32_t step)
{
    return (x + step - 1) / step * step;
}

size_t tflm_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                        const tflm_dims *filter_dims,
                                        const tflm_dims *output_dims)
{
    const conv_s8_variant *v = variant_for(isa);
    if (v == NULL || filter_dims->c != input_dims->c) { /* grouped: reference */
        return 0;
    }
    const size_t k = (size_t)filter_dims->h * filter_dims->w * filter_dims->c;
    const size_t kp = (size_t)round_up((int32_t)k, v->k_step);
    const size_t np = (size_t)round_up(output_dims->c, v->block);
    return tflm_x86_round_up(kp * np, 16) + 4 * tflm_x86_round_up(np * sizeof(int32_t), 16);
}

size_t tflm_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_dims *filter_dims)
{
    const conv_s8_variant *v = variant_for(isa);
    if (v == NULL) {
        return 0;
    }
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    return (size_t)v->rows * (size_t)round_up(k, v->k_step) * (size_t)v->element_size +
           TFLM_CONV_S8_X86_SLACK;
}

/* Sets the plan's geometry and carves persistent into its arrays; packing
 * waits for pack() (at the first run when planned by setup). */
static void layout(tflm_conv_s8_x86 *plan, const conv_s8_variant *v,
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
static void pack(tflm_conv_s8_x86 *plan)
{
    const int32_t out_c = plan->output_dims.c, k = plan->k, kp = plan->k_padded;
    const int32_t np = plan->n_padded, block = plan->block, k_step = plan->k_step;
    const int8_t *filter = plan->source_filter;
    const size_t os = (size_t)plan->source_o_stride, is = (size_t)plan->source_i_stride;
    const int32_t *bias = plan->source_bias;
    const tflm_per_channel_quant *quant = &plan->source_quant;
    int8_t *dst = (int8_t *)plan->filter; /* persistent memory layout() carved */
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
        const int32_t shift = o < out_c ? quant->shift[o] : 0;
        multiplier[o] = o < out_c ? quant->multiplier[o] : 0;
        left[o] = tflm_left_shift_of(shift);
        right[o] = tflm_right_shift_of(shift);
        plan->right_shift_only &= shift <= 0 && multiplier[o] != INT32_MIN;
    }
    plan->packed = true;
}

static void init(tflm_conv_s8_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                 const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                 const tflm_dims *filter_dims, const int8_t *filter, bool depthwise_filter,
                 const int32_t *bias, const tflm_dims *output_dims, void *persistent)
{
    const conv_s8_variant *v = variant_for(isa);
    memset(plan, 0, sizeof *plan);
    if (v == NULL || persistent == NULL) {
        return;
    }
    layout(plan, v, params, quant, input_dims, filter_dims, filter, depthwise_filter, bias,
           output_dims, persistent);
    pack(plan);
}

void tflm_conv_s8_x86_init(tflm_conv_s8_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                           const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                           const tflm_dims *filter_dims, const int8_t *filter,
                           const int32_t *bias, const tflm_dims *output_dims, void *persistent)
{
    init(plan, isa, params, quant, input_dims, filter_dims, filter, false, bias, output_dims,
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
    init(plan, isa, params, quant, input_dims, &conv_dims, filter, true, bias, output_dims,
         persistent);
}

void tflm_conv_s8_x86_run(const tflm_conv_s8_x86 *plan, const int8_t *input, int8_t *output,
                          void *scratch)
{
    if (!plan->packed) { /* the plan lives in the interpreter's writable arena */
        pack((tflm_conv_s8_x86 *)plan);
    }
    plan->run(plan, input, output, scratch);
}

static tflm_status setup(tflm_context *ctx, const tflm_conv_params *params,
                         const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                         const tflm_dims *filter_dims, const tflm_tensor *filter,
                         bool depthwise_filter, const tflm_tensor *bias,
                         const tflm_dims *output_dims, const tflm_conv_s8_x86 **plan,
                         int32_t *scratch_index)
{
    *plan = NULL;
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const size_t bytes = tflm_conv_s8_x86_persistent_size(isa, input_dims, filter_dims, output_dims);
    if (bytes == 0 || !filter->is_constant || (bias != NULL && !bias->is_constant)) {
        return TFLM_OK;
    }
    tflm_conv_s8_x86 *p = tflm_alloc_persistent(ctx, sizeof *p);
    void *memory = tflm_alloc_persistent(ctx, bytes);
    if (p == NULL || memory == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_status status =
        tflm_request_scratch(ctx, tflm_conv_s8_x86_get_buffer_size(isa, filter_dims), scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    /* Packing waits for the first run: a create that fails for want of
       arena (the arena sweep makes one per size) never pays for it. */
    memset(p, 0, sizeof *p);
    layout(p, variant_for(isa), params, quant, input_dims, filter_dims, filter->data,
           depthwise_filter, bias != NULL ? bias->data : NULL, output_dims, memory);
    *plan = p;
    return TFLM_OK;
}

tflm_status tflm_conv_s8_x86_setup(tflm_context *ctx, const tflm_conv_params *params,
                                   const tflm_per_channel_quant *quant,
                                   const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                   const tflm_tensor *filter, const tflm_tensor *bias,
                                   const tflm_dims *output_dims, const tflm_conv_s8_x86 **plan,
                                   int32_t *scratch_index)
{
    return setup(ctx, params, quant, input_dims, filter_dims, filter, false, bias, output_dims,
                 plan, scratch_index);
}

tflm_status tflm_conv_s8_x86_setup_depthwise(tflm_context *ctx, const tflm_conv_params *params,
                                             const tflm_per_channel_quant *quant,
                                             const tflm_dims *input_dims,
                                             const tflm_dims *filter_dims,
                                             const tflm_tensor *filter, const tflm_tensor *bias,
                                             const tflm_dims *output_dims,
                                             const tflm_conv_s8_x86 **plan,
                                             int32_t *scratch_index)
{
    *plan = NULL;
    /* At AVX2 the depthwise variant's broadcast path is the faster one
       (micro_speech 24.5 against 28.8 us; person_detect equal); from AVX512
       on the convolution is (person_detect at VNNI 163 against 171 us). */
    if (input_dims->c != 1 || tflm_kernel_isa(ctx) < TFLM_ISA_AVX512) {
        return TFLM_OK;
    }
    const tflm_dims conv_dims = tflm_conv_s8_x86_depthwise_as_conv(filter_dims);
    return setup(ctx, params, quant, input_dims, &conv_dims, filter, true, bias, output_dims,
                 plan, scratch_index);
}
