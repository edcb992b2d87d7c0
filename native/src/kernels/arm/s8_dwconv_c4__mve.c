/*
 * s8_dwconv_c4__mve.c - DEPTHWISE_CONV_2D int8 with Helium (MVE), any depth
 * multiplier: four output channels a vector (int32 lanes; VMUL and VADD,
 * as MVE has no lane-wise multiply-accumulate), the model's weights read
 * in place. Each lane reads its own input channel: with depth multiplier 1
 * four consecutive bytes, otherwise a gather of the lanes' channels
 * (offsets fixed per block).
 *
 * The outer loop is a block of four output channels, so its bias,
 * requantization pairs and offset term are read into vectors once for
 * every output pixel. Pixels whose window lies wholly inside the input
 * (the interior, where MobileNet spends its time, known per row without a
 * division) go four at a time along a row, sharing each weight load, with
 * the input offset's term io sum w folded into the starting sum; a pixel
 * whose window reaches into the padding runs alone over the taps inside,
 * adding io to each. The last block's missing channels are masked with a
 * tail predicate (VCTP): no load or store touches them. Requantization:
 * four lanes at once (s8_requant__mve.h).
 *
 * Exactness: |x + io| <= 255 and |w| <= 128, so products are exact; the
 * int32 sums wrap like the reference's, in which any order gives the same
 * result; the requantization is the reference's lane for lane.
 */
#include "../nn_common.h"
#include "depthwise_conv_arm.h"
#include "s8_requant__mve.h"

/* The convolution's shape, read once. */
typedef struct geometry {
    int32_t in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w;
    int32_t stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
    int32_t in_step_y, in_step_x; /* input bytes between taps */
    int32_t x_lo, x_hi;           /* output columns whose window is inside: [x_lo, x_hi) */
    int32_t io;
} geometry;

/* What every pixel of one block of four output channels shares. */
typedef struct block {
    mve_pred16_t lanes;     /* the block's channels that exist */
    uint32x4_t x_offsets;   /* each lane's input channel, from the block's first */
    int32x4_t bias;         /* bias (0 without one) */
    int32x4_t interior_sum; /* bias + io sum w over every tap */
    int32x4_t multiplier, shift;
    const int8_t *w;        /* filter tap (0, 0) of the block's first channel */
} block;

static inline __attribute__((always_inline)) int32x4_t load_x(const int8_t *px, const block *k, bool contiguous)
{
    return contiguous ? vldrbq_z_s32(px, k->lanes)
                      : vldrbq_gather_offset_z_s32(px, k->x_offsets, k->lanes);
}

static inline void store(const block *k, const tflm_mve_requant_out *out, int32x4_t acc,
                         int8_t *y)
{
    vstrbq_p_s32(y, tflm_mve_requantize_s8x4(acc, k->multiplier, k->shift, out), k->lanes);
}

/* Four interior pixels of a row from in (their first's tap (0, 0)). */
static inline __attribute__((always_inline)) void four_pixels(const geometry *g, const block *k, const tflm_mve_requant_out *out,
                               const int8_t *in, int8_t *y, bool contiguous)
{
    int32x4_t a0 = k->interior_sum, a1 = a0, a2 = a0, a3 = a0;
    const int32_t px = g->stride_w * g->in_c;
    const int8_t *w = k->w;
    for (int32_t ky = 0; ky < g->k_h; ++ky) {
        const int8_t *tap = in + (size_t)ky * g->in_step_y;
        for (int32_t kx = 0; kx < g->k_w; ++kx, tap += g->in_step_x, w += g->out_c) {
            const int32x4_t wv = vldrbq_z_s32(w, k->lanes);
            a0 = vaddq_s32(a0, vmulq_s32(load_x(tap, k, contiguous), wv));
            a1 = vaddq_s32(a1, vmulq_s32(load_x(tap + px, k, contiguous), wv));
            a2 = vaddq_s32(a2, vmulq_s32(load_x(tap + 2 * px, k, contiguous), wv));
            a3 = vaddq_s32(a3, vmulq_s32(load_x(tap + 3 * px, k, contiguous), wv));
        }
    }
    store(k, out, a0, y);
    store(k, out, a1, y + g->out_c);
    store(k, out, a2, y + 2 * g->out_c);
    store(k, out, a3, y + 3 * g->out_c);
}

/* One pixel, over the taps inside the input only: rows [ky0, ky1) from
 * in_y0, columns found here from in_x0. */
static inline __attribute__((always_inline)) void one_pixel(const geometry *g, const block *k, const tflm_mve_requant_out *out,
                             const int8_t *in_batch, int32_t in_y0, int32_t ky0, int32_t ky1,
                             int32_t in_x0, int8_t *y, bool contiguous)
{
    int32_t kx0, kx1;
    tflm_filter_taps(in_x0, g->dilation_w, g->k_w, g->in_w, &kx0, &kx1);
    int32x4_t acc = k->bias;
    for (int32_t ky = ky0; ky < ky1; ++ky) {
        const int8_t *tap = in_batch + ((size_t)(in_y0 + ky * g->dilation_h) * g->in_w + in_x0 +
                                        kx0 * g->dilation_w) * g->in_c;
        const int8_t *w = k->w + (size_t)(ky * g->k_w + kx0) * g->out_c;
        for (int32_t kx = kx0; kx < kx1; ++kx, tap += g->in_step_x, w += g->out_c) {
            const int32x4_t x = vaddq_n_s32(load_x(tap, k, contiguous), g->io);
            acc = vaddq_s32(acc, vmulq_s32(x, vldrbq_z_s32(w, k->lanes)));
        }
    }
    store(k, out, acc, y);
}

