/*
 * s8_dwconv_multiplier_c16__avx512.c - DEPTHWISE_CONV_2D int8 with depth
 * multiplier > 1, AVX-512 BW/VL: 16 output channels per vector, channel
 * block outermost (its widened weights in scratch serve every pixel).
 * Output channel o reads input channel o / m. A block whose lanes all read
 * one input channel (m a multiple of 16, or a single input channel)
 * broadcasts it; otherwise, per tap, the (at most 16) input channels the
 * block needs are loaded once (masked), widened to int32 and spread over
 * the output lanes with vpermd (plan->gather). Then vpmaddwd as in the
 * multiplier-1 kernel; same taps as the reference (s8_dwconv_walk.h), int32
 * wrapping sums, exact requantization, masked tails.
 */
#include <assert.h>

#include "s8_dwconv_walk.h"
#include "requant.h"
#include "depthwise_conv_x86.h"

typedef struct c16_block {
    __m512i acc, bias, offset, idx, mult, lshift, rshift, out_offset, act_min, act_max;
    int32_t input_offset;
    int32_t need;   /* input channels its real lanes read */
    __mmask16 m;    /* the block's real output channels */
    __mmask16 in_m; /* the input channels they read */
} c16_block;

static inline __attribute__((always_inline)) void begin(void *state)
{
    c16_block *s = state;
    s->acc = s->bias;
}

/* A block reading one input channel: broadcast it. */
static inline __attribute__((always_inline)) void tap_one(void *state, const int8_t *src,
                                                          const int32_t *w)
{
    c16_block *s = state;
    const __m512i v = _mm512_set1_epi32(src[0] + s->input_offset);
    s->acc = _mm512_add_epi32(s->acc, _mm512_madd_epi16(v, _mm512_loadu_si512(w)));
}

/* Otherwise: spread the input channels over the output lanes. */
static inline __attribute__((always_inline)) void tap_gather(void *state, const int8_t *src,
                                                             const int32_t *w)
{
    c16_block *s = state;
    __m512i v = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(s->in_m, src));
    v = _mm512_add_epi32(_mm512_permutexvar_epi32(s->idx, v), s->offset);
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

void tflm_s8_dwconv_multiplier_c16__avx512(const tflm_depthwise_conv_s8_x86 *p,
                                           const int8_t *input, int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier > 1 && p->block == 16 && p->gather != NULL &&
           (int64_t)p->input_dims.c * p->params.depth_multiplier == p->output_dims.c &&
           p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t out_c = p->output_dims.c;
    c16_block s;
    s.input_offset = c->input_offset;
    s.offset = _mm512_set1_epi32(c->input_offset);
    s.out_offset = _mm512_set1_epi32(c->output_offset);
    s.act_min = _mm512_set1_epi32(c->activation.min);
    s.act_max = _mm512_set1_epi32(c->activation.max);
    int32_t *weights = scratch;
    for (int32_t o = 0, blk = 0; o < out_c; o += 16, ++blk) {
        const int32_t left = out_c - o;
        const int32_t base = p->gather_base[blk];
        s.m = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        /* input channels the block's real lanes read: base .. base + need - 1 */
        s.need = p->gather[o + (left < 16 ? left : 16) - 1] + 1;
        s.in_m = (__mmask16)((1u << s.need) - 1);
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        s.idx = _mm512_loadu_si512(p->gather + o);
        s.bias = _mm512_loadu_si512(p->bias + o);
        s.mult = _mm512_loadu_si512(p->multiplier + o);
        s.lshift = _mm512_loadu_si512(p->left_shift + o);
        s.rshift = _mm512_loadu_si512(p->right_shift + o);
        if (s.need == 1) {
            tflm_dwconv_walk(p, input + base, output + o, weights, 16, begin, tap_one, end, NULL, &s);
        } else {
            tflm_dwconv_walk(p, input + base, output + o, weights, 16, begin, tap_gather, end, NULL,
                             &s);
        }
    }
}
