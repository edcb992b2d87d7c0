/*
 * s8_avgpool_c4__dsp.c - AVERAGE_POOL_2D int8 with the Cortex-M DSP
 * extension: four channels in a word, SXTAB16 adding bytes 0 and 2 (and,
 * rotated, 1 and 3) to two int16 lanes of a sum each; exact for windows of
 * up to TFLM_ARM_AVGPOOL_DSP_MAX_TAPS taps (the glue checks), whose sums
 * stay within int16. Then the reference's rounding division per channel.
 * The last depth % 4 channels one by one.
 */
#include "../nn_common.h"
#include "../pool_window.h"
#include "pooling_arm.h"
#include "s8_pairs__dsp.h"

/* The reference's division of a window's sum by its count of taps. */
static inline int8_t average(int32_t sum, int32_t count, int32_t act_min, int32_t act_max)
{
    const int32_t v = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    return (int8_t)tflm_clamp_s32(v, act_min, act_max);
}

void tflm_s8_avgpool_c4__dsp(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    const int32_t depth = output_dims->c, in_w = input_dims->w;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                const int32_t count = (w.y_end - w.y_start) * (w.x_end - w.x_start);
                int8_t *out = output + (((size_t)b * output_dims->h + oy) * output_dims->w + ox) * depth;
                int32_t c = 0;
                for (; c + 4 <= depth; c += 4) {
                    int16x2_t even = 0, odd = 0; /* channels c, c + 2 and c + 1, c + 3 */
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            const uint32_t word = tflm_dsp_load4(row + (size_t)x * depth);
                            even = __sxtab16(even, (int8x4_t)word);
                            odd = tflm_dsp_sxtab16_odd(odd, word);
                        }
                    }
                    out[c] = average((int16_t)even, count, act_min, act_max);
                    out[c + 1] = average((int16_t)odd, count, act_min, act_max);
                    out[c + 2] = average((int16_t)((uint32_t)even >> 16), count, act_min, act_max);
                    out[c + 3] = average((int16_t)((uint32_t)odd >> 16), count, act_min, act_max);
                }
                for (; c < depth; ++c) {
                    int32_t sum = 0;
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            sum += row[(size_t)x * depth];
                        }
                    }
                    out[c] = average(sum, count, act_min, act_max);
                }
            }
        }
    }
}
