/* fft_twiddle.c - fft_twiddle.h: cosine and sine in 128-bit fixed point. */
#include "fft_twiddle.h"

#include "../fixed128.h"
#include "../float_bits.h"

/* Values in Q124 (m / 2^124, below 16): phases lie in [2^-40, 8). */
#define Q124_BITS 124

static const tflm_fx128 HALF_PI = {0x1921fb54442d1846u, 0x9898cc51701b839au};
static const tflm_fx128 QUARTER_PI = {0x0c90fdaa22168c23u, 0x4c4c6628b80dc1cdu};
static const tflm_fx128 ONE = {UINT64_C(1) << 60, 0};

/* sin x (odd) or cos x (even) for 0 <= x <= pi/4 by its Taylor series,
 * each term from the last: t * x^2 / ((k + 1)(k + 2)). Terms shrink, so
 * the alternating partial sums stay positive and in range. */
static tflm_fx128 taylor(tflm_fx128 x, bool odd)
{
    const tflm_fx128 x2 = tflm_fx_mul(x, x, Q124_BITS);
    tflm_fx128 term = odd ? x : ONE, sum = term;
    for (uint32_t k = odd ? 1 : 0; !tflm_fx_is_zero(term); k += 2) {
        term = tflm_fx_div_small(tflm_fx_mul(term, x2, Q124_BITS), (k + 1) * (k + 2));
        sum = (k / 2) % 2 == 0 ? tflm_fx_sub(sum, term) : tflm_fx_add(sum, term);
    }
    return sum;
}

/* pi as the nearest double, 0x1.921fb54442d18p+1. */
static const tflm_f64 PI_DOUBLE = {0x1921fb54442d18u, -51};

tflm_f64 fft_twiddle_phase(uint32_t i, uint32_t n)
{
    return tflm_f64_div(tflm_f64_mul(tflm_f64_ldexp(PI_DOUBLE, 1), tflm_f64_from_u32(i)),
                        tflm_f64_from_u32(n));
}

tflm_f64 fft_super_twiddle_phase(uint32_t i, uint32_t n)
{
    const tflm_f64 half = tflm_f64_ldexp(tflm_f64_from_u32(1), -1);
    const tflm_f64 ratio = tflm_f64_div(tflm_f64_from_u32(i + 1), tflm_f64_from_u32(n));
    return tflm_f64_mul(PI_DOUBLE, tflm_f64_add(ratio, half));
}

/* floor(0.5 + scale * value) in double, value = +-magnitude. */
static int64_t scaled_floor(tflm_f64 magnitude, bool negative, uint32_t scale)
{
    const tflm_f64 half = tflm_f64_ldexp(tflm_f64_from_u32(1), -1);
    const tflm_f64 product = tflm_f64_mul(magnitude, tflm_f64_from_u32(scale));
    if (!negative) { /* floor of product + 0.5 */
        const tflm_f64 sum = tflm_f64_add(product, half);
        return sum.mantissa == 0 ? 0
               : sum.exponent >= 0 ? (int64_t)(sum.mantissa << sum.exponent)
               : sum.exponent > -64 ? (int64_t)(sum.mantissa >> -sum.exponent)
                                    : 0;
    }
    if (tflm_f64_compare(product, half) <= 0) {
        return 0; /* 0.5 - product lies in [0, 0.5] */
    }
    /* floor(-(product - 0.5)) = -ceil(difference) */
    const tflm_f64 difference = tflm_f64_abs_diff(product, half);
    if (difference.exponent >= 0) {
        return -(int64_t)(difference.mantissa << difference.exponent);
    }
    const int shift = -difference.exponent;
    const uint64_t whole = shift < 64 ? difference.mantissa >> shift : 0;
    const bool fraction = shift < 64 ? (difference.mantissa & ((UINT64_C(1) << shift) - 1)) != 0
                                     : difference.mantissa != 0;
    return -(int64_t)(whole + fraction);
}

/* cos(abs_phase) and sin(abs_phase) rounded to double, as magnitudes with
 * their signs: x = quadrant x pi/2 + r, r in [0, pi/2); then r or
 * pi/2 - r below pi/4, where the Taylor series converge fast. */
static void cos_sin(tflm_f64 abs_phase, tflm_f64 *cos_mag, bool *cos_negative, tflm_f64 *sin_mag,
                    bool *sin_negative)
{
    tflm_fx128 r = tflm_fx_from_f64(abs_phase, Q124_BITS);
    uint32_t quadrant = 0;
    while (!tflm_fx_less(r, HALF_PI)) {
        r = tflm_fx_sub(r, HALF_PI);
        quadrant++;
    }
    tflm_fx128 sin_r, cos_r;
    if (tflm_fx_less(QUARTER_PI, r)) {
        const tflm_fx128 s = tflm_fx_sub(HALF_PI, r);
        sin_r = taylor(s, false);
        cos_r = taylor(s, true);
    } else {
        sin_r = taylor(r, true);
        cos_r = taylor(r, false);
    }
    const bool swap = quadrant & 1u;
    *cos_mag = tflm_fx_to_f64(swap ? sin_r : cos_r, Q124_BITS);
    *sin_mag = tflm_fx_to_f64(swap ? cos_r : sin_r, Q124_BITS);
    *cos_negative = quadrant == 1 || quadrant == 2;
    *sin_negative = (quadrant & 2u) != 0;
}

void fft_twiddle(tflm_f64 abs_phase, bool negative, uint32_t scale, int64_t *re, int64_t *im)
{
    tflm_f64 cos_mag, sin_mag;
    bool cos_negative, sin_negative;
    cos_sin(abs_phase, &cos_mag, &cos_negative, &sin_mag, &sin_negative);
    *re = scaled_floor(cos_mag, cos_negative && cos_mag.mantissa != 0, scale);
    /* sin(-x) = -sin(x) */
    *im = scaled_floor(sin_mag, (sin_negative != negative) && sin_mag.mantissa != 0, scale);
}

/* A double magnitude rounded to float, with a sign (the magnitudes here
 * are 0 or normal floats: at least sin(2 pi / 2^31)). */
static float to_float(tflm_f64 magnitude, bool negative)
{
    const tflm_f64 r = tflm_f64_round_to_float(magnitude);
    uint32_t bits = (uint32_t)negative << 31;
    if (r.mantissa != 0) { /* r.mantissa in [2^52, 2^53) with 24 bits kept */
        bits |= (uint32_t)(r.exponent + 52 + 127) << 23;
        bits |= (uint32_t)(r.mantissa >> 29) & 0x7fffffu;
    }
    return tflm_float_from_bits(bits);
}

void fft_twiddle_float(tflm_f64 abs_phase, bool negative, float *re, float *im)
{
    tflm_f64 cos_mag, sin_mag;
    bool cos_negative, sin_negative;
    cos_sin(abs_phase, &cos_mag, &cos_negative, &sin_mag, &sin_negative);
    *re = to_float(cos_mag, cos_negative);
    /* sin(-0) = -0: twiddle 0 of the forward transform */
    *im = to_float(sin_mag, sin_negative != negative);
}
