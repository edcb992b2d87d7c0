/* fft_float.c - fft_kiss.h in float (kiss_fft without FIXED_POINT). */
#include "fft_kiss.h"

#define FFT_TYPE float
typedef float fft_scalar;

#include "fft_kiss_template.h"
