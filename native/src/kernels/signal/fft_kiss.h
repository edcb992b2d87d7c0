/*
 * fft_kiss.h - the real FFTs of TFLM's SignalRfft and SignalIrfft: kiss_fft
 * 1.3.0 as TFLM builds it (third_party/kissfft with its patch), in 16-bit
 * fixed point (FIXED_POINT=16, fft_int16.c), 32-bit fixed point
 * (FIXED_POINT=32, fft_int32.c) and float (fft_float.c), with kiss_fft's
 * exact roundings. One implementation, fft_kiss_template.h, serves the
 * three, each type in its own file (SignalRfft and SignalIrfft choose the
 * type at run time, so they link all three).
 *
 * A real signal of 2n samples is transformed as n complex points (even
 * samples real, odd ones imaginary) by a mixed-radix FFT (radices 4, 2, 3,
 * 5), then split into the n + 1 bins of its spectrum (kiss_fftr); the
 * inverse merges n + 1 bins into n points and runs the inverse transform
 * into the 2n samples (kiss_fftri). In fixed point each stage divides by
 * its radix to keep the values in range (sums that still leave it wrap):
 * the forward transform gives the DFT / 2n and the inverse the normalized
 * inverse DFT. Float does not scale: its
 * inverse gives 2n times the inverse DFT.
 *
 * kiss_fft also has a generic radix for other primes; TFLM builds it with
 * no allocator, so it would crash there. fft_factor refuses such lengths.
 */
#ifndef TFLM_SIGNAL_FFT_KISS_H
#define TFLM_SIGNAL_FFT_KISS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Radix stages: kiss_fft allows 32, enough for any 32-bit length. */
#define FFT_MAX_STAGES 32

/* kiss_fft's factorization of n (4s first, then 2, 3, 5, ...) into stages,
 * radix then remaining length; false when a factor is above 5 or n < 2. */
bool fft_factor(int32_t n, int32_t *stages);

/* Twiddle entries a plan of n complex points needs: n, then n / 2 super
 * twiddles of the real transform. */
static inline size_t fft_twiddle_count(int32_t n)
{
    return (size_t)n + (size_t)n / 2;
}

/* For each type: its complex value, its plan, and
 *
 *   fft_<type>_plan_init(plan, n, inverse, twiddles)
 *       fills plan for n complex points (fft_factor(n) must hold), forward
 *       or inverse (kiss_fftr_alloc's inverse_fft), with twiddles, room for
 *       fft_twiddle_count(n) entries.
 *   fft_<type>_real_forward(plan, samples, bins, work)
 *       kiss_fftr: the n + 1 bins of 2n real samples (a forward plan).
 *   fft_<type>_real_inverse(plan, bins, samples, work)
 *       kiss_fftri: 2n real samples from n + 1 bins (an inverse plan).
 *
 * work holds n complex points. */
#define FFT_KISS_DECLARE(type, scalar)                                                        \
    typedef struct fft_cpx_##type {                                                           \
        scalar re, im;                                                                        \
    } fft_cpx_##type;                                                                         \
    typedef struct fft_##type##_plan {                                                        \
        int32_t n;                           /* complex points: half the real length */       \
        bool inverse;                                                                         \
        int32_t stages[2 * FFT_MAX_STAGES];  /* radix, then remaining length, per stage */    \
        fft_cpx_##type *twiddles;            /* n */                                          \
        fft_cpx_##type *super_twiddles;      /* n / 2 */                                      \
    } fft_##type##_plan;                                                                      \
    void fft_##type##_plan_init(fft_##type##_plan *plan, int32_t n, bool inverse,             \
                                fft_cpx_##type *twiddles);                                    \
    void fft_##type##_real_forward(const fft_##type##_plan *plan, const scalar *samples,      \
                                   fft_cpx_##type *bins, fft_cpx_##type *work);               \
    void fft_##type##_real_inverse(const fft_##type##_plan *plan, const fft_cpx_##type *bins, \
                                   scalar *samples, fft_cpx_##type *work);

FFT_KISS_DECLARE(int16, int16_t)
FFT_KISS_DECLARE(int32, int32_t)
FFT_KISS_DECLARE(float, float)

#undef FFT_KISS_DECLARE

#endif /* TFLM_SIGNAL_FFT_KISS_H */
