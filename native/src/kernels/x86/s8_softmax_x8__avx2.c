/*
 * s8_softmax_x8__avx2.c - SOFTMAX int8 -> int8 / int16 with AVX2, bit for
 * bit the reference (softmax.c): the row maximum with vpmaxsb, then 8
 * elements per vector through gemmlowp's fixed-point exp in int32 lanes
 * (the same saturating rounding doubling high multiplies, rounding shifts
 * and barrel-shifter constants as fixed_point_math.h, with selects where
 * the reference branches), the exps summed with wrapping int32 adds (any
 * order gives the reference's sum), the reciprocal once per row in scalar
 * code (fixed_point_math.h itself), and the outputs. The last depth % 8
 * elements go through a zero-padded 8-lane buffer.
 */
#include <assert.h>
#include <immintrin.h>

#include "../fixed_point_math.h"
#include "softmax_x86.h"

/* tflm_saturating_rounding_doubling_high_mul per lane: floor((a b + 2^30)
 * / 2^31) (both of TFLM's nudges give it), INT32_MIN x INT32_MIN -> MAX. */
static inline __m256i srdhm(__m256i a, __m256i b)
{
    const __m256i nudge = _mm256_set1_epi64x((int64_t)1 << 30);
    const __m256i int_min = _mm256_set1_epi32(INT32_MIN);
    __m256i even = _mm256_mul_epi32(a, b);
    __m256i odd = _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32));
    even = _mm256_srli_epi64(_mm256_add_epi64(even, nudge), 31);
    odd = _mm256_slli_epi64(_mm256_add_epi64(odd, nudge), 1);
    const __m256i r = _mm256_blend_epi32(even, odd, 0xAA);
    const __m256i sat = _mm256_and_si256(_mm256_cmpeq_epi32(a, int_min),
                                         _mm256_cmpeq_epi32(b, int_min));
    return _mm256_xor_si256(r, sat); /* 0x80000000 -> 0x7fffffff */
}

/* tflm_rounding_divide_by_pot per lane, exponents 0..31. */
static inline __m256i rounding_divide_by_pot(__m256i x, __m256i exponent)
{
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, exponent), one);
    const __m256i remainder = _mm256_and_si256(x, mask);
    const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_srai_epi32(x, 31));
    return _mm256_sub_epi32(_mm256_srav_epi32(x, exponent), _mm256_cmpgt_epi32(remainder, threshold));
}

/* tflm_fp_exp_on_interval_between_negative_one_quarter_and_0_excl. */
static inline __m256i exp_on_interval(__m256i a)
{
    const __m256i constant_term = _mm256_set1_epi32(1895147668);
    const __m256i x = _mm256_add_epi32(a, _mm256_set1_epi32(1 << 28));
    const __m256i x2 = srdhm(x, x);
    const __m256i x3 = srdhm(x2, x);
    const __m256i x4 = srdhm(x2, x2);
    const __m256i x4_over_4 = rounding_divide_by_pot(x4, _mm256_set1_epi32(2));
    const __m256i poly = rounding_divide_by_pot(
        _mm256_add_epi32(srdhm(_mm256_add_epi32(x4_over_4, x3), _mm256_set1_epi32(715827883)), x2),
        _mm256_set1_epi32(1));
    return _mm256_add_epi32(constant_term, srdhm(constant_term, _mm256_add_epi32(x, poly)));
}

/* tflm_fp_exp_on_negative_values(a, 5): Q5.26 in, Q0 out. */
static inline __m256i exp_on_negative_values_q5(__m256i a)
{
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308,
                                           39332535,   720401,     242};
    const __m256i one_quarter = _mm256_set1_epi32(1 << 24);
    const __m256i mask = _mm256_set1_epi32((1 << 24) - 1);
    const __m256i a_mod = _mm256_sub_epi32(_mm256_and_si256(a, mask), one_quarter);
    /* saturating a_mod << 5 (threshold 2^26 - 1) */
    const __m256i threshold = _mm256_set1_epi32((1 << 26) - 1);
    __m256i shifted = _mm256_slli_epi32(a_mod, 5);
    shifted = _mm256_blendv_epi8(shifted, _mm256_set1_epi32(INT32_MAX),
                                 _mm256_cmpgt_epi32(a_mod, threshold));
    shifted = _mm256_blendv_epi8(shifted, _mm256_set1_epi32(INT32_MIN),
                                 _mm256_cmpgt_epi32(_mm256_sub_epi32(_mm256_setzero_si256(), threshold), a_mod));
    __m256i result = exp_on_interval(shifted);
    const __m256i remainder = _mm256_sub_epi32(a_mod, a);
    for (int k = 0; k < 7; ++k) {
        const __m256i bit = _mm256_set1_epi32((int32_t)1 << (24 + k));
        const __m256i set = _mm256_cmpeq_epi32(_mm256_and_si256(remainder, bit), bit);
        result = _mm256_blendv_epi8(result, srdhm(result, _mm256_set1_epi32(multipliers[k])), set);
    }
    return _mm256_blendv_epi8(result, _mm256_set1_epi32(INT32_MAX),
                              _mm256_cmpeq_epi32(a, _mm256_setzero_si256()));
}

