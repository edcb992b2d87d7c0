/*
 * s8_add_x4__mve.c - ADD int8 with Helium (MVE), four int32 lanes a step
 * (s8_binary_x4__mve.h): each offset input shifted left (wrapping, as the
 * reference), brought to the common scale, the two added (wrapping), the
 * sum requantized, output offset, clamp; the reference's arithmetic lane
 * for lane (s8_requant__mve.h).
 */
#include "../nn_common.h"
#include "binary_arm.h"
#include "s8_binary_x4__mve.h"
#include "s8_requant__mve.h"

/* What every step reads, as vectors. */
typedef struct add_vectors {
    int32x4_t offset1, offset2, multiplier1, multiplier2, shift1, shift2;
    int32x4_t output_multiplier, output_shift;
    int32_t left_shift;
    tflm_mve_requant_out out;
} add_vectors;

/* One input at the common scale. */
static inline int32x4_t rescale(const add_vectors *v, int32x4_t x, int32x4_t offset,
                                int32x4_t multiplier, int32x4_t shift)
{
    return tflm_mve_multiply_by_quantized_multiplier(vshlq_r_s32(vaddq_s32(x, offset), v->left_shift),
                                                     multiplier, shift);
}

static inline int32x4_t add_lanes(const void *vectors, int32x4_t x1, int32x4_t x2)
{
    const add_vectors *v = vectors;
    const int32x4_t sum = vaddq_s32(rescale(v, x1, v->offset1, v->multiplier1, v->shift1),
                                    rescale(v, x2, v->offset2, v->multiplier2, v->shift2));
    return tflm_mve_requantize_s8x4(sum, v->output_multiplier, v->output_shift, &v->out);
}

static inline int32_t add_scalar(const void *quant, int32_t x1, int32_t x2)
{
    return tflm_add_quantized(quant, x1, x2);
}

bool tflm_add_s8_mve_accepts(const tflm_add_quant *q)
{
    return q->left_shift >= 0 && q->left_shift <= 31 && q->input1_shift >= -31 &&
           q->input1_shift <= 31 && q->input2_shift >= -31 && q->input2_shift <= 31 &&
           q->output_shift >= -31 && q->output_shift <= 31;
}

void tflm_s8_add_x4__mve(const tflm_add_quant *q, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output)
{
    const add_vectors v = {
        vdupq_n_s32(q->input1_offset),
        vdupq_n_s32(q->input2_offset),
        vdupq_n_s32(q->input1_multiplier),
        vdupq_n_s32(q->input2_multiplier),
        vdupq_n_s32(q->input1_shift),
        vdupq_n_s32(q->input2_shift),
        vdupq_n_s32(q->output_multiplier),
        vdupq_n_s32(q->output_shift),
        q->left_shift,
        tflm_mve_requant_out_of(q->output_offset, q->activation.min, q->activation.max),
    };
    const tflm_mve_binary kernel = {add_lanes, &v, add_scalar, q, input1, input2, output};
    tflm_mve_binary_s8(broadcast, &kernel);
}
