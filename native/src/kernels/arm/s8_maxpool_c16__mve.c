/*
 * s8_maxpool_c16__mve.c - MAX_POOL_2D int8 with Helium (MVE): sixteen
 * channels a vector, VMAX over the window, then the activation clamp; the
 * last depth % 16 channels masked with a tail predicate.
 */
#include <arm_mve.h>

#include "../nn_common.h"
#include "../pool_window.h"
#include "pooling_arm.h"

void tflm_s8_maxpool_c16__mve(const tflm_pool_params *params, const tflm_dims *input_dims,
                              const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    const int32_t depth = output_dims->c, in_w = input_dims->w;
    const int8x16_t lo = vdupq_n_s8((int8_t)params->activation.min);
    const int8x16_t hi = vdupq_n_s8((int8_t)params->activation.max);
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * input_dims->h * in_w * depth;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                int8_t *out = output + (((size_t)b * output_dims->h + oy) * output_dims->w + ox) * depth;
                for (int32_t c = 0; c < depth; c += 16) {
                    const mve_pred16_t lanes = vctp8q((uint32_t)(depth - c));
                    int8x16_t m = vdupq_n_s8(-128);
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const int8_t *row = in_batch + (size_t)y * in_w * depth + c;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            m = vmaxq_s8(m, vldrbq_z_s8(row + (size_t)x * depth, lanes));
                        }
                    }
                    vstrbq_p_s8(out + c, vminq_s8(vmaxq_s8(m, lo), hi), lanes);
                }
            }
        }
    }
}
