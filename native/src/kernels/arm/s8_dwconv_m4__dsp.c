/*
 * s8_dwconv_m4__dsp.c - DEPTHWISE_CONV_2D int8 with the Cortex-M DSP
 * extension for few input channels: 4 outputs of the depth multiplier at a
 * time, two filter taps per multiply, no scratch.
 *
 * With fewer than 4 input channels (micro_speech's first layer: 1 channel,
 * depth multiplier 8, a 10x8 filter) blocks of 4 channels would be mostly
 * empty. Here a block is one input channel i and 4 consecutive indices
 * j0 .. j0 + 3 of the depth multiplier: output channels i * m + j0 + l,
 * whose weights at one tap are 4 consecutive bytes of the filter. The
 * weights are read in place, 4 taps at a time: the weight words of taps t
 * and t + 2, interleaved by PKHBT / PKHTB and widened by SXTB16, give each
 * lane its (tap t, tap t + 2) pair, as SXTB16 gives of the input word of
 * taps t .. t + 3; likewise taps t + 1 and t + 3. One SMLAD per lane and
 * pair adds two products.
 *
 * A filter row of a multiple of 4 taps over one channel without dilation
 * reads the input a word at a time; any other shape (and a word that
 * crosses the input's edge) gathers the 4 taps' bytes one by one.
 *
 * Exactness and requantization: s8_dwconv_lanes__dsp.h.
 */
#include "depthwise_conv_arm.h"
#include "s8_dwconv_lanes__dsp.h"

#if !defined(__ARM_FEATURE_DSP)
#error "s8_dwconv_m4__dsp.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

/* Adds 4 taps: x their input bytes, w0 .. w3 their weight words (4 lanes
 * each). */
static inline __attribute__((always_inline)) void taps4(uint32_t x, uint32_t w0, uint32_t w1,
                                                        uint32_t w2, uint32_t w3, sums *s)
{
    const int16x2_t x02 = __sxtb16((int8x4_t)x), x13 = tflm_dsp_sxtb16_odd(x);
    const uint32_t ab02 = low_halves(w0, w2), cd02 = high_halves(w0, w2);
    s->a0 = __smlad(x02, __sxtb16((int8x4_t)ab02), s->a0);
    s->a1 = __smlad(x02, tflm_dsp_sxtb16_odd(ab02), s->a1);
    s->a2 = __smlad(x02, __sxtb16((int8x4_t)cd02), s->a2);
    s->a3 = __smlad(x02, tflm_dsp_sxtb16_odd(cd02), s->a3);
    const uint32_t ab13 = low_halves(w1, w3), cd13 = high_halves(w1, w3);
    s->a0 = __smlad(x13, __sxtb16((int8x4_t)ab13), s->a0);
    s->a1 = __smlad(x13, tflm_dsp_sxtb16_odd(ab13), s->a1);
    s->a2 = __smlad(x13, __sxtb16((int8x4_t)cd13), s->a2);
    s->a3 = __smlad(x13, tflm_dsp_sxtb16_odd(cd13), s->a3);
}

/* Adds 4 taps whose weights start at w, a tap every step bytes. */
static inline __attribute__((always_inline)) void taps4_at(uint32_t x, const int8_t *w,
                                                           int32_t step, sums *s)
{
    taps4(x, tflm_dsp_load4(w), tflm_dsp_load4(w + step), tflm_dsp_load4(w + 2 * step),
          tflm_dsp_load4(w + 3 * step), s);
}

/* Where a pixel's window starts, and what lies outside the input. */
typedef struct dw_window {
    const int8_t *in;   /* the batch's input at channel i              */
    int32_t y0, x0;     /* the window's origin (may lie in the padding) */
    uint32_t zero;      /* the input zero point's byte                  */
} dw_window;

/* Input byte of tap (ky, kx), the zero point outside the input. */
static inline uint32_t tap_byte(const tflm_conv_params *params, const tflm_dims *input_dims,
                                const dw_window *win, int32_t ky, int32_t kx)
{
    const int32_t y = win->y0 + ky * params->dilation_h, x = win->x0 + kx * params->dilation_w;
    if (y < 0 || y >= input_dims->h || x < 0 || x >= input_dims->w) {
        return win->zero;
    }
    return (uint8_t)win->in[((size_t)y * input_dims->w + x) * input_dims->c];
}

/* A pixel's sums for a window wholly inside the input, filter rows of a
 * multiple of 4 taps over one channel without dilation: row the window's
 * first input byte, a word of input per 4 taps of a row. Apart from the
 * edge cases below, so that the sums keep their registers. */
static __attribute__((noinline)) void dot_rows_inside(const int8_t *row, const int8_t *w,
                                                      int32_t row_step, int32_t k_h, int32_t k_w,
                                                      int32_t out_c, sums *s)
{
    sums a = *s;
    const int32_t w_step = 4 * out_c;
    for (int32_t ky = 0; ky < k_h; ++ky, row += row_step) {
        for (int32_t kx = 0; kx < k_w; kx += 4, w += w_step) {
            taps4_at(tflm_dsp_load4(row + kx), w, out_c, &a);
        }
    }
    *s = a;
}

/* A pixel's sums, filter rows of a multiple of 4 taps over one channel
 * without dilation: a word of input per 4 taps of a row. */
