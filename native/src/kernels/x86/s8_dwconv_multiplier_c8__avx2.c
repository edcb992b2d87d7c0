/*
 * s8_dwconv_multiplier_c8__avx2.c - DEPTHWISE_CONV_2D int8 with depth
 * multiplier > 1, AVX2: 8 output channels per vector, channel block
 * outermost (its widened weights in scratch serve every pixel). Output
 * channel o reads input channel o / m. A block whose lanes all read one
 * input channel (m a multiple of 8, or micro_speech's single input channel)
 * broadcasts it: one scalar load per tap. Otherwise, per tap, the (at most
 * 8) input channels the block needs are loaded once, widened to int32 and
 * spread over the output lanes with vpermd (plan->gather). Then vpmaddwd
 * as in the multiplier-1 kernel; same taps as the reference (s8_dwconv_walk.h),
 * int32 wrapping sums, exact requantization; tails through padded copies.
 */
#include <assert.h>
#include <string.h>

#include "s8_dwconv_walk.h"
#include "requant.h"
#include "depthwise_conv_x86.h"

typedef struct c8_block {
    __m256i acc, bias, offset, idx, mult, lshift, rshift, out_offset, act_min, act_max;
    int32_t input_offset;
    int32_t left;  /* real output channels in the block; < 8 only in the last */
    int32_t need;  /* input channels its real lanes read */
    int32_t avail; /* input channels from its first to the input's last */
} c8_block;

/* The first `need` bytes of src, as int32 lanes; reads only those when
 * fewer than 8 are left in the input (at its end). */
static inline __m256i load_channels(const int8_t *src, int32_t need, int32_t avail)
{
    if (avail >= 8) {
        return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)src));
    }
    uint64_t bytes = 0;
    for (int32_t i = 0; i < need; ++i) {
        bytes |= (uint64_t)(uint8_t)src[i] << (8 * i);
    }
    return _mm256_cvtepi8_epi32(_mm_cvtsi64_si128((long long)bytes));
}

static inline __attribute__((always_inline)) void begin(void *state)
{
    c8_block *s = state;
    s->acc = s->bias;
}

/* A block reading one input channel: broadcast it. */
static inline __attribute__((always_inline)) void tap_one(void *state, const int8_t *src,
                                                          const int32_t *w)
{
    c8_block *s = state;
    const __m256i v = _mm256_set1_epi32(src[0] + s->input_offset);
    s->acc = _mm256_add_epi32(s->acc,
                              _mm256_madd_epi16(v, _mm256_loadu_si256((const __m256i *)w)));
}

/* Otherwise: spread the input channels over the output lanes. */
static inline __attribute__((always_inline)) void tap_gather(void *state, const int8_t *src,
                                                             const int32_t *w)
{
    c8_block *s = state;
    __m256i v = _mm256_permutevar8x32_epi32(load_channels(src, s->need, s->avail), s->idx);
    v = _mm256_add_epi32(v, s->offset);
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

void tflm_s8_dwconv_multiplier_c8__avx2(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                                        int8_t *output, void *scratch)
{
    assert(p->params.depth_multiplier > 1 && p->block == 8 && p->gather != NULL &&
           (int64_t)p->input_dims.c * p->params.depth_multiplier == p->output_dims.c &&
           p->c_padded >= p->output_dims.c);
    const tflm_conv_params *c = &p->params;
    const int32_t in_c = p->input_dims.c, out_c = p->output_dims.c;
    c8_block s;
    s.input_offset = c->input_offset;
    s.offset = _mm256_set1_epi32(c->input_offset);
    s.out_offset = _mm256_set1_epi32(c->output_offset);
    s.act_min = _mm256_set1_epi32(c->activation.min);
    s.act_max = _mm256_set1_epi32(c->activation.max);
    int32_t *weights = scratch;
    for (int32_t o = 0, blk = 0; o < out_c; o += 8, ++blk) {
        const int32_t base = p->gather_base[blk];
        s.left = out_c - o;
        s.avail = in_c - base;
        /* input channels the block's real lanes read: base .. base + need - 1 */
        s.need = p->gather[o + (s.left < 8 ? s.left : 8) - 1] + 1;
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        s.idx = _mm256_loadu_si256((const __m256i *)(p->gather + o));
        s.bias = _mm256_loadu_si256((const __m256i *)(p->bias + o));
        s.mult = _mm256_loadu_si256((const __m256i *)(p->multiplier + o));
        s.lshift = _mm256_loadu_si256((const __m256i *)(p->left_shift + o));
        s.rshift = _mm256_loadu_si256((const __m256i *)(p->right_shift + o));
        if (s.need == 1) {
            tflm_dwconv_walk(p, input + base, output + o, weights, 8, begin, tap_one, end, NULL, &s);
        } else {
            tflm_dwconv_walk(p, input + base, output + o, weights, 8, begin, tap_gather, end, NULL, &s);
        }
    }
}
