/*
 * fft_twiddle.h - kiss_fft's twiddle factors, bit for bit, without floating
 * point. kiss_fft (which TFLM's SignalRfft and SignalIrfft use, in 16 and
 * 32-bit fixed point and in float) computes each factor in double:
 *
 *     floor(0.5 + scale * cos(phase)), floor(0.5 + scale * sin(phase))
 *     (float)cos(phase), (float)sin(phase)
 *
 * with phase = -2*pi*i/n for the complex FFT and -pi*((i+1)/n + 0.5) for
 * the real FFT's "super twiddles" (each operation rounded to double; the
 * inverse transform negates the phase). The fixed-point result depends on
 * those roundings where scale * cos(phase) is a half-integer plus a few
 * ulps: cos = +-1/2 at multiples of pi/3, which FFT lengths divisible by 3
 * reach. So this computes what the double program computes: the phase
 * with exact_f64's rounded double operations, its cosine and sine to 120
 * bits in integers, correctly rounded to double (as glibc's are), then the
 * product, the sum and the floor, again as rounded double operations, or
 * the rounding to float. native/tests/test_signal.c compares the factors
 * of every real FFT length up to 1024, and of the lengths divisible by 6
 * up to 2048, with the C library's arithmetic.
 */
#ifndef TFLM_SIGNAL_FFT_TWIDDLE_H
#define TFLM_SIGNAL_FFT_TWIDDLE_H

#include <stdbool.h>
#include <stdint.h>

#include "../exact_f64.h"

/* |phase| of twiddle i of an n-point complex FFT: 2*pi*i/n in double. */
tflm_f64 fft_twiddle_phase(uint32_t i, uint32_t n);

/* |phase| of super twiddle i of a real FFT whose complex half has n
 * points: pi*((i+1)/n + 0.5) in double. */
tflm_f64 fft_super_twiddle_phase(uint32_t i, uint32_t n);

/* floor(0.5 + scale * cos(phase)) and floor(0.5 + scale * sin(phase)) for
 * phase = -abs_phase (negative, the forward transform) or +abs_phase. */
void fft_twiddle(tflm_f64 abs_phase, bool negative, uint32_t scale, int64_t *re, int64_t *im);

/* (float)cos(phase) and (float)sin(phase), phase = -abs_phase (negative)
 * or +abs_phase: kiss_fft's float twiddles. The double is rounded to
 * float, as the C conversion does (rounding the exact value to float
 * directly could differ where the double lies on a float midpoint). */
void fft_twiddle_float(tflm_f64 abs_phase, bool negative, float *re, float *im);

#endif /* TFLM_SIGNAL_FFT_TWIDDLE_H */
