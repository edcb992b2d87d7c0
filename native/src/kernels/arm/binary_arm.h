/*
 * binary_arm.h - the element-wise ops ADD and MUL on Cortex-M: their
 * microkernels (s8_add_*.c, s8_mul_*.c), and the glue both ops' files
 * (add_arm.c, mul_arm.c) are made of. README.md in the parent folder:
 * variants, file names.
 *
 *                 ARM_DSP                          ARM_MVE
 *   ADD int8      1 element, SMLAL requantization  4 lanes, exact requantization
 *   MUL int8      1 element, SMLAL requantization  4 lanes, exact requantization
 *
 * The reference's signatures and broadcast walk (s8_binary_x4__mve.h for
 * MVE). The DSP level's kernels use no DSP instruction: they are the
 * reference's element loop with its quantization read once into locals and
 * s8_requant.h's shorter exact multiply, about three times fewer
 * instructions.
 */
#ifndef TFLM_KERNELS_ARM_BINARY_ARM_H
#define TFLM_KERNELS_ARM_BINARY_ARM_H

#include <stdbool.h>

#include "../add.h"
#include "../mul.h"
#include "../nn_common.h"

/* tflm_add_s8 and tflm_mul_s8 at level ARM_DSP: the same arguments, the
 * same bytes. */
void tflm_s8_add_x1__dsp(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_s8_mul_x1__dsp(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);

#if defined(__ARM_FEATURE_MVE)
/* Whether the MVE kernels compute quant's results exactly: every shift in
 * [-31, 31] (the reference's division by 2^32 or more is not defined). */
bool tflm_add_s8_mve_accepts(const tflm_add_quant *quant);
bool tflm_mul_s8_mve_accepts(const tflm_mul_quant *quant);

/* tflm_add_s8 and tflm_mul_s8 with Helium (MVE), for the quant the
 * functions above accept: the same arguments, the same bytes. */
void tflm_s8_add_x4__mve(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_s8_mul_x4__mve(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);
#endif

/* The kernel of element-wise op `op` (add or mul) at a level: its MVE one
 * when built for Helium and the quantization suits it, else its DSP one. */
#if defined(__ARM_FEATURE_MVE)
#define TFLM_ARM_BINARY_KERNEL_(op, isa, quant)                                               \
    ((isa) >= TFLM_ISA_ARM_MVE && tflm_##op##_s8_mve_accepts(quant) ? tflm_s8_##op##_x4__mve \
                                                                    : tflm_s8_##op##_x1__dsp)
#else
#define TFLM_ARM_BINARY_KERNEL_(op, isa, quant) ((void)(quant), tflm_s8_##op##_x1__dsp)
#endif

/* The glue of element-wise op `op` (add or mul): its hook
 * tflm_<op>_variant, which picks its int8 kernel from level ARM_DSP up;
 * the plan is the kernel. */
#define TFLM_ARM_BINARY_GLUE(op)                                                               \
    typedef void (*op##_s8_fn)(const tflm_##op##_quant *quant, const tflm_broadcast *broadcast, \
                               const int8_t *input1, const int8_t *input2, int8_t *output);     \
                                                                                               \
    static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)         \
    {                                                                                          \
        const tflm_##op##_data *d = node->data;                                                \
        ((op##_s8_fn)(uintptr_t)plan)(&d->quant, &d->broadcast, tflm_input(ctx, node, 0)->data, \
                                      tflm_input(ctx, node, 1)->data,                          \
                                      tflm_output(ctx, node, 0)->data);                        \
        return TFLM_OK;                                                                        \
    }                                                                                          \
                                                                                               \
    tflm_status tflm_##op##_variant(tflm_context *ctx, const tflm_node *node,                  \
                                    const tflm_##op##_data *data, tflm_variant *variant)       \
    {                                                                                          \
        const tflm_isa isa = tflm_kernel_isa(ctx);                                             \
        if (isa >= TFLM_ISA_ARM_DSP && tflm_output(ctx, node, 0)->type == TFLM_TYPE_INT8) {    \
            const op##_s8_fn run = TFLM_ARM_BINARY_KERNEL_(op, isa, &data->quant);             \
            variant->invoke = invoke_s8;                                                       \
            variant->plan = (const void *)(uintptr_t)run;                                      \
        }                                                                                      \
        return TFLM_OK;                                                                        \
    }

#endif /* TFLM_KERNELS_ARM_BINARY_ARM_H */