/* Every output pixel of one batch for block k; in_batch: the batch's input
 * at the block's first input channel, out_batch its output at the block's
 * first channel. */
static inline __attribute__((always_inline)) void run_block(const geometry *g, const block *k, const tflm_mve_requant_out *out,
                             const int8_t *in_batch, int8_t *out_batch, bool contiguous)
{
    for (int32_t oy = 0; oy < g->out_h; ++oy) {
        const int32_t in_y0 = oy * g->stride_h - g->pad_h;
        int32_t ky0, ky1;
        tflm_filter_taps(in_y0, g->dilation_h, g->k_h, g->in_h, &ky0, &ky1);
        const bool rows_inside = ky0 == 0 && ky1 == g->k_h;
        int8_t *y = out_batch + (size_t)oy * g->out_w * g->out_c;
        for (int32_t ox = 0; ox < g->out_w;) {
            const int32_t in_x0 = ox * g->stride_w - g->pad_w;
            if (rows_inside && ox >= g->x_lo && ox + 4 <= g->x_hi) {
                four_pixels(g, k, out, in_batch + ((size_t)in_y0 * g->in_w + in_x0) * g->in_c,
                            y + (size_t)ox * g->out_c, contiguous);
                ox += 4;
            } else {
                one_pixel(g, k, out, in_batch, in_y0, ky0, ky1, in_x0, y + (size_t)ox * g->out_c,
                          contiguous);
                ox += 1;
            }
        }
    }
}

void tflm_s8_dwconv_c4__mve(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output)
{
    (void)bias_dims;
    geometry g = {
        input_dims->h, input_dims->w, input_dims->c, output_dims->h, output_dims->w,
        output_dims->c, filter_dims->h, filter_dims->w, params->stride_h, params->stride_w,
        params->dilation_h, params->dilation_w, params->pad_h, params->pad_w,
        params->dilation_h * input_dims->w * input_dims->c, params->dilation_w * input_dims->c,
        0, 0, params->input_offset,
    };
    /* Interior columns: in_x0 >= 0 and in_x0 + (k_w - 1) dw < in_w. */
    const int32_t last_start = g.in_w - 1 - (g.k_w - 1) * g.dilation_w + g.pad_w;
    g.x_lo = (g.pad_w + g.stride_w - 1) / g.stride_w;
    g.x_hi = last_start < 0 ? 0 : last_start / g.stride_w + 1;
    g.x_hi = g.x_hi < g.out_w ? g.x_hi : g.out_w;
    const int32_t m = params->depth_multiplier;
    const tflm_mve_requant_out out =
        tflm_mve_requant_out_of(params->output_offset, params->activation.min, params->activation.max);
    for (int32_t c0 = 0; c0 < g.out_c; c0 += 4) {
        block k;
        k.lanes = vctp32q((uint32_t)(g.out_c - c0));
        const int32_t ic0 = c0 / m;
        uint32_t x_offsets[4];
        for (int32_t l = 0; l < 4; ++l) {
            x_offsets[l] = (uint32_t)((c0 + l) / m - ic0);
        }
        k.x_offsets = vldrwq_u32(x_offsets);
        k.w = filter + c0;
        k.bias = bias != NULL ? vldrwq_z_s32(bias + c0, k.lanes) : vdupq_n_s32(0);
        int32x4_t w_sum = vdupq_n_s32(0);
        for (int32_t t = 0; t < g.k_h * g.k_w; ++t) {
            w_sum = vaddq_s32(w_sum, vldrbq_z_s32(k.w + (size_t)t * g.out_c, k.lanes));
        }
        k.interior_sum = vmlaq_n_s32(k.bias, w_sum, g.io);
        k.multiplier = quant->per_tensor ? vdupq_n_s32(quant->multiplier[0])
                                         : vldrwq_z_s32(quant->multiplier + c0, k.lanes);
        k.shift = quant->per_tensor ? vdupq_n_s32(quant->shift[0])
                                    : vldrbq_z_s32(quant->shift + c0, k.lanes);
        for (int32_t b = 0; b < output_dims->n; ++b) {
            const int8_t *in_batch = input + (size_t)b * g.in_h * g.in_w * g.in_c + ic0;
            int8_t *out_batch = output + (size_t)b * g.out_h * g.out_w * g.out_c + c0;
            if (m == 1) {
                run_block(&g, &k, &out, in_batch, out_batch, true);
            } else {
                run_block(&g, &k, &out, in_batch, out_batch, false);
            }
        }
    }
}
