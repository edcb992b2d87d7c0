/*
 * variant.h - how a reference kernel hands a node to a SIMD variant
 * (README.md in this folder: "Variants").
 *
 * Each op with variants has one hook, declared in its header (<op>.h),
 * and its op data holds the chosen variant only in builds that compile
 * the op's glue:
 *
 *   #ifndef TFLM_VARIANT_<OP>
 *   #define TFLM_VARIANT_<OP> 0
 *   #endif
 *   typedef struct tflm_<op>_data {
 *   #if TFLM_VARIANT_<OP>
 *       tflm_variant variant;
 *   #endif
 *       ...
 *   } tflm_<op>_data;
 *   #if TFLM_VARIANT_<OP>
 *   TFLM_VARIANT_HOOK(tflm_<op>_variant, tflm_<op>_data);
 *   #define TFLM_<OP>_VARIANT(data) (&(data)->variant)
 *   #else
 *   TFLM_NO_VARIANT_HOOK(tflm_<op>_variant, tflm_<op>_data)
 *   #define TFLM_<OP>_VARIANT(data) NULL
 *   #endif
 *
 * Its prepare calls the hook once the op's data is ready, with
 * TFLM_<OP>_VARIANT(data); the hook sets variant->invoke when it has a
 * variant for this node (and may allocate the variant's plan and scratch).
 * Its invoke then runs
 *
 *   const tflm_variant *variant = TFLM_<OP>_VARIANT(data);
 *   if (tflm_variant_chosen(TFLM_VARIANT_<OP>, variant)) {
 *       return variant->invoke(ctx, node, variant->plan);
 *   }
 *
 * before the reference code. The hook is defined by the build's variant
 * glue, x86/<op>_x86.c or arm/<op>_arm.c, and CMake defines
 * TFLM_VARIANT_<OP>=1 for the library when it compiles one. Without it the
 * hook is a static inline that finds nothing (and writes nothing),
 * tflm_variant_chosen is false at compile time, and the op data has no
 * variant field: the op's code and its arena bytes are what they would be
 * without variants (8 bytes less a node on a 32-bit board).
 */
#ifndef TFLM_KERNELS_VARIANT_H
#define TFLM_KERNELS_VARIANT_H

#include <stdbool.h>
#include <stdint.h>

#include "tflm/kernel.h"

/* Runs a node as its reference kernel would, from the node's tensors, its
 * op data (node->data) and the variant's own plan. */
typedef tflm_status (*tflm_variant_fn)(tflm_context *ctx, tflm_node *node, const void *plan);

/* The variant a hook chose for a node; all zero (persistent memory is
 * zeroed) when none. */
typedef struct tflm_variant {
    tflm_variant_fn invoke; /* NULL: the reference kernel runs            */
    const void *plan;       /* the variant's data (arena, or a const table) */
} tflm_variant;

/* The hook's prototype. */
#define TFLM_VARIANT_HOOK(hook, data_type)                                              \
    tflm_status hook(tflm_context *ctx, const tflm_node *node, const data_type *data, \
                     tflm_variant *variant)

/* The hook of an op without variant glue in this build: it finds none. */
#define TFLM_NO_VARIANT_HOOK(hook, data_type)                \
    static inline TFLM_VARIANT_HOOK(hook, data_type)         \
    {                                                        \
        (void)ctx, (void)node, (void)data, (void)variant;    \
        return TFLM_OK;                                      \
    }

/* A plan that is only a scratch index, kept in the pointer itself: a
 * persistent int32 for it would take a whole allocation granule. */
static inline const void *tflm_variant_scratch_plan(int32_t scratch_index)
{
    return (const void *)(intptr_t)scratch_index;
}

static inline int32_t tflm_variant_plan_scratch(const void *plan)
{
    return (int32_t)(intptr_t)plan;
}

/* Whether a variant runs the node. compiled: the op's TFLM_VARIANT_<OP>. */
static inline bool tflm_variant_chosen(bool compiled, const tflm_variant *variant)
{
    return compiled && variant->invoke != NULL;
}

#endif /* TFLM_KERNELS_VARIANT_H */
