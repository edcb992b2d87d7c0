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

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const tflm_activation *act = kernel;
    int8_t *out = p->out;
    int32_t c = 0;
    for (; c + 4 <= p->depth; c += 4) {
        int16x2_t even = 0, odd = 0; /* channels c, c + 2 and c + 1, c + 3 */
        for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
            const int8_t *row = (const int8_t *)p->in + (size_t)y * p->in_w * p->depth + c;
            for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
                const uint32_t word = tflm_dsp_load4(row + (size_t)x * p->depth);
                even = __sxtab16(even, (int8x4_t)word);
                odd = tflm_dsp_sxtab16_odd(odd, word);
            }
        }
        out[c] = tflm_pool_average_s8((int16_t)even, p->count, act);
        out[c + 1] = tflm_pool_average_s8((int16_t)odd, p->count, act);
        out[c + 2] = tflm_pool_average_s8((int16_t)((uint32_t)even >> 16), p->count, act);
        out[c + 3] = tflm_pool_average_s8((int16_t)((uint32_t)odd >> 16), p->count, act);
    }
    for (; c < p->depth; ++c) {
        out[c] = tflm_pool_average_s8(tflm_pool_channel_sum_s8(p, c), p->count, act);
    }
}

void tflm_s8_avgpool_c4__dsp(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, 1, pixel,
                             &params->activation);
}
