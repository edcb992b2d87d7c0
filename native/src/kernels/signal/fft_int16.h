/*
 * fft_int16.h - the real FFT of TFLM's SignalRfft on INT16: kiss_fft 1.3.0
 * in 16-bit fixed point (FIXED_POINT=16), as TFLM builds it, with its exact
 * roundings. A real signal of 2n samples is transformed as n complex
 * points (even samples real, odd ones imaginary) by a mixed-radix FFT
 * (radices 4, 2, 3, 5, each stage dividing by its radix so nothing
 * overflows), then split into the n + 1 bins of the real spectrum.
 *
 * kiss_fft also has a generic radix for other primes; TFLM builds it with
 * no allocator, so it would crash there. fft16_factor refuses such lengths.
 */
#ifndef TFLM_SIGNAL_FFT_INT16_H
#define TFLM_SIGNAL_FFT_INT16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fft_cpx16 {
    int16_t re, im;
} fft_cpx16;

/* Radix stages: kiss_fft allows 32, enough for any 32-bit length. */
#define FFT_MAX_STAGES 32

typedef struct fft16_plan {
    int32_t n;                             /* complex points: half the real length */
    int32_t stages[2 * FFT_MAX_STAGES];    /* radix, then remaining length, per stage */
    fft_cpx16 *twiddles;                   /* n */
    fft_cpx16 *super_twiddles;             /* n / 2 */
} fft16_plan;

/* kiss_fft's factorization of n (4s first, then 2, 3, 5, ...) into stages;
 * false when a factor is above 5 or n < 1. */
bool fft16_factor(int32_t n, int32_t *stages);

/* Twiddle entries a plan of n complex points needs (n + n / 2). */
size_t fft16_twiddle_count(int32_t n);

/* Fills plan for n complex points (fft16_factor(n) must hold) with
 * twiddles, which has room for fft16_twiddle_count(n) entries. */
void fft16_plan_init(fft16_plan *plan, int32_t n, fft_cpx16 *twiddles);

/* kiss_fftr: the n + 1 bins of the spectrum of 2n real samples; work holds
 * n points. */
void fft16_real_forward(const fft16_plan *plan, const int16_t *samples, fft_cpx16 *bins,
                        fft_cpx16 *work);

#endif /* TFLM_SIGNAL_FFT_INT16_H */
