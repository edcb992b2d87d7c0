/*
 * f32_math.h - float32 math for the kernels, without libm: the library is
 * built -ffreestanding and links into firmware that has no libm (and, on
 * Cortex-M without a double FPU, should pull in no soft-double code), so
 * these functions use float and integer arithmetic only.
 *
 * Accuracy against the correctly rounded result (native/tests/test_f32_math.c
 * sweeps each function against the host's libm and states the measured
 * maximum): sqrt, fmod and the rounding functions are exact; the others stay
 * within about an ulp (the comments give the exceptions). Special
 * values follow C's Annex F: NaN in gives NaN out, +-0 and +-inf as libm,
 * overflow gives +-inf, results in the subnormal range are subnormal.
 *
 * The sources count on C11's default -ffp-contract=off behaviour (GCC and
 * Clang in ISO C mode): the splitting tricks need every product rounded.
 */
#ifndef TFLM_KERNELS_F32_MATH_H
#define TFLM_KERNELS_F32_MATH_H

/* e^x. At most 1.23 ulp. SOFTMAX's float kernels (softmax.c and the AVX2
 * variant, which repeats these steps lane by lane) use it, so changing its
 * arithmetic changes their results. */
float tflm_expf(float x);

/* e^x - 1, accurate near 0. */
float tflm_expm1f(float x);

/* Natural logarithm; log(+-0) = -inf, log(x < 0) = NaN. */
float tflm_logf(float x);

/* sin and cos of x in radians, for every finite x (exact reduction by pi/2). */
float tflm_sinf(float x);
float tflm_cosf(float x);

float tflm_tanhf(float x);

/* 1 / (1 + e^-x) the way TF Lite's reference LOGISTIC computes it: 1 above
 * 16.619047, e^x below -9, the quotient in float between (byte for byte
 * TF Lite's results whenever tflm_expf agrees with its std::exp). */
float tflm_logisticf(float x);

/* Correctly rounded square root; sqrt(-0) = -0, sqrt(x < 0) = NaN. */
float tflm_sqrtf(float x);

/* 1 / sqrt(x) as TFLM's RSQRT computes it: the float division of 1 by the
 * correctly rounded square root (so its bits are TFLM's). */
float tflm_rsqrtf(float x);

/* x^y with C's special cases (pow(x, +-0) = 1, pow(1, y) = 1, ...). */
float tflm_powf(float x, float y);

/* The error function and its complement 1 - erf(x), the latter accurate
 * where it is tiny (large x), as GELU needs: erfc stays within 3 ulp (the
 * one function over an ulp; f32_math.c says where). */
float tflm_erff(float x);
float tflm_erfcf(float x);

/* Rounding to an integral value, exact. roundf rounds halfway cases away
 * from zero (C's round, std::round); roundevenf rounds them to even (C23's
 * roundeven, TF Lite's ROUND). */
float tflm_floorf(float x);
float tflm_ceilf(float x);
float tflm_truncf(float x);
float tflm_roundf(float x);
float tflm_roundevenf(float x);

/* x - trunc(x / y) * y, exact (C's fmod: the sign of x). */
float tflm_fmodf(float x, float y);

#endif /* TFLM_KERNELS_F32_MATH_H */
