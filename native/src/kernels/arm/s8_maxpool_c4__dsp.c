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

void tflm_s8_maxpool_c4__dsp(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    const int32_t depth = output_dims->c, in_w = input_dims->w;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    const uint32_t lo = (uint32_t)(uint8_t)act_min * 0x01010101u;
    const uint32_t hi = (uint32_t)(uint8_t)act_max * 0x01010101u;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                int8_t *out = output + (((size_t)b * output_dims->h + oy) * output_dims->w + ox) * depth;
                int32_t c = 0;
                for (; c + 4 <= depth; c += 4) {
                    uint32_t m = 0x80808080u; /* -128 in every byte */
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = max4(tflm_dsp_load4(row + (size_t)x * depth), m);
                        }
                    }
                    m = min4(max4(m, lo), hi);
                    __builtin_memcpy(out + c, &m, sizeof m);
                }
                for (; c < depth; ++c) {
                    int32_t m = -128;
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = row[(size_t)x * depth] > m ? row[(size_t)x * depth] : m;
                        }
                    }
                    out[c] = (int8_t)tflm_clamp_s32(m, act_min, act_max);
                }
            }
        }
    }
}
