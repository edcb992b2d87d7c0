/*
 * s8_dot__mve.h - the dot products of the Helium (MVE) int8 kernels:
 * sixteen byte lanes a step, VMLADAVA multiplying them pairwise and adding
 * all sixteen products to a scalar accumulator, VADDVA summing one
 * operand's lanes.
 *
 * The offsets stay out of the loop: sum (x + io)(w + fo) over k terms is
 * sum x w + io sum w + fo sum x + k io fo, so the loop reads raw int8 rows
 * (the model's weights and activations in place), and the callers add the
 * offset terms of the sums these return. Everything wraps modulo 2^32 as
 * the reference's sum does, where any order of additions gives the same
 * int32: the results are the reference's, bit for bit.
 *
 * The last k % 16 lanes are loaded with a tail predicate (VCTP), whose
 * inactive lanes read no memory and hold zero, adding nothing.
 */
#ifndef TFLM_KERNELS_ARM_S8_DOT__MVE_H
#define TFLM_KERNELS_ARM_S8_DOT__MVE_H

#include <arm_mve.h>
#include <stdint.h>

#if !defined(__ARM_FEATURE_MVE)
#error "s8_dot__mve.h needs Helium (MVE); arm/sources.cmake lists its users for such cores only"
#endif

/* Four rows of k int8 (x[0..3]) against one (w): dots[r] = sum x[r] w,
 * and *w_sum = sum w (for the input offset's term). */
static inline void tflm_mve_dot_4x1(const int8_t *const x[4], const int8_t *w, int32_t k,
                                    int32_t dots[4], int32_t *w_sum)
{
    const int8_t *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    int32_t d0 = 0, d1 = 0, d2 = 0, d3 = 0, s = 0;
    int32_t i = 0;
    for (; i + 16 <= k; i += 16) {
        const int8x16_t wv = vldrbq_s8(w + i);
        s = vaddvaq_s8(s, wv);
        d0 = vmladavaq_s8(d0, vldrbq_s8(x0 + i), wv);
        d1 = vmladavaq_s8(d1, vldrbq_s8(x1 + i), wv);
        d2 = vmladavaq_s8(d2, vldrbq_s8(x2 + i), wv);
        d3 = vmladavaq_s8(d3, vldrbq_s8(x3 + i), wv);
    }
    if (i < k) {
        const mve_pred16_t p = vctp8q((uint32_t)(k - i));
        const int8x16_t wv = vldrbq_z_s8(w + i, p);
        s = vaddvaq_s8(s, wv);
        d0 = vmladavaq_s8(d0, vldrbq_z_s8(x0 + i, p), wv);
        d1 = vmladavaq_s8(d1, vldrbq_z_s8(x1 + i, p), wv);
        d2 = vmladavaq_s8(d2, vldrbq_z_s8(x2 + i, p), wv);
        d3 = vmladavaq_s8(d3, vldrbq_z_s8(x3 + i, p), wv);
    }
    dots[0] = d0;
    dots[1] = d1;
    dots[2] = d2;
    dots[3] = d3;
    *w_sum = s;
}

/* One row of k int8 (x) against four (w[0..3]): dots[r] = sum x w[r], and
 * w_sums[r] = sum w[r]. */
static inline void tflm_mve_dot_1x4(const int8_t *x, const int8_t *const w[4], int32_t k,
                                    int32_t dots[4], int32_t w_sums[4])
{
    const int8_t *w0 = w[0], *w1 = w[1], *w2 = w[2], *w3 = w[3];
    int32_t d0 = 0, d1 = 0, d2 = 0, d3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int32_t i = 0;
    for (; i + 16 <= k; i += 16) {
        const int8x16_t xv = vldrbq_s8(x + i);
        const int8x16_t v0 = vldrbq_s8(w0 + i), v1 = vldrbq_s8(w1 + i);
        d0 = vmladavaq_s8(d0, xv, v0);
        s0 = vaddvaq_s8(s0, v0);
        d1 = vmladavaq_s8(d1, xv, v1);
        s1 = vaddvaq_s8(s1, v1);
        const int8x16_t v2 = vldrbq_s8(w2 + i), v3 = vldrbq_s8(w3 + i);
        d2 = vmladavaq_s8(d2, xv, v2);
        s2 = vaddvaq_s8(s2, v2);
        d3 = vmladavaq_s8(d3, xv, v3);
        s3 = vaddvaq_s8(s3, v3);
    }
    if (i < k) {
        const mve_pred16_t p = vctp8q((uint32_t)(k - i));
        const int8x16_t xv = vldrbq_z_s8(x + i, p);
        const int8x16_t v0 = vldrbq_z_s8(w0 + i, p), v1 = vldrbq_z_s8(w1 + i, p);
        d0 = vmladavaq_s8(d0, xv, v0);
        s0 = vaddvaq_s8(s0, v0);
        d1 = vmladavaq_s8(d1, xv, v1);
        s1 = vaddvaq_s8(s1, v1);
        const int8x16_t v2 = vldrbq_z_s8(w2 + i, p), v3 = vldrbq_z_s8(w3 + i, p);
        d2 = vmladavaq_s8(d2, xv, v2);
        s2 = vaddvaq_s8(s2, v2);
        d3 = vmladavaq_s8(d3, xv, v3);
        s3 = vaddvaq_s8(s3, v3);
    }
    dots[0] = d0;
    dots[1] = d1;
    dots[2] = d2;
    dots[3] = d3;
    w_sums[0] = s0;
    w_sums[1] = s1;
    w_sums[2] = s2;
    w_sums[3] = s3;
}

/* sum of k int8 at x. */
static inline int32_t tflm_mve_sum_s8(const int8_t *x, int32_t k)
{
    int32_t s = 0;
    int32_t i = 0;
    for (; i + 16 <= k; i += 16) {
        s = vaddvaq_s8(s, vldrbq_s8(x + i));
    }
    if (i < k) {
        s = vaddvaq_s8(s, vldrbq_z_s8(x + i, vctp8q((uint32_t)(k - i))));
    }
    return s;
}

#endif /* TFLM_KERNELS_ARM_S8_DOT__MVE_H */
