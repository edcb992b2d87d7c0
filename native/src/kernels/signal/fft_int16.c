/* fft_int16.c - fft_kiss.h in 16-bit fixed point (kiss_fft's
 * FIXED_POINT=16): int16 samples, int32 products, Q15. */
#include "fft_kiss.h"

#define FFT_TYPE int16
typedef int16_t fft_scalar;
typedef int32_t fft_product;
#define FFT_FRACTION_BITS 15
#define FFT_SAMPLE_MAX INT16_MAX

#include "fft_kiss_template.h"
