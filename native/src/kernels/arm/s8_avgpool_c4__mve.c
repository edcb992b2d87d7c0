/*
 * s8_avgpool_c4__mve.c - AVERAGE_POOL_2D int8 with Helium (MVE): four
 * channels a vector summed in int32 lanes (exact for any window), then the
 * reference's rounding division per channel (MVE has no integer divide);
 * the last depth % 4 channels masked with a tail predicate.
 */
#include <arm_mve.h>

#include "../nn_common.h"
#include "../pool_window.h"
#include "pooling_arm.h"

void tflm_s8_avgpool_c4__mve(const tflm_pool_params *params, const tflm_dims *input_dims,
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
                for (int32_t c = 0; c < depth; c += 4) {
                    const mve_pred16_t lanes = vctp32q((uint32_t)(depth - c));
                    int32x4_t sum = vdupq_n_s32(0);
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            sum = vaddq_s32(sum, vldrbq_z_s32(row + (size_t)x * depth, lanes));
                        }
                    }
                    int32_t sums[4];
                    vstrwq_s32(sums, sum);
                    for (int32_t l = 0; l < 4 && c + l < depth; ++l) {
                        const int32_t v = sums[l] > 0 ? (sums[l] + count / 2) / count
                                                      : (sums[l] - count / 2) / count;
                        out[c + l] = (int8_t)tflm_clamp_s32(v, act_min, act_max);
                    }
                }
            }
        }
    }
}