static void dot_rows(const tflm_conv_params *params, const tflm_dims *input_dims,
                     const tflm_dims *filter_dims, const int8_t *w, const dw_window *win, sums *s)
{
    const int32_t k_w = filter_dims->w, out_c = filter_dims->c, in_w = input_dims->w;
    const uint32_t zero4 = win->zero * 0x01010101u;
    const bool cols_inside = win->x0 >= 0 && win->x0 + k_w <= in_w;
    if (cols_inside && win->y0 >= 0 &&
        win->y0 + (filter_dims->h - 1) * params->dilation_h < input_dims->h) {
        dot_rows_inside(win->in + (size_t)win->y0 * in_w + win->x0, w, params->dilation_h * in_w,
                        filter_dims->h, k_w, out_c, s);
        return;
    }
    for (int32_t ky = 0; ky < filter_dims->h; ++ky, w += (size_t)k_w * out_c) {
        const int32_t y = win->y0 + ky * params->dilation_h;
        const bool row_inside = y >= 0 && y < input_dims->h;
        const int8_t *row = win->in + (size_t)y * in_w + win->x0;
        for (int32_t kx = 0; kx < k_w; kx += 4) {
            uint32_t x = zero4;
            if (row_inside && cols_inside) {
                x = tflm_dsp_load4(row + kx);
            } else if (row_inside) {
                x = tap_byte(params, input_dims, win, ky, kx) |
                    tap_byte(params, input_dims, win, ky, kx + 1) << 8 |
                    tap_byte(params, input_dims, win, ky, kx + 2) << 16 |
                    tap_byte(params, input_dims, win, ky, kx + 3) << 24;
            }
            taps4_at(x, w + (size_t)kx * out_c, out_c, s);
        }
    }
}

/* A pixel's sums, any filter: the taps in order, 4 at a time, their bytes
 * gathered one by one; past the last tap, zero input and weights. */
static void dot_any(const tflm_conv_params *params, const tflm_dims *input_dims,
                    const tflm_dims *filter_dims, const int8_t *w, const dw_window *win, sums *s)
{
    const int32_t k_w = filter_dims->w, out_c = filter_dims->c;
    const int32_t taps = filter_dims->h * k_w;
    int32_t ky = 0, kx = 0;
    for (int32_t t = 0; t < taps; t += 4) {
        uint32_t x = 0, ws[4] = {0, 0, 0, 0};
        for (int32_t q = 0; q < 4 && t + q < taps; ++q) {
            x |= tap_byte(params, input_dims, win, ky, kx) << (8 * q);
            ws[q] = tflm_dsp_load4(w + (size_t)(t + q) * out_c);
            if (++kx == k_w) {
                kx = 0;
                ++ky;
            }
        }
        taps4(x, ws[0], ws[1], ws[2], ws[3], s);
    }
}

/* Sets up block (i, j0) and returns its first output channel. */
static int32_t begin_block(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                           const tflm_dims *filter_dims, const int8_t *filter,
                           const int32_t *bias, int32_t i, int32_t j0, dw_block *blk)
{
    const int32_t o0 = i * params->depth_multiplier + j0, out_c = filter_dims->c;
    const int32_t taps = filter_dims->h * filter_dims->w;
    uint32_t sum_w[LANES] = {0};
    blk->lanes = LANES;
    for (int32_t l = 0; l < LANES; ++l) {
        blk->out[l] = o0 + l;
        for (int32_t t = 0; t < taps; ++t) {
            sum_w[l] += (uint32_t)filter[(size_t)t * out_c + o0 + l];
        }
    }
    dw_set_lanes(params, quant, bias, sum_w, blk);
    return o0;
}

void tflm_s8_dwconv_m4__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output)
{
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const bool rows = in_c == 1 && params->dilation_w == 1 && filter_dims->w % 4 == 0;
    const uint32_t lo4 = (uint32_t)(uint8_t)params->activation.min * 0x01010101u;
    const uint32_t hi4 = (uint32_t)(uint8_t)params->activation.max * 0x01010101u;
    dw_window win = {.zero = (uint8_t)(-params->input_offset)};
    for (int32_t i = 0; i < in_c; ++i) {
        for (int32_t j0 = 0; j0 < params->depth_multiplier; j0 += LANES) {
            dw_block blk;
            const int32_t o0 = begin_block(params, quant, filter_dims, filter, bias, i, j0, &blk);
            const int8_t *w = filter + o0;
            for (int32_t b = 0; b < output_dims->n; ++b) {
                win.in = input + (size_t)b * in_h * in_w * in_c + i;
                int8_t *out_px = output + (size_t)b * out_h * out_w * out_c;
                for (int32_t oy = 0; oy < out_h; ++oy) {
                    win.y0 = oy * params->stride_h - params->pad_h;
                    for (int32_t ox = 0; ox < out_w; ++ox, out_px += out_c) {
                        win.x0 = ox * params->stride_w - params->pad_w;
                        sums s = start_sums(&blk);
                        if (rows) {
                            dot_rows(params, input_dims, filter_dims, w, &win, &s);
                        } else {
                            dot_any(params, input_dims, filter_dims, w, &win, &s);
                        }
                        finish(&blk, s, params, lo4, hi4, true, out_px);
                    }
                }
            }
        }
    }
}
