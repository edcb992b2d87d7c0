/*
 * s8_conv_im2col__avx2.h - im2col helpers of the CONV_2D int8 variants: the pixel
 * walk, and the fast path for an output pixel whose taps are all inside the input when a filter
 * row is one run of at most 16 adjacent bytes (dilation_w 1; first layers,
 * small in_c): plain 16-byte loads (masked moves cost 3x more on Zen 4)
 * and stores that may write past the row; those bytes are overwritten by
 * the next run, the padding or the next row, or land in the scratch's
 * TFLM_CONV_S8_X86_SLACK bytes. Include from a file compiled for AVX2.
 */
#ifndef TFLM_KERNELS_X86_S8_CONV_IM2COL_AVX2_H
#define TFLM_KERNELS_X86_S8_CONV_IM2COL_AVX2_H

#include <immintrin.h>
#include <stddef.h>

#include "conv_x86.h"

/* Steps (b, oy, ox) to the next output pixel. */
static inline void tflm_conv_next_pixel(int32_t *b, int32_t *oy, int32_t *ox, int32_t out_h,
                                        int32_t out_w)
{
    if (++*ox == out_w) {
        *ox = 0;
        if (++*oy == out_h) {
            *oy = 0;
            ++*b;
        }
    }
}

/* The geometry of the fast path, hoisted out of the pixel loop. */
typedef struct tflm_short_runs {
    const int8_t *input, *input_end;
    size_t batch_bytes, step; /* one batch; from a filter row to the next */
    int32_t in_h, in_w, in_c, stride_h, stride_w, pad_h, pad_w, k_h, k_w, y_span, run, k;
    __m128i place[16]; /* k <= 16: vpshufb moving filter row ky's run to ky x run */
} tflm_short_runs;

static inline void tflm_short_runs_init(tflm_short_runs *g, const tflm_conv_s8_x86 *p,
                                        const int8_t *input)
{
    const tflm_conv_params *c = &p->params;
    const tflm_dims *in = &p->input_dims;
    g->batch_bytes = (size_t)in->h * in->w * in->c;
    g->input = input;
    g->input_end = input + g->batch_bytes * in->n;
    g->step = (size_t)c->dilation_h * in->w * in->c;
    g->in_h = in->h, g->in_w = in->w, g->in_c = in->c;
    g->stride_h = c->stride_h, g->stride_w = c->stride_w;
    g->pad_h = c->pad_h, g->pad_w = c->pad_w;
    g->k_h = p->filter_dims.h, g->k_w = p->filter_dims.w;
    g->y_span = (g->k_h - 1) * c->dilation_h;
    g->run = g->k_w * in->c;
    g->k = p->k;
    for (int32_t ky = 0; ky < g->k_h && p->k <= 16; ++ky) {
        int8_t index[16];
        for (int32_t j = 0; j < 16; ++j) { /* bit 7: a zero byte */
            index[j] = (int8_t)(j >= ky * g->run && j < (ky + 1) * g->run ? j - ky * g->run : -1);
        }
        g->place[ky] = _mm_loadu_si128((const __m128i *)index);
    }
}

/* Whether the runs are short, for every pixel. */
static inline bool tflm_short_runs_apply(const tflm_conv_s8_x86 *p)
{
    return p->params.dilation_w == 1 && p->filter_dims.w * p->input_dims.c <= 16;
}

/* The first run of pixel (b, oy, ox) when its taps are all inside and 16
 * bytes from its last run are inside the input; else NULL. */
static inline __attribute__((always_inline)) const int8_t *
tflm_short_row_source(const tflm_short_runs *g, int32_t b, int32_t oy, int32_t ox)
{
    const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
    if (x0 < 0 || x0 + g->k_w > g->in_w || y0 < 0 || y0 + g->y_span >= g->in_h) {
        return NULL;
    }
    const int8_t *src = g->input + b * g->batch_bytes + ((size_t)y0 * g->in_w + x0) * g->in_c;
    if (src + (size_t)g->y_span * g->in_w * g->in_c + 16 > g->input_end) {
        return NULL;
    }
    return src;
}

#endif /* TFLM_KERNELS_X86_S8_CONV_IM2COL_AVX2_H */
