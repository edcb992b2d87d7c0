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

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const tflm_activation *act = kernel;
    int8_t *out = p->out;
    for (int32_t c = 0; c < p->depth; c += 4) {
        const mve_pred16_t lanes = vctp32q((uint32_t)(p->depth - c));
        int32x4_t sum = vdupq_n_s32(0);
        for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
            const int8_t *row = (const int8_t *)p->in + (size_t)y * p->in_w * p->depth + c;
            for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
                sum = vaddq_s32(sum, vldrbq_z_s32(row + (size_t)x * p->depth, lanes));
            }
        }
        int32_t sums[4];
        vstrwq_s32(sums, sum);
        for (int32_t l = 0; l < 4 && c + l < p->depth; ++l) {
            out[c + l] = tflm_pool_average_s8(sums[l], p->count, act);
        }
    }
}

void tflm_s8_avgpool_c4__mve(const tflm_pool_params *params, const tflm_dims *input_dims,
                             const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, 1, pixel,
                             &params->activation);
}
