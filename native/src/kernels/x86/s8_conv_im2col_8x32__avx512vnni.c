/*
 * s8_conv_im2col_8x32__avx512vnni.c - CONV_2D int8 with AVX-512 VNNI: a
 * GEMM tile of 8 output pixels x 32 channels with vpdpbusd (4 k per lane;
 * 8 channels in ymm when the op has no more) over uint8 taps (x + 128,
 * outside taps the input zero point + 128), exact requantization, masked
 * byte stores. The taps of a full tile are read in place from the padded
 * image (conv_x86.h), built once per run, when the input's channels come
 * in fours; otherwise, and for a last partial tile, from im2col rows of
 * the tile (a 1x1 stride 1 conv flips its 8 adjacent input pixels at once;
 * short filter rows: s8_conv_im2col__avx2.h). Reading in place made
 * ResNet-8's 3x3 layers 1.6x faster: gathering rows cost more than their
 * dot products. Plan and exactness argument: conv_x86.c.
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "dpbusd.h"
#include "s8_conv_im2col__avx2.h"
#include "requant.h"
#include "conv_x86.h"

#define ROWS 8

/* The first n of 64 bytes (n <= 64). */
static inline __mmask64 first_bytes(int32_t n)
{
    return _cvtu64_mask64(n >= 64 ? ~0ULL : (1ULL << n) - 1);
}

/* dst[i] = src[i] + 128 (a flipped sign bit) for n bytes. */
static inline __attribute__((always_inline)) void flip(uint8_t *dst, const int8_t *src, int32_t n)
{
    const __m512i sign = _mm512_set1_epi8((char)0x80);
    int32_t i = 0;
    for (; i + 64 <= n; i += 64) {
        _mm512_storeu_si512(dst + i, _mm512_xor_si512(_mm512_loadu_si512(src + i), sign));
    }
    if (i + 16 <= n) {
        const __m128i sign16 = _mm512_castsi512_si128(sign);
        for (; i + 16 <= n; i += 16) {
            _mm_storeu_si128((__m128i *)(dst + i),
                             _mm_xor_si128(_mm_loadu_si128((const __m128i *)(src + i)), sign16));
        }
    }
    if (i < n) {
        const __mmask64 m = first_bytes(n - i);
        _mm512_mask_storeu_epi8(dst + i, m,
                                _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, src + i), sign));
    }
}

/* The im2col row of a pixel that s8_conv_im2col__avx2.h takes (false: not
 * written). k <= 16: the runs are shuffled into place and the row, padding
 * included, is one 16-byte store, so the tile's 4-byte loads are forwarded
 * from it (a load spanning two stores waits for both to reach the cache).
 * Else one store per run: the bytes it writes past the run are
 * overwritten by the next run or the padding. */
static inline __attribute__((always_inline)) bool
short_row(const tflm_short_runs *g, int32_t b, int32_t oy, int32_t ox, uint8_t *row)
{
    const int8_t *src = tflm_short_row_source(g, b, oy, ox);
    if (src == NULL) {
        return false;
    }
    const __m128i sign = _mm_set1_epi8((char)0x80);
    if (g->k <= 16) {
        __m128i x = _mm_setzero_si128();
        for (int32_t ky = 0; ky < g->k_h; ++ky) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(src + ky * g->step));
            x = _mm_or_si128(x, _mm_shuffle_epi8(_mm_xor_si128(v, sign), g->place[ky]));
        }
        _mm_storeu_si128((__m128i *)row, x);
        return true;
    }
    for (int32_t ky = 0; ky < g->k_h; ++ky) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(src + ky * g->step));
        _mm_storeu_si128((__m128i *)(row + ky * g->run), _mm_xor_si128(x, sign));
    }
    _mm_storeu_si128((__m128i *)(row + g->k), _mm_setzero_si128());
    return true;
}

/* One im2col row: k bytes of (x + 128), zero up to k_padded. A filter row
 * whose taps are all inside and adjacent (dilation 1) is one run of
 * k_w x in_c input bytes. */
