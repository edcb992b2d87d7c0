/*
 * s8_maxpool_c4__dsp.c - MAX_POOL_2D int8 with the Cortex-M DSP extension:
 * four channels in a word, SSUB8 setting a flag per byte where the new
 * value is at least the running maximum and SEL taking those bytes; the
 * activation clamp the same way. The last depth % 4 channels one by one.
 */
#include "../nn_common.h"
#include "../pool_window.h"
#include "pooling_arm.h"
#include "s8_pairs__dsp.h"

/* Bytewise signed max(a, b): SSUB8's flags for a - b >= 0, then SEL. */
static inline uint32_t max4(uint32_t a, uint32_t b)
{
    (void)__ssub8((int8x4_t)a, (int8x4_t)b);
    return (uint32_t)__sel((uint8x4_t)a, (uint8x4_t)b);
}

/* Bytewise signed min(a, b): the flags for b - a >= 0 take a. */
static inline uint32_t min4(uint32_t a, uint32_t b)
{
    (void)__ssub8((int8x4_t)b, (int8x4_t)a);
    return (uint32_t)__sel((uint8x4_t)a, (uint8x4_t)b);
}

/* The clamp: in every byte, and as int32 for the last channels. */
typedef struct clamp {
    uint32_t lo, hi;
    tflm_activation activation;
} clamp;

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const clamp *k = kernel;
    int8_t *out = p->out;
    int32_t c = 0;
    for (; c + 4 <= p->depth; c += 4) {
        uint32_t m = 0x80808080u; /* -128 in every byte */
        for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
            const int8_t *row = (const int8_t *)p->in + (size_t)y * p->in_w * p->depth + c;
            for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
                m = max4(tflm_dsp_load4(row + (size_t)x * p->depth), m);
            }
        }
        m = min4(max4(m, k->lo), k->hi);
        __builtin_memcpy(out + c, &m, sizeof m);
    }
    for (; c < p->depth; ++c) {
        out[c] = (int8_t)tflm_clamp_s32(tflm_pool_channel_max_s8(p, c), k->activation.min,
                                        k->activation.max);
    }
}

void tflm_s8_maxpool_c4__dsp(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    const clamp k = {(uint32_t)(uint8_t)params->activation.min * 0x01010101u,
                     (uint32_t)(uint8_t)params->activation.max * 0x01010101u, params->activation};
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, 1, pixel, &k);
}
