/*
 * s8_conv_im2col_4x16__avx2.c - CONV_2D int8 with AVX2: im2col of 4 output
 * pixels into int16 rows (x + input_offset, 0 for outside taps; a 1x1
 * stride 1 conv widens its 4 adjacent input pixels at once; short filter
 * rows: s8_conv_im2col__avx2.h), then a GEMM tile of 4 pixels x 16 channels with
 * vpmaddwd on int8 weights widened as loaded (two k per lane; each
 * product |w * (x + offset)| <= 128 x 255, so pairs never saturate),
 * exact requantization, byte stores.
 * Plan and exactness: conv_x86.c.
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "s8_conv_im2col__avx2.h"
#include "requant.h"
#include "conv_x86.h"

#define ROWS 4

/* dst[i] = src[i] + offset for n elements. */
static void widen(int16_t *dst, const int8_t *src, int32_t n, int32_t input_offset)
{
    const __m256i offset = _mm256_set1_epi16((int16_t)input_offset);
    int32_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256i v = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(src + i)));
        _mm256_storeu_si256((__m256i *)(dst + i), _mm256_add_epi16(v, offset));
    }
    for (; i < n; ++i) {
        dst[i] = (int16_t)(src[i] + input_offset);
    }
}

/* One im2col row: k elements x + input_offset (0 for outside taps), zero
 * up to k_padded. A filter row whose taps are all inside and adjacent
 * (dilation 1) is one run of k_w x in_c input bytes. */
static void im2col_row(const tflm_conv_s8_x86 *p, const int8_t *input, int32_t b, int32_t oy,
                       int32_t ox, int16_t *row)
{
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, in_c = p->input_dims.c;
    const int32_t k_h = p->filter_dims.h, k_w = p->filter_dims.w;
    const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
    const int32_t y0 = oy * c->stride_h - c->pad_h, x0 = ox * c->stride_w - c->pad_w;
    const bool row_inside = c->dilation_w == 1 && x0 >= 0 && x0 + k_w <= in_w;
    int16_t *dst = row;
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const int32_t y = y0 + ky * c->dilation_h;
        if (y < 0 || y >= in_h) {
            memset(dst, 0, (size_t)k_w * in_c * sizeof(int16_t));
        } else if (row_inside) {
            widen(dst, in_batch + ((size_t)y * in_w + x0) * in_c, k_w * in_c, c->input_offset);
        } else {
            for (int32_t kx = 0; kx < k_w; ++kx) {
                const int32_t x = x0 + kx * c->dilation_w;
                if (x < 0 || x >= in_w) {
                    memset(dst + kx * in_c, 0, (size_t)in_c * sizeof(int16_t));
                } else {
                    widen(dst + kx * in_c, in_batch + ((size_t)y * in_w + x) * in_c, in_c,
                          c->input_offset);
                }
            }
        }
        dst += k_w * in_c;
    }
    for (int32_t i = p->k; i < p->k_padded; ++i) {
        row[i] = 0;
    }
}

/* The im2col row of a pixel that s8_conv_im2col__avx2.h takes (false: not
 * written): the runs widened, x + input_offset. k <= 16: shuffled into
 * place, widened and offset (offset_k: input_offset in the first k lanes,
 * 0 in the padding) in one 32-byte store. Else one store per run, the
 * bytes past it overwritten by the next run, and the padding zeroed. */
static inline __attribute__((always_inline)) bool
short_row(const tflm_conv_s8_x86 *p, const tflm_short_runs *g, __m256i offset_k, int32_t b,
          int32_t oy, int32_t ox, int16_t *row)
{
    const int8_t *src = tflm_short_row_source(g, b, oy, ox);
    if (src == NULL) {
        return false;
    }
    if (g->k <= 16) {
        __m128i x = _mm_setzero_si128();
        for (int32_t ky = 0; ky < g->k_h; ++ky) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(src + ky * g->step));
            x = _mm_or_si128(x, _mm_shuffle_epi8(v, g->place[ky]));
        }
        _mm256_storeu_si256((__m256i *)row, _mm256_add_epi16(_mm256_cvtepi8_epi16(x), offset_k));
        return true;
    }
    const __m256i offset = _mm256_set1_epi16((int16_t)p->params.input_offset);
    for (int32_t ky = 0; ky < g->k_h; ++ky) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(src + ky * g->step));
        _mm256_storeu_si256((__m256i *)(row + ky * g->run),
                            _mm256_add_epi16(_mm256_cvtepi8_epi16(v), offset));
    }
    if (p->k_padded > p->k) {
        row[p->k] = 0;
    }
    return true;
}

static inline void store8(int8_t *out, __m256i y, int32_t count)
{
    const __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
    const __m128i bytes = _mm_packs_epi16(w, w);
    if (count >= 8) {
        _mm_storel_epi64((__m128i *)out, bytes);
    } else {
        int8_t tmp[16];
        _mm_storeu_si128((__m128i *)tmp, bytes);
        memcpy(out, tmp, (size_t)count);
    }
}

