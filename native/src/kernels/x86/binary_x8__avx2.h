/*
 * binary_x8__avx2.h - the element-wise int8 and float32 variants of ADD and
 * MUL: the reference's broadcast walk (TFLM_BROADCAST_FOR_EACH_RUN of
 * binary_common.h), each innermost run (input strides 0 or 1) eight
 * elements at a time through VECTOR(x1, x2), the last (< 8) through
 * SCALAR(x1, x2), the reference's own per-element function.
 *   int8:    int32 lanes in, int32 lanes out, already clamped.
 *   float32: __m256 in, clamped __m256 out; one IEEE operation per element
 *            either way, so the same bits.
 */
#ifndef TFLM_KERNELS_X86_BINARY_X8_AVX2_H
#define TFLM_KERNELS_X86_BINARY_X8_AVX2_H

#include <immintrin.h>
#include <stdint.h>

#include "../binary_common.h"

static inline __m256i tflm_load8_s8_avx2(const int8_t *p, int32_t stride)
{
    if (stride == 0) {
        return _mm256_set1_epi32(*p);
    }
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)p));
}

static inline void tflm_store8_s8_avx2(int8_t *p, __m256i y)
{
    const __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
    _mm_storel_epi64((__m128i *)p, _mm_packs_epi16(w, w));
}

static inline __m256 tflm_load8_f32_avx2(const float *p, int32_t stride)
{
    return stride == 0 ? _mm256_set1_ps(*p) : _mm256_loadu_ps(p);
}

/* tflm_clamp_f32 per lane: x < lo ? lo : x, then hi < y ? hi : y. */
static inline __m256 tflm_clamp8_f32_avx2(__m256 x, __m256 lo, __m256 hi)
{
    return _mm256_min_ps(hi, _mm256_max_ps(lo, x));
}

#define TFLM_BINARY_S8_AVX2(bc, in1, in2, out, VECTOR, SCALAR)                                 \
    TFLM_BINARY_X8_AVX2_(bc, int8_t, __m256i, tflm_load8_s8_avx2, tflm_store8_s8_avx2, VECTOR, \
                         SCALAR, in1, in2, out)

#define TFLM_BINARY_F32_AVX2(bc, in1, in2, out, VECTOR, SCALAR)                            \
    TFLM_BINARY_X8_AVX2_(bc, float, __m256, tflm_load8_f32_avx2, _mm256_storeu_ps, VECTOR, \
                         SCALAR, in1, in2, out)

/* The walk reads a local copy of the broadcast: a SIMD store may alias
 * anything, and would otherwise reload dims and strides every run (float32
 * with channel broadcast: twice as fast with the copy). */
#define TFLM_BINARY_X8_AVX2_(bc, ...)                                             \
    do {                                                                          \
        const tflm_broadcast bc_ = *(bc);                                         \
        TFLM_BROADCAST_FOR_EACH_RUN(&bc_, TFLM_BINARY_RUN_X8_AVX2_, __VA_ARGS__); \
    } while (0)

/* One run of TFLM_BROADCAST_FOR_EACH_RUN over elements of type T, eight in
 * a vector of type V. Both inputs are loaded before VECTOR so that their
 * arithmetic interleaves (int8 ADD: 8% faster than loading inside VECTOR). */
#define TFLM_BINARY_RUN_X8_AVX2_(T, V, LOAD8, STORE8, VECTOR, SCALAR, in1, in2, out, i1, i2, o, \
                                 n, t1, t2)                                                     \
    do {                                                                                        \
        const T *p1_ = (in1) + (i1), *p2_ = (in2) + (i2);                                       \
        T *q_ = (out) + (o);                                                                    \
        int32_t g_ = 0;                                                                         \
        for (; g_ + 8 <= (n); g_ += 8) {                                                        \
            const V x1_ = LOAD8(p1_ + g_ * (t1), (t1));                                         \
            const V x2_ = LOAD8(p2_ + g_ * (t2), (t2));                                         \
            STORE8(q_ + g_, VECTOR(x1_, x2_));                                                  \
        }                                                                                       \
        for (; g_ < (n); ++g_) {                                                                \
            q_[g_] = (T)SCALAR(p1_[g_ * (t1)], p2_[g_ * (t2)]);                                 \
        }                                                                                       \
    } while (0)

#endif /* TFLM_KERNELS_X86_BINARY_X8_AVX2_H */
