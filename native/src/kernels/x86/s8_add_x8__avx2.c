/*
 * s8_add_x8__avx2.c - ADD int8, AVX2, 8 elements per step, exactly
 * tflm_add_s8's arithmetic (the last < 8 elements of a run: its own
 * tflm_add_quantized): each input rescaled with two 32-bit multiplies
 * (s8_add_split.h) and their sum requantized once; where the split form
 * does not apply, each offset input shifted left (wrapping, as the
 * reference) and requantized in general, then the sum, output offset,
 * clamp.
 */
#include <assert.h>

#include "binary_x8__avx2.h"
#include "requant.h"
#include "binary_x86.h"
#include "s8_add_split.h"

typedef struct split_lanes {
    __m256i offset, high, low, round, right;
    __m128i s;
} split_lanes;

static split_lanes lanes_of(tflm_add_split f)
{
    const split_lanes l = {_mm256_set1_epi32(f.offset), _mm256_set1_epi32(f.high),
                           _mm256_set1_epi32(f.low),    _mm256_set1_epi32(f.round),
                           _mm256_set1_epi32(f.right),  _mm_cvtsi32_si128(f.s)};
    return l;
}

static inline __m256i rescale(__m256i x, const split_lanes *f)
{
    const __m256i v = _mm256_add_epi32(x, f->offset);
    const __m256i low = _mm256_sra_epi32(_mm256_add_epi32(_mm256_mullo_epi32(v, f->low), f->round), f->s);
    return tflm_rounding_shift_avx2(_mm256_add_epi32(_mm256_mullo_epi32(v, f->high), low), f->right);
}

/* The output side of both paths: the output offset, then the clamp. */
typedef struct out_range {
    __m256i offset, lo, hi;
} out_range;

static inline out_range out_range_of(const tflm_add_quant *q)
{
    return (out_range){_mm256_set1_epi32(q->output_offset), _mm256_set1_epi32(q->activation.min),
                       _mm256_set1_epi32(q->activation.max)};
}

static inline __m256i offset_and_clamp(__m256i y, const out_range *r)
{
    return _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(r->offset, y), r->lo), r->hi);
}

/* The split form's path (s8_add_split.h). */
static void add_split(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                      const int8_t *input1, const int8_t *input2, int8_t *output)
{
    const split_lanes f1 = lanes_of(tflm_add_split_of(q, q->input1_offset, q->input1_multiplier,
                                                      q->input1_shift));
    const split_lanes f2 = lanes_of(tflm_add_split_of(q, q->input2_offset, q->input2_multiplier,
                                                      q->input2_shift));
    const __m256i out_mult = _mm256_set1_epi32(q->output_multiplier);
    const __m256i out_right = _mm256_set1_epi32(-q->output_shift);
    const out_range out = out_range_of(q);
#define VECTOR(x1, x2)                                                                        \
    offset_and_clamp(tflm_requant_right_avx2(_mm256_add_epi32(rescale(x1, &f1), rescale(x2, &f2)), \
                                             out_mult, out_right),                              \
                     &out)
#define SCALAR(x1, x2) tflm_add_quantized(q, (x1), (x2))
    TFLM_BINARY_S8_AVX2(broadcast, input1, input2, output, VECTOR, SCALAR);
#undef VECTOR
#undef SCALAR
}

void tflm_s8_add_x8__avx2(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output)
{
    assert(broadcast->stride1[5] <= 1 && broadcast->stride2[5] <= 1 &&
           broadcast->stride1[5] >= 0 && broadcast->stride2[5] >= 0 && q->left_shift >= 0 &&
           q->left_shift < 32);
    if (tflm_add_split_applies(q)) {
        add_split(q, broadcast, input1, input2, output);
        return;
    }
    const __m256i off1 = _mm256_set1_epi32(q->input1_offset);
    const __m256i off2 = _mm256_set1_epi32(q->input2_offset);
    const __m128i left = _mm_cvtsi32_si128(q->left_shift);
    const tflm_lane_quant_avx2 q1 = tflm_lane_quant_avx2_of(q->input1_multiplier, q->input1_shift);
    const tflm_lane_quant_avx2 q2 = tflm_lane_quant_avx2_of(q->input2_multiplier, q->input2_shift);
    const tflm_lane_quant_avx2 qo = tflm_lane_quant_avx2_of(q->output_multiplier, q->output_shift);
    const out_range out = out_range_of(q);
#define VECTOR(x1, x2)                                                                    \
    offset_and_clamp(                                                                     \
        tflm_requant_avx2(                                                                \
            _mm256_add_epi32(                                                             \
                tflm_requant_avx2(_mm256_sll_epi32(_mm256_add_epi32(x1, off1), left),     \
                                  q1.multiplier, q1.left, q1.right),                      \
                tflm_requant_avx2(_mm256_sll_epi32(_mm256_add_epi32(x2, off2), left),     \
                                  q2.multiplier, q2.left, q2.right)),                     \
            qo.multiplier, qo.left, qo.right),                                            \
        &out)
#define SCALAR(x1, x2) tflm_add_quantized(q, (x1), (x2))
    TFLM_BINARY_S8_AVX2(broadcast, input1, input2, output, VECTOR, SCALAR);
#undef VECTOR
#undef SCALAR
}
