/*
 * s8_dwconv_c8__avx2.c - DEPTHWISE_CONV_2D int8 (depth multiplier 1), AVX2:
 * 8 channels per vector, channel block outermost (its widened weights in
 * scratch serve every pixel), the reference's taps per pixel (s8_dwconv_walk.h),
 * (x + input_offset) * w with vpmaddwd on int32 lanes whose high int16 of
 * the weight is zero, exact requantization. The last channels (< 8) go
 * through a padded copy.
 */
#include <assert.h>
#include <string.h>

#include "s8_dwconv_walk.h"
#include "requant.h"
#include "depthwise_conv_x86.h"

typedef struct c8_block {
    __m256i acc, bias, offset, mult, lshift, rshift, out_offset, act_min, act_max;
    int32_t left; /* real channels in the block; < 8 only in the last */
} c8_block;

static inline __m256i load8(const int8_t *src, int32_t count)
{
    if (count >= 8) {
        return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)src));
    }
    int8_t tmp[8] = {0};
    __builtin_memcpy(tmp, src, (size_t)count); /* inlined under -ffreestanding */
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)tmp));
}

static inline __attribute__((always_inline)) void begin(void *state)
{
    c8_block *s = state;
    s->acc = s->bias;
}

static inline __attribute__((always_inline)) void tap(void *state, const int8_t *src,
                                                      const int32_t *w)
{
    c8_block *s = state;
    const __m256i v = _mm256_add_epi32(load8(src, s->left), s->offset);
    s->acc = _mm256_add_epi32(s->acc,
                              _mm256_madd_epi16(v, _mm256_loadu_si256((const __m256i *)w)));
}

static inline __attribute__((always_inline)) void end(void *state, int8_t *out)
{
    c8_block *s = state;
    __m256i y = tflm_requant_avx2(s->acc, s->mult, s->lshift, s->rshift);
    y = _mm256_add_epi32(y, s->out_offset);
    y = _mm256_min_epi32(_mm256_max_epi32(y, s->act_min), s->act_max);
    const __m128i w16 = _mm_packs_epi32(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
    const __m128i bytes = _mm_packs_epi16(w16, w16);
    if (s->left >= 8) {
        _mm_storel_epi64((__m128i *)out, bytes);
    } else {
        int8_t tmp[16];
        _mm_storeu_si128((__m128i *)tmp, bytes);
        memcpy(out, tmp, (size_t)s->left);
    }
}

void tflm_s8_dwconv_c8__avx2(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                             int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier == 1 && p->input_dims.c == p->output_dims.c &&
           p->block == 8 && p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t ch = p->input_dims.c;
    c8_block s;
    s.offset = _mm256_set1_epi32(c->input_offset);
    s.out_offset = _mm256_set1_epi32(c->output_offset);
    s.act_min = _mm256_set1_epi32(c->activation.min);
    s.act_max = _mm256_set1_epi32(c->activation.max);
    int32_t *weights = scratch;
    for (int32_t o = 0; o < ch; o += 8) {
        s.left = ch - o;
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        s.bias = _mm256_loadu_si256((const __m256i *)(p->bias + o));
        s.mult = _mm256_loadu_si256((const __m256i *)(p->multiplier + o));
        s.lshift = _mm256_loadu_si256((const __m256i *)(p->left_shift + o));
        s.rshift = _mm256_loadu_si256((const __m256i *)(p->right_shift + o));
        tflm_dwconv_walk(p, input + o, output + o, weights, 8, begin, tap, end, NULL, &s);
    }
}
