/*
 * binary_x16__avx512.h - the reference's broadcast walk (as
 * binary_x8__avx2.h) for int8 element-wise variants sixteen elements at a
 * time: each innermost run through VECTOR(x1, x2), int32 lanes in and
 * clamped int32 lanes out, its last < 16 elements through the same VECTOR
 * with masked loads and stores, so a short run (a channel broadcast of a
 * few channels) costs one vector step, not a scalar loop.
 * Include only from a file compiled for AVX-512 F/BW/VL.
 */
#ifndef TFLM_KERNELS_X86_BINARY_X16_AVX512_H
#define TFLM_KERNELS_X86_BINARY_X16_AVX512_H

#include <immintrin.h>
#include <stdint.h>

#include "../binary_common.h"

/* n (<= 16) int8 from p, each an int32 lane; stride 0: p[0] in every lane. */
static inline __m512i tflm_load16_s8_avx512(const int8_t *p, int32_t stride, __mmask16 m)
{
    if (stride == 0) {
        return _mm512_set1_epi32(*p);
    }
    return _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, p));
}

/* The walk reads a local copy of the broadcast, as binary_x8__avx2.h. */
#define TFLM_BINARY_S8_AVX512(bc, in1, in2, out, VECTOR)                                       \
    do {                                                                                       \
        const tflm_broadcast bc_ = *(bc);                                                      \
        TFLM_BROADCAST_FOR_EACH_RUN(&bc_, TFLM_BINARY_RUN_X16_AVX512_, VECTOR, in1, in2, out); \
    } while (0)

#define TFLM_BINARY_RUN_X16_AVX512_(VECTOR, in1, in2, out, i1, i2, o, n, t1, t2)                 \
    do {                                                                                         \
        const int8_t *p1_ = (in1) + (i1), *p2_ = (in2) + (i2);                                   \
        int8_t *q_ = (out) + (o);                                                                \
        for (int32_t g_ = 0; g_ < (n); g_ += 16) {                                               \
            const int32_t left_ = (n) - g_;                                                      \
            const __mmask16 m_ = left_ >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left_) - 1); \
            const __m512i x1_ = tflm_load16_s8_avx512(p1_ + g_ * (t1), (t1), m_);              \
            const __m512i x2_ = tflm_load16_s8_avx512(p2_ + g_ * (t2), (t2), m_);              \
            _mm_mask_storeu_epi8(q_ + g_, m_, _mm512_cvtepi32_epi8(VECTOR(x1_, x2_)));          \
        }                                                                                        \
    } while (0)

#endif /* TFLM_KERNELS_X86_BINARY_X16_AVX512_H */
