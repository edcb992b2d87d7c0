/*
 * s8_add_x16__avx512.c - ADD int8, AVX-512, 16 elements per step, exactly
 * tflm_add_s8's arithmetic (tflm_add_quantized).
 *
 * Each input's rescaling takes two 32-bit multiplies instead of the
 * general requantization's 64-bit products. The reference multiplies
 * X = v 2^L (v = x + offset, L = the left shift, 20 for int8) by m with
 * its rounding doubling high multiply, floor((X m + 2^30) / 2^31)
 * (requant.h), which is floor((v m + 2^(s-1)) / 2^s) with s = 31 - L.
 * Splitting m = h 2^s + l (h = m >> s, 0 <= l < 2^s) gives
 *     v h + ((v l + 2^(s-1)) >> s),
 * both products within int32 when |v| <= 256 and 9 <= L <= 22:
 * |v h| < 2^8 2^L <= 2^30, |v l| < 2^8 2^s <= 2^30. No wrap-around either:
 * |X| <= 2^30. Then the reference's rounding division by 2^right, and for
 * the sum (|a + b| < 2^31) the general requantization, once.
 * Quantizations outside those bounds (only hostile zero points or scales)
 * run the AVX2 variant, exact for all.
 */
#include <stdbool.h>

#include "binary_x16__avx512.h"
#include "binary_x86.h"
#include "requant.h"

/* One input's rescaling in the split form. */
typedef struct split_multiplier {
    __m512i offset, high, low, round, right;
    __m128i s;
} split_multiplier;

static split_multiplier split_of(int32_t offset, int32_t multiplier, int32_t left_shift)
{
    const int32_t s = 31 - left_shift;
    const split_multiplier f = {
        _mm512_set1_epi32(offset),
        _mm512_set1_epi32(multiplier >> s),
        _mm512_set1_epi32(multiplier & (int32_t)((1u << s) - 1)),
        _mm512_set1_epi32(1 << (s - 1)),
        _mm512_setzero_si512(),
        _mm_cvtsi32_si128(s),
    };
    return f;
}

static inline __m512i rescale(__m512i x, const split_multiplier *f)
{
    const __m512i v = _mm512_add_epi32(x, f->offset);
    const __m512i low = _mm512_sra_epi32(_mm512_add_epi32(_mm512_mullo_epi32(v, f->low), f->round), f->s);
    return tflm_rounding_shift_avx512(_mm512_add_epi32(_mm512_mullo_epi32(v, f->high), low), f->right);
}

/* The left shift an input's multiplication applies before its multiply
 * (its shift when positive: tflm_multiply_by_quantized_multiplier). */
static int32_t total_left_shift(const tflm_add_quant *q, int32_t shift)
{
    return q->left_shift + (shift > 0 ? shift : 0);
}

static bool split_applies(const tflm_add_quant *q)
{
    const int32_t l1 = total_left_shift(q, q->input1_shift), l2 = total_left_shift(q, q->input2_shift);
    return l1 >= 9 && l1 <= 22 && l2 >= 9 && l2 <= 22 && q->input1_offset >= -128 &&
           q->input1_offset <= 128 && q->input2_offset >= -128 && q->input2_offset <= 128 &&
           q->output_shift <= 0 && q->output_multiplier != INT32_MIN;
}

void tflm_s8_add_x16__avx512(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                             const int8_t *input1, const int8_t *input2, int8_t *output)
{
    if (!split_applies(q)) {
        tflm_s8_add_x8__avx2(q, broadcast, input1, input2, output);
        return;
    }
    split_multiplier f1 = split_of(q->input1_offset, q->input1_multiplier,
                                   total_left_shift(q, q->input1_shift));
    split_multiplier f2 = split_of(q->input2_offset, q->input2_multiplier,
                                   total_left_shift(q, q->input2_shift));
    f1.right = _mm512_set1_epi32(q->input1_shift < 0 ? -q->input1_shift : 0);
    f2.right = _mm512_set1_epi32(q->input2_shift < 0 ? -q->input2_shift : 0);
    const __m512i out_mult = _mm512_set1_epi32(q->output_multiplier);
    const __m512i out_right = _mm512_set1_epi32(-q->output_shift);
    const __m512i out_off = _mm512_set1_epi32(q->output_offset);
    const __m512i lo = _mm512_set1_epi32(q->activation.min);
    const __m512i hi = _mm512_set1_epi32(q->activation.max);
#define VECTOR(x1, x2)                                                                         \
    _mm512_min_epi32(                                                                          \
        _mm512_max_epi32(                                                                      \
            _mm512_add_epi32(out_off, tflm_requant_right_avx512(                               \
                                          _mm512_add_epi32(rescale(x1, &f1), rescale(x2, &f2)), \
                                          out_mult, out_right)),                               \
            lo),                                                                               \
        hi)
    TFLM_BINARY_S8_AVX512(broadcast, input1, input2, output, VECTOR);
#undef VECTOR
}
