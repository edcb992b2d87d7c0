/*
 * s8_dwconv_c16__avx512.c - DEPTHWISE_CONV_2D int8 (depth multiplier 1),
 * AVX-512 BW/VL: 16 channels per vector, channel block outermost (its
 * widened weights in scratch serve every pixel), the reference's taps per
 * pixel (dwconv_walk.h), (x + input_offset) * w with vpmaddwd on int32
 * lanes whose high int16 of the weight is zero, exact requantization,
 * masked tails.
 */
#include <assert.h>

#include "dwconv_walk.h"
#include "requant.h"
#include "x86_kernels.h"

typedef struct c16_block {
    __m512i acc, bias, offset, mult, lshift, rshift, out_offset, act_min, act_max;
    __mmask16 m; /* the block's real channels */
} c16_block;

static inline __attribute__((always_inline)) void begin(void *state)
{
    c16_block *s = state;
    s->acc = s->bias;
}

static inline __attribute__((always_inline)) void tap(void *state, const int8_t *src,
                                                      const int32_t *w)
{
    c16_block *s = state;
    __m512i v = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(s->m, src));
    v = _mm512_add_epi32(v, s->offset);
    s->acc = _mm512_add_epi32(s->acc, _mm512_madd_epi16(v, _mm512_loadu_si512(w)));
}

static inline __attribute__((always_inline)) void end(void *state, int8_t *out)
{
    c16_block *s = state;
    __m512i y = tflm_requant_avx512(s->acc, s->mult, s->lshift, s->rshift);
    y = _mm512_add_epi32(y, s->out_offset);
    y = _mm512_min_epi32(_mm512_max_epi32(y, s->act_min), s->act_max);
    _mm_mask_storeu_epi8(out, s->m, _mm512_cvtepi32_epi8(y));
}

void tflm_s8_dwconv_c16__avx512(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                                int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier == 1 && p->input_dims.c == p->output_dims.c &&
           p->block == 16 && p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t ch = p->input_dims.c;
    c16_block s;
    s.offset = _mm512_set1_epi32(c->input_offset);
    s.out_offset = _mm512_set1_epi32(c->output_offset);
    s.act_min = _mm512_set1_epi32(c->activation.min);
    s.act_max = _mm512_set1_epi32(c->activation.max);
    int32_t *weights = scratch;
    for (int32_t o = 0; o < ch; o += 16) {
        const int32_t left = ch - o;
        s.m = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        s.bias = _mm512_loadu_si512(p->bias + o);
        s.mult = _mm512_loadu_si512(p->multiplier + o);
        s.lshift = _mm512_loadu_si512(p->left_shift + o);
        s.rshift = _mm512_loadu_si512(p->right_shift + o);
        tflm_dwconv_walk(p, input + o, output + o, weights, 16, begin, tap, end, &s);
    }
}
