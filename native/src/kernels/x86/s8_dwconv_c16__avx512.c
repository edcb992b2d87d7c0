/*
 * s8_dwconv_c16__avx512.c - DEPTHWISE_CONV_2D int8 (depth multiplier 1),
 * AVX-512 BW/VL: 16 lanes per vector, channel block outermost (its widened
 * weights in scratch serve every pixel), the reference's taps per pixel
 * (s8_dwconv_walk.h), (x + input_offset) * w with vpmaddwd on int32 lanes
 * whose high int16 of the weight is zero, exact requantization, masked
 * tails.
 * A row's run of windows whose columns are inside is summed four vectors at
 * a time, each tap vector loaded once for the four, with input_offset *
 * (the taps' weight sum) folded into the bias: the same int32 sum, as
 * int32 wraps.
 * With fewer than 16 channels and stride 1 a vector holds 16 / c
 * neighbouring pixels (their inputs and outputs are contiguous), lanes
 * repeating the channels' weights and quantization, so narrow layers
 * (person_detect's 8 channels) fill the vector too.
 */
#include <assert.h>

#include "s8_dwconv_walk.h"
#include "requant.h"
#include "depthwise_conv_x86.h"

typedef struct c16_block {
    __m512i acc, bias, offset, mult, lshift, rshift, out_offset, act_min, act_max;
    __m512i inside_bias;       /* bias + input_offset * the weights' sum over a window */
    const int32_t *weights;    /* the block's widened weights, 16 int32 per tap */
    const int32_t *tap_offset; /* the plan's */
    int32_t taps, out_c;
    int32_t pixels;            /* pixels per vector in a run */
    int32_t step;              /* input bytes from one run vector to the next */
    int32_t channels;          /* the block's real channels */
    __mmask16 m;               /* lanes of one pixel's channels */
    __mmask16 run_m;           /* lanes of a run vector's pixels */
    int right_only;            /* no left shift, no INT32_MIN multiplier */
    int int8_range;            /* the activation clamps to [-128, 127] only */
} c16_block;

/* A whole vector is loaded plainly: a byte-masked load cost up to a quarter of
 * the layer's time on Zen 4. */
static inline __attribute__((always_inline)) __m512i load_s8(__mmask16 m, const int8_t *src)
{
    return _mm512_cvtepi8_epi32(m == 0xFFFF ? _mm_loadu_si128((const __m128i *)src)
                                            : _mm_maskz_loadu_epi8(m, src));
}

static inline __attribute__((always_inline)) void store(const c16_block *s, __m512i acc,
                                                        __mmask16 m, int8_t *out)
{
    __m512i y = s->right_only ? tflm_requant_right_avx512(acc, s->mult, s->rshift)
                              : tflm_requant_avx512(acc, s->mult, s->lshift, s->rshift);
    y = _mm512_add_epi32(y, s->out_offset);
    if (s->int8_range) { /* the saturating narrowing is that clamp */
        _mm_mask_storeu_epi8(out, m, _mm512_cvtsepi32_epi8(y));
        return;
    }
    y = _mm512_min_epi32(_mm512_max_epi32(y, s->act_min), s->act_max);
    _mm_mask_storeu_epi8(out, m, _mm512_cvtepi32_epi8(y));
}

static inline __attribute__((always_inline)) void begin(void *state)
{
    c16_block *s = state;
    s->acc = s->bias;
}

static inline __attribute__((always_inline)) void tap(void *state, const int8_t *src,
                                                      const int32_t *w)
{
    c16_block *s = state;
    const __m512i v = _mm512_add_epi32(load_s8(s->m, src), s->offset);
    s->acc = _mm512_add_epi32(s->acc, _mm512_madd_epi16(v, _mm512_loadu_si512(w)));
}

static inline __attribute__((always_inline)) void end(void *state, int8_t *out)
{
    c16_block *s = state;
    store(s, s->acc, s->m, out);
}

static inline __attribute__((always_inline)) __m512i madd(__m512i acc, __mmask16 m,
                                                          const int8_t *src, __m512i w)
{
    return _mm512_add_epi32(acc, _mm512_madd_epi16(load_s8(m, src), w));
}

