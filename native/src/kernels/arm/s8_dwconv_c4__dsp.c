/*
 * s8_dwconv_c4__dsp.c - DEPTHWISE_CONV_2D int8 with the Cortex-M DSP
 * extension: 4 channels at a time, two filter taps per multiply.
 *
 * The outer loop is a block of 4 input channels (and one index of the
 * depth multiplier: output channel (i + l) * m + j of lane l). Its weights
 * are widened once into scratch as int16 pairs (tap t, tap t + 1) per
 * lane, which every output pixel then reuses. Per pixel, two words of input
 * (4 channels at tap t and at tap t + 1) become, by PKHBT / PKHTB and
 * SXTB16, the same (tap t, tap t + 1) pairs per lane, and one SMLAD per
 * lane adds both products.
 *
 * Exactness and requantization: s8_dwconv_lanes__dsp.h.
 */
#include "depthwise_conv_arm.h"
#include "s8_dwconv_lanes__dsp.h"

#if !defined(__ARM_FEATURE_DSP)
#error "s8_dwconv_c4__dsp.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

/* Words of widened weights per tap pair (one int16 pair per lane), and for
 * an odd last tap (lanes (0, 2) and (1, 3), as SXTB16 splits a word). */
static int32_t weight_words(int32_t taps)
{
    return taps / 2 * LANES + taps % 2 * 2;
}

size_t tflm_s8_dwconv_c4__dsp_scratch_size(const tflm_dims *filter_dims)
{
    const int32_t taps = filter_dims->h * filter_dims->w;
    /* widened weights, the taps' input offsets, one gathered window */
    return (size_t)(weight_words(taps) + 2 * taps) * sizeof(uint32_t);
}

/* Sets up block (i0, j): its lanes, and its weights widened into w. */
static void begin_block(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                        const tflm_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                        int32_t in_c, int32_t i0, int32_t j, dw_block *blk, uint32_t *w)
{
    const int32_t m = params->depth_multiplier, out_c = filter_dims->c;
    const int32_t taps = filter_dims->h * filter_dims->w;
    blk->lanes = in_c - i0 < LANES ? in_c - i0 : LANES;
    int16_t tap_weight[LANES][2];
    uint32_t sum_w[LANES] = {0};
    for (int32_t l = 0; l < LANES; ++l) {
        blk->out[l] = l < blk->lanes ? (i0 + l) * m + j : 0;
    }
    for (int32_t t = 0; t < taps; ++t) {
        for (int32_t l = 0; l < LANES; ++l) {
            const int16_t v = l < blk->lanes ? filter[(size_t)t * out_c + blk->out[l]] : 0;
            tap_weight[l][t % 2] = v;
            sum_w[l] += (uint32_t)v;
        }
        if (t % 2 == 1) { /* a pair: (t - 1, t) per lane */
            for (int32_t l = 0; l < LANES; ++l) {
                *w++ = (uint16_t)tap_weight[l][0] | (uint32_t)(uint16_t)tap_weight[l][1] << 16;
            }
        } else if (t == taps - 1) { /* the odd last tap: lanes (0, 2), (1, 3) */
            *w++ = (uint16_t)tap_weight[0][0] | (uint32_t)(uint16_t)tap_weight[2][0] << 16;
            *w++ = (uint16_t)tap_weight[1][0] | (uint32_t)(uint16_t)tap_weight[3][0] << 16;
        }
    }
    dw_set_lanes(params, quant, bias, sum_w, blk);
}

/* Adds taps t and t + 1: xa and xb their 4 input bytes, w their widened
 * weights (a pair per lane). */
static inline __attribute__((always_inline)) void tap_pair(uint32_t xa, uint32_t xb,
                                                           const uint32_t *w, sums *s)
{
    const uint32_t ab = low_halves(xa, xb), cd = high_halves(xa, xb);
    s->a0 = __smlad(__sxtb16((int8x4_t)ab), (int16x2_t)w[0], s->a0);
    s->a1 = __smlad(tflm_dsp_sxtb16_odd(ab), (int16x2_t)w[1], s->a1);
    s->a2 = __smlad(__sxtb16((int8x4_t)cd), (int16x2_t)w[2], s->a2);
    s->a3 = __smlad(tflm_dsp_sxtb16_odd(cd), (int16x2_t)w[3], s->a3);
}

/* Adds an odd last tap: x its 4 input bytes, w its weights, lanes (0, 2)
 * and (1, 3). */
static inline __attribute__((always_inline)) void tap_single(uint32_t x, const uint32_t *w,
                                                             sums *s)
{
    const int16x2_t ac = __sxtb16((int8x4_t)x), bd = tflm_dsp_sxtb16_odd(x);
    s->a0 = __smlabb(ac, (int32_t)w[0], s->a0);
    s->a2 = __smlatt(ac, (int32_t)w[0], s->a2);
    s->a1 = __smlabb(bd, (int32_t)w[1], s->a1);
    s->a3 = __smlatt(bd, (int32_t)w[1], s->a3);
}

/* Adds a pixel whose window lies inside the input: tap t's 4 input bytes
 * are at base + offsets[t]. */
static inline __attribute__((always_inline)) void
dot_inside(const int8_t *base, const int32_t *offsets, const uint32_t *w, int32_t taps, sums *s)
{
    int32_t t = 0;
    for (; t + 2 <= taps; t += 2, w += LANES) {
        tap_pair(tflm_dsp_load4(base + offsets[t]), tflm_dsp_load4(base + offsets[t + 1]), w, s);
    }
    if (t < taps) {
        tap_single(tflm_dsp_load4(base + offsets[t]), w, s);
    }
}

