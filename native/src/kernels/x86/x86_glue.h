/*
 * x86_glue.h - what the x86 variant glue files (<op>_x86.c) share: their
 * variant tables, one entry per x86 level (tflm_isa), the arena a node's
 * plan takes, and the round-up of the offsets plans carve from it.
 */
#ifndef TFLM_KERNELS_X86_X86_GLUE_H
#define TFLM_KERNELS_X86_X86_GLUE_H

#include <stdbool.h>
#include <stddef.h>

#include "tflm/kernel.h"

/* Entries of a variant table: BEST, SCALAR and the x86 levels. */
#define TFLM_X86_LEVELS (TFLM_ISA_AVX512_VNNI + 1)

/* A table whose one variant serves every level from AVX2 up. */
#define TFLM_X86_FROM_AVX2(variant)                                              \
    {                                                                            \
        [TFLM_ISA_AVX2] = variant, [TFLM_ISA_AVX512] = variant,                  \
        [TFLM_ISA_AVX512_VNNI] = variant,                                        \
    }

/* Whether isa indexes a variant table (tflm_kernel_isa gives x86 builds an
 * x86 level or SCALAR; anything else finds no variant). */
static inline bool tflm_x86_level(tflm_isa isa)
{
    return (int)isa >= 0 && (int)isa < TFLM_X86_LEVELS;
}

/* Whether a plan may keep the node's weights and bias (NULL: none) to read
 * them at its first run: they lie in the model, constant. */
static inline bool tflm_x86_constant(const tflm_tensor *weights, const tflm_tensor *bias)
{
    return weights->is_constant && (bias == NULL || bias->is_constant);
}

/* The arena of a node's plan, taken at prepare: the plan (plan_bytes), its
 * persistent arrays (persistent_bytes; *persistent NULL when 0) and its
 * scratch (scratch_bytes; none when 0). */
static inline tflm_status tflm_x86_plan_memory(tflm_context *ctx, size_t plan_bytes,
                                               size_t persistent_bytes, size_t scratch_bytes,
                                               void **plan, void **persistent,
                                               int32_t *scratch_index)
{
    *plan = tflm_alloc_persistent(ctx, plan_bytes);
    *persistent = persistent_bytes > 0 ? tflm_alloc_persistent_for(ctx, persistent_bytes,
                                                                   TFLM_MEMORY_PACKED_WEIGHTS)
                                    : NULL;
    if (*plan == NULL || (persistent_bytes > 0 && *persistent == NULL)) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    return scratch_bytes > 0 ? tflm_request_scratch(ctx, scratch_bytes, scratch_index) : TFLM_OK;
}

/* x rounded up to a multiple of the power of two `to`. */
static inline size_t tflm_x86_round_up(size_t x, size_t to)
{
    return (x + to - 1) & ~(to - 1);
}

#endif /* TFLM_KERNELS_X86_X86_GLUE_H */
