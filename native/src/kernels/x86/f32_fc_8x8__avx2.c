/*
 * f32_fc_8x8__avx2.c - FULLY_CONNECTED float32 with AVX2 on the model's
 * [units][depth] weights (no packed copy): 8 output units per vector, each
 * lane adding its own products in the reference's order (d = 0, 1, ...,
 * from 0.0f, one mul then one add: -ffp-contract=off), so every output is
 * bit-identical to tflm_fully_connected_f32. Eight weights of each of 8
 * rows are loaded and transposed in registers (unpck/shufps/vperm2f128),
 * then added depth by depth against the broadcast input; the depth % 8
 * last weights are gathered lane by lane.
 */
#include <assert.h>
#include <immintrin.h>

#include "fully_connected_x86.h"

/* c[j] lane r = r[r][j]. */
static inline void transpose8(const __m256 r[8], __m256 c[8])
{
    const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
    const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
    const __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]), t5 = _mm256_unpackhi_ps(r[4], r[5]);
    const __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]), t7 = _mm256_unpackhi_ps(r[6], r[7]);
    const __m256 s0 = _mm256_shuffle_ps(t0, t2, 0x44), s1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    const __m256 s2 = _mm256_shuffle_ps(t1, t3, 0x44), s3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    const __m256 s4 = _mm256_shuffle_ps(t4, t6, 0x44), s5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    const __m256 s6 = _mm256_shuffle_ps(t5, t7, 0x44), s7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    c[0] = _mm256_permute2f128_ps(s0, s4, 0x20);
    c[1] = _mm256_permute2f128_ps(s1, s5, 0x20);
    c[2] = _mm256_permute2f128_ps(s2, s6, 0x20);
    c[3] = _mm256_permute2f128_ps(s3, s7, 0x20);
    c[4] = _mm256_permute2f128_ps(s0, s4, 0x31);
    c[5] = _mm256_permute2f128_ps(s1, s5, 0x31);
    c[6] = _mm256_permute2f128_ps(s2, s6, 0x31);
    c[7] = _mm256_permute2f128_ps(s3, s7, 0x31);
}

void tflm_f32_fc_8x8__avx2(const tflm_activation_f32 *activation, const tflm_fc_shape *shape,
                           const float *input, const float *filter, const float *bias,
                           float *output)
{
    assert(shape->depth > 0 && shape->units > 0 && shape->batches >= 0);
    const int32_t batches = shape->batches, units = shape->units, depth = shape->depth;
    const int32_t full = depth / 8 * 8;
    const __m256 lo = _mm256_set1_ps(activation->min), hi = _mm256_set1_ps(activation->max);
    for (int32_t b = 0; b < batches; ++b) {
        const float *x = input + (size_t)b * depth;
        float *out = output + (size_t)b * units;
        for (int32_t o0 = 0; o0 < units; o0 += 8) {
            const int32_t rows = units - o0 < 8 ? units - o0 : 8;
            const float *w[8];
            for (int r = 0; r < 8; ++r) { /* missing rows repeat the last: ignored */
                w[r] = filter + (size_t)(o0 + (r < rows ? r : rows - 1)) * depth;
            }
            __m256 total = _mm256_setzero_ps();
            for (int32_t d0 = 0; d0 < full; d0 += 8) {
                __m256 r8[8], c8[8];
                for (int r = 0; r < 8; ++r) {
                    r8[r] = _mm256_loadu_ps(w[r] + d0);
                }
                transpose8(r8, c8);
                for (int j = 0; j < 8; ++j) {
                    total = _mm256_add_ps(total, _mm256_mul_ps(_mm256_set1_ps(x[d0 + j]), c8[j]));
                }
            }
            for (int32_t d = full; d < depth; ++d) {
                const __m256 wd = _mm256_setr_ps(w[0][d], w[1][d], w[2][d], w[3][d], w[4][d],
                                                 w[5][d], w[6][d], w[7][d]);
                total = _mm256_add_ps(total, _mm256_mul_ps(_mm256_set1_ps(x[d]), wd));
            }
            float bias8[8] = {0};
            for (int r = 0; r < rows && bias != NULL; ++r) {
                bias8[r] = bias[o0 + r];
            }
            const __m256 y = _mm256_min_ps(
                hi, _mm256_max_ps(lo, _mm256_add_ps(total, _mm256_loadu_ps(bias8))));
            if (rows == 8) {
                _mm256_storeu_ps(out + o0, y);
            } else {
                float y8[8];
                _mm256_storeu_ps(y8, y);
                for (int r = 0; r < rows; ++r) {
                    out[o0 + r] = y8[r];
                }
            }
        }
    }
}