/* Adds a gathered window (gather): tap t's 4 input bytes are win[t]. */
static inline __attribute__((always_inline)) void dot_window(const uint32_t *win,
                                                             const uint32_t *w, int32_t taps,
                                                             sums *s)
{
    int32_t t = 0;
    for (; t + 2 <= taps; t += 2, w += LANES) {
        tap_pair(win[t], win[t + 1], w, s);
    }
    if (t < taps) {
        tap_single(win[t], w, s);
    }
}

/* The 4 input bytes of a block at tap t of a pixel into win[t], the input
 * zero point for a tap outside the input or a lane past the block's. */
static void gather(const tflm_conv_params *params, const tflm_dims *input_dims,
                   const int8_t *in_batch, int32_t k_h, int32_t k_w, int32_t y0, int32_t x0,
                   int32_t lanes, uint32_t zero4, uint32_t *win)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const int32_t y = y0 + ky * params->dilation_h;
        for (int32_t kx = 0; kx < k_w; ++kx) {
            const int32_t x = x0 + kx * params->dilation_w;
            uint32_t word = zero4;
            if (y >= 0 && y < in_h && x >= 0 && x < in_w) {
                const int8_t *px = in_batch + ((size_t)y * in_w + x) * in_c;
                if (lanes == LANES) {
                    word = tflm_dsp_load4(px);
                } else {
                    for (int32_t l = 0; l < lanes; ++l) {
                        word = (word & ~(0xffu << (8 * l))) | (uint32_t)(uint8_t)px[l] << (8 * l);
                    }
                }
            }
            *win++ = word;
        }
    }
}

/* The first output index of a run of n whose windows (origin index
 * stride - pad, taps spanning (k - 1) dilation) lie inside [0, in), and one
 * past its last: [*lo, *hi), possibly empty. */
static void inside_range(int32_t stride, int32_t pad, int32_t k, int32_t dilation, int32_t in,
                         int32_t n, int32_t *lo, int32_t *hi)
{
    const int32_t span = in - 1 + pad - (k - 1) * dilation;
    const int32_t end = span < 0 ? 0 : span / stride + 1;
    *lo = (pad + stride - 1) / stride;
    *hi = end < n ? end : n;
}

void tflm_s8_dwconv_c4__dsp(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output, void *scratch)
{
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, taps = k_h * k_w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t m = params->depth_multiplier;
    uint32_t *w = scratch;
    int32_t *offsets = (int32_t *)w + weight_words(taps);
    uint32_t *win = (uint32_t *)offsets + taps;
    for (int32_t ky = 0, t = 0; ky < k_h; ++ky) {
        for (int32_t kx = 0; kx < k_w; ++kx, ++t) {
            offsets[t] = (ky * params->dilation_h * in_w + kx * params->dilation_w) * in_c;
        }
    }
    int32_t oy_lo, oy_hi, ox_lo, ox_hi;
    inside_range(params->stride_h, params->pad_h, k_h, params->dilation_h, in_h, out_h, &oy_lo,
                 &oy_hi);
    inside_range(params->stride_w, params->pad_w, k_w, params->dilation_w, in_w, out_w, &ox_lo,
                 &ox_hi);
    const uint32_t zero4 = (uint32_t)(uint8_t)(-params->input_offset) * 0x01010101u;
    const uint32_t lo4 = (uint32_t)(uint8_t)params->activation.min * 0x01010101u;
    const uint32_t hi4 = (uint32_t)(uint8_t)params->activation.max * 0x01010101u;
    const bool m1 = m == 1;
    const size_t x_step = (size_t)params->stride_w * in_c;
    for (int32_t j = 0; j < m; ++j) {
        for (int32_t i0 = 0; i0 < in_c; i0 += LANES) {
            dw_block blk;
            begin_block(params, quant, filter_dims, filter, bias, in_c, i0, j, &blk, w);
            for (int32_t b = 0; b < output_dims->n; ++b) {
                const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
                int8_t *out_px = output + (size_t)b * out_h * out_w * out_c;
                for (int32_t oy = 0; oy < out_h; ++oy) {
                    const int32_t y0 = oy * params->stride_h - params->pad_h;
                    const bool rows_inside = oy >= oy_lo && oy < oy_hi && blk.lanes == LANES;
                    for (int32_t ox = 0; ox < out_w; ++ox, out_px += out_c) {
                        const int32_t x0 = ox * params->stride_w - params->pad_w;
                        if (rows_inside && ox == ox_lo && ox_lo < ox_hi) {
                            /* the run of windows wholly inside the input */
                            const int8_t *base =
                                in_batch + ((size_t)y0 * in_w + x0) * in_c + i0;
                            for (; ox < ox_hi; ++ox, out_px += out_c, base += x_step) {
                                sums s = start_sums(&blk);
                                if (taps == 9) { /* 3x3: unrolled */
                                    dot_inside(base, offsets, w, 9, &s);
                                } else {
                                    dot_inside(base, offsets, w, taps, &s);
                                }
                                finish(&blk, s, params, lo4, hi4, m1, out_px);
                            }
                            --ox;
                            out_px -= out_c;
                            continue;
                        }
                        gather(params, input_dims, in_batch + i0, k_h, k_w, y0, x0, blk.lanes,
                               zero4, win);
                        sums s = start_sums(&blk);
                        dot_window(win, w, taps, &s);
                        finish(&blk, s, params, lo4, hi4, m1, out_px);
                    }
                }
            }
        }
    }
}
