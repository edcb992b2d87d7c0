/*
 * exact_pow.c - tflm_f64_pow (exact_f64.h): x^y correctly rounded, in
 * integers. TF Lite's quantized REDUCE_PROD scales each step by
 * input_scale / pow(output_scale, 1.0 / n) in double, and the C library's
 * pow is correctly rounded in practice (glibc's bound is 0.52 ulp, from a
 * much more precise inner result), so the nearest double is what its
 * multiplier is computed from.
 *
 * x = m 2^e with m in [1, 2): ln x = e ln 2 + ln m, ln m = 2 atanh(z) with
 * z = (m - 1) / (m + 1) < 1/3; t = y |ln x|; then x^y = exp(+-t) =
 * exp(r) 2^k with r in [0, ln 2). Every step is truncated in Q120 (values
 * below 256), so the result is within about 2^-110 of the true one, and
 * rounds correctly unless the true value lies that close to a midpoint
 * between two doubles. The domain keeps every value below 256: x a
 * positive float value (2^-149 <= x < 2^128, so |e| <= 149) and
 * 2^-31 <= y <= 1 (so y is exact in Q120).
 */
#include "exact_f64.h"
#include "fixed128.h"

#define FRAC 120

/* ln 2 and 1 in Q120. */
static const tflm_fx128 LN2 = {0x00b17217f7d1cf79u, 0xabc9e3b39803f2f6u};
static const tflm_fx128 ONE = {UINT64_C(1) << (FRAC - 64), 0};

/* ln m for m in [1, 2): 2 (z + z^3/3 + z^5/5 + ...), z = (m - 1)/(m + 1). */
static tflm_fx128 log_mantissa(tflm_fx128 m)
{
    const tflm_fx128 z = tflm_fx_div(tflm_fx_sub(m, ONE), tflm_fx_add(m, ONE), FRAC);
    const tflm_fx128 z2 = tflm_fx_mul(z, z, FRAC);
    tflm_fx128 power = z, sum = z;
    for (uint32_t k = 3; !tflm_fx_is_zero(power); k += 2) {
        power = tflm_fx_mul(power, z2, FRAC);
        sum = tflm_fx_add(sum, tflm_fx_div_small(power, k));
    }
    return tflm_fx_add(sum, sum);
}

/* exp r for r in [0, ln 2]: 1 + r + r^2/2! + ... */
static tflm_fx128 exp_reduced(tflm_fx128 r)
{
    tflm_fx128 term = ONE, sum = ONE;
    for (uint32_t k = 1; !tflm_fx_is_zero(term); k++) {
        term = tflm_fx_div_small(tflm_fx_mul(term, r, FRAC), k);
        sum = tflm_fx_add(sum, term);
    }
    return sum;
}

tflm_f64 tflm_f64_pow(tflm_f64 x, tflm_f64 y)
{
    /* x = m 2^e: m is the mantissa over 2^52, exact in Q120. */
    const int32_t e = x.exponent + 52;
    const tflm_fx128 m = {0, x.mantissa};
    const tflm_fx128 log_m = log_mantissa(tflm_fx_shift_left(m, FRAC - 52));
    /* |ln x|, and whether ln x < 0 (then e < 0, and |e| ln 2 > ln m) */
    const bool negative = e < 0;
    const tflm_fx128 abs_e = {(uint64_t)(negative ? -e : e) << (FRAC - 64), 0};
    const tflm_fx128 e_log2 = tflm_fx_mul(LN2, abs_e, FRAC);
    const tflm_fx128 log_x = negative ? tflm_fx_sub(e_log2, log_m) : tflm_fx_add(e_log2, log_m);
    /* t = y |ln x|; y's bits lie at or above 2^-84 for y >= 2^-31, exact */
    tflm_fx128 t = tflm_fx_mul(log_x, tflm_fx_from_f64(y, FRAC), FRAC);
    /* t = k ln 2 + r (r in [0, ln 2)); exp(-t) = exp(ln 2 - r) 2^-(k + 1) */
    int32_t k = 0;
    while (!tflm_fx_less(t, LN2)) {
        t = tflm_fx_sub(t, LN2);
        k++;
    }
    const tflm_fx128 r = negative ? tflm_fx_sub(LN2, t) : t;
    return tflm_f64_ldexp(tflm_fx_to_f64(exp_reduced(r), FRAC), negative ? -(k + 1) : k);
}
