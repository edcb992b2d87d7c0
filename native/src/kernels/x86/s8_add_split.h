/*
 * s8_add_split.h - ADD int8's input rescaling with two 32-bit multiplies,
 * exactly the reference's (tflm_add_rescale), for the x86 variants.
 *
 * The reference multiplies X = v 2^L (v = x + offset, L = the left shift,
 * 20 for int8, plus the input multiplier's own left shift if any) by m with
 * its rounding doubling high multiply, floor((X m + 2^30) / 2^31)
 * (requant.h), which is floor((v m + 2^(s-1)) / 2^s) with s = 31 - L.
 * Splitting m = h 2^s + l (h = m >> s, 0 <= l < 2^s) gives
 *     v h + ((v l + 2^(s-1)) >> s),
 * both products within int32 when |v| <= 256 and 9 <= L <= 22:
 * |v h| < 2^8 2^L <= 2^30, |v l| < 2^8 2^s <= 2^30. No wrap-around either:
 * |X| <= 2^30. Then the reference's rounding division by 2^right. The two
 * rescaled inputs sum below 2^31 in magnitude, so the output's general
 * requantization (right shifts only, checked) follows unchanged.
 * Quantizations outside those bounds (only hostile zero points or scales)
 * take the general form.
 */
#ifndef TFLM_KERNELS_X86_S8_ADD_SPLIT_H
#define TFLM_KERNELS_X86_S8_ADD_SPLIT_H

#include <stdbool.h>
#include <stdint.h>

#include "../add.h"

/* One input's rescaling in the split form. */
typedef struct tflm_add_split {
    int32_t offset, high, low, round, s, right;
} tflm_add_split;

/* The left shift input multiplication (shift) applies before its multiply. */
static inline int32_t tflm_add_split_left(const tflm_add_quant *q, int32_t shift)
{
    return q->left_shift + (shift > 0 ? shift : 0);
}

/* Whether both inputs and the output take the split form's path. */
static inline bool tflm_add_split_applies(const tflm_add_quant *q)
{
    const int32_t l1 = tflm_add_split_left(q, q->input1_shift);
    const int32_t l2 = tflm_add_split_left(q, q->input2_shift);
    return l1 >= 9 && l1 <= 22 && l2 >= 9 && l2 <= 22 && q->input1_offset >= -128 &&
           q->input1_offset <= 128 && q->input2_offset >= -128 && q->input2_offset <= 128 &&
           q->output_shift <= 0 && q->output_multiplier != INT32_MIN;
}

static inline tflm_add_split tflm_add_split_of(const tflm_add_quant *q, int32_t offset,
                                               int32_t multiplier, int32_t shift)
{
    const int32_t s = 31 - tflm_add_split_left(q, shift);
    const tflm_add_split f = {offset, multiplier >> s, multiplier & (int32_t)((1u << s) - 1),
                              1 << (s - 1), s, shift < 0 ? -shift : 0};
    return f;
}

#endif /* TFLM_KERNELS_X86_S8_ADD_SPLIT_H */
