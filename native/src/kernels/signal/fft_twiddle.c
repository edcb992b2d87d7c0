/* fft_twiddle.c - fft_twiddle.h: cosine and sine in 128-bit fixed point. */
#include "fft_twiddle.h"

#include "../float_bits.h"

/* An unsigned fixed-point number m / 2^124 (below 16), as two words. */
typedef struct q124 {
    uint64_t hi, lo;
} q124;

#define Q124_BITS 124

static const q124 HALF_PI = {0x1921fb54442d1846u, 0x9898cc51701b839au};
static const q124 QUARTER_PI = {0x0c90fdaa22168c23u, 0x4c4c6628b80dc1cdu};
static const q124 ONE = {UINT64_C(1) << 60, 0};

static q124 add(q124 a, q124 b)
{
    q124 r = {a.hi + b.hi, a.lo + b.lo};
    r.hi += r.lo < a.lo;
    return r;
}

static q124 sub(q124 a, q124 b)
{
    q124 r = {a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo};
    return r;
}

static bool less(q124 a, q124 b)
{
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

static bool is_zero(q124 a)
{
    return (a.hi | a.lo) == 0;
}

/* The 128-bit product of two words, from 32-bit halves (no __int128 on
 * 32-bit targets). */
static q124 mul_words(uint64_t a, uint64_t b)
{
    const uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    q124 r = {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (uint32_t)p00};
    return r;
}

/* a x b, truncated to Q124: bits 124..251 of the 256-bit product. */
static q124 mul(q124 a, q124 b)
{
    const q124 ll = mul_words(a.lo, b.lo), lh = mul_words(a.lo, b.hi);
    const q124 hl = mul_words(a.hi, b.lo), hh = mul_words(a.hi, b.hi);
    /* words w0..w3 of the product, with carries */
    uint64_t w1 = ll.hi, w2 = hh.lo, w3 = hh.hi, carry;
    w1 += lh.lo;
    carry = w1 < lh.lo;
    w1 += hl.lo;
    carry += w1 < hl.lo;
    w2 += carry;
    w3 += w2 < carry;
    w2 += lh.hi;
    w3 += w2 < lh.hi;
    w2 += hl.hi;
    w3 += w2 < hl.hi;
    q124 r = {(w3 << 4) | (w2 >> 60), (w2 << 4) | (w1 >> 60)};
    return r;
}

/* a / d for a small d, truncated: long division over 32-bit digits. */
static q124 div_small(q124 a, uint32_t d)
{
    uint32_t digits[4] = {(uint32_t)(a.hi >> 32), (uint32_t)a.hi, (uint32_t)(a.lo >> 32),
                          (uint32_t)a.lo};
    uint64_t remainder = 0;
    for (int i = 0; i < 4; i++) {
        const uint64_t current = (remainder << 32) | digits[i];
        digits[i] = (uint32_t)(current / d);
        remainder = current % d;
    }
    q124 r = {((uint64_t)digits[0] << 32) | digits[1], ((uint64_t)digits[2] << 32) | digits[3]};
    return r;
}

/* sin x (odd) or cos x (even) for 0 <= x <= pi/4 by its Taylor series,
 * each term from the last: t * x^2 / ((k + 1)(k + 2)). Terms shrink, so
 * the alternating partial sums stay positive and in range. */
static q124 taylor(q124 x, bool odd)
{
    const q124 x2 = mul(x, x);
    q124 term = odd ? x : ONE, sum = term;
    for (uint32_t k = odd ? 1 : 0; !is_zero(term); k += 2) {
        term = div_small(mul(term, x2), (k + 1) * (k + 2));
        sum = (k / 2) % 2 == 0 ? sub(sum, term) : add(sum, term);
    }
    return sum;
}

static q124 shift_right(q124 a, int n) /* 0 <= n < 128 */
{
    q124 r = a;
    if (n >= 64) {
        r.lo = a.hi >> (n - 64);
        r.hi = 0;
    } else if (n > 0) {
        r.lo = (a.lo >> n) | (a.hi << (64 - n));
        r.hi = a.hi >> n;
    }
    return r;
}

static q124 shift_left(q124 a, int n) /* 0 <= n < 128 */
{
    q124 r = a;
    if (n >= 64) {
        r.hi = a.lo << (n - 64);
        r.lo = 0;
    } else if (n > 0) {
        r.hi = (a.hi << n) | (a.lo >> (64 - n));
        r.lo = a.lo << n;
    }
    return r;
}

static q124 from_f64(tflm_f64 value)
{
    const q124 mantissa = {0, value.mantissa};
    const int shift = value.exponent + Q124_BITS; /* phases lie in [2^-40, 8) */
    return shift >= 0 ? shift_left(mantissa, shift) : shift_right(mantissa, -shift);
}

/* value rounded to the nearest double, ties to even. */
static tflm_f64 to_f64(q124 value)
{
    tflm_f64 r = {0, 0};
    if (is_zero(value)) {
        return r;
    }
    const int top = value.hi ? 127 - __builtin_clzll(value.hi) : 63 - __builtin_clzll(value.lo);
    if (top <= 52) { /* exact */
        r.mantissa = value.lo << (52 - top);
        r.exponent = top - 52 - Q124_BITS;
        return r;
    }
    const int drop = top - 52; /* bits below the 53 kept */
    const q124 kept = shift_right(value, drop);
    const q124 rest = sub(value, shift_left(kept, drop));
    const q124 unit = {0, 1};
    const q124 halfway = shift_left(unit, drop - 1);
    r.mantissa = kept.lo;
    r.exponent = drop - Q124_BITS;
    if (less(halfway, rest) || (!less(rest, halfway) && (kept.lo & 1u))) {
        r.mantissa++;
        if (r.mantissa >> 53) {
            r.mantissa >>= 1;
            r.exponent++;
        }
    }
    return r;
}

static tflm_f64 f64_of(uint32_t n)
{
    tflm_f64 r = {n, 0};
    if (n != 0) {
        const int top = 31 - __builtin_clz(n);
        r.mantissa = (uint64_t)n << (52 - top);
        r.exponent = top - 52;
    }
    return r;
}

/* pi as the nearest double, 0x1.921fb54442d18p+1. */
static const tflm_f64 PI_DOUBLE = {0x1921fb54442d18u, -51};

tflm_f64 fft_twiddle_phase(uint32_t i, uint32_t n)
{
    return tflm_f64_div(tflm_f64_mul(tflm_f64_ldexp(PI_DOUBLE, 1), f64_of(i)), f64_of(n));
}

tflm_f64 fft_super_twiddle_phase(uint32_t i, uint32_t n)
{
    const tflm_f64 half = tflm_f64_ldexp(f64_of(1), -1);
    return tflm_f64_mul(PI_DOUBLE, tflm_f64_add(tflm_f64_div(f64_of(i + 1), f64_of(n)), half));
}

/* floor(0.5 + scale * value) in double, value = +-magnitude. */
static int64_t scaled_floor(tflm_f64 magnitude, bool negative, uint32_t scale)
{
    const tflm_f64 half = tflm_f64_ldexp(f64_of(1), -1);
    const tflm_f64 product = tflm_f64_mul(magnitude, f64_of(scale));
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
    q124 r = from_f64(abs_phase);
    uint32_t quadrant = 0;
    while (!less(r, HALF_PI)) {
        r = sub(r, HALF_PI);
        quadrant++;
    }
    q124 sin_r, cos_r;
    if (less(QUARTER_PI, r)) {
        const q124 s = sub(HALF_PI, r);
        sin_r = taylor(s, false);
        cos_r = taylor(s, true);
    } else {
        sin_r = taylor(r, true);
        cos_r = taylor(r, false);
    }
    const bool swap = quadrant & 1u;
    *cos_mag = to_f64(swap ? sin_r : cos_r);
    *sin_mag = to_f64(swap ? cos_r : sin_r);
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
