/*
 * binary_s8_x86.c - the variant tables of ADD and MUL int8 (and of
 * SOFTMAX int8, element-wise too) on x86-64.
 */
#include "x86_kernels.h"

tflm_add_s8_fn tflm_add_s8_x86_variant(tflm_isa isa)
{
    static const tflm_add_s8_fn table[] = {
        [TFLM_ISA_BEST] = NULL,
        [TFLM_ISA_SCALAR] = NULL,
        [TFLM_ISA_AVX2] = tflm_s8_add_x8__avx2,
        [TFLM_ISA_AVX512] = tflm_s8_add_x8__avx2,
        [TFLM_ISA_AVX512_VNNI] = tflm_s8_add_x8__avx2,
    };
    return (int)isa >= 0 && (size_t)isa < sizeof table / sizeof table[0] ? table[isa] : NULL;
}

tflm_mul_s8_fn tflm_mul_s8_x86_variant(tflm_isa isa)
{
    static const tflm_mul_s8_fn table[] = {
        [TFLM_ISA_BEST] = NULL,
        [TFLM_ISA_SCALAR] = NULL,
        [TFLM_ISA_AVX2] = tflm_s8_mul_x8__avx2,
        [TFLM_ISA_AVX512] = tflm_s8_mul_x8__avx2,
        [TFLM_ISA_AVX512_VNNI] = tflm_s8_mul_x8__avx2,
    };
    return (int)isa >= 0 && (size_t)isa < sizeof table / sizeof table[0] ? table[isa] : NULL;
}

tflm_softmax_s8_fn tflm_softmax_s8_x86_variant(tflm_isa isa)
{
    static const tflm_softmax_s8_fn table[] = {
        [TFLM_ISA_BEST] = NULL,
        [TFLM_ISA_SCALAR] = NULL,
        [TFLM_ISA_AVX2] = tflm_s8_softmax_x8__avx2,
        [TFLM_ISA_AVX512] = tflm_s8_softmax_x8__avx2,
        [TFLM_ISA_AVX512_VNNI] = tflm_s8_softmax_x8__avx2,
    };
    return (int)isa >= 0 && (size_t)isa < sizeof table / sizeof table[0] ? table[isa] : NULL;
}

tflm_softmax_s8_s16_fn tflm_softmax_s8_s16_x86_variant(tflm_isa isa)
{
    static const tflm_softmax_s8_s16_fn table[] = {
        [TFLM_ISA_BEST] = NULL,
        [TFLM_ISA_SCALAR] = NULL,
        [TFLM_ISA_AVX2] = tflm_s8_s16_softmax_x8__avx2,
        [TFLM_ISA_AVX512] = tflm_s8_s16_softmax_x8__avx2,
        [TFLM_ISA_AVX512_VNNI] = tflm_s8_s16_softmax_x8__avx2,
    };
    return (int)isa >= 0 && (size_t)isa < sizeof table / sizeof table[0] ? table[isa] : NULL;
}
