/*
 * sigmoid_tanh_s16.h - TensorFlow Lite's int16 logistic and tanh
 * (reference_integer_ops::Logistic / Tanh for int16): a 256-entry table of
 * sigmoid(i / 24) in Q0.16, linearly interpolated, tanh(x) read as
 * 2 sigmoid(2x) - 1. The specification of the int16 LOGISTIC and TANH
 * kernels and of the quantized LSTM's gates.
 */
#ifndef TFLM_SIGMOID_TANH_S16_H
#define TFLM_SIGMOID_TANH_S16_H

#include <stdint.h>

/* Largest input_left_shift the two functions take with multiplier 0:
 * (32767 * 3) << 14 still fits an int32. */
#define TFLM_SIGMOID_TANH_S16_MAX_LEFT_SHIFT 14

/* out[i] = logistic of in[i] scaled by input_multiplier / 2^input_left_shift
 * (Q3.12 in, Q0.15 out), for count elements; in and out may be the same.
 * input_multiplier 0 means 3 << input_left_shift (a power-of-two scale),
 * as in TF Lite. 0 <= input_left_shift <= 31 and the product of an int16
 * and the multiplier must fit an int32. */
void tflm_logistic_s16(int32_t input_multiplier, int32_t input_left_shift, int32_t count,
                       const int16_t *in, int16_t *out);

/* The same for tanh (Q0.15 out). */
void tflm_tanh_s16(int32_t input_multiplier, int32_t input_left_shift, int32_t count,
                   const int16_t *in, int16_t *out);

#endif /* TFLM_SIGMOID_TANH_S16_H */
