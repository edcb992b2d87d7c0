/*
 * pooling_x86.h - AVERAGE_POOL_2D and MAX_POOL_2D on x86-64: the
 * microkernels (s8_*pool_*.c, f32_*pool_*.c), for the glue pooling_x86.c and
 * the tests. README.md in the parent folder: variants, file names.
 *
 *                          AVX2                 AVX512     AVX512_VNNI
 *   MAX_POOL int8, f32     x32, x8              = AVX2     = AVX2
 *   AVERAGE_POOL int8, f32 x8 (float divide)    = AVX2     = AVX2
 *
 * The variants take the reference's arguments and vectorize over channels:
 * each channel visits the same window, in the same order, as the
 * reference, so the results are identical (float32 included: the same
 * additions in the same order, no contraction).
 */
#ifndef TFLM_KERNELS_X86_POOLING_X86_H
#define TFLM_KERNELS_X86_POOLING_X86_H

#include "../pooling.h"

/* The variant for a level (and window), or NULL (reference). */
tflm_pool_s8_fn tflm_max_pool_s8_x86_variant(tflm_isa isa);
tflm_pool_s8_fn tflm_average_pool_s8_x86_variant(tflm_isa isa, const tflm_pool_params *params);
tflm_pool_f32_fn tflm_max_pool_f32_x86_variant(tflm_isa isa);
tflm_pool_f32_fn tflm_average_pool_f32_x86_variant(tflm_isa isa);

void tflm_s8_maxpool_c32__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const int8_t *input, const tflm_dims *output_dims, int8_t *output);
void tflm_s8_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                              const int8_t *input, const tflm_dims *output_dims, int8_t *output);
void tflm_f32_maxpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output);
void tflm_f32_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output);

#endif /* TFLM_KERNELS_X86_POOLING_X86_H */
