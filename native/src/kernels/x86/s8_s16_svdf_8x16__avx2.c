/*
 * s8_s16_svdf_8x16__avx2.c - SVDF with int8 input and weights_feature, int16
 * state and weights_time, with AVX2, on the model's weights as they are.
 * Per batch:
 *   feature: the input row converted once to int16 x - input_zp (in
 *     [-255, 255]) in scratch, then 8 weights_feature rows at a time
 *     (s8_dot_8rows__avx2.h; |w (x - zp)| <= 128 x 255), exact
 *     requantization (requant.h) into the newest state column;
 *   time: 8 filters at a time, the state rows times the weights_time rows
 *     with vpmaddwd in steps of 16 then 8 int16, the memory % 8 last in
 *     scalar code; vpmaddwd's one overflow (-32768 x -32768 twice) wraps,
 *     as everything here does, modulo 2^32 like the reference's sums;
 *   output: each unit's rank filter sums plus its bias (folded with the
 *     state zero point: svdf_s8_x86.c), requantized 8 units at a time.
 */
#include <assert.h>
#include <string.h>

#include "requant.h"
#include "s8_dot_8rows__avx2.h"
#include "svdf_x86.h"

/* Lanes 0 .. 7 of v to dst[0], dst[stride], ... (the first n only). */
static void store_strided_s16(__m256i v, int32_t n, int16_t *dst, size_t stride)
{
    int32_t lanes[8];
    _mm256_storeu_si256((__m256i *)lanes, v);
    for (int32_t r = 0; r < n; ++r) {
        dst[(size_t)r * stride] = (int16_t)lanes[r];
    }
}

/* input x weights_feature, requantized into newest[r * memory] for every
 * filter r. */
static void feature(const tflm_svdf_s8_x86 *p, const int16_t *xs, int16_t *newest)
{
    const int32_t depth = p->params.input_size, filters = p->params.filters;
    const size_t memory = (size_t)p->params.memory;
    const tflm_lane_quant_avx2 q = tflm_lane_quant_avx2_of(p->quant.scale1_multiplier, p->quant.scale1_shift);
    const __m256i zero_point = _mm256_set1_epi32(p->quant.state_zero_point);
    const __m256i lo = _mm256_set1_epi32(INT16_MIN), hi = _mm256_set1_epi32(INT16_MAX);
    for (int32_t o0 = 0; o0 < filters; o0 += 8) {
        const int32_t rows = filters - o0 < 8 ? filters - o0 : 8;
        __m256i y =
            tflm_s8_dot_rows8_avx2(p->weights_feature + (size_t)o0 * depth, rows, depth, xs);
        y = _mm256_add_epi32(tflm_requant_avx2(y, q.multiplier, q.left, q.right), zero_point);
        y = _mm256_min_epi32(_mm256_max_epi32(y, lo), hi);
        store_strided_s16(y, rows, newest + (size_t)o0 * memory, memory);
    }
}

/* sums[f] = state row f . weights_time row f (wrapping), every filter. */
static void time_sums(const tflm_svdf_s8_x86 *p, const int16_t *state, int32_t *sums)
{
    const int32_t filters = p->params.filters, memory = p->params.memory;
    for (int32_t o0 = 0; o0 < filters; o0 += 8) {
        const int32_t rows = filters - o0 < 8 ? filters - o0 : 8;
        const int16_t *s[8], *wt[8];
        __m256i acc[8];
        int32_t tail[8];
        for (int r = 0; r < 8; ++r) {
            const size_t row = (size_t)(o0 + (r < rows ? r : rows - 1)) * (size_t)memory;
            s[r] = state + row;
            wt[r] = p->weights_time + row;
            acc[r] = _mm256_setzero_si256();
        }
        int32_t j = 0;
        for (; j + 16 <= memory; j += 16) {
#pragma GCC unroll 8
            for (int r = 0; r < 8; ++r) {
                acc[r] = _mm256_add_epi32(
                    acc[r], _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(s[r] + j)),
                                              _mm256_loadu_si256((const __m256i *)(wt[r] + j))));
            }
        }
        if (j + 8 <= memory) {
#pragma GCC unroll 8
            for (int r = 0; r < 8; ++r) {
                const __m128i m = _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(s[r] + j)),
                                                 _mm_loadu_si128((const __m128i *)(wt[r] + j)));
                acc[r] = _mm256_add_epi32(acc[r], _mm256_zextsi128_si256(m));
            }
            j += 8;
        }
        for (int r = 0; r < 8; ++r) {
            uint32_t t = 0;
            for (int32_t k = j; k < memory; ++k) {
                t += (uint32_t)(s[r][k] * wt[r][k]);
            }
            tail[r] = (int32_t)t;
        }
        const __m256i valid =
            _mm256_cmpgt_epi32(_mm256_set1_epi32(rows), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        _mm256_maskstore_epi32(sums + o0, valid,
                               _mm256_add_epi32(tflm_hsum8_avx2(acc),
                                                _mm256_loadu_si256((const __m256i *)tail)));
    }
}

