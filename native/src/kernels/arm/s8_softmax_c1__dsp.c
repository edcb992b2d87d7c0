/*
 * s8_softmax_c1__dsp.c - SOFTMAX int8 -> int8 / int16 with the DSP
 * extension (softmax_arm.h): the reference's arithmetic element by element
 * (softmax.h, fixed_point_math.h), with the row maximum taken four bytes a
 * word (SSUB8 sets a byte's flag where the word's byte is the larger, SEL
 * keeps it) and each exp of the row's first TFLM_SOFTMAX_ARM_CACHED
 * elements computed once: the sum's pass keeps them for the outputs' pass.
 */
#include "s8_pairs__dsp.h"
#include "softmax_arm.h"

static int32_t row_max(const int8_t *row, int32_t depth)
{
    uint32_t m = 0x80808080u;
    int32_t c = 0;
    for (; c + 4 <= depth; c += 4) {
        const uint32_t w = tflm_dsp_load4(row + c);
        (void)__ssub8((int8x4_t)w, (int8x4_t)m);
        m = (uint32_t)__sel((uint8x4_t)w, (uint8x4_t)m);
    }
    int32_t max = INT8_MIN;
    for (int32_t b = 0; b < 4; ++b) {
        const int32_t v = (int8_t)(m >> (8 * b));
        max = v > max ? v : max;
    }
    for (; c < depth; ++c) {
        max = row[c] > max ? row[c] : max;
    }
    return max;
}

static inline void softmax_row(const tflm_softmax_quant *q, int32_t depth, const int8_t *in,
                               void *out, int out_bits)
{
    const int32_t out_min = out_bits == 8 ? INT8_MIN : INT16_MIN;
    const int32_t out_max = out_bits == 8 ? INT8_MAX : INT16_MAX;
    const int32_t max = row_max(in, depth);
    int32_t cached[TFLM_SOFTMAX_ARM_CACHED];
    int32_t sum = 0;
    for (int32_t c = 0; c < depth; ++c) {
        const int32_t diff = (int32_t)in[c] - max;
        if (diff >= q->diff_min) {
            const int32_t e = tflm_softmax_exp_q0(q, diff);
            sum = tflm_fp_add(sum, tflm_rounding_divide_by_pot(e, 12));
            if (c < TFLM_SOFTMAX_ARM_CACHED) {
                cached[c] = e;
            }
        }
    }
    int num_bits_over_unit;
    const int32_t scale = tflm_fp_reciprocal(sum, 12, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - out_bits; /* beyond 31: all 0 */
    for (int32_t c = 0; c < depth; ++c) {
        const int32_t diff = (int32_t)in[c] - max;
        int32_t value = out_min;
        if (diff >= q->diff_min) {
            const int32_t e = c < TFLM_SOFTMAX_ARM_CACHED ? cached[c] : tflm_softmax_exp_q0(q, diff);
            const int32_t product = tflm_saturating_rounding_doubling_high_mul(scale, e);
            value = (exponent <= 31 ? tflm_rounding_divide_by_pot(product, exponent) : 0) + out_min;
            value = value < out_min ? out_min : (value > out_max ? out_max : value);
        }
        if (out_bits == 8) {
            ((int8_t *)out)[c] = (int8_t)value;
        } else {
            ((int16_t *)out)[c] = (int16_t)value;
        }
    }
}

void tflm_s8_softmax_c1__dsp(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                             const int8_t *input, int8_t *output)
{
    for (int32_t r = 0; r < rows; ++r) {
        softmax_row(quant, depth, input + (size_t)r * depth, output + (size_t)r * depth, 8);
    }
}

void tflm_s8_s16_softmax_c1__dsp(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                 const int8_t *input, int16_t *output)
{
    for (int32_t r = 0; r < rows; ++r) {
        softmax_row(quant, depth, input + (size_t)r * depth, output + (size_t)r * depth, 16);
    }
}