static void im2col_row(const tflm_conv_s8_x86 *p, const int8_t *input, int32_t b, int32_t oy,
                       int32_t ox, uint8_t *row)
{
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, in_c = p->input_dims.c;
    const int32_t k_h = p->filter_dims.h, k_w = p->filter_dims.w, run = k_w * in_c;
    const uint8_t pad = (uint8_t)(128 - c->input_offset);
    const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
    const int32_t y0 = oy * c->stride_h - c->pad_h, x0 = ox * c->stride_w - c->pad_w;
    const bool row_inside = c->dilation_w == 1 && x0 >= 0 && x0 + k_w <= in_w;
    uint8_t *dst = row;
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const int32_t y = y0 + ky * c->dilation_h;
        if (y < 0 || y >= in_h) {
            memset(dst, pad, (size_t)run);
        } else if (row_inside) {
            flip(dst, in_batch + ((size_t)y * in_w + x0) * in_c, run);
        } else {
            for (int32_t kx = 0; kx < k_w; ++kx) {
                const int32_t x = x0 + kx * c->dilation_w;
                if (x < 0 || x >= in_w) {
                    memset(dst + kx * in_c, pad, (size_t)in_c);
                } else {
                    flip(dst + kx * in_c, in_batch + ((size_t)y * in_w + x) * in_c, in_c);
                }
            }
        }
        dst += run;
    }
    if (p->k_padded > p->k) {
        memset(dst, 0, (size_t)(p->k_padded - p->k));
    }
}

/* Requantizes and stores a tile's accumulators: R pixels x nv blocks of 16
 * channels from block ob on. */
static inline __attribute__((always_inline)) void
finish(const tflm_conv_s8_x86 *p, __m512i acc[ROWS][2], const int R, int32_t ob, int nv,
       const bool right_only, int8_t *out, int32_t out_c)
{
    const int32_t o0 = ob * 16;
    const __m512i out_offset = _mm512_set1_epi32(p->params.output_offset);
    const __m512i act_min = _mm512_set1_epi32(p->params.activation.min);
    const __m512i act_max = _mm512_set1_epi32(p->params.activation.max);
#pragma GCC unroll 2
    for (int v = 0; v < nv; ++v) {
        const int32_t o = o0 + 16 * v;
        const __m512i mult = _mm512_loadu_si512(p->multiplier + o);
        const __m512i ls = _mm512_loadu_si512(p->left_shift + o);
        const __m512i rs = _mm512_loadu_si512(p->right_shift + o);
        const int32_t left = out_c - o;
        const __mmask16 m = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
#pragma GCC unroll 8 /* acc stays in registers */
        for (int r = 0; r < R; ++r) {
            __m512i y = right_only ? tflm_requant_right_avx512(acc[r][v], mult, rs)
                                   : tflm_requant_avx512(acc[r][v], mult, ls, rs);
            y = _mm512_add_epi32(y, out_offset);
            y = _mm512_min_epi32(_mm512_max_epi32(y, act_min), act_max);
            _mm_mask_storeu_epi8(out + (size_t)r * out_c + o, m, _mm512_cvtepi32_epi8(y));
        }
    }
}

/* The accumulators of nv blocks from block ob on, set to their bias. */
static inline __attribute__((always_inline)) void
start(const tflm_conv_s8_x86 *p, __m512i acc[ROWS][2], const int R, int32_t ob, int nv)
{
    const __m512i bias0 = _mm512_loadu_si512(p->bias + ob * 16);
    const __m512i bias1 = nv == 2 ? _mm512_loadu_si512(p->bias + ob * 16 + 16) : bias0;
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        acc[r][0] = bias0;
        acc[r][1] = bias1;
    }
}

/* Adds weight group g (four taps of 16 or 32 channels) times each row's
 * four bytes at rows[r] + at. */
static inline __attribute__((always_inline)) void
group(__m512i acc[ROWS][2], const uint8_t *const rows[ROWS], size_t at, const int R,
      const int8_t *w0, const int8_t *w1, int nv)
{
    const __m512i b0 = _mm512_loadu_si512(w0);
    const __m512i b1 = nv == 2 ? _mm512_loadu_si512(w1) : b0;
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        int32_t quad;
        __builtin_memcpy(&quad, rows[r] + at, 4); /* inlined under -ffreestanding */
        const __m512i x = _mm512_set1_epi32(quad);
        TFLM_DPBUSD(acc[r][0], x, b0);
        if (nv == 2) {
            TFLM_DPBUSD(acc[r][1], x, b1);
        }
    }
}

/* A tile over im2col rows (a, k_padded bytes apart). */
static inline __attribute__((always_inline)) void
tile(const tflm_conv_s8_x86 *p, const uint8_t *a, const int R, int32_t ob, int nv,
     const bool right_only, int8_t *out, int32_t out_c)
{
    const int32_t kg = p->k_padded / 4;
    const int8_t *w0 = p->filter + (size_t)ob * 16 * p->k_padded;
    const int8_t *w1 = w0 + (size_t)16 * p->k_padded;
    const uint8_t *rows[ROWS];
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        rows[r] = a + (size_t)r * p->k_padded;
    }
    __m512i acc[ROWS][2];
    start(p, acc, R, ob, nv);
    for (int32_t g = 0; g < kg; ++g) {
        group(acc, rows, (size_t)g * 4, R, w0 + (size_t)g * 64, w1 + (size_t)g * 64, nv);
    }
    finish(p, acc, R, ob, nv, right_only, out, out_c);
}

