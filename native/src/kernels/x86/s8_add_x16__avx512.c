/*
 * s8_add_x16__avx512.c - ADD int8, AVX-512, 16 elements per step, exactly
 * tflm_add_s8's arithmetic: each input rescaled with two 32-bit multiplies
 * (s8_add_split.h), their sum requantized once. Quantizations the split
 * form does not cover run the AVX2 variant, exact for all.
 */
#include "binary_x16__avx512.h"
#include "binary_x86.h"
#include "requant.h"
#include "s8_add_split.h"

typedef struct split_lanes {
    __m512i offset, high, low, round, right;
    __m128i s;
} split_lanes;

static split_lanes lanes_of(tflm_add_split f)
{
    const split_lanes l = {_mm512_set1_epi32(f.offset), _mm512_set1_epi32(f.high),
                           _mm512_set1_epi32(f.low),    _mm512_set1_epi32(f.round),
                           _mm512_set1_epi32(f.right),  _mm_cvtsi32_si128(f.s)};
    return l;
}

static inline __m512i rescale(__m512i x, const split_lanes *f)
{
    const __m512i v = _mm512_add_epi32(x, f->offset);
    const __m512i low = _mm512_sra_epi32(_mm512_add_epi32(_mm512_mullo_epi32(v, f->low), f->round), f->s);
    return tflm_rounding_shift_avx512(_mm512_add_epi32(_mm512_mullo_epi32(v, f->high), low), f->right);
}

void tflm_s8_add_x16__avx512(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                             const int8_t *input1, const int8_t *input2, int8_t *output)
{
    if (!tflm_add_split_applies(q)) {
        tflm_s8_add_x8__avx2(q, broadcast, input1, input2, output);
        return;
    }
    const split_lanes f1 = lanes_of(tflm_add_split_of(q, q->input1_offset, q->input1_multiplier,
                                                      q->input1_shift));
    const split_lanes f2 = lanes_of(tflm_add_split_of(q, q->input2_offset, q->input2_multiplier,
                                                      q->input2_shift));
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
