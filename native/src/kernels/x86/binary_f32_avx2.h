/*
 * binary_f32_avx2.h - the broadcast walk of the element-wise float32
 * variants (as binary_s8_avx2.h for int8): the outer five dimensions as the
 * reference walks them, the innermost run (input strides 0 or 1) eight
 * elements at a time through VECTOR(x1, x2) (clamped __m256 out), the last
 * (< 8) through SCALAR(x1, x2), the reference's own per-element arithmetic.
 * One IEEE operation per element either way: the same bits.
 */
#ifndef TFLM_KERNELS_X86_BINARY_F32_AVX2_H
#define TFLM_KERNELS_X86_BINARY_F32_AVX2_H

#include <immintrin.h>
#include <stdint.h>

static inline __m256 tflm_load8_f32_avx2(const float *p, int32_t stride)
{
    return stride == 0 ? _mm256_set1_ps(*p) : _mm256_loadu_ps(p);
}

/* tflm_clamp_f32 per lane: x < lo ? lo : x, then hi < y ? hi : y. */
static inline __m256 tflm_clamp8_f32_avx2(__m256 x, __m256 lo, __m256 hi)
{
    return _mm256_min_ps(hi, _mm256_max_ps(lo, x));
}

#define TFLM_BINARY_F32_AVX2(bc, in1, in2, out, VECTOR, SCALAR)                             \
    do {                                                                                   \
        const int32_t *d_ = (bc)->dims, *s1_ = (bc)->stride1, *s2_ = (bc)->stride2;        \
        size_t o_ = 0;                                                                     \
        for (int32_t a_ = 0; a_ < d_[0]; ++a_)                                             \
            for (int32_t b_ = 0; b_ < d_[1]; ++b_)                                         \
                for (int32_t c_ = 0; c_ < d_[2]; ++c_)                                     \
                    for (int32_t e_ = 0; e_ < d_[3]; ++e_)                                 \
                        for (int32_t f_ = 0; f_ < d_[4]; ++f_) {                           \
                            const float *p1_ = (in1) + (a_ * s1_[0] + b_ * s1_[1] +        \
                                                        c_ * s1_[2] + e_ * s1_[3] +        \
                                                        f_ * s1_[4]);                      \
                            const float *p2_ = (in2) + (a_ * s2_[0] + b_ * s2_[1] +        \
                                                        c_ * s2_[2] + e_ * s2_[3] +        \
                                                        f_ * s2_[4]);                      \
                            const int32_t n_ = d_[5], t1_ = s1_[5], t2_ = s2_[5];          \
                            int32_t g_ = 0;                                                \
                            for (; g_ + 8 <= n_; g_ += 8) {                                \
                                const __m256 x1_ = tflm_load8_f32_avx2(p1_ + g_ * t1_, t1_); \
                                const __m256 x2_ = tflm_load8_f32_avx2(p2_ + g_ * t2_, t2_); \
                                _mm256_storeu_ps((out) + o_ + g_, VECTOR(x1_, x2_));        \
                            }                                                              \
                            for (; g_ < n_; ++g_) {                                        \
                                (out)[o_ + g_] = SCALAR(p1_[g_ * t1_], p2_[g_ * t2_]);     \
                            }                                                              \
                            o_ += (size_t)n_;                                              \
                        }                                                                  \
    } while (0)

#endif /* TFLM_KERNELS_X86_BINARY_F32_AVX2_H */
