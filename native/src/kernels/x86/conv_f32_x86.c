/*
 * conv_f32_x86.c - CONV_2D float32 on x86-64: the variant table, the
 * filter packing and the prepare-time glue (plain C; the variants are in
 * f32_conv_*.c, compiled for their ISA).
 *
 * The packed filter puts the output channels in the lanes:
 * [out_c / block][kh][kw][in_c][block], so one vector load gives one tap's
 * weight for `block` output channels and each lane accumulates exactly
 * the reference's sequence of products (x86_kernels.h). Grouped
 * convolutions (filter depth < input depth) keep the reference.
 */
#include <string.h>

#include "x86_kernels.h"

typedef struct conv_f32_variant {
    tflm_conv_f32_x86_fn run;
    int32_t block; /* output channels per vector */
} conv_f32_variant;

static const conv_f32_variant *variant_for(tflm_isa isa)
{
    static const conv_f32_variant table[] = {
        [TFLM_ISA_BEST] = {NULL, 0},
        [TFLM_ISA_SCALAR] = {NULL, 0},
        [TFLM_ISA_AVX2] = {tflm_f32_conv_4x16__avx2, 8},
        [TFLM_ISA_AVX512] = {tflm_f32_conv_8x32__avx512, 16},
        [TFLM_ISA_AVX512_VNNI] = {tflm_f32_conv_8x32__avx512, 16},
    };
    if ((int)isa < 0 || (size_t)isa >= sizeof table / sizeof table[0] || table[isa].run == NULL) {
        return NULL;
    }
    return &table[isa];
}

static size_t padded_channels(const conv_f32_variant *v, const tflm_dims *output_dims)
{
    return (size_t)((output_dims->c + v->block - 1) / v->block * v->block);
}

size_t tflm_conv_f32_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                         const tflm_dims *filter_dims,
                                         const tflm_dims *output_dims)
{
    const conv_f32_variant *v = variant_for(isa);
    if (v == NULL || filter_dims->c != input_dims->c) { /* grouped: reference */
        return 0;
    }
    const size_t np = padded_channels(v, output_dims);
    const size_t k = (size_t)filter_dims->h * filter_dims->w * filter_dims->c;
    return tflm_x86_round_up(k * np * sizeof(float), 64) +
           tflm_x86_round_up(np * sizeof(float), 64);
}

static void layout(tflm_conv_f32_x86 *plan, const conv_f32_variant *v,
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
static void pack(tflm_conv_f32_x86 *plan)
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
    const conv_f32_variant *v = variant_for(isa);
    memset(plan, 0, sizeof *plan);
    if (v == NULL || persistent == NULL || filter_dims->c != input_dims->c) {
        return;
    }
    layout(plan, v, params, input_dims, filter_dims, filter, bias, output_dims, persistent);
    pack(plan);
}

void tflm_conv_f32_x86_run(const tflm_conv_f32_x86 *plan, const float *input, float *output)
{
    if (!plan->packed) { /* the plan lives in the interpreter's writable arena */
        pack((tflm_conv_f32_x86 *)plan);
    }
    plan->run(plan, input, output);
}

tflm_status tflm_conv_f32_x86_setup(tflm_context *ctx, const tflm_conv_params *params,
                                    const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                    const tflm_tensor *filter, const tflm_tensor *bias,
                                    const tflm_dims *output_dims, const tflm_conv_f32_x86 **plan)
{
    *plan = NULL;
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const size_t bytes =
        tflm_conv_f32_x86_persistent_size(isa, input_dims, filter_dims, output_dims);
    if (bytes == 0 || !filter->is_constant || (bias != NULL && !bias->is_constant)) {
        return TFLM_OK;
    }
    tflm_conv_f32_x86 *p = tflm_alloc_persistent(ctx, sizeof *p);
    void *memory = tflm_alloc_persistent(ctx, bytes);
    if (p == NULL || memory == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    /* Packing waits for the first run, as for int8 (conv_s8_x86.c). */
    memset(p, 0, sizeof *p);
    layout(p, variant_for(isa), params, input_dims, filter_dims, filter->data,
           bias != NULL ? bias->data : NULL, output_dims, memory);
    *plan = p;
    return TFLM_OK;
}
