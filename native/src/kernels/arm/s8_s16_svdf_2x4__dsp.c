/*
 * s8_s16_svdf_2x4__dsp.c - SVDF int8 with an int16 state, with the
 * Cortex-M DSP extension.
 *
 * The steps are the reference's (svdf.c), batch by batch:
 * - the state moves left one element: a word (two elements) at a time;
 * - the feature matmul: the input row, less its zero point, is widened
 *   once into scratch as SXTB16 pairs (bytes 0 and 2, bytes 1 and 3 of each
 *   word); every 2 filter rows then take 4 inputs per SMLAD pair;
 * - the time dot products: state and weights_time are both int16, so a
 *   word of each is a pair for SMLAD as it is; a state zero point other
 *   than 0 subtracts state_zp * (sum of the row's weights);
 * - bias, the sum over rank and the output's requantization, as the
 *   reference.
 * Every int32 sum wraps, as the reference's, so any order is the same
 * int32 (SMLAD's sum wraps too; it only sets the Q flag), and the
 * requantizations are the reference's functions.
 */
#include <arm_acle.h>

#include "../fixed_point.h"
#include "s8_pairs__dsp.h"
#include "svdf_arm.h"

#if !defined(__ARM_FEATURE_DSP)
#error "s8_s16_svdf_2x4__dsp.c needs the DSP extension; arm/sources.cmake lists it for such cores only"
#endif

size_t tflm_s8_s16_svdf_2x4__dsp_scratch_size(const tflm_svdf_params *params)
{
    /* two words (an even and an odd pair) per 4 inputs */
    return (size_t)(params->input_size / 4) * 2 * sizeof(uint32_t);
}

/* state[i] = state[i + 1] for i < n - 1, in order (each word is read
 * before the word below it is written). */
static void shift_left_one(int16_t *state, size_t n)
{
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
        const uint32_t a = tflm_dsp_load4(state + i + 1), b = tflm_dsp_load4(state + i + 3);
        const uint32_t c = tflm_dsp_load4(state + i + 5), d = tflm_dsp_load4(state + i + 7);
        __builtin_memcpy(state + i, &a, sizeof a);
        __builtin_memcpy(state + i + 2, &b, sizeof b);
        __builtin_memcpy(state + i + 4, &c, sizeof c);
        __builtin_memcpy(state + i + 6, &d, sizeof d);
    }
    for (; i + 1 < n; ++i) {
        state[i] = state[i + 1];
    }
}

/* The input row less its zero point, 4 inputs to 2 words of pairs. */
static void widen_input(const int8_t *in, int32_t input_zp, int32_t groups, uint32_t *pairs)
{
    const int16x2_t minus_zp = tflm_dsp_pair_of(-input_zp);
    for (int32_t g = 0; g < groups; ++g) {
        const uint32_t x = tflm_dsp_load4(in + 4 * g);
        pairs[2 * g] = (uint32_t)__sxtab16(minus_zp, (int8x4_t)x);
        pairs[2 * g + 1] = (uint32_t)tflm_dsp_sxtab16_odd(minus_zp, x);
    }
}

/* The reference's int16 state value of a feature sum. */
static int16_t feature_to_state(int32_t dot, const tflm_svdf_quant *quant)
{
    int32_t v = tflm_multiply_by_quantized_multiplier(dot, quant->scale1_multiplier,
                                                      quant->scale1_shift);
    v = (int32_t)((uint32_t)v + (uint32_t)quant->state_zero_point);
    return (int16_t)(v < INT16_MIN ? INT16_MIN : v > INT16_MAX ? INT16_MAX : v);
}

/* The feature sums of rows w0 and w1 (w1 may equal w0): the widened groups,
 * then the inputs past them. */
