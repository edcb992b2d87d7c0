/*
 * s8_add_x1__dsp.c - ADD int8 with the Cortex-M DSP extension, one element
 * a step: the reference's element loop and arithmetic (tflm_add_quantized),
 * with the quantization read once into locals (the int8 stores could alias
 * its fields otherwise, which the compiler would reload for every element).
 *
 * Each multiplication by a quantized multiplier with a right shift takes
 * SMMULR and three plain instructions:
 *  - the reference's rounding doubling high multiply of x by m is
 *    floor((x m + 2^30) / 2^31) (s8_requant.h), which is SMMULR's
 *    floor((2x m + 2^31) / 2^32) when 2x fits in an int32: int8 inputs
 *    shifted left by at most 22 give |x| < 2^28, and their rescaled sum
 *    |a + b| < 2^29, so the doubled operands fit;
 *  - the reference's division by 2^right rounding half away from zero is
 *    a rounding-up shift, (v + 2^(right-1)) >> right, of v = high minus one
 *    when high < 0 (only the negative ties change: s8_requant__mve.h).
 * Other quantizations (larger left shifts, left output shifts: only
 * hostile scales) take s8_requant.h's general form.
 */
#include "../nn_common.h"
#include "binary_arm.h"
#include "s8_requant.h"

#if !defined(__ARM_FEATURE_DSP)
#error "s8_add_x1__dsp.c needs the DSP extension (SMMULR); arm/sources.cmake lists it for such cores only"
#endif

/* A multiplier and right shift in the form the fast step takes. */
typedef struct fast_multiplier {
    int32_t multiplier;
    int32_t right;
    int32_t round;    /* 2^(right - 1), 0 without a shift */
    int32_t negative; /* -1 with a shift (the tie correction), else 0 */
} fast_multiplier;

static fast_multiplier fast_of(int32_t multiplier, int32_t shift)
{
    const int32_t right = -shift;
    fast_multiplier f = {multiplier, right, right > 0 ? 1 << (right - 1) : 0, right > 0 ? -1 : 0};
    return f;
}

/* SMMULR: (a b + 2^31) >> 32 (GCC's ACLE has no intrinsic for it). */
static inline int32_t smmulr(int32_t a, int32_t b)
{
    int32_t high;
    __asm__("smmulr %0, %1, %2" : "=r"(high) : "r"(a), "r"(b));
    return high;
}

/* tflm_multiply_by_quantized_multiplier(x, m, -right) for |x| < 2^30. */
static inline int32_t fast_multiply(int32_t x, const fast_multiplier *f)
{
    const int32_t high = smmulr(2 * x, f->multiplier);
    return (high + ((high >> 31) & f->negative) + f->round) >> f->right;
}

static inline int8_t add_general(const tflm_add_quant *q, int32_t x1, int32_t x2)
{
    const uint32_t a = (uint32_t)tflm_arm_multiply_by_quantized_multiplier(
        (uint32_t)(x1 + q->input1_offset) << q->left_shift, q->input1_multiplier, q->input1_shift);
    const uint32_t b = (uint32_t)tflm_arm_multiply_by_quantized_multiplier(
        (uint32_t)(x2 + q->input2_offset) << q->left_shift, q->input2_multiplier, q->input2_shift);
    return tflm_arm_requantize_s8(a + b, q->output_multiplier, q->output_shift, q->output_offset,
                                  q->activation.min, q->activation.max);
}

void tflm_s8_add_x1__dsp(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output)
{
    const tflm_add_quant q = *quant;
    const tflm_broadcast bc = *broadcast;
    const bool fast = q.left_shift >= 0 && q.left_shift <= 22 && q.input1_shift <= 0 &&
                      q.input1_shift >= -31 && q.input2_shift <= 0 && q.input2_shift >= -31 &&
                      q.output_shift <= 0 && q.output_shift >= -31;
    if (!fast) {
#define ADD_GENERAL(i1, i2, o) output[o] = add_general(&q, input1[i1], input2[i2])
        TFLM_BROADCAST_FOR_EACH(&bc, ADD_GENERAL);
#undef ADD_GENERAL
        return;
    }
    const fast_multiplier f1 = fast_of(q.input1_multiplier, q.input1_shift);
    const fast_multiplier f2 = fast_of(q.input2_multiplier, q.input2_shift);
    const fast_multiplier fo = fast_of(q.output_multiplier, q.output_shift);
    const int32_t ls = q.left_shift, off1 = q.input1_offset, off2 = q.input2_offset;
    const int32_t zero = q.output_offset, lo = q.activation.min, hi = q.activation.max;
#define ADD_FAST(i1, i2, o)                                                                       \
    do {                                                                                          \
        const int32_t sum = fast_multiply((input1[i1] + off1) << ls, &f1) +                       \
                            fast_multiply((input2[i2] + off2) << ls, &f2);                        \
        output[o] = (int8_t)tflm_clamp_s32(fast_multiply(sum, &fo) + zero, lo, hi);                \
    } while (0)
    TFLM_BROADCAST_FOR_EACH(&bc, ADD_FAST);
#undef ADD_FAST
}
