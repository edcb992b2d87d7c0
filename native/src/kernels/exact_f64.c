#include "exact_f64.h"

#include "float_bits.h"

#define MANTISSA_BITS 53
#define HIDDEN_BIT ((uint64_t)1 << 52)

static int bit_length(uint64_t x)
{
    return x ? 64 - __builtin_clzll(x) : 0;
}

/* mantissa * 2^exponent with the mantissa moved to [2^52, 2^53); it has
 * at most 53 bits, or is 2^53 after a rounding carry (shifted back, exact). */
static tflm_f64 normalize(uint64_t mantissa, int32_t exponent)
{
    tflm_f64 r = {0, 0};
    if (mantissa == 0) {
        return r;
    }
    int shift = MANTISSA_BITS - bit_length(mantissa);
    r.mantissa = shift >= 0 ? mantissa << shift : mantissa >> -shift;
    r.exponent = exponent - shift;
    return r;
}

/* x * 2^exponent rounded to its top `keep` bits, to nearest, ties to even
 * (keep <= 0: to a multiple of 2^(exponent + bit_length(x) - keep); at most
 * 63 bits dropped). Every operation rounds here: its exact result arrives
 * with at least 2 bits below the kept ones, anything nonzero further down
 * folded into bit 0 (a sticky bit), which rounds the same way. */
static tflm_f64 round_bits(uint64_t x, int32_t exponent, int keep)
{
    int extra = bit_length(x) - keep;
    if (extra > 0) {
        uint64_t half = (uint64_t)1 << (extra - 1);
        uint64_t below = x & ((half << 1) - 1);
        x >>= extra;
        exponent += extra;
        if (below > half || (below == half && (x & 1u))) {
            ++x;
        }
    }
    return normalize(x, exponent);
}

int tflm_f64_is_non_negative(tflm_double value)
{
    return tflm_double_bits(value) <= (uint64_t)0x7ff << 52;
}

tflm_double tflm_f64_widen(float value)
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

tflm_f64 tflm_f64_from_u32(uint32_t value)
{
    return normalize(value, 0);
}

tflm_f64 tflm_f64_from_double(tflm_double value)
{
    return tflm_f64_from_bits(tflm_double_bits(value));
}

tflm_f64 tflm_f64_from_bits(uint64_t bits)
{
    uint32_t biased = (uint32_t)(bits >> 52) & 0x7ffu;
    uint64_t fraction = bits & (HIDDEN_BIT - 1);
    if (biased == 0) {
        return normalize(fraction, -1074);
    }
    tflm_f64 r = {fraction | HIDDEN_BIT, (int32_t)biased - 1075};
    return r;
}

tflm_double tflm_f64_to_double(tflm_f64 value)
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
    /* The product is in [2^104, 2^106): its top 64 bits, the rest sticky. */
    uint64_t top = hi << 22 | lo >> 42 | ((lo & (((uint64_t)1 << 42) - 1)) != 0);
    return round_bits(top, a.exponent + b.exponent + 42, MANTISSA_BITS);
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
    return round_bits(quotient, a.exponent - b.exponent - 56, MANTISSA_BITS);
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

/* |a| + |b|, or ||a| - |b|| when subtract, rounded. The smaller operand is
 * aligned under 10 guard bits of the larger, what it loses kept as a sticky
 * bit; only a difference of two close values (no bits lost) cancels more
 * than one leading bit. */
static tflm_f64 add_or_subtract(tflm_f64 a, tflm_f64 b, int subtract)
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
    uint64_t large = a.mantissa << 10, small = b.mantissa << 10;
    if (d > 0) {
        small = d < 64 ? small >> d | ((small & (((uint64_t)1 << d) - 1)) != 0) : 1;
    }
    uint64_t result = subtract ? large - small : large + small; /* < 2^64 */
    if (result == 0) {
        tflm_f64 zero = {0, 0};
        return zero;
    }
    return round_bits(result, a.exponent - 10, MANTISSA_BITS);
}

tflm_f64 tflm_f64_abs_diff(tflm_f64 a, tflm_f64 b)
{
    return add_or_subtract(a, b, 1);
}

tflm_f64 tflm_f64_add(tflm_f64 a, tflm_f64 b)
{
    return add_or_subtract(a, b, 0);
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
    /* 24 bits, fewer below 2^-126 (a.exponent + 52 < -126), where the
     * float's last bit is 2^-149 */
    int keep = a.exponent + 202 < 24 ? a.exponent + 202 : 24;
    tflm_f64 r = round_bits(a.mantissa, a.exponent, keep < -10 ? -10 : keep);
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