static inline __attribute__((always_inline)) void
tile(const tflm_conv_s8_x86 *p, const int16_t *a, const int R, int32_t ob, int nv,
     const bool right_only, int8_t *out, int32_t out_c)
{
    const int32_t kpairs = p->k_padded / 2;
    const size_t lda = (size_t)p->k_padded;
    const int8_t *w0 = p->filter + (size_t)ob * 8 * p->k_padded;
    const int8_t *w1 = w0 + (size_t)8 * p->k_padded;
    const int32_t o0 = ob * 8;
    __m256i acc[ROWS][2];
    const __m256i bias0 = _mm256_loadu_si256((const __m256i *)(p->bias + o0));
    const __m256i bias1 = nv == 2 ? _mm256_loadu_si256((const __m256i *)(p->bias + o0 + 8)) : bias0;
#pragma GCC unroll 4
    for (int r = 0; r < R; ++r) {
        acc[r][0] = bias0;
        acc[r][1] = bias1;
    }
    for (int32_t g = 0; g < kpairs; ++g) {
        const __m256i b0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w0 + (size_t)g * 16)));
        const __m256i b1 =
            nv == 2 ? _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(w1 + (size_t)g * 16)))
                    : b0;
#pragma GCC unroll 4
        for (int r = 0; r < R; ++r) {
            int32_t pair;
            __builtin_memcpy(&pair, a + r * lda + (size_t)g * 2, 4); /* inlined under -ffreestanding */
            const __m256i x = _mm256_set1_epi32(pair);
            acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(x, b0));
            if (nv == 2) {
                acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(x, b1));
            }
        }
    }
    const __m256i out_offset = _mm256_set1_epi32(p->params.output_offset);
    const __m256i act_min = _mm256_set1_epi32(p->params.activation.min);
    const __m256i act_max = _mm256_set1_epi32(p->params.activation.max);
#pragma GCC unroll 2
    for (int v = 0; v < nv; ++v) {
        const int32_t o = o0 + 8 * v;
        const __m256i mult = _mm256_loadu_si256((const __m256i *)(p->multiplier + o));
        const __m256i ls = _mm256_loadu_si256((const __m256i *)(p->left_shift + o));
        const __m256i rs = _mm256_loadu_si256((const __m256i *)(p->right_shift + o));
#pragma GCC unroll 4 /* acc stays in registers */
        for (int r = 0; r < R; ++r) {
            __m256i y = right_only ? tflm_requant_right_avx2(acc[r][v], mult, rs)
                                   : tflm_requant_avx2(acc[r][v], mult, ls, rs);
            y = _mm256_add_epi32(y, out_offset);
            y = _mm256_min_epi32(_mm256_max_epi32(y, act_min), act_max);
            store8(out + (size_t)r * out_c + o, y, out_c - o);
        }
    }
}

static inline __attribute__((always_inline)) void
tiles(const tflm_conv_s8_x86 *p, const int16_t *a, const int R, int32_t blocks, int8_t *out,
      int32_t out_c)
{
    const bool right_only = p->right_shift_only;
    int32_t ob = 0;
    for (; ob + 2 <= blocks; ob += 2) {
        if (right_only) { /* two instances: the shorter requantization in one */
            tile(p, a, R, ob, 2, true, out, out_c);
        } else {
            tile(p, a, R, ob, 2, false, out, out_c);
        }
    }
    if (ob < blocks) {
        if (right_only) {
            tile(p, a, R, ob, 1, true, out, out_c);
        } else {
            tile(p, a, R, ob, 1, false, out, out_c);
        }
    }
}

void tflm_s8_conv_im2col_4x16__avx2(const tflm_conv_s8_x86 *p, const int8_t *input,
                                    int8_t *output, void *scratch)
{
    assert(p->element_size == 2 && p->rows == ROWS && p->k_padded % 2 == 0 &&
           p->n_padded % 8 == 0 && p->input_dims.c == p->filter_dims.c &&
           ((uintptr_t)scratch & 15) == 0);
    const int32_t out_h = p->output_dims.h, out_w = p->output_dims.w, out_c = p->output_dims.c;
    const int32_t pixels = p->output_dims.n * out_h * out_w;
    const int32_t blocks = p->n_padded / 8;
    int16_t *a = scratch;
    tflm_short_runs g;
    tflm_short_runs_init(&g, p, input);
    const bool runs_fit = tflm_short_runs_apply(p);
    int16_t first_k[16]; /* input_offset in the first k lanes (k <= 16 rows) */
    for (int32_t i = 0; i < 16; ++i) {
        first_k[i] = (int16_t)(i < p->k ? p->params.input_offset : 0);
    }
    const __m256i offset_k = _mm256_loadu_si256((const __m256i *)first_k);
    int32_t b = 0, oy = 0, ox = 0;
    for (int32_t p0 = 0; p0 < pixels; p0 += ROWS) {
        const int32_t rows = pixels - p0 < ROWS ? pixels - p0 : ROWS;
        if (p->pointwise) {
            widen(a, input + (size_t)p0 * p->k, rows * p->k, p->params.input_offset);
        } else {
            for (int32_t r = 0; r < rows; ++r) {
                int16_t *row = a + (size_t)r * p->k_padded;
                if (!(runs_fit && short_row(p, &g, offset_k, b, oy, ox, row))) {
                    im2col_row(p, input, b, oy, ox, row);
                }
                tflm_conv_next_pixel(&b, &oy, &ox, out_h, out_w);
            }
        }
        int8_t *out = output + (size_t)p0 * out_c;
        switch (rows) { /* a tile per row count: partial tiles do no extra work */
        case 1: tiles(p, a, 1, blocks, out, out_c); break;
        case 2: tiles(p, a, 2, blocks, out, out_c); break;
        case 3: tiles(p, a, 3, blocks, out, out_c); break;
        default: tiles(p, a, ROWS, blocks, out, out_c); break;
        }
    }
}
