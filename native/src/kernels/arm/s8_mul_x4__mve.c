/*
 * s8_mul_x4__mve.c - MUL int8 with Helium (MVE), four int32 lanes a step
 * (s8_binary_x4__mve.h): the product of the offset inputs (at most
 * 255 x 255: exact), requantized, output offset, clamp; the reference's
 * arithmetic lane for lane (s8_requant__mve.h).
 */
#include "../nn_common.h"
#include "binary_arm.h"
#include "s8_binary_x4__mve.h"
#include "s8_requant__mve.h"

typedef struct mul_vectors {
    int32x4_t offset1, offset2, multiplier, shift;
    tflm_mve_requant_out out;
} mul_vectors;

static inline int32x4_t mul_lanes(const void *vectors, int32x4_t x1, int32x4_t x2)
{
    const mul_vectors *v = vectors;
    const int32x4_t product = vmulq_s32(vaddq_s32(x1, v->offset1), vaddq_s32(x2, v->offset2));
    return tflm_mve_requantize_s8x4(product, v->multiplier, v->shift, &v->out);
}

static inline int32_t mul_scalar(const void *quant, int32_t x1, int32_t x2)
{
    return tflm_mul_requantize(quant, x1, x2);
}

bool tflm_mul_s8_mve_accepts(const tflm_mul_quant *q)
{
    return q->output_shift >= -31 && q->output_shift <= 31;
}

void tflm_s8_mul_x4__mve(const tflm_mul_quant *q, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output)
{
    const mul_vectors v = {
        vdupq_n_s32(q->input1_offset),
        vdupq_n_s32(q->input2_offset),
        vdupq_n_s32(q->output_multiplier),
        vdupq_n_s32(q->output_shift),
        tflm_mve_requant_out_of(q->output_offset, q->activation.min, q->activation.max),
    };
    const tflm_mve_binary kernel = {mul_lanes, &v, mul_scalar, q, input1, input2, output};
    tflm_mve_binary_s8(broadcast, &kernel);
}
