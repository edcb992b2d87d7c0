#include "exact_f64.h"

#include "float_bits.h"

#define MANTISSA_BITS 53
#define HIDDEN_BIT ((uint64_t)1 << 52)

static int bit_length(uint64_t x)
{
    return x ? 64 - __builtin_clzll(x) : 0;
}

static tflm_f64 normalize(uint64_t mantissa, int32_t exponent)
{
    tflm_f64 r = {0, 0};
    if (mantissa == 0) {
        return r;
    }
    int shift = MANTISSA_BITS - bit_length(mantissa); /* > 0: the value fits in 53 bits */
    r.mantissa = mantissa << shift;
    r.exponent = exponent - shift;
    return r;
}

/* (hi * 2^64 + lo) * 2^exponent rounded to 53 bits, to nearest, ties to even. */
static tflm_f64 round_u128(uint64_t hi, uint64_t lo, int32_t exponent)
{
    int bits = hi ? 64 + bit_length(hi) : bit_length(lo);
    int extra = bits - MANTISSA_BITS;
    if (extra <= 0) {
        return normalize(lo, exponent);
    }
    uint64_t kept, round, sticky;
    if (extra < 64) {
        kept = (lo >> extra) | (extra > 0 && hi ? hi << (64 - extra) : 0);
        round = (lo >> (extra - 1)) & 1u;
        sticky = extra > 1 ? lo & (((uint64_t)1 << (extra - 1)) - 1) : 0;
    } else {
        kept = hi >> (extra - 64);
        round = extra == 64 ? lo >> 63 : (hi >> (extra - 65)) & 1u;
        sticky = extra == 64 ? lo & ~((uint64_t)1 << 63)
                             : (lo | (extra > 65 ? hi & (((uint64_t)1 << (extra - 65)) - 1) : 0));
    }
    if (round && (sticky || (kept & 1u))) {
        ++kept;
        if (kept == (uint64_t)1 << MANTISSA_BITS) {
            kept >>= 1;
            ++extra;
        }
    }
    tflm_f64 r = {kept, exponent + extra};
    return r;
}

int tflm_f64_is_non_negative(double value)
{
    return tflm_double_bits(value) <= (uint64_t)0x7ff << 52;
}

double tflm_f64_widen(float value)
{
    uint32_t bits = tflm_float_bits(value);
    uint64_t sign = (uint64_t)(bits >> 31) << 63;
    uint32_t biased = (bits >> 23) & 0xffu;
    uint64_t fraction = (uint64_t)(bits & 0x7fffffu) << 29;
    uint64_t wide;
    if (biased == 0xffu) {
        wide = sign | ((uint64_t)0x7ff << 52) | fraction; /* inf, NaN (payload kept) */
    } else if (biased != 0 || fraction == 0) {
        wide = sign | (biased ? (uint64_t)(biased + 896u) << 52 : 0) | fraction;
    } else {
        tflm_f64 normal = tflm_f64_from_float(value); /* a subnormal float is normal here */
        wide = sign | ((uint64_t)(normal.exponent + 1075) << 52) | (normal.mantissa & (HIDDEN_BIT - 1));
    }
    return tflm_double_from_bits(wide);
}

tflm_f64 tflm_f64_from_float(float value)
{
    uint32_t bits = tflm_float_bits(value);
    uint32_t biased = (bits >> 23) & 0xffu;
    uint32_t fraction = bits & 0x7fffffu;
    if (biased == 0) {
        return normalize(fraction, -149);
    }
    return normalize(fraction | 0x800000u, (int32_t)biased - 150);
}

tflm_f64 tflm_f64_from_double(double value)
{
    uint64_t bits = tflm_double_bits(value);
    uint32_t biased = (uint32_t)(bits >> 52) & 0x7ffu;
    uint64_t fraction = bits & (HIDDEN_BIT - 1);
    if (biased == 0) {
        return normalize(fraction, -1074);
    }
    tflm_f64 r = {fraction | HIDDEN_BIT, (int32_t)biased - 1075};
    return r;
}

double tflm_f64_to_double(tflm_f64 value)
{
    uint64_t bits = 0;
    if (value.mantissa != 0) {
        bits = ((uint64_t)(value.exponent + 1075) << 52) | (value.mantissa & (HIDDEN_BIT - 1));
    }
    return tflm_double_from_bits(bits);
}

tflm_f64 tflm_f64_mul(tflm_f64 a, tflm_f64 b)
{
    if (a.mantissa == 0 || b.mantissa == 0) {
        tflm_f64 zero = {0, 0};
        return zero;
    }
    uint64_t a0 = (uint32_t)a.mantissa, a1 = a.mantissa >> 32;
    uint64_t b0 = (uint32_t)b.mantissa, b1 = b.mantissa >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    uint64_t lo = (mid << 32) | (uint32_t)p00;
    uint64_t hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return round_u128(hi, lo, a.exponent + b.exponent);
}

