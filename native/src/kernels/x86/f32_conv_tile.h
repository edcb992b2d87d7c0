/*
 * f32_conv_tile.h - the body of the float32 CONV_2D variants
 * (f32_conv_*.c), written once for any vector width. The including file
 * defines, before including it:
 *   VEC, LANES              the vector type and its float lanes
 *   VZERO(), VLOAD(p), VSET1(x), VADD(a, b), VMUL(a, b), VMAX(a, b), VMIN(a, b)
 *   VSTORE_FIRST(p, v, n)   stores lanes 0..n-1 of v (n <= LANES)
 *   TILE_PIXELS             output pixels per tile (their accumulators
 *                           times two channel blocks must fit the registers)
 * and gets f32_conv_body(plan, input, output).
 *
 * Each lane is one output channel and adds, from 0.0f, in * w for the
 * taps inside the input in the reference's order (rows, columns, input
 * channels), one mul then one add (-ffp-contract=off), then the bias, then
 * the clamp (max then min with the limit first: the reference's selects,
 * NaN included). Pixels are tiled only where their whole filter row lies
 * inside the input, so every pixel of a tile has the same taps; the
 * others go one at a time with their own tap range.
 */
#ifndef TFLM_X86_F32_CONV_TILE_H
#define TFLM_X86_F32_CONV_TILE_H

#include "conv_x86.h"

typedef struct conv_row {
    const float *in_batch;
    float *out;          /* the tile's first output pixel */
    int32_t in_y0, ky_start, ky_end;
    int32_t in_x0, kx_start, kx_end; /* of the tile's first pixel */
} conv_row;

/* `pixels` output pixels x `blocks` channel blocks from block `blk`;
 * constant arguments at each call site let the compiler keep the
 * accumulators in registers. */
static inline __attribute__((always_inline)) void
f32_conv_tile(const tflm_conv_f32_x86 *plan, const conv_row *row, int32_t blk, int pixels,
              int blocks)
{
    const tflm_conv_params *p = &plan->params;
    const int32_t in_w = plan->input_dims.w, in_c = plan->input_dims.c;
    const int32_t k_w = plan->filter_dims.w, out_c = plan->output_dims.c;
    const size_t block_floats = (size_t)plan->filter_dims.h * k_w * in_c * LANES;
    const size_t pixel_step = (size_t)p->stride_w * in_c;
    const float *weights = plan->filter + (size_t)blk * block_floats;
    VEC acc[TILE_PIXELS][2];
    for (int px = 0; px < pixels; ++px) {
        for (int b = 0; b < blocks; ++b) {
            acc[px][b] = VZERO();
        }
    }
    for (int32_t ky = row->ky_start; ky < row->ky_end; ++ky) {
        const int32_t in_y = row->in_y0 + ky * p->dilation_h;
        const float *in_row = row->in_batch + (size_t)in_y * in_w * in_c;
        for (int32_t kx = row->kx_start; kx < row->kx_end; ++kx) {
            const float *x = in_row + (size_t)(row->in_x0 + kx * p->dilation_w) * in_c;
            const float *w = weights + ((size_t)ky * k_w + kx) * in_c * LANES;
            for (int32_t i = 0; i < in_c; ++i) {
                VEC wv[2];
                for (int b = 0; b < blocks; ++b) {
                    wv[b] = VLOAD(w + (size_t)b * block_floats + (size_t)i * LANES);
                }
                for (int px = 0; px < pixels; ++px) {
                    const VEC xv = VSET1(x[(size_t)px * pixel_step + i]);
                    for (int b = 0; b < blocks; ++b) {
                        acc[px][b] = VADD(acc[px][b], VMUL(xv, wv[b]));
                    }
                }
            }
        }
    }
    const VEC lo = VSET1(p->activation_f32.min), hi = VSET1(p->activation_f32.max);
    for (int b = 0; b < blocks; ++b) {
        const int32_t o = (blk + b) * LANES;
        const VEC bias = VLOAD(plan->bias + o);
        const int32_t n = out_c - o < LANES ? out_c - o : LANES;
        for (int px = 0; px < pixels; ++px) {
            const VEC v = VMIN(hi, VMAX(lo, VADD(acc[px][b], bias)));
            VSTORE_FIRST(row->out + (size_t)px * out_c + o, v, n);
        }
    }
}

/* Every channel block of `pixels` pixels, two blocks at a time. */
static inline __attribute__((always_inline)) void
f32_conv_pixels(const tflm_conv_f32_x86 *plan, const conv_row *row, int pixels)
{
    const int32_t blocks = (plan->output_dims.c + LANES - 1) / LANES;
    int32_t blk = 0;
    for (; blk + 2 <= blocks; blk += 2) {
        f32_conv_tile(plan, row, blk, pixels, 2);
    }
    if (blk < blocks) {
        f32_conv_tile(plan, row, blk, pixels, 1);
    }
}

static void f32_conv_body(const tflm_conv_f32_x86 *plan, const float *input, float *output)
{
    const tflm_conv_params *p = &plan->params;
    const int32_t in_h = plan->input_dims.h, in_w = plan->input_dims.w, in_c = plan->input_dims.c;
    const int32_t k_h = plan->filter_dims.h, k_w = plan->filter_dims.w;
    const int32_t out_h = plan->output_dims.h, out_w = plan->output_dims.w;
    const int32_t out_c = plan->output_dims.c;
    for (int32_t b = 0; b < plan->output_dims.n; ++b) {
        conv_row row;
        row.in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            row.in_y0 = oy * p->stride_h - p->pad_h;
            tflm_filter_taps(row.in_y0, p->dilation_h, k_h, in_h, &row.ky_start, &row.ky_end);
            int32_t ox = 0;
            while (ox < out_w) {
                row.in_x0 = ox * p->stride_w - p->pad_w;
                row.out = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                tflm_filter_taps(row.in_x0, p->dilation_w, k_w, in_w, &row.kx_start, &row.kx_end);
                /* The first and the last pixel whole means every pixel between is. */
                const int32_t last_x0 = row.in_x0 + (TILE_PIXELS - 1) * p->stride_w;
                if (ox + TILE_PIXELS <= out_w && row.kx_start == 0 && row.kx_end == k_w &&
                    last_x0 + (k_w - 1) * p->dilation_w < in_w) {
                    f32_conv_pixels(plan, &row, TILE_PIXELS);
                    ox += TILE_PIXELS;
                } else {
                    f32_conv_pixels(plan, &row, 1);
                    ox += 1;
                }
            }
        }
    }
}

#endif /* TFLM_X86_F32_CONV_TILE_H */
