/*
 * softmax_x86.h - SOFTMAX on x86-64: the microkernels (s8_softmax_*.c,
 * f32_softmax_*.c), for the glue softmax_x86.c and the tests. README.md in
 * the parent folder: variants, file names.
 *
 *                      AVX2                     AVX512     AVX512_VNNI
 *   int8 -> int8/int16 x8 fixed-point exp       = AVX2     = AVX2
 *   float32            x8 exp, scalar sum       = AVX2     = AVX2
 *
 * The reference's signatures (softmax.h); float32 adds in the reference's
 * order without contraction (-ffp-contract=off): the same bits.
 */
#ifndef TFLM_KERNELS_X86_SOFTMAX_X86_H
#define TFLM_KERNELS_X86_SOFTMAX_X86_H

#include "../softmax.h"

/* The variant for a level, or NULL (reference). */
tflm_softmax_s8_fn tflm_softmax_s8_x86_variant(tflm_isa isa);
tflm_softmax_s8_s16_fn tflm_softmax_s8_s16_x86_variant(tflm_isa isa);
tflm_softmax_f32_fn tflm_softmax_f32_x86_variant(tflm_isa isa);

void tflm_s8_softmax_x8__avx2(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                              const int8_t *input, int8_t *output);
void tflm_s8_s16_softmax_x8__avx2(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                  const int8_t *input, int16_t *output);
void tflm_f32_softmax_x8__avx2(float beta, int32_t rows, int32_t depth, const float *input,
                               float *output);

#endif /* TFLM_KERNELS_X86_SOFTMAX_X86_H */