tflm_f64 tflm_f64_div(tflm_f64 a, tflm_f64 b)
{
    if (a.mantissa == 0) {
        return a;
    }
    /* 56 quotient bits of a.mantissa / b.mantissa (both in [2^52, 2^53)),
     * then the remainder as a sticky bit below them. */
    uint64_t quotient = 0, remainder = a.mantissa;
    for (int i = 0; i < 56; ++i) {
        quotient <<= 1;
        if (remainder >= b.mantissa) {
            remainder -= b.mantissa;
            quotient |= 1u;
        }
        remainder <<= 1;
    }
    quotient = quotient << 1 | (remainder != 0);
    return round_u128(0, quotient, a.exponent - b.exponent - 56);
}

int tflm_f64_compare(tflm_f64 a, tflm_f64 b)
{
    if (a.mantissa == 0 || b.mantissa == 0) {
        return a.mantissa == b.mantissa ? 0 : a.mantissa == 0 ? -1 : 1;
    }
    if (a.exponent != b.exponent) {
        return a.exponent < b.exponent ? -1 : 1;
    }
    return a.mantissa < b.mantissa ? -1 : a.mantissa > b.mantissa;
}

tflm_f64 tflm_f64_abs_diff(tflm_f64 a, tflm_f64 b)
{
    if (tflm_f64_compare(a, b) < 0) {
        tflm_f64 t = a;
        a = b;
        b = t;
    }
    if (b.mantissa == 0) {
        return a;
    }
    int32_t d = a.exponent - b.exponent; /* >= 0 */
    if (d > 55) {
        /* b is below a quarter of a's lower ulp: a - b rounds to a. */
        return a;
    }
    /* Exact: (a.mantissa << d) - b.mantissa in 128 bits, scaled by 2^b.exponent. */
    uint64_t hi = d ? a.mantissa >> (64 - d) : 0;
    uint64_t lo = a.mantissa << d;
    uint64_t borrow = lo < b.mantissa;
    lo -= b.mantissa;
    hi -= borrow;
    if (hi == 0 && lo == 0) {
        tflm_f64 zero = {0, 0};
        return zero;
    }
    return round_u128(hi, lo, b.exponent);
}

tflm_f64 tflm_f64_add(tflm_f64 a, tflm_f64 b)
{
    if (tflm_f64_compare(a, b) < 0) {
        tflm_f64 t = a;
        a = b;
        b = t;
    }
    if (b.mantissa == 0) {
        return a;
    }
    int32_t d = a.exponent - b.exponent; /* >= 0 */
    if (d > 55) {
        return a; /* b is below a quarter of a's ulp */
    }
    uint64_t hi = d ? a.mantissa >> (64 - d) : 0;
    uint64_t lo = a.mantissa << d;
    lo += b.mantissa;
    hi += lo < b.mantissa;
    return round_u128(hi, lo, b.exponent);
}

tflm_f64 tflm_f64_ldexp(tflm_f64 a, int32_t exponent)
{
    if (a.mantissa != 0) {
        a.exponent += exponent;
    }
    return a;
}

tflm_f64 tflm_f64_round_to_float(tflm_f64 a)
{
    if (a.mantissa == 0) {
        return a;
    }
    /* The float's last kept bit: 24 bits below a normal value's top, never
     * below 2^-149; dropping more than 54 bits leaves less than half a step. */
    int32_t drop = -149 - a.exponent > 29 ? -149 - a.exponent : 29;
    drop = drop < 55 ? drop : 55;
    uint64_t kept = a.mantissa >> drop;
    uint64_t below = a.mantissa & (((uint64_t)1 << drop) - 1);
    uint64_t half = (uint64_t)1 << (drop - 1);
    if (below > half || (below == half && (kept & 1u))) {
        ++kept;
    }
    tflm_f64 r = normalize(kept, a.exponent + drop);
    if (r.mantissa != 0 && r.exponent > 128 - MANTISSA_BITS) {
        r.mantissa = HIDDEN_BIT; /* 2^128: the float overflowed to infinity */
        r.exponent = 128 - (MANTISSA_BITS - 1);
    }
    return r;
}

void tflm_f64_quantize_multiplier(tflm_f64 value, int32_t *multiplier, int *shift)
{
    /* value = (mantissa / 2^53) * 2^(exponent + 53), the fraction in [0.5, 1);
     * fraction * 2^31 + 0.5, truncated, is (mantissa + 2^21) >> 22 (the
     * double sum can only round where the result is 2^31 either way). */
    if (value.mantissa == 0) {
        *multiplier = 0;
        *shift = 0;
        return;
    }
    int64_t q = (int64_t)((value.mantissa + ((uint64_t)1 << 21)) >> 22);
    int exponent = (int)value.exponent + MANTISSA_BITS;
    if (q == ((int64_t)1 << 31)) {
        q /= 2;
        ++exponent;
    }
    if (exponent < -31) {
        exponent = 0;
        q = 0;
    }
    *multiplier = (int32_t)q;
    *shift = exponent;
}
