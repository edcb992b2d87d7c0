/*
 * s8_binary_x4__mve.h - the broadcast walk of the Helium (MVE) element-wise
 * int8 kernels (ADD, MUL): the reference's walk (TFLM_BROADCAST_FOR_EACH_RUN
 * of binary_common.h), each innermost run four elements a step as int32
 * lanes through the kernel's lane function, an input read contiguously or
 * one element repeated (stride 1 or 0), the last < 4 elements of a run
 * masked with a tail predicate. A run with a larger stride takes the
 * kernel's scalar function, the reference's own, element by element.
 */
#ifndef TFLM_KERNELS_ARM_S8_BINARY_X4__MVE_H
#define TFLM_KERNELS_ARM_S8_BINARY_X4__MVE_H

#include <arm_mve.h>
#include <stdint.h>

#include "../binary_common.h"

/* Four output lanes (clamped int32) from four lanes of each input; what
 * the kernel reads once (vectors) as its first argument. */
typedef int32x4_t (*tflm_mve_binary_lanes)(const void *vectors, int32x4_t x1, int32x4_t x2);

/* One output element, the reference's arithmetic (quant: its own). */
typedef int32_t (*tflm_mve_binary_scalar)(const void *quant, int32_t x1, int32_t x2);

typedef struct tflm_mve_binary {
    tflm_mve_binary_lanes lanes;
    const void *vectors;
    tflm_mve_binary_scalar scalar;
    const void *quant;
    const int8_t *in1, *in2;
    int8_t *out;
} tflm_mve_binary;

static inline __attribute__((always_inline)) int32x4_t
tflm_mve_binary_load(const int8_t *p, int32_t stride, mve_pred16_t lanes)
{
    return stride == 0 ? vdupq_n_s32(*p) : vldrbq_z_s32(p, lanes);
}

/* n outputs from o on, inputs from i1 and i2 at strides t1 and t2. */
static inline __attribute__((always_inline)) void
tflm_mve_binary_run(const tflm_mve_binary *k, size_t i1, size_t i2, size_t o, int32_t n,
                    int32_t t1, int32_t t2)
{
    const int8_t *p1 = k->in1 + i1, *p2 = k->in2 + i2;
    int8_t *y = k->out + o;
    if ((t1 | t2) & ~1) {
        for (int32_t g = 0; g < n; ++g) {
            y[g] = (int8_t)k->scalar(k->quant, p1[g * t1], p2[g * t2]);
        }
        return;
    }
    for (int32_t g = 0; g < n; g += 4) {
        const mve_pred16_t lanes = vctp32q((uint32_t)(n - g));
        const int32x4_t x1 = tflm_mve_binary_load(p1 + g * t1, t1, lanes);
        const int32x4_t x2 = tflm_mve_binary_load(p2 + g * t2, t2, lanes);
        vstrbq_p_s32(y + g, k->lanes(k->vectors, x1, x2), lanes);
    }
}

#define TFLM_MVE_BINARY_RUN_(k, i1, i2, o, n, t1, t2) tflm_mve_binary_run(k, i1, i2, o, n, t1, t2)

/* The whole walk. A local copy of the broadcast: the int8 stores may alias
 * anything, and would otherwise make the walk reload dims and strides every
 * run. */
static inline __attribute__((always_inline)) void
tflm_mve_binary_s8(const tflm_broadcast *broadcast, const tflm_mve_binary *kernel)
{
    const tflm_broadcast bc = *broadcast;
    TFLM_BROADCAST_FOR_EACH_RUN(&bc, TFLM_MVE_BINARY_RUN_, kernel);
}

#endif /* TFLM_KERNELS_ARM_S8_BINARY_X4__MVE_H */
