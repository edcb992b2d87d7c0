/*
 * s8_maxpool_c16__mve.c - MAX_POOL_2D int8 with Helium (MVE): sixteen
 * channels a vector, VMAX over the window, then the activation clamp; the
 * last depth % 16 channels masked with a tail predicate.
 */
#include <arm_mve.h>

#include "../nn_common.h"
#include "../pool_window.h"
#include "pooling_arm.h"

typedef struct clamp {
    int8x16_t lo, hi;
} clamp;

static inline void pixel(const void *kernel, const tflm_pool_pixel *p)
{
    const clamp *k = kernel;
    for (int32_t c = 0; c < p->depth; c += 16) {
        const mve_pred16_t lanes = vctp8q((uint32_t)(p->depth - c));
        int8x16_t m = vdupq_n_s8(-128);
        for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
            const int8_t *row = (const int8_t *)p->in + (size_t)y * p->in_w * p->depth + c;
            for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
                m = vmaxq_s8(m, vldrbq_z_s8(row + (size_t)x * p->depth, lanes));
            }
        }
        vstrbq_p_s8((int8_t *)p->out + c, vminq_s8(vmaxq_s8(m, k->lo), k->hi), lanes);
    }
}

void tflm_s8_maxpool_c16__mve(const tflm_pool_params *params, const tflm_dims *input_dims,
                              const int8_t *input, const tflm_dims *output_dims, int8_t *output)
{
    const clamp k = {vdupq_n_s8((int8_t)params->activation.min),
                     vdupq_n_s8((int8_t)params->activation.max)};
    tflm_pool_for_each_pixel(params, input_dims, input, output_dims, output, 1, pixel, &k);
}