/* A tile reading its taps in place in the padded image: row r's first tap
 * at rows[r], the filter's taps ky, kx at ky x row_step + kx x tap_step,
 * each tap's channels four at a time, in the packed filter's k order. */
static inline __attribute__((always_inline)) void
tile_direct(const tflm_conv_s8_x86 *p, const uint8_t *const rows[ROWS], const int R, int32_t ob,
            int nv, const bool right_only, int8_t *out, int32_t out_c)
{
    const int32_t in_c = p->input_dims.c, k_h = p->filter_dims.h, k_w = p->filter_dims.w;
    const size_t tap_step = (size_t)p->params.dilation_w * in_c;
    const size_t row_step = (size_t)p->params.dilation_h * p->image.w * in_c;
    const int8_t *w0 = p->filter + (size_t)ob * 16 * p->k_padded;
    const int8_t *w1 = w0 + (size_t)16 * p->k_padded;
    __m512i acc[ROWS][2];
    start(p, acc, R, ob, nv);
    for (int32_t ky = 0; ky < k_h; ++ky) {
        for (int32_t kx = 0; kx < k_w; ++kx) {
            const size_t tap = ky * row_step + kx * tap_step;
            for (int32_t c = 0; c < in_c; c += 4) {
                group(acc, rows, tap + (size_t)c, R, w0, w1, nv);
                w0 += 64;
                w1 += 64;
            }
        }
    }
    finish(p, acc, R, ob, nv, right_only, out, out_c);
}

/* The tile of an op with at most 8 output channels (a first layer): the
 * first 8 channels of the 16-channel block in ymm registers (AVX-512 VL),
 * where requantization costs half of a zmm's on every CPU. */
static inline __attribute__((always_inline)) void
tile8(const tflm_conv_s8_x86 *p, const uint8_t *a, const int R, const bool right_only,
      int8_t *out, int32_t out_c)
{
    const int32_t kg = p->k_padded / 4;
    const size_t lda = (size_t)p->k_padded;
    __m256i acc[ROWS];
    const __m256i bias = _mm256_loadu_si256((const __m256i *)p->bias);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        acc[r] = bias;
    }
    for (int32_t g = 0; g < kg; ++g) {
        const __m256i w = _mm256_loadu_si256((const __m256i *)(p->filter + (size_t)g * 64));
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
            int32_t quad;
            __builtin_memcpy(&quad, a + r * lda + (size_t)g * 4, 4);
            TFLM_DPBUSD(acc[r], _mm256_set1_epi32(quad), w);
        }
    }
    const __m256i out_offset = _mm256_set1_epi32(p->params.output_offset);
    const __m256i act_min = _mm256_set1_epi32(p->params.activation.min);
    const __m256i act_max = _mm256_set1_epi32(p->params.activation.max);
    const __m256i mult = _mm256_loadu_si256((const __m256i *)p->multiplier);
    const __m256i ls = _mm256_loadu_si256((const __m256i *)p->left_shift);
    const __m256i rs = _mm256_loadu_si256((const __m256i *)p->right_shift);
    const __mmask16 m = (__mmask16)((1u << out_c) - 1);
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
        __m256i y = right_only ? tflm_requant_right_avx2(acc[r], mult, rs)
                               : tflm_requant_avx2(acc[r], mult, ls, rs);
        y = _mm256_add_epi32(y, out_offset);
        y = _mm256_min_epi32(_mm256_max_epi32(y, act_min), act_max);
        _mm_mask_storeu_epi8(out + (size_t)r * out_c, m, _mm256_cvtepi32_epi8(y));
    }
}

