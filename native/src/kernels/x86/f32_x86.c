/*
 * f32_x86.c - the variant tables of the float32 kernels on x86-64
 * (FULLY_CONNECTED, DEPTHWISE_CONV_2D, SOFTMAX, ADD, MUL; CONV_2D packs
 * its filter: conv_f32_x86.c). Every variant keeps the
 * reference's order of operations per output (one mul, then one add, built
 * with -ffp-contract=off), so its results are the reference's bits.
 */
#include "x86_kernels.h"

#define F32_TABLE(fn)                                                                            \
    {                                                                                            \
        [TFLM_ISA_BEST] = NULL, [TFLM_ISA_SCALAR] = NULL, [TFLM_ISA_AVX2] = fn,                  \
        [TFLM_ISA_AVX512] = fn, [TFLM_ISA_AVX512_VNNI] = fn,                                     \
    }

static int in_table(tflm_isa isa)
{
    return (int)isa >= 0 && (int)isa <= (int)TFLM_ISA_AVX512_VNNI;
}

tflm_fc_f32_fn tflm_fc_f32_x86_variant(tflm_isa isa)
{
    static const tflm_fc_f32_fn table[] = F32_TABLE(tflm_f32_fc_8x8__avx2);
    return in_table(isa) ? table[isa] : NULL;
}

tflm_depthwise_conv_f32_fn tflm_depthwise_conv_f32_x86_variant(tflm_isa isa,
                                                               const tflm_conv_params *params)
{
    static const tflm_depthwise_conv_f32_fn table[] = F32_TABLE(tflm_f32_dwconv_c8__avx2);
    static const tflm_depthwise_conv_f32_fn multiplier_table[] =
        F32_TABLE(tflm_f32_dwconv_multiplier_c8__avx2);
    if (!in_table(isa)) {
        return NULL;
    }
    return params->depth_multiplier == 1 ? table[isa] : multiplier_table[isa];
}

tflm_softmax_f32_fn tflm_softmax_f32_x86_variant(tflm_isa isa)
{
    static const tflm_softmax_f32_fn table[] = F32_TABLE(tflm_f32_softmax_x8__avx2);
    return in_table(isa) ? table[isa] : NULL;
}

tflm_binary_f32_fn tflm_add_f32_x86_variant(tflm_isa isa)
{
    static const tflm_binary_f32_fn table[] = F32_TABLE(tflm_f32_add_x8__avx2);
    return in_table(isa) ? table[isa] : NULL;
}

tflm_binary_f32_fn tflm_mul_f32_x86_variant(tflm_isa isa)
{
    static const tflm_binary_f32_fn table[] = F32_TABLE(tflm_f32_mul_x8__avx2);
    return in_table(isa) ? table[isa] : NULL;
}
