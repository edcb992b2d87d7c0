/*
 * s8_s16_svdf_1x4__mve.c - SVDF int8 with an int16 state, with Helium
 * (MVE). The reference's steps (svdf.c), batch by batch:
 * - the state moves left one element, eight a step;
 * - the feature matmul: the input row against four filter rows at a time
 *   (s8_dot__mve.h), the input zero point's term -zp sum w added after;
 * - the time dot products: state and weights_time are both int16, eight
 *   lanes a VMLADAVA, the state zero point's term -state_zp sum w after;
 * - bias, the sum over rank and the output's requantization, as the
 *   reference.
 * Every int32 sum wraps, as the reference's, so any order is the same
 * int32, and the requantizations are the reference's functions. No
 * scratch: the weights and the input are read in place.
 */
#include <arm_mve.h>

#include "../fixed_point.h"
#include "s8_dot__mve.h"
#include "svdf_arm.h"

/* state[i] = state[i + 1] for i < n - 1: each step's load comes before the
 * store below it, and after the previous step's store. */
static void shift_left_one(int16_t *state, int32_t n)
{
    for (int32_t i = 0; i < n - 1; i += 8) {
        const mve_pred16_t lanes = vctp16q((uint32_t)(n - 1 - i));
        vstrhq_p_s16(state + i, vldrhq_z_s16(state + i + 1, lanes), lanes);
    }
}

/* The reference's int16 state value of a feature sum. */
static int16_t feature_to_state(uint32_t dot, const tflm_svdf_quant *quant)
{
    int32_t v = tflm_multiply_by_quantized_multiplier((int32_t)dot, quant->scale1_multiplier,
                                                      quant->scale1_shift);
    v = (int32_t)((uint32_t)v + (uint32_t)quant->state_zero_point);
    return (int16_t)(v < INT16_MIN ? INT16_MIN : v > INT16_MAX ? INT16_MAX : v);
}

/* sum wt[j] * (s[j] - state_zp) over the memory, modulo 2^32. */
static uint32_t time_dot(const int16_t *s, const int16_t *wt, int32_t memory, int32_t state_zp)
{
    int32_t dot = 0, w_sum = 0;
    for (int32_t j = 0; j < memory; j += 8) {
        const mve_pred16_t lanes = vctp16q((uint32_t)(memory - j));
        const int16x8_t w = vldrhq_z_s16(wt + j, lanes);
        dot = vmladavaq_s16(dot, w, vldrhq_z_s16(s + j, lanes));
        w_sum = vaddvaq_s16(w_sum, w);
    }
    return (uint32_t)dot - (uint32_t)state_zp * (uint32_t)w_sum;
}

void tflm_s8_s16_svdf_1x4__mve(const tflm_svdf_params *params, const tflm_svdf_quant *quant,
                               const int8_t *input, const int8_t *weights_feature,
                               const int16_t *weights_time, const int32_t *bias, int16_t *state,
                               int8_t *output)
{
    const int32_t input_size = params->input_size, filters = params->filters;
    const int32_t memory = params->memory, rank = params->rank, units = filters / rank;
    const uint32_t input_zp = (uint32_t)quant->input_zero_point;
    shift_left_one(state, params->batches * filters * memory);
    for (int32_t b = 0; b < params->batches; ++b) {
        const int8_t *in = input + (size_t)b * (size_t)input_size;
        int16_t *st = state + (size_t)b * (size_t)filters * (size_t)memory;
        for (int32_t r = 0; r < filters; r += 4) {
            /* Rows past the last are the last again, not stored. */
            const int8_t *w[4];
            for (int32_t i = 0; i < 4; ++i) {
                w[i] = weights_feature + (size_t)(r + i < filters ? r + i : filters - 1) * input_size;
            }
            int32_t dots[4], w_sums[4];
            tflm_mve_dot_1x4(in, w, input_size, dots, w_sums);
            for (int32_t i = 0; i < 4 && r + i < filters; ++i) {
                const uint32_t dot = (uint32_t)dots[i] - input_zp * (uint32_t)w_sums[i];
                st[(size_t)(r + i) * (size_t)memory + (size_t)(memory - 1)] = feature_to_state(dot, quant);
            }
        }
        for (int32_t u = 0; u < units; ++u) {
            uint32_t acc = bias != NULL ? (uint32_t)bias[u] : 0u;
            for (int32_t k = 0; k < rank; ++k) {
                const size_t row = (size_t)(u * rank + k) * (size_t)memory;
                acc += time_dot(st + row, weights_time + row, memory, quant->state_zero_point);
            }
            int32_t x = tflm_multiply_by_quantized_multiplier((int32_t)acc, quant->scale2_multiplier,
                                                              quant->scale2_shift);
            x = (int32_t)((uint32_t)x + (uint32_t)quant->output_zero_point);
            output[(size_t)b * (size_t)units + (size_t)u] =
                (int8_t)(x < INT8_MIN ? INT8_MIN : x > INT8_MAX ? INT8_MAX : x);
        }
    }
}
