/*
 * binary_x86.h - the element-wise ops ADD and MUL on x86-64: their
 * microkernels (s8_add_*.c, s8_mul_*.c, f32_add_*.c, f32_mul_*.c), and the
 * glue both ops' files (add_x86.c, mul_x86.c) are made of. README.md in the
 * parent folder: variants, file names.
 *
 *                  AVX2                 AVX512               AVX512_VNNI
 *   int8 ADD       exact requant x8     x16, split inputs    = AVX512
 *   int8 MUL       exact requant x8     = AVX2               = AVX2
 *   float32        x8                   = AVX2               = AVX2
 *
 * The reference's signatures and broadcast walk (binary_x8__avx2.h,
 * binary_x16__avx512.h).
 */
#ifndef TFLM_KERNELS_X86_BINARY_X86_H
#define TFLM_KERNELS_X86_BINARY_X86_H

#include "../add.h"
#include "../mul.h"
#include "x86_glue.h"

/* The variant for a level, or NULL (reference). */
tflm_add_s8_fn tflm_add_s8_x86_variant(tflm_isa isa);
tflm_binary_f32_fn tflm_add_f32_x86_variant(tflm_isa isa);
tflm_mul_s8_fn tflm_mul_s8_x86_variant(tflm_isa isa);
tflm_binary_f32_fn tflm_mul_f32_x86_variant(tflm_isa isa);

void tflm_s8_add_x8__avx2(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_s8_add_x16__avx512(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                             const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_f32_add_x8__avx2(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                           const float *input1, const float *input2, float *output);
void tflm_s8_mul_x8__avx2(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_f32_mul_x8__avx2(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                           const float *input1, const float *input2, float *output);

/* The glue of element-wise op `op` (add or mul): its int8 and float32
 * variant tables (s8_avx2 at AVX2, s8_avx512 from AVX512 up; f32 from
 * AVX2 up), tflm_<op>_s8_x86_variant, tflm_<op>_f32_x86_variant, and its
 * hook tflm_<op>_variant, whose plan is the variant's table entry. */
#define TFLM_X86_BINARY_GLUE(op, s8_avx2, s8_avx512, f32)                                      \
    static const tflm_##op##_s8_fn s8_variants[TFLM_X86_LEVELS] = {                            \
        [TFLM_ISA_AVX2] = s8_avx2, [TFLM_ISA_AVX512] = s8_avx512,                              \
        [TFLM_ISA_AVX512_VNNI] = s8_avx512};                                                   \
    static const tflm_binary_f32_fn f32_variants[TFLM_X86_LEVELS] = TFLM_X86_FROM_AVX2(f32);   \
                                                                                               \
    tflm_##op##_s8_fn tflm_##op##_s8_x86_variant(tflm_isa isa)                                 \
    {                                                                                          \
        return tflm_x86_level(isa) ? s8_variants[isa] : NULL;                                  \
    }                                                                                          \
                                                                                               \
    tflm_binary_f32_fn tflm_##op##_f32_x86_variant(tflm_isa isa)                               \
    {                                                                                          \
        return tflm_x86_level(isa) ? f32_variants[isa] : NULL;                                 \
    }                                                                                          \
                                                                                               \
    static tflm_status invoke(tflm_context *ctx, tflm_node *node, const void *plan)            \
    {                                                                                          \
        const tflm_##op##_data *d = node->data;                                                \
        const void *input1 = tflm_input(ctx, node, 0)->data;                                   \
        const void *input2 = tflm_input(ctx, node, 1)->data;                                   \
        tflm_tensor *output = tflm_output(ctx, node, 0);                                       \
        if (output->type == TFLM_TYPE_INT8) {                                                  \
            (*(const tflm_##op##_s8_fn *)plan)(&d->quant, &d->broadcast, input1, input2,       \
                                               output->data);                                  \
        } else {                                                                               \
            (*(const tflm_binary_f32_fn *)plan)(&d->activation_f32, &d->broadcast, input1,     \
                                                input2, output->data);                         \
        }                                                                                      \
        return TFLM_OK;                                                                        \
    }                                                                                          \
                                                                                               \
    tflm_status tflm_##op##_variant(tflm_context *ctx, const tflm_node *node,                  \
                                    const tflm_##op##_data *data, tflm_variant *variant)       \
    {                                                                                          \
        (void)data;                                                                            \
        const tflm_isa isa = tflm_kernel_isa(ctx);                                             \
        const tflm_type type = tflm_output(ctx, node, 0)->type;                                \
        if (!tflm_x86_level(isa)) {                                                            \
            return TFLM_OK;                                                                    \
        }                                                                                      \
        if (type == TFLM_TYPE_INT8 && s8_variants[isa] != NULL) {                              \
            variant->plan = &s8_variants[isa];                                                 \
        } else if (type == TFLM_TYPE_FLOAT32 && f32_variants[isa] != NULL) {                   \
            variant->plan = &f32_variants[isa];                                                \
        }                                                                                      \
        variant->invoke = variant->plan != NULL ? invoke : NULL;                               \
        return TFLM_OK;                                                                        \
    }

#endif /* TFLM_KERNELS_X86_BINARY_X86_H */