static inline __attribute__((always_inline)) void run(void *state, const int8_t *window,
                                                      int8_t *out, int32_t count, int32_t t0,
                                                      int32_t t1)
{
    c16_block *s = state;
    __m512i bias = s->inside_bias;
    if (t1 - t0 < s->taps) { /* rows cut by the input's top or bottom edge */
        bias = s->bias;
        for (int32_t t = t0; t < t1; ++t) {
            const __m512i w = _mm512_loadu_si512(s->weights + (size_t)t * 16);
            bias = _mm512_add_epi32(bias, _mm512_madd_epi16(s->offset, w));
        }
    }
    const int8_t *first = window - s->tap_offset[t0];
    const int32_t full = count / s->pixels, step = s->step;
    const int32_t out_step = s->pixels * s->out_c;
    int32_t v = 0;
    for (; v + 4 <= full; v += 4) {
        const int8_t *src = first + (size_t)v * step;
        __m512i a0 = bias, a1 = a0, a2 = a0, a3 = a0;
        for (int32_t t = t0; t < t1; ++t) {
            const __m512i w = _mm512_loadu_si512(s->weights + (size_t)t * 16);
            const int8_t *x = src + s->tap_offset[t];
            a0 = madd(a0, s->run_m, x, w);
            a1 = madd(a1, s->run_m, x + step, w);
            a2 = madd(a2, s->run_m, x + 2 * step, w);
            a3 = madd(a3, s->run_m, x + 3 * step, w);
        }
        int8_t *o = out + (size_t)v * out_step;
        store(s, a0, s->run_m, o);
        store(s, a1, s->run_m, o + out_step);
        store(s, a2, s->run_m, o + 2 * out_step);
        store(s, a3, s->run_m, o + 3 * out_step);
    }
    for (; v * s->pixels < count; ++v) { /* the last may hold fewer pixels */
        const int32_t left = count - v * s->pixels;
        const __mmask16 m = left >= s->pixels
                                ? s->run_m
                                : (__mmask16)((1u << (left * s->channels)) - 1);
        const int8_t *src = first + (size_t)v * step;
        __m512i a = bias;
        for (int32_t t = t0; t < t1; ++t) {
            a = madd(a, m, src + s->tap_offset[t], _mm512_loadu_si512(s->weights + (size_t)t * 16));
        }
        store(s, a, m, out + (size_t)v * out_step);
    }
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
    s.int8_range = c->activation.min == INT8_MIN && c->activation.max == INT8_MAX;
    s.taps = p->filter_dims.h * p->filter_dims.w;
    s.tap_offset = p->tap_offset;
    s.out_c = ch;
    s.pixels = ch < 16 && c->stride_w == 1 ? 16 / ch : 1;
    s.step = s.pixels * c->stride_w * ch;
    int32_t *weights = scratch;
    s.weights = weights;
    /* lane j of a vector of pixels holds channel j % ch */
    int32_t lane_channel[16];
    for (int32_t j = 0; j < 16; ++j) {
        lane_channel[j] = j % (ch < 16 ? ch : 16);
    }
    const __m512i repeat = _mm512_loadu_si512(lane_channel);
    for (int32_t o = 0; o < ch; o += 16) {
        const int32_t left = ch - o;
        s.channels = left >= 16 ? 16 : left;
        s.m = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        s.run_m = (__mmask16)((1u << (s.pixels * s.channels)) - 1);
        tflm_depthwise_conv_s8_x86_widen(p, o, weights);
        s.bias = _mm512_permutexvar_epi32(repeat, _mm512_loadu_si512(p->bias + o));
        s.mult = _mm512_permutexvar_epi32(repeat, _mm512_loadu_si512(p->multiplier + o));
        s.lshift = _mm512_permutexvar_epi32(repeat, _mm512_loadu_si512(p->left_shift + o));
        s.rshift = _mm512_permutexvar_epi32(repeat, _mm512_loadu_si512(p->right_shift + o));
        s.right_only = _mm512_test_epi32_mask(s.lshift, s.lshift) == 0 &&
                       _mm512_cmpeq_epi32_mask(s.mult, _mm512_set1_epi32(INT32_MIN)) == 0;
        s.inside_bias = s.bias;
        for (int32_t t = 0; t < s.taps; ++t) {
            __m512i *w = (__m512i *)(weights + (size_t)t * 16);
            _mm512_storeu_si512(w, _mm512_permutexvar_epi32(repeat, _mm512_loadu_si512(w)));
            s.inside_bias =
                _mm512_add_epi32(s.inside_bias, _mm512_madd_epi16(s.offset, _mm512_loadu_si512(w)));
        }
        tflm_dwconv_walk(p, input + o, output + o, weights, 16, begin, tap, end, run, &s);
    }
}
