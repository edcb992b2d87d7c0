/*
 * s8_add_x4__mve.c - ADD int8 with Helium (MVE), four int32 lanes a step:
 * each offset input shifted left (wrapping, as the reference), brought to
 * the common scale, the two added (wrapping), the sum requantized, output
 * offset, clamp; the reference's arithmetic lane for lane
 * (s8_requant__mve.h). The reference's broadcast walk: each innermost run
 * reads an input contiguously or repeats one element (stride 1 or 0); the
 * last < 4 elements of a run are masked with a tail predicate.
 */
#include "../nn_common.h"
#include "add_arm.h"
#include "s8_requant__mve.h"

/* What every step reads, as vectors. */
typedef struct add_vectors {
    int32x4_t offset1, offset2, multiplier1, multiplier2, shift1, shift2;
    int32x4_t output_multiplier, output_shift;
    int32_t left_shift;
    tflm_mve_requant_out out;
} add_vectors;

static inline int32x4_t load(const int8_t *p, int32_t stride, mve_pred16_t lanes)
{
    return stride == 0 ? vdupq_n_s32(*p) : vldrbq_z_s32(p, lanes);
}

/* One input at the common scale. */
static inline int32x4_t rescale(const add_vectors *v, int32x4_t x, int32x4_t offset,
                                int32x4_t multiplier, int32x4_t shift)
{
    return tflm_mve_multiply_by_quantized_multiplier(vshlq_r_s32(vaddq_s32(x, offset), v->left_shift),
                                                     multiplier, shift);
}

/* n outputs from o on, inputs from i1 and i2 at strides t1 and t2. */
static inline void add_run(const add_vectors *v, const tflm_add_quant *q, const int8_t *in1,
                           const int8_t *in2, int8_t *out, size_t i1, size_t i2, size_t o,
                           int32_t n, int32_t t1, int32_t t2)
{
    const int8_t *p1 = in1 + i1, *p2 = in2 + i2;
    int8_t *y = out + o;
    if ((t1 | t2) & ~1) { /* a stride past 1: the reference's own loop */
        for (int32_t g = 0; g < n; ++g) {
            y[g] = (int8_t)tflm_add_quantized(q, p1[g * t1], p2[g * t2]);
        }
        return;
    }
    for (int32_t g = 0; g < n; g += 4) {
        const mve_pred16_t lanes = vctp32q((uint32_t)(n - g));
        const int32x4_t a = rescale(v, load(p1 + g * t1, t1, lanes), v->offset1, v->multiplier1, v->shift1);
        const int32x4_t b = rescale(v, load(p2 + g * t2, t2, lanes), v->offset2, v->multiplier2, v->shift2);
        const int32x4_t sum = vaddq_s32(a, b);
        vstrbq_p_s32(y + g, tflm_mve_requantize_s8x4(sum, v->output_multiplier, v->output_shift, &v->out),
                     lanes);
    }
}

#define ADD_RUN(v, q, in1, in2, out, i1, i2, o, n, t1, t2) add_run(v, q, in1, in2, out, i1, i2, o, n, t1, t2)

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
    /* A local copy: the int8 stores may alias anything, and would otherwise
       make the walk reload dims and strides every run. */
    const tflm_broadcast bc = *broadcast;
    TFLM_BROADCAST_FOR_EACH_RUN(&bc, ADD_RUN, &v, q, input1, input2, output);
}
