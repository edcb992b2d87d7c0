/*
 * pool_x86.c - the variant tables of AVERAGE_POOL_2D and MAX_POOL_2D on
 * x86-64 (int8 and float32). The variants take the reference's arguments
 * and vectorize over channels: each channel visits the same window, in the
 * same order, as the reference, so the results are identical (float32
 * included: the same additions in the same order, no contraction).
 */
#include "x86_kernels.h"

#define POOL_TABLE(fn)                                                                           \
    {                                                                                            \
        [TFLM_ISA_BEST] = NULL, [TFLM_ISA_SCALAR] = NULL, [TFLM_ISA_AVX2] = fn,                  \
        [TFLM_ISA_AVX512] = fn, [TFLM_ISA_AVX512_VNNI] = fn,                                     \
    }

static int in_table(tflm_isa isa)
{
    return (int)isa >= 0 && (int)isa <= (int)TFLM_ISA_AVX512_VNNI;
}

tflm_pool_s8_fn tflm_max_pool_s8_x86_variant(tflm_isa isa)
{
    static const tflm_pool_s8_fn table[] = POOL_TABLE(tflm_s8_maxpool_c32__avx2);
    return in_table(isa) ? table[isa] : NULL;
}

tflm_pool_s8_fn tflm_average_pool_s8_x86_variant(tflm_isa isa, const tflm_pool_params *params)
{
    static const tflm_pool_s8_fn table[] = POOL_TABLE(tflm_s8_avgpool_c8__avx2);
    /* the variant divides in float: exact for windows up to 2^16 taps */
    if ((int64_t)params->filter_h * params->filter_w > 65536) {
        return NULL;
    }
    return in_table(isa) ? table[isa] : NULL;
}

tflm_pool_f32_fn tflm_max_pool_f32_x86_variant(tflm_isa isa)
{
    static const tflm_pool_f32_fn table[] = POOL_TABLE(tflm_f32_maxpool_c8__avx2);
    return in_table(isa) ? table[isa] : NULL;
}

tflm_pool_f32_fn tflm_average_pool_f32_x86_variant(tflm_isa isa)
{
    static const tflm_pool_f32_fn table[] = POOL_TABLE(tflm_f32_avgpool_c8__avx2);
    return in_table(isa) ? table[isa] : NULL;
}