static void feature_dot2(const int8_t *w0, const int8_t *w1, const int8_t *in,
                         const uint32_t *pairs, int32_t input_size, int32_t input_zp,
                         int32_t *dot0, int32_t *dot1)
{
    int32_t a0 = 0, a1 = 0, c = 0;
    for (; c + 4 <= input_size; c += 4, pairs += 2) {
        const int16x2_t xe = (int16x2_t)pairs[0], xo = (int16x2_t)pairs[1];
        const uint32_t v0 = tflm_dsp_load4(w0 + c), v1 = tflm_dsp_load4(w1 + c);
        a0 = __smlad(__sxtb16((int8x4_t)v0), xe, a0);
        a0 = __smlad(tflm_dsp_sxtb16_odd(v0), xo, a0);
        a1 = __smlad(__sxtb16((int8x4_t)v1), xe, a1);
        a1 = __smlad(tflm_dsp_sxtb16_odd(v1), xo, a1);
    }
    for (; c < input_size; ++c) {
        const int32_t x = in[c] - input_zp;
        a0 = (int32_t)((uint32_t)a0 + (uint32_t)(w0[c] * x));
        a1 = (int32_t)((uint32_t)a1 + (uint32_t)(w1[c] * x));
    }
    *dot0 = a0;
    *dot1 = a1;
}

/* sum wt[j] * (s[j] - state_zp) over the memory, modulo 2^32. */
static uint32_t time_dot(const int16_t *s, const int16_t *wt, int32_t memory, int32_t state_zp)
{
    int32_t acc = 0, j = 0;
    for (; j + 2 <= memory; j += 2) {
        acc = __smlad((int16x2_t)tflm_dsp_load4(wt + j), (int16x2_t)tflm_dsp_load4(s + j), acc);
    }
    uint32_t sum = (uint32_t)acc;
    for (; j < memory; ++j) {
        sum += (uint32_t)(wt[j] * s[j]);
    }
    if (state_zp != 0) {
        uint32_t sum_w = 0;
        for (j = 0; j < memory; ++j) {
            sum_w += (uint32_t)wt[j];
        }
        sum -= (uint32_t)state_zp * sum_w;
    }
    return sum;
}

void tflm_s8_s16_svdf_2x4__dsp(const tflm_svdf_params *params, const tflm_svdf_quant *quant,
                               const int8_t *input, const int8_t *weights_feature,
                               const int16_t *weights_time, const int32_t *bias, int16_t *state,
                               int8_t *output, void *scratch)
{
    const int32_t input_size = params->input_size, filters = params->filters;
    const int32_t memory = params->memory, rank = params->rank, units = filters / rank;
    const int32_t input_zp = quant->input_zero_point;
    uint32_t *pairs = scratch;
    shift_left_one(state, (size_t)params->batches * (size_t)filters * (size_t)memory);
    for (int32_t b = 0; b < params->batches; ++b) {
        const int8_t *in = input + (size_t)b * (size_t)input_size;
        int16_t *st = state + (size_t)b * (size_t)filters * (size_t)memory;
        widen_input(in, input_zp, input_size / 4, pairs);
        for (int32_t r = 0; r < filters; r += 2) {
            const int8_t *w0 = weights_feature + (size_t)r * (size_t)input_size;
            const int8_t *w1 = r + 1 < filters ? w0 + input_size : w0;
            int32_t dot0, dot1;
            feature_dot2(w0, w1, in, pairs, input_size, input_zp, &dot0, &dot1);
            st[(size_t)r * (size_t)memory + (size_t)(memory - 1)] = feature_to_state(dot0, quant);
            if (r + 1 < filters) {
                st[(size_t)(r + 1) * (size_t)memory + (size_t)(memory - 1)] =
                    feature_to_state(dot1, quant);
            }
        }
        for (int32_t u = 0; u < units; ++u) {
            uint32_t acc = bias != NULL ? (uint32_t)bias[u] : 0u;
            for (int32_t k = 0; k < rank; ++k) {
                const size_t row = (size_t)(u * rank + k) * (size_t)memory;
                acc += time_dot(st + row, weights_time + row, memory, quant->state_zero_point);
            }
            int32_t x = tflm_multiply_by_quantized_multiplier((int32_t)acc,
                                                              quant->scale2_multiplier,
                                                              quant->scale2_shift);
            x = (int32_t)((uint32_t)x + (uint32_t)quant->output_zero_point);
            output[(size_t)b * (size_t)units + (size_t)u] =
                (int8_t)(x < INT8_MIN ? INT8_MIN : x > INT8_MAX ? INT8_MAX : x);
        }
    }
}
