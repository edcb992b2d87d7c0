/*
 * binary_s8_avx2.h - the broadcast walk of the element-wise int8 variants:
 * the outer five dimensions as the reference walks them, the innermost run
 * (input strides 0 or 1) eight elements at a time through VECTOR(x1, x2)
 * (int32 lanes in, int32 lanes out, already clamped), the last (< 8) through
 * SCALAR(x1, x2), the reference's own per-element arithmetic.
 */
#ifndef TFLM_KERNELS_X86_BINARY_S8_AVX2_H
#define TFLM_KERNELS_X86_BINARY_S8_AVX2_H

#include <immintrin.h>

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

#define TFLM_BINARY_S8_AVX2(bc, in1, in2, out, VECTOR, SCALAR)                              \
    do {                                                                                   \
        const int32_t *d_ = (bc)->dims, *s1_ = (bc)->stride1, *s2_ = (bc)->stride2;        \
        size_t o_ = 0;                                                                     \
        for (int32_t a_ = 0; a_ < d_[0]; ++a_)                                             \
            for (int32_t b_ = 0; b_ < d_[1]; ++b_)                                         \
                for (int32_t c_ = 0; c_ < d_[2]; ++c_)                                     \
                    for (int32_t e_ = 0; e_ < d_[3]; ++e_)                                 \
                        for (int32_t f_ = 0; f_ < d_[4]; ++f_) {                           \
                            const int8_t *p1_ = (in1) + (a_ * s1_[0] + b_ * s1_[1] +       \
                                                         c_ * s1_[2] + e_ * s1_[3] +       \
                                                         f_ * s1_[4]);                     \
                            const int8_t *p2_ = (in2) + (a_ * s2_[0] + b_ * s2_[1] +       \
                                                         c_ * s2_[2] + e_ * s2_[3] +       \
                                                         f_ * s2_[4]);                     \
                            const int32_t n_ = d_[5], t1_ = s1_[5], t2_ = s2_[5];          \
                            int32_t g_ = 0;                                                \
                            for (; g_ + 8 <= n_; g_ += 8) {                                \
                                const __m256i x1_ = tflm_load8_s8_avx2(p1_ + g_ * t1_, t1_); \
                                const __m256i x2_ = tflm_load8_s8_avx2(p2_ + g_ * t2_, t2_); \
                                tflm_store8_s8_avx2((out) + o_ + g_, VECTOR(x1_, x2_));     \
                            }                                                              \
                            for (; g_ < n_; ++g_) {                                        \
                                (out)[o_ + g_] = (int8_t)SCALAR(p1_[g_ * t1_], p2_[g_ * t2_]); \
                            }                                                              \
                            o_ += (size_t)n_;                                              \
                        }                                                                  \
    } while (0)

#endif /* TFLM_KERNELS_X86_BINARY_S8_AVX2_H */