/* Each unit's rank filter sums plus its folded bias, into int8. */
static void output_units(const tflm_svdf_s8_x86 *p, const int32_t *sums, int8_t *out)
{
    const int32_t rank = p->params.rank, units = p->params.filters / rank;
    const tflm_lane_quant_avx2 q = tflm_lane_quant_avx2_of(p->quant.scale2_multiplier, p->quant.scale2_shift);
    const __m256i zero_point = _mm256_set1_epi32(p->quant.output_zero_point);
    const __m256i lo = _mm256_set1_epi32(INT8_MIN), hi = _mm256_set1_epi32(INT8_MAX);
    for (int32_t u0 = 0; u0 < units; u0 += 8) {
        const int32_t n = units - u0 < 8 ? units - u0 : 8;
        int32_t acc[8] = {0};
        for (int32_t r = 0; r < n; ++r) {
            uint32_t a = p->bias != NULL ? (uint32_t)p->bias[u0 + r] : 0;
            for (int32_t k = 0; k < rank; ++k) {
                a += (uint32_t)sums[(size_t)(u0 + r) * rank + k];
            }
            acc[r] = (int32_t)a;
        }
        __m256i y = _mm256_loadu_si256((const __m256i *)acc);
        y = _mm256_add_epi32(tflm_requant_avx2(y, q.multiplier, q.left, q.right), zero_point);
        y = _mm256_min_epi32(_mm256_max_epi32(y, lo), hi);
        /* In int8 range now: the saturating packs keep the values. */
        const __m128i words =
            _mm_packs_epi32(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
        const uint64_t bytes = (uint64_t)_mm_cvtsi128_si64(_mm_packs_epi16(words, words));
        if (n == 8) {
            memcpy(out + u0, &bytes, 8);
        } else {
            for (int32_t r = 0; r < n; ++r) {
                out[u0 + r] = (int8_t)(bytes >> (8 * r));
            }
        }
    }
}

void tflm_s8_s16_svdf_8x16__avx2(const tflm_svdf_s8_x86 *p, const int8_t *input, int16_t *state,
                                 int8_t *output, void *scratch)
{
    assert(p->fold_into == NULL && p->params.batches > 0 && p->params.input_size > 0 &&
           p->params.memory > 0 && p->params.filters % p->params.rank == 0);
    const int32_t batches = p->params.batches, depth = p->params.input_size;
    const int32_t filters = p->params.filters, units = filters / p->params.rank;
    const size_t row_state = (size_t)filters * (size_t)p->params.memory;
    int32_t *sums = scratch; /* one batch's filter sums, then its input row */
    int16_t *xs = (int16_t *)(sums + filters);

    /* The reference shifts the whole state left by one element; every
       filter's newest element is then overwritten below. */
    memmove(state, state + 1, ((size_t)batches * row_state - 1) * sizeof *state);
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *x = input + (size_t)b * depth;
        tflm_s8_widen_offset_avx2(x, depth, -p->quant.input_zero_point, xs);
        int16_t *batch_state = state + (size_t)b * row_state;
        feature(p, xs, batch_state + (p->params.memory - 1));
        time_sums(p, batch_state, sums);
        output_units(p, sums, output + (size_t)b * units);
    }
}
