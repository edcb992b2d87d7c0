/*
 * f32_softmax_x8__avx2.c - SOFTMAX float32 with AVX2, bit for bit
 * tflm_softmax_f32: the row maximum and the exps 8 lanes at a time, the sum
 * of the exps in the reference's sequential order (a float sum's value
 * depends on its order), then the divisions in lanes.
 *
 * The exp is tflm_expf (f32_math.c) lane by lane: the same constants and
 * operations in the same order (-ffp-contract=off), the same rounding of k
 * (truncating kf +- 0.5f), its three scalings by powers of two and its
 * NaN / overflow / underflow returns chosen with blends.
 *
 * The maximum: vmaxps(x, max) is the reference's `max < x ? x : max`, NaN
 * skipped alike. Lanes then combine it in another order, which can only
 * change the sign of a zero maximum; that changes x - max only for x = +-0,
 * where it is +-0, whose exp is 1.0f either way (and 0 * beta's NaN, for
 * an infinite beta, is the same default NaN).
 */
#include <immintrin.h>

#include "softmax_x86.h"

static __m256i first_lanes(int32_t n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* 2^k as float bits, for -126 <= k <= 127 (other lanes are blended away). */
static __m256 pow2(__m256i k)
{
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(k, _mm256_set1_epi32(127)), 23));
}

static __m256 exp8(__m256 x)
{
    const __m256 kf = _mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f));
    const __m256 half = _mm256_set1_ps(0.5f);
    const __m256 rounded = _mm256_blendv_ps(_mm256_sub_ps(kf, half), _mm256_add_ps(kf, half),
                                            _mm256_cmp_ps(kf, _mm256_setzero_ps(), _CMP_GE_OQ));
    const __m256i k = _mm256_cvttps_epi32(rounded);
    const __m256 k_float = _mm256_cvtepi32_ps(k);
    const __m256 r =
        _mm256_sub_ps(_mm256_sub_ps(x, _mm256_mul_ps(k_float, _mm256_set1_ps(0.693145751953125f))),
                      _mm256_mul_ps(k_float, _mm256_set1_ps(1.42860676533018704e-06f)));
    static const float coefficients[] = {1.0f / 720.0f, 1.0f / 120.0f, 1.0f / 24.0f,
                                         1.0f / 6.0f,   0.5f,          1.0f,
                                         1.0f};
    __m256 p = _mm256_set1_ps(1.0f / 5040.0f);
    for (size_t i = 0; i < sizeof coefficients / sizeof coefficients[0]; ++i) {
        p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(coefficients[i]));
    }
    const __m256 normal = _mm256_mul_ps(p, pow2(k));
    const __m256 tiny = _mm256_mul_ps(_mm256_mul_ps(p, pow2(_mm256_add_epi32(k, _mm256_set1_epi32(64)))),
                                      pow2(_mm256_set1_epi32(-64)));
    const __m256 huge = _mm256_mul_ps(_mm256_mul_ps(p, pow2(_mm256_sub_epi32(k, _mm256_set1_epi32(1)))),
                                      _mm256_set1_ps(2.0f));
    __m256 e = _mm256_blendv_ps(
        normal, tiny, _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(-126), k)));
    e = _mm256_blendv_ps(e, huge, _mm256_castsi256_ps(_mm256_cmpgt_epi32(k, _mm256_set1_epi32(127))));
    e = _mm256_blendv_ps(e, _mm256_setzero_ps(), _mm256_cmp_ps(x, _mm256_set1_ps(-104.0f), _CMP_LT_OQ));
    e = _mm256_blendv_ps(e, _mm256_set1_ps(__builtin_inff()),
                         _mm256_cmp_ps(x, _mm256_set1_ps(88.72283935546875f), _CMP_GT_OQ));
    return _mm256_blendv_ps(e, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

static float row_max(const float *in, int32_t depth)
{
    __m256 max8 = _mm256_set1_ps(-3.402823466e+38f);
    int32_t c = 0;
    for (; c + 8 <= depth; c += 8) {
        max8 = _mm256_max_ps(_mm256_loadu_ps(in + c), max8);
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, max8);
    float max = lanes[0];
    for (int i = 1; i < 8; ++i) {
        max = max < lanes[i] ? lanes[i] : max;
    }
    for (; c < depth; ++c) {
        max = max < in[c] ? in[c] : max;
    }
    return max;
}

void tflm_f32_softmax_x8__avx2(float beta, int32_t rows, int32_t depth, const float *input,
                               float *output)
{
    const __m256 beta8 = _mm256_set1_ps(beta);
    for (int32_t row = 0; row < rows; ++row) {
        const float *in = input + (size_t)row * (size_t)depth;
        float *out = output + (size_t)row * (size_t)depth;
        const __m256 max8 = _mm256_set1_ps(row_max(in, depth));
        for (int32_t c = 0; c < depth; c += 8) {
            const __m256i mask = first_lanes(depth - c);
            const __m256 x = _mm256_maskload_ps(in + c, mask);
            _mm256_maskstore_ps(out + c, mask, exp8(_mm256_mul_ps(_mm256_sub_ps(x, max8), beta8)));
        }
        float sum = 0.0f;
        for (int32_t c = 0; c < depth; ++c) {
            sum += out[c];
        }
        const __m256 sum8 = _mm256_set1_ps(sum);
        for (int32_t c = 0; c < depth; c += 8) {
            const __m256i mask = first_lanes(depth - c);
            _mm256_maskstore_ps(out + c, mask, _mm256_div_ps(_mm256_maskload_ps(out + c, mask), sum8));
        }
    }
}
