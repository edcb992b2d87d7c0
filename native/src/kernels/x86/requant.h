/*
 * requant.h - TFLM's MultiplyByQuantizedMultiplier on vectors of int32, bit
 * exact with tflm_multiply_by_quantized_multiplier (fixed_point.h):
 *
 *   x << left_shift (wrapping, as the reference's uint32 shift)
 *   SaturatingRoundingDoublingHighMul(x, m): TFLM adds 2^30 to the 64-bit
 *     product when it is >= 0 and 1 - 2^30 when < 0, then divides by 2^31
 *     truncating; both cases equal floor((p + 2^30) / 2^31), a 64-bit add
 *     and shift; the only overflow, x = m = INT32_MIN, saturates.
 *   RoundingDivideByPOT(x, e): (x >> e) + (remainder > threshold), the
 *     threshold being half the mask, plus one for negative x.
 *
 * Include only from a file compiled for AVX2 (the _avx2 helpers) or
 * AVX-512 F/BW/VL (the _avx512 helpers too).
 */
#ifndef TFLM_KERNELS_X86_REQUANT_H
#define TFLM_KERNELS_X86_REQUANT_H

#include <immintrin.h>
#include <stdint.h>

/* TFLM's signed shift as the two shifts the lanes apply: a positive one
 * before the multiply, a negative one as the rounding shift after it. */
static inline int32_t tflm_left_shift_of(int32_t shift)
{
    return shift > 0 ? shift : 0;
}

static inline int32_t tflm_right_shift_of(int32_t shift)
{
    return shift > 0 ? 0 : -shift;
}

#if defined(__AVX2__)
/* One (multiplier, shift) in every lane, as tflm_requant_avx2 takes it. */
typedef struct tflm_lane_quant_avx2 {
    __m256i multiplier, left, right;
} tflm_lane_quant_avx2;

static inline tflm_lane_quant_avx2 tflm_lane_quant_avx2_of(int32_t multiplier, int32_t shift)
{
    const tflm_lane_quant_avx2 q = {_mm256_set1_epi32(multiplier),
                                    _mm256_set1_epi32(tflm_left_shift_of(shift)),
                                    _mm256_set1_epi32(tflm_right_shift_of(shift))};
    return q;
}

/* The doubling high multiply without its one saturating case. */
static inline __m256i tflm_high_mul_avx2(__m256i x, __m256i mult)
{
    const __m256i nudge = _mm256_set1_epi64x((int64_t)1 << 30);
    __m256i even = _mm256_mul_epi32(x, mult);
    __m256i odd = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(mult, 32));
    even = _mm256_srli_epi64(_mm256_add_epi64(even, nudge), 31);
    odd = _mm256_slli_epi64(_mm256_add_epi64(odd, nudge), 1);
    return _mm256_blend_epi32(even, odd, 0xAA);
}

static inline __m256i tflm_rounding_shift_avx2(__m256i r, __m256i rshift)
{
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, rshift), one);
    const __m256i rem = _mm256_and_si256(r, mask);
    const __m256i threshold = _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_srai_epi32(r, 31));
    return _mm256_sub_epi32(_mm256_srav_epi32(r, rshift), _mm256_cmpgt_epi32(rem, threshold));
}

static inline __m256i tflm_requant_avx2(__m256i x, __m256i mult, __m256i lshift, __m256i rshift)
{
    const __m256i int_min = _mm256_set1_epi32(INT32_MIN);
    x = _mm256_sllv_epi32(x, lshift);
    __m256i r = tflm_high_mul_avx2(x, mult);
    const __m256i sat = _mm256_and_si256(_mm256_cmpeq_epi32(x, int_min),
                                         _mm256_cmpeq_epi32(mult, int_min));
    r = _mm256_xor_si256(r, sat); /* 0x80000000 -> 0x7fffffff */
    return tflm_rounding_shift_avx2(r, rshift);
}

/* tflm_requant_avx2 when no left shift is positive and no multiplier is
 * INT32_MIN (the high multiply's one saturating case): the op's quantized
 * multipliers (always in [2^30, 2^31)) with scales below 1. */
static inline __m256i tflm_requant_right_avx2(__m256i x, __m256i mult, __m256i rshift)
{
    return tflm_rounding_shift_avx2(tflm_high_mul_avx2(x, mult), rshift);
}
#endif

#if defined(__AVX512F__)
/* The doubling high multiply without its one saturating case. */
static inline __m512i tflm_high_mul_avx512(__m512i x, __m512i mult)
{
    const __m512i nudge = _mm512_set1_epi64((int64_t)1 << 30);
    __m512i even = _mm512_mul_epi32(x, mult);
    __m512i odd = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), _mm512_srli_epi64(mult, 32));
    even = _mm512_srli_epi64(_mm512_add_epi64(even, nudge), 31);
    odd = _mm512_slli_epi64(_mm512_add_epi64(odd, nudge), 1);
    return _mm512_mask_blend_epi32(0xAAAA, even, odd);
}

static inline __m512i tflm_rounding_shift_avx512(__m512i r, __m512i rshift)
{
    const __m512i one = _mm512_set1_epi32(1);
    const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, rshift), one);
    const __m512i rem = _mm512_and_si512(r, mask);
    const __m512i threshold = _mm512_sub_epi32(_mm512_srli_epi32(mask, 1), _mm512_srai_epi32(r, 31));
    const __mmask16 up = _mm512_cmpgt_epi32_mask(rem, threshold);
    const __m512i shifted = _mm512_srav_epi32(r, rshift);
    return _mm512_mask_add_epi32(shifted, up, shifted, one);
}

static inline __m512i tflm_requant_avx512(__m512i x, __m512i mult, __m512i lshift, __m512i rshift)
{
    const __m512i int_min = _mm512_set1_epi32(INT32_MIN);
    x = _mm512_sllv_epi32(x, lshift);
    __m512i r = tflm_high_mul_avx512(x, mult);
    const __mmask16 sat =
        _mm512_cmpeq_epi32_mask(x, int_min) & _mm512_cmpeq_epi32_mask(mult, int_min);
    r = _mm512_mask_sub_epi32(r, sat, r, _mm512_set1_epi32(1)); /* 0x80000000 -> 0x7fffffff */
    return tflm_rounding_shift_avx512(r, rshift);
}

/* tflm_requant_avx512 when no left shift is positive and no multiplier is
 * INT32_MIN (the high multiply's one saturating case): the op's quantized
 * multipliers (always in [2^30, 2^31)) with scales below 1. */
static inline __m512i tflm_requant_right_avx512(__m512i x, __m512i mult, __m512i rshift)
{
    return tflm_rounding_shift_avx512(tflm_high_mul_avx512(x, mult), rshift);
}
#endif

#endif /* TFLM_KERNELS_X86_REQUANT_H */