/* exps of in[0..7] - max (Q0), and the lanes whose difference counts. */
static inline __m256i exps8(const tflm_softmax_quant *q, const int8_t *in, int32_t max,
                            __m256i *valid)
{
    int64_t bytes;
    __builtin_memcpy(&bytes, in, 8);
    const __m256i diff = _mm256_sub_epi32(_mm256_cvtepi8_epi32(_mm_cvtsi64_si128(bytes)),
                                          _mm256_set1_epi32(max));
    *valid = _mm256_cmpgt_epi32(diff, _mm256_set1_epi32(q->diff_min - 1));
    /* diff >= diff_min keeps diff << left_shift inside int32 */
    const __m256i scaled = _mm256_sllv_epi32(diff, _mm256_set1_epi32(q->input_left_shift));
    return exp_on_negative_values_q5(srdhm(scaled, _mm256_set1_epi32(q->input_multiplier)));
}

static inline void softmax_row(const tflm_softmax_quant *q, int32_t depth, const int8_t *in,
                               void *out, int out_bits)
{
    const int32_t out_min = out_bits == 8 ? INT8_MIN : INT16_MIN;
    const int32_t out_max = out_bits == 8 ? INT8_MAX : INT16_MAX;
    const int32_t full = depth / 8 * 8;
    int8_t last[8] = {0};
    for (int32_t c = full; c < depth; ++c) {
        last[c - full] = in[c];
    }
    /* maximum */
    __m256i m32 = _mm256_set1_epi8(INT8_MIN);
    int32_t c = 0;
    for (; c + 32 <= depth; c += 32) {
        m32 = _mm256_max_epi8(m32, _mm256_loadu_si256((const __m256i *)(in + c)));
    }
    __m128i m16 = _mm_max_epi8(_mm256_castsi256_si128(m32), _mm256_extracti128_si256(m32, 1));
    m16 = _mm_max_epi8(m16, _mm_srli_si128(m16, 8));
    m16 = _mm_max_epi8(m16, _mm_srli_si128(m16, 4));
    m16 = _mm_max_epi8(m16, _mm_srli_si128(m16, 2));
    m16 = _mm_max_epi8(m16, _mm_srli_si128(m16, 1));
    int32_t max = (int8_t)_mm_extract_epi8(m16, 0);
    for (; c < depth; ++c) {
        max = in[c] > max ? in[c] : max;
    }
    /* sum of exps in Q12.19 */
    const __m256i twelve = _mm256_set1_epi32(12);
    const __m256i tail_lanes = _mm256_cmpgt_epi32(_mm256_set1_epi32(depth - full),
                                                  _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    __m256i sum = _mm256_setzero_si256();
    for (c = 0; c < depth; c += 8) { /* c == full: the padded last lanes */
        __m256i valid;
        const __m256i e = exps8(q, c < full ? in + c : last, max, &valid);
        const __m256i take = c < full ? valid : _mm256_and_si256(valid, tail_lanes);
        sum = _mm256_add_epi32(sum, _mm256_and_si256(rounding_divide_by_pot(e, twelve), take));
    }
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    const int32_t sum_of_exps = _mm_cvtsi128_si32(s);
    int num_bits_over_unit;
    const int32_t shifted_scale = tflm_fp_reciprocal(sum_of_exps, 12, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - out_bits;
    /* outputs */
    const __m256i scale = _mm256_set1_epi32(shifted_scale);
    const __m256i exponent_v = _mm256_set1_epi32(exponent <= 31 ? exponent : 0);
    const __m256i lo = _mm256_set1_epi32(out_min), hi = _mm256_set1_epi32(out_max);
    for (c = 0; c < depth; c += 8) {
        __m256i valid;
        const __m256i e = exps8(q, c < full ? in + c : last, max, &valid);
        __m256i value = exponent <= 31 ? rounding_divide_by_pot(srdhm(scale, e), exponent_v)
                                       : _mm256_setzero_si256();
        value = _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(value, lo), lo), hi);
        value = _mm256_blendv_epi8(lo, value, valid);
        const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(value),
                                              _mm256_extracti128_si256(value, 1));
        const int32_t n = depth - c < 8 ? depth - c : 8;
        if (out_bits == 8) {
            const __m128i bytes = _mm_packs_epi16(words, words);
            int8_t *o = (int8_t *)out + c;
            if (n == 8) {
                _mm_storel_epi64((__m128i *)o, bytes);
            } else {
                const uint64_t v = (uint64_t)_mm_cvtsi128_si64(bytes);
                for (int32_t i = 0; i < n; ++i) {
                    o[i] = (int8_t)(v >> (8 * i));
                }
            }
        } else {
            int16_t *o = (int16_t *)out + c;
            if (n == 8) {
                _mm_storeu_si128((__m128i *)o, words);
            } else {
                int16_t w[8];
                _mm_storeu_si128((__m128i *)w, words);
                for (int32_t i = 0; i < n; ++i) {
                    o[i] = w[i];
                }
            }
        }
    }
}

void tflm_s8_softmax_x8__avx2(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                              const int8_t *input, int8_t *output)
{
    assert(rows >= 0 && depth > 0 && quant->input_left_shift >= 0 &&
           quant->input_left_shift <= 31 && quant->diff_min <= 0);
    for (int32_t r = 0; r < rows; ++r) {
        softmax_row(quant, depth, input + (size_t)r * depth, output + (size_t)r * depth, 8);
    }
}

void tflm_s8_s16_softmax_x8__avx2(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                  const int8_t *input, int16_t *output)
{
    assert(rows >= 0 && depth > 0 && quant->input_left_shift >= 0 &&
           quant->input_left_shift <= 31 && quant->diff_min <= 0);
    for (int32_t r = 0; r < rows; ++r) {
        softmax_row(quant, depth, input + (size_t)r * depth, output + (size_t)r * depth, 16);
    }
}
