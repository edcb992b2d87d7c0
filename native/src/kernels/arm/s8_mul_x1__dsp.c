/*
 * s8_mul_x1__dsp.c - MUL int8 at level ARM_DSP: the reference's element
 * loop and arithmetic (tflm_mul_requantize), with the quantization read once
 * into locals (the int8 stores could alias the fields otherwise) and the
 * multiplication by the quantized multiplier in s8_requant.h's exact
 * shorter form.
 */
#include "../nn_common.h"
#include "binary_arm.h"
#include "s8_requant.h"

static inline int8_t mul_one(const tflm_mul_quant *q, int32_t x1, int32_t x2)
{
    const int32_t product = (x1 + q->input1_offset) * (x2 + q->input2_offset); /* <= 255^2 */
    return tflm_arm_requantize_s8((uint32_t)product, q->output_multiplier, q->output_shift,
                                  q->output_offset, q->activation.min, q->activation.max);
}

void tflm_s8_mul_x1__dsp(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output)
{
    const tflm_mul_quant q = *quant;
    const tflm_broadcast bc = *broadcast;
#define MUL_ONE(i1, i2, o) output[o] = mul_one(&q, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(&bc, MUL_ONE);
#undef MUL_ONE
}
