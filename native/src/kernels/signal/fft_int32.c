/* fft_int32.c - fft_kiss.h in 32-bit fixed point (kiss_fft's
 * FIXED_POINT=32): int32 samples, int64 products, Q31. */
#include "fft_kiss.h"

#define FFT_TYPE int32
typedef int32_t fft_scalar;
typedef int64_t fft_product;
#define FFT_FRACTION_BITS 31
#define FFT_SAMPLE_MAX INT32_MAX

#include "fft_kiss_template.h"