static inline __attribute__((always_inline)) void
tiles(const tflm_conv_s8_x86 *p, const uint8_t *a, const int R, int32_t blocks, int8_t *out,
      int32_t out_c)
{
    const bool right_only = p->right_shift_only;
    if (out_c <= 8) {
        if (right_only) {
            tile8(p, a, R, true, out, out_c);
        } else {
            tile8(p, a, R, false, out, out_c);
        }
        return;
    }
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

/* Full tiles read in place: every block, rows[r] pixel r's first tap. */
static void direct_tiles(const tflm_conv_s8_x86 *p, const uint8_t *const rows[ROWS], int32_t blocks,
                         int8_t *out, int32_t out_c)
{
    const bool right_only = p->right_shift_only;
    int32_t ob = 0;
    for (; ob + 2 <= blocks; ob += 2) {
        if (right_only) {
            tile_direct(p, rows, ROWS, ob, 2, true, out, out_c);
        } else {
            tile_direct(p, rows, ROWS, ob, 2, false, out, out_c);
        }
    }
    if (ob < blocks) {
        if (right_only) {
            tile_direct(p, rows, ROWS, ob, 1, true, out, out_c);
        } else {
            tile_direct(p, rows, ROWS, ob, 1, false, out, out_c);
        }
    }
}

/* The padded image (conv_x86.h) of every batch: the padding's byte, then
 * each input row flipped into place. */
static void build_image(const tflm_conv_s8_x86 *p, const int8_t *input, uint8_t *image)
{
    const tflm_conv_s8_x86_image *im = &p->image;
    const int32_t in_h = p->input_dims.h, run = p->input_dims.w * p->input_dims.c;
    const size_t pitch = (size_t)im->w * p->input_dims.c;
    memset(image, (uint8_t)(128 - p->params.input_offset), im->bytes * (size_t)p->input_dims.n);
    for (int32_t b = 0; b < p->input_dims.n; ++b) {
        uint8_t *first = image + (size_t)b * im->bytes + (size_t)im->top * pitch +
                         (size_t)im->left * p->input_dims.c;
        for (int32_t y = 0; y < in_h; ++y) {
            flip(first + (size_t)y * pitch, input + ((size_t)b * in_h + y) * run, run);
        }
    }
}

void tflm_s8_conv_im2col_8x32__avx512vnni(const tflm_conv_s8_x86 *p, const int8_t *input,
                                          int8_t *output, void *scratch)
{
    assert(p->element_size == 1 && p->rows == ROWS && p->k_padded % 4 == 0 &&
           p->n_padded % 16 == 0 && p->input_dims.c == p->filter_dims.c &&
           ((uintptr_t)scratch & 15) == 0);
    const int32_t out_h = p->output_dims.h, out_w = p->output_dims.w, out_c = p->output_dims.c;
    const int32_t pixels = p->output_dims.n * out_h * out_w;
    const int32_t blocks = p->n_padded / 16;
    uint8_t *a = scratch;
    tflm_short_runs g;
    tflm_short_runs_init(&g, p, input);
    const bool runs_fit = tflm_short_runs_apply(p);
    const tflm_conv_s8_x86_image *im = &p->image;
    uint8_t *image = (uint8_t *)scratch + im->image_at;
    if (im->used) {
        build_image(p, input, image);
    }
    int32_t b = 0, oy = 0, ox = 0;
    for (int32_t p0 = 0; p0 < pixels; p0 += ROWS) {
        const int32_t rows = pixels - p0 < ROWS ? pixels - p0 : ROWS;
        if (im->used && rows == ROWS) {
            const uint8_t *first[ROWS];
            for (int32_t r = 0; r < ROWS; ++r) {
                first[r] = image + (size_t)b * im->bytes +
                           ((size_t)oy * p->params.stride_h * im->w + (size_t)ox * p->params.stride_w) *
                               p->input_dims.c;
                tflm_conv_next_pixel(&b, &oy, &ox, out_h, out_w);
            }
            direct_tiles(p, first, blocks, output + (size_t)p0 * out_c, out_c);
            continue;
        }
        if (p->pointwise) {
            flip(a, input + (size_t)p0 * p->k, rows * p->k);
        } else {
            for (int32_t r = 0; r < rows; ++r) {
                uint8_t *row = a + (size_t)r * p->k_padded;
                if (!(runs_fit && short_row(&g, b, oy, ox, row))) {
                    im2col_row(p, input, b, oy, ox, row);
                }
                tflm_conv_next_pixel(&b, &oy, &ox, out_h, out_w);
            }
        }
        int8_t *out = output + (size_t)p0 * out_c;
        switch (rows) { /* a tile per row count: a last partial tile (or a
                           fully connected layer's single batch) does no extra work */
        case 1: tiles(p, a, 1, blocks, out, out_c); break;
        case 2: tiles(p, a, 2, blocks, out, out_c); break;
        case 3: tiles(p, a, 3, blocks, out, out_c); break;
        case 4: tiles(p, a, 4, blocks, out, out_c); break;
        case 5: tiles(p, a, 5, blocks, out, out_c); break;
        case 6: tiles(p, a, 6, blocks, out, out_c); break;
        case 7: tiles(p, a, 7, blocks, out, out_c); break;
        default: tiles(p, a, ROWS, blocks, out, out_c); break;
        }
    }
}
