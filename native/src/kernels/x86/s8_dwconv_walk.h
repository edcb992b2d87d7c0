/*
 * s8_dwconv_walk.h - the walk of the int8 DEPTHWISE_CONV_2D x86 variants over
 * one channel block: every output pixel, and per pixel the taps of its
 * filter window that fall inside the input, as the reference picks them
 * (tflm_filter_taps). A window wholly inside the input is walked with the
 * plan's precomputed tap offsets, with no per-tap index arithmetic.
 *
 * The variant brings its vector arithmetic as three callbacks on its own
 * state: start a pixel's sum, add one tap, requantize and store; and may
 * bring a fourth that takes a row's run of windows whose columns are all
 * inside at once
 * (to sum several pixels per pass over the taps). Walk and
 * callbacks are always_inline and the callbacks are passed as constants, so
 * each variant compiles to its own loop nest with its arithmetic in it and
 * its state in registers (no calls, no function pointers at run time).
 */
#ifndef TFLM_KERNELS_X86_S8_DWCONV_WALK_H
#define TFLM_KERNELS_X86_S8_DWCONV_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "depthwise_conv_x86.h"

/* A pixel's sum starts (from the block's bias, typically). */
typedef void (*tflm_dwconv_begin_fn)(void *state);
/* One tap: src is the input pixel at the block's first input channel, w the
 * block's widened weights of that tap (block int32). */
typedef void (*tflm_dwconv_tap_fn)(void *state, const int8_t *src, const int32_t *w);
/* The pixel is summed: out is its output at the block's first channel. */
typedef void (*tflm_dwconv_end_fn)(void *state, int8_t *out);
/* count >= 1 consecutive pixels of one row whose windows hold the same
 * taps [t0, t1): whole filter rows, each tap inside the input. window is the
 * first pixel's tap t0 (at the block's first channel), out its output; pixel
 * i's are stride_w * in_c and out_c bytes further. */
typedef void (*tflm_dwconv_run_fn)(void *state, const int8_t *window, int8_t *out,
                                   int32_t count, int32_t t0, int32_t t1);

/*
 * Every output pixel of one channel block, batch by batch, row by row.
 * input: the input at the block's first input channel; output: the output
 * at its first output channel; weights: its widened weights, block int32
 * per tap (tflm_depthwise_conv_s8_x86_widen). run may be NULL: every
 * pixel then goes through begin / tap / end.
 */
static inline __attribute__((always_inline)) void
tflm_dwconv_walk(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input, int8_t *output,
                 const int32_t *weights, const int32_t block, tflm_dwconv_begin_fn begin,
                 tflm_dwconv_tap_fn tap, tflm_dwconv_end_fn end, tflm_dwconv_run_fn run,
                 void *state)
{
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, in_c = p->input_dims.c;
    const int32_t k_h = p->filter_dims.h, k_w = p->filter_dims.w, taps = k_h * k_w;
    const int32_t out_h = p->output_dims.h, out_w = p->output_dims.w, out_c = p->output_dims.c;
    /* Output columns [ox_lo, ox_hi) see the whole filter row inside the input. */
    const int32_t ox_lo = (c->pad_w + c->stride_w - 1) / c->stride_w;
    const int32_t x_span = in_w - 1 + c->pad_w - (k_w - 1) * c->dilation_w;
    const int32_t ox_end = x_span < 0 ? 0 : x_span / c->stride_w + 1;
    const int32_t ox_hi = ox_end < out_w ? ox_end : out_w;
    for (int32_t b = 0; b < p->output_dims.n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int32_t y0 = oy * c->stride_h - c->pad_h;
            int32_t ky0, ky1;
            tflm_filter_taps(y0, c->dilation_h, k_h, in_h, &ky0, &ky1);
            int8_t *out_row = output + ((size_t)b * out_h + oy) * out_w * out_c;
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const int32_t x0 = ox * c->stride_w - c->pad_w;
                if (run != NULL && ky1 > ky0 && ox == ox_lo && ox_lo < ox_hi) {
                    const int32_t y = y0 + ky0 * c->dilation_h;
                    run(state, in_batch + ((size_t)y * in_w + x0) * in_c,
                        out_row + (size_t)ox * out_c, ox_hi - ox_lo, ky0 * k_w, ky1 * k_w);
                    ox = ox_hi - 1;
                    continue;
                }
                int32_t kx0 = 0, kx1 = k_w; /* interior: every tap, no division */
                if (ox < ox_lo || ox >= ox_hi) {
                    tflm_filter_taps(x0, c->dilation_w, k_w, in_w, &kx0, &kx1);
                }
                begin(state);
                if (ky0 == 0 && ky1 == k_h && kx0 == 0 && kx1 == k_w) {
                    const int8_t *window = in_batch + ((size_t)y0 * in_w + x0) * in_c;
                    for (int32_t t = 0; t < taps; ++t) {
                        tap(state, window + p->tap_offset[t], weights + (size_t)t * block);
                    }
                } else {
                    for (int32_t ky = ky0; ky < ky1; ++ky) {
                        const int32_t y = y0 + ky * c->dilation_h;
                        const int8_t *row = in_batch + (size_t)y * in_w * in_c;
                        const int32_t *w_row = weights + (size_t)ky * k_w * block;
                        for (int32_t kx = kx0; kx < kx1; ++kx) {
                            const int32_t x = x0 + kx * c->dilation_w;
                            tap(state, row + (size_t)x * in_c, w_row + (size_t)kx * block);
                        }
                    }
                }
                end(state, out_row + (size_t)ox * out_c);
            }
        }
    }
}

#endif /* TFLM_KERNELS_X86_S8_DWCONV_WALK_H */
