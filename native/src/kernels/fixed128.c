/* fixed128.c - fixed128.h: unsigned 128-bit fixed-point arithmetic. */
#include "fixed128.h"

tflm_fx128 tflm_fx_shift_right(tflm_fx128 a, int n)
{
    tflm_fx128 r = a;
    if (n >= 64) {
        r.lo = a.hi >> (n - 64);
        r.hi = 0;
    } else if (n > 0) {
        r.lo = (a.lo >> n) | (a.hi << (64 - n));
        r.hi = a.hi >> n;
    }
    return r;
}

tflm_fx128 tflm_fx_shift_left(tflm_fx128 a, int n)
{
    tflm_fx128 r = a;
    if (n >= 64) {
        r.hi = a.lo << (n - 64);
        r.lo = 0;
    } else if (n > 0) {
        r.hi = (a.hi << n) | (a.lo >> (64 - n));
        r.lo = a.lo << n;
    }
    return r;
}

/* The 128-bit product of two words, from 32-bit halves. */
static tflm_fx128 mul_words(uint64_t a, uint64_t b)
{
    const uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    tflm_fx128 r = {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (uint32_t)p00};
    return r;
}

tflm_fx128 tflm_fx_mul(tflm_fx128 a, tflm_fx128 b, int frac)
{
    const tflm_fx128 ll = mul_words(a.lo, b.lo), lh = mul_words(a.lo, b.hi);
    const tflm_fx128 hl = mul_words(a.hi, b.lo), hh = mul_words(a.hi, b.hi);
    /* words w1..w3 of the 256-bit product, with carries (w0 = ll.lo lies
     * below every format's lowest bit) */
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
    const int s = frac - 64; /* bits [frac, frac + 128) of the product */
    tflm_fx128 r = {(w3 << (64 - s)) | (w2 >> s), (w2 << (64 - s)) | (w1 >> s)};
    return r;
}

tflm_fx128 tflm_fx_div_small(tflm_fx128 a, uint32_t d)
{
    uint32_t digits[4] = {(uint32_t)(a.hi >> 32), (uint32_t)a.hi, (uint32_t)(a.lo >> 32),
                          (uint32_t)a.lo};
    uint64_t remainder = 0;
    for (int i = 0; i < 4; i++) {
        const uint64_t current = (remainder << 32) | digits[i];
        digits[i] = (uint32_t)(current / d);
        remainder = current % d;
    }
    tflm_fx128 r = {((uint64_t)digits[0] << 32) | digits[1],
                    ((uint64_t)digits[2] << 32) | digits[3]};
    return r;
}

/* Restoring binary long division of a x 2^frac by b, one quotient bit a
 * step: the remainder stays below b < 2^126, so its doubling fits. */
tflm_fx128 tflm_fx_div(tflm_fx128 a, tflm_fx128 b, int frac)
{
    tflm_fx128 quotient = {0, 0}, remainder = {0, 0};
    for (int j = 127 + frac; j >= 0; j--) {
        const int bit = j - frac; /* bit j of a x 2^frac is bit j - frac of a */
        const uint64_t next = bit < 0     ? 0
                              : bit >= 64 ? (a.hi >> (bit - 64)) & 1u
                                          : (a.lo >> bit) & 1u;
        remainder = tflm_fx_shift_left(remainder, 1);
        remainder.lo |= next;
        quotient = tflm_fx_shift_left(quotient, 1);
        if (!tflm_fx_less(remainder, b)) {
            remainder = tflm_fx_sub(remainder, b);
            quotient.lo |= 1u;
        }
    }
    return quotient;
}

tflm_fx128 tflm_fx_from_f64(tflm_f64 value, int frac)
{
    const tflm_fx128 mantissa = {0, value.mantissa};
    const int shift = value.exponent + frac;
    return shift >= 0 ? tflm_fx_shift_left(mantissa, shift)
           : shift > -128 ? tflm_fx_shift_right(mantissa, -shift)
                          : (tflm_fx128){0, 0};
}

tflm_f64 tflm_fx_to_f64(tflm_fx128 value, int frac)
{
    tflm_f64 r = {0, 0};
    if (tflm_fx_is_zero(value)) {
        return r;
    }
    const int top = value.hi ? 127 - __builtin_clzll(value.hi) : 63 - __builtin_clzll(value.lo);
    if (top <= 52) { /* exact */
        r.mantissa = value.lo << (52 - top);
        r.exponent = top - 52 - frac;
        return r;
    }
    const int drop = top - 52; /* bits below the 53 kept */
    const tflm_fx128 kept = tflm_fx_shift_right(value, drop);
    const tflm_fx128 rest = tflm_fx_sub(value, tflm_fx_shift_left(kept, drop));
    const tflm_fx128 unit = {0, 1};
    const tflm_fx128 halfway = tflm_fx_shift_left(unit, drop - 1);
    r.mantissa = kept.lo;
    r.exponent = drop - frac;
    if (tflm_fx_less(halfway, rest) || (!tflm_fx_less(rest, halfway) && (kept.lo & 1u))) {
        r.mantissa++;
        if (r.mantissa >> 53) {
            r.mantissa >>= 1;
            r.exponent++;
        }
    }
    return r;
}
