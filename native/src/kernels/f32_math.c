/*
 * f32_math.c - float32 math without libm (f32_math.h says why and how
 * accurate). The methods are the textbook ones (Cody-Waite reduction by
 * ln2, Payne-Hanek reduction by pi/2 in integers, short polynomials on the
 * reduced argument, sums kept as hi + lo pairs where one rounding would
 * cost an ulp); the coefficients are Taylor's or least-squares fits.
 */
#include "f32_math.h"

#include <stdint.h>

#include "float_bits.h"

#define F32_SIGN 0x80000000u
#define F32_ABS 0x7fffffffu
#define F32_INF 0x7f800000u

/* ln2 = LN2_HI + LN2_LO; LN2_HI has 16 significant bits, so k * LN2_HI is
 * exact for every |k| < 256. */
#define LN2_HI 0x1.62e4p-1f
#define LN2_LO 0x1.7f7d1cp-20f
#define LOG2E 1.44269504088896341f

static float pow2_f32(int k) /* 2^k for -126 <= k <= 127 */
{
    return tflm_float_from_bits((uint32_t)(k + 127) << 23);
}

/* x * 2^k for -252 <= k <= 254, one rounding (at the last step). */
static float scale_f32(float x, int k)
{
    if (k > 127) {
        return x * pow2_f32(k - 127) * pow2_f32(127);
    }
    if (k < -126) {
        return x * pow2_f32(k + 126) * pow2_f32(-126);
    }
    return x * pow2_f32(k);
}

/* NaN for invalid operations (0 / 0 gives the FPU's default NaN). */
static float invalid_f32(float x)
{
    const float zero = x - x;
    return zero / zero;
}

/* a + b = s + err exactly (Knuth's two-sum). */
static float two_sum(float a, float b, float *err)
{
    const float s = a + b;
    const float bb = s - a;
    *err = (a - (s - bb)) + (b - bb);
    return s;
}

/* a * b = p + err exactly (Dekker's product, operands split in 12 bits). */
static float two_prod(float a, float b, float *err)
{
    const float ca = 4097.0f * a;
    const float cb = 4097.0f * b;
    const float a_hi = ca - (ca - a);
    const float b_hi = cb - (cb - b);
    const float a_lo = a - a_hi;
    const float b_lo = b - b_hi;
    const float p = a * b;
    *err = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo;
    return p;
}

/* ---- exp, expm1, log -------------------------------------------------------- */

float tflm_expf(float x)
{
    if (x != x) {
        return x;
    }
    if (x > 88.72283935546875f) {
        return pow2_f32(127) * 2.0f; /* overflows to +inf */
    }
    if (x < -104.0f) {
        return 0.0f;
    }
    /* x = k ln2 + r, |r| <= ln2 / 2; ln2 split in a part exact in float
     * times any k and a small correction. */
    const float ln2_hi = 0.693145751953125f;
    const float ln2_lo = 1.42860676533018704e-06f;
    const float kf = x * LOG2E;
    const int k = (int)(kf >= 0.0f ? kf + 0.5f : kf - 0.5f);
    const float r = (x - (float)k * ln2_hi) - (float)k * ln2_lo;
    /* Taylor polynomial of degree 7: error below 1e-8 relative here. */
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    if (k < -126) {
        return p * pow2_f32(k + 64) * pow2_f32(-64);
    }
    if (k > 127) {
        return p * pow2_f32(k - 1) * 2.0f;
    }
    return p * pow2_f32(k);
}

/* (e^r - 1 - r) / r^2 for |r| <= 0.35: Taylor to r^6 / 8! (error below
 * 1e-9 relative to the result). */
static float expm1_tail(float r)
{
    float p = 1.0f / 40320.0f;
    p = p * r + 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    return p * r + 0.5f;
}

float tflm_expm1f(float x)
{
    const uint32_t ax = tflm_float_bits(x) & F32_ABS;
    if (ax >= F32_INF) {
        return ax == F32_INF && x < 0.0f ? -1.0f : x; /* NaN, +inf; -inf gives -1 */
    }
    if (x > 88.72283935546875f) {
        return pow2_f32(127) * 2.0f; /* overflows to +inf */
    }
    if (x < -17.328679513998632f) { /* e^x < 2^-25: -1 after rounding */
        return -1.0f;
    }
    if (ax < 0x33000000u) { /* |x| < 2^-25: x^2 / 2 is below half an ulp */
        return x;
    }
    if (ax <= 0x3eb17218u) { /* |x| <= ln2 / 2: no reduction */
        return x + x * x * expm1_tail(x);
    }
    /* x = k ln2 + r + c, c the rounding error of r. */
    const float kf = x * LOG2E;
    const int k = (int)(kf >= 0.0f ? kf + 0.5f : kf - 0.5f);
    const float hi = x - (float)k * LN2_HI;
    const float lo = (float)k * LN2_LO;
    const float r = hi - lo;
    const float c = (hi - r) - lo;
    /* e^(r + c) - 1 = r + small */
    const float small = r * r * expm1_tail(r) + c * (1.0f + r);
    /* e^x - 1 = 2^k (r + small + 1 - 2^-k): 1 - 2^-k is exact in float for
     * -24 <= k <= 23 and its sum with r is kept exactly; beyond, 2^-k (or
     * the -1 after the scaling) is too small to need it. */
    float a = 1.0f;
    float extra = 0.0f;
    float post = 0.0f;
    if (k >= 24) {
        extra = k <= 126 ? -pow2_f32(-k) : 0.0f;
    } else if (k >= -24) {
        a = 1.0f - pow2_f32(-k);
    } else {
        post = -1.0f;
    }
    float err;
    const float s = two_sum(a, r, &err);
    return scale_f32(s + (err + (small + extra)), k) + post;
}

float tflm_logf(float x)
{
    uint32_t bits = tflm_float_bits(x);
    if ((bits & F32_ABS) == 0) {
        return tflm_float_from_bits(F32_SIGN | F32_INF); /* -inf */
    }
    if (bits & F32_SIGN) {
        return x != x ? x : invalid_f32(x);
    }
    if (bits >= F32_INF) {
        return x; /* +inf, NaN */
    }
    int k = 0;
    if (bits < 0x00800000u) { /* subnormal: scale to normal, exactly */
        bits = tflm_float_bits(x * 0x1p25f);
        k = -25;
    }
    /* x = 2^k m, sqrt(2)/2 <= m < sqrt(2), f = m - 1 (exact). */
    k += (int)(bits >> 23) - 127;
    uint32_t mant = bits & 0x007fffffu;
    if (mant >= 0x003504f3u) {
        mant |= 0x3f000000u; /* m in [sqrt(2)/2, 1) */
        k += 1;
    } else {
        mant |= 0x3f800000u; /* m in [1, sqrt(2)) */
    }
    const float f = tflm_float_from_bits(mant) - 1.0f;
    /* log(1 + f) = 2 atanh(s), s = f / (2 + f), |s| <= 0.172:
     * = f - f^2/2 + s (f^2/2 + R), R = 2 s^2/3 + 2 s^4/5 + ... (Taylor,
     * truncation below 1e-9 relative). */
    const float s = f / (2.0f + f);
    const float z = s * s;
    const float big_r = z * (2.0f / 3.0f + z * (2.0f / 5.0f + z * (2.0f / 7.0f + z * (2.0f / 9.0f))));
    const float hfsq = 0.5f * f * f;
    const float kf = (float)k;
    return kf * LN2_HI + (f - (hfsq - (s * (hfsq + big_r) + kf * LN2_LO)));
}

/* e^(a + b) / 2^k for |b| <= 2^-10 |a|, with k (the caller scales once,
 * so a subnormal result is rounded once). At most about 0.55 ulp: the
 * argument is kept exactly enough as hi + lo. */
static float exp_pair_scaled(float a, float b, int *k_out)
{
    const float kf = a * LOG2E;
    const int k = (int)(kf >= 0.0f ? kf + 0.5f : kf - 0.5f);
    const float hi = a - (float)k * LN2_HI; /* exact: |k| < 256, Sterbenz */
    const float lo = (float)k * LN2_LO - b;
    const float r = hi - lo;
    const float c = (hi - r) - lo;
    const float small = r * r * expm1_tail(r) + c * (1.0f + r);
    float err;
    const float s = two_sum(1.0f, r, &err);
    *k_out = k;
    return s + (err + small);
}

/* log(x) as hi + lo, good to about 2^-36 relative, for finite x > 0 (the
 * logf method with the leading terms kept as pairs). */
static float log_pair(float x, float *lo_out)
{
    uint32_t bits = tflm_float_bits(x);
    int k = 0;
    if (bits < 0x00800000u) {
        bits = tflm_float_bits(x * 0x1p25f);
        k = -25;
    }
    k += (int)(bits >> 23) - 127;
    uint32_t mant = bits & 0x007fffffu;
    if (mant >= 0x003504f3u) {
        mant |= 0x3f000000u;
        k += 1;
    } else {
        mant |= 0x3f800000u;
    }
    const float f = tflm_float_from_bits(mant) - 1.0f;
    /* s = f / (2 + f) as s + s_lo */
    float d_lo;
    const float d = two_sum(2.0f, f, &d_lo);
    const float s = f / d;
    float sd_lo;
    const float sd = two_prod(s, d, &sd_lo);
    const float s_lo = (((f - sd) - sd_lo) - s * d_lo) / d;
    /* log(1 + f) = 2s + 2s^3/3 + s^5 U(s^2); 2s^3/3 as a pair. */
    float z_lo;
    const float z = two_prod(s, s, &z_lo);
    float cube_lo;
    const float cube = two_prod(z, s, &cube_lo);
    cube_lo += z_lo * s + 3.0f * z * s_lo;
    const float two_thirds_hi = 0x1.555556p-1f;
    const float two_thirds_lo = -0x1.555556p-26f;
    float t_lo;
    const float t = two_prod(cube, two_thirds_hi, &t_lo);
    t_lo += cube_lo * two_thirds_hi + cube * two_thirds_lo;
    const float u = 2.0f / 5.0f + z * (2.0f / 7.0f + z * (2.0f / 9.0f + z * (2.0f / 11.0f)));
    const float tail = t_lo + 2.0f * s_lo + s * z * z * u;
    /* k ln2 + 2s + t + tail */
    const float kf = (float)k;
    float e1, e2;
    const float h1 = two_sum(kf * LN2_HI, 2.0f * s, &e1);
    const float h2 = two_sum(h1, t, &e2);
    const float lo = e1 + e2 + tail + kf * LN2_LO;
    const float hi = h2 + lo;
    *lo_out = lo - (hi - h2);
    return hi;
}

/* 0: not an integer, 1: odd integer, 2: even integer (|y| >= 2^24 are even). */
static int integer_class(uint32_t ay)
{
    if (ay >= 0x4b800000u) {
        return 2;
    }
    if (ay < 0x3f800000u) {
        return ay == 0 ? 2 : 0;
    }
    const int e = (int)(ay >> 23) - 127;
    if (ay & (0x007fffffu >> e)) {
        return 0;
    }
    return ((ay >> (23 - e)) & 1u) ? 1 : 2; /* e = 0: the exponent's low bit, 1 */
}

float tflm_powf(float x, float y)
{
    const uint32_t ux = tflm_float_bits(x);
    const uint32_t uy = tflm_float_bits(y);
    const uint32_t ax = ux & F32_ABS;
    const uint32_t ay = uy & F32_ABS;
    if (ay == 0 || ux == 0x3f800000u) {
        return 1.0f; /* x^0 and 1^y, NaN included */
    }
    if (ax > F32_INF || ay > F32_INF) {
        return x + y;
    }
    const int y_negative = (uy & F32_SIGN) != 0;
    if (ay == F32_INF) {
        if (ax == 0x3f800000u) {
            return 1.0f; /* (-1)^+-inf */
        }
        return ((ax > 0x3f800000u) != y_negative) ? y * y : 0.0f; /* +inf or +0 */
    }
    const int y_class = integer_class(ay);
    const uint32_t sign = ((ux & F32_SIGN) && y_class == 1) ? F32_SIGN : 0u;
    if (ax == 0 || ax == F32_INF) {
        const int infinite = (ax == F32_INF) != y_negative;
        return tflm_float_from_bits(sign | (infinite ? F32_INF : 0u));
    }
    if ((ux & F32_SIGN) && y_class == 0) {
        return invalid_f32(x); /* negative x, non-integer y */
    }
    if (ax == 0x3f800000u) {
        return tflm_float_from_bits(sign | 0x3f800000u); /* (-1)^integer */
    }
    /* |x|^y = e^(y log|x|), the product kept as a pair. */
    float log_lo;
    const float log_hi = log_pair(tflm_float_from_bits(ax), &log_lo);
    const float rough = y * log_hi;
    float magnitude;
    if (rough > 89.0f) {
        magnitude = tflm_float_from_bits(F32_INF);
    } else if (rough < -105.0f) {
        magnitude = 0.0f;
    } else {
        float p_lo;
        const float p = two_prod(y, log_hi, &p_lo);
        int k;
        const float m = exp_pair_scaled(p, p_lo + y * log_lo, &k);
        magnitude = scale_f32(m, k);
    }
    return sign ? -magnitude : magnitude;
}

/* ---- erf, erfc ---------------------------------------------------------------- */

/* erf(x) / x - 1 for |x| < 0.84375, in x^2 (least-squares fit). */
static float erf_small_tail(float z)
{
    float p = 0x1.75d96ep-14f;
    p = p * z - 0x1.b11818p-11f;
    p = p * z + 0x1.557b86p-8f;
    p = p * z - 0x1.b81f7cp-6f;
    p = p * z + 0x1.ce2ec2p-4f;
    p = p * z - 0x1.812746p-2f;
    return p * z + 0x1.06eba8p-3f;
}

/* erfc(x) for x >= 0.84375. Up to 1.25 a fit in x - 1; beyond,
 * e^(-x^2) h(1/x) / x with h a fit of erfc(x) e^(x^2) x on two intervals,
 * and x^2 split exactly (x_hi has 12 bits, so x_hi^2 is exact). The
 * roundings of h's evaluation, the quotient and the product add up to
 * about 2.7 ulp at worst. */
static float erfc_positive(float x)
{
    if (x < 1.25f) {
        const float t = x - 1.0f;
        float p = 0x1.618806p-8f;
        p = p * t - 0x1.efe014p-7f;
        p = p * t - 0x1.3053e6p-8f;
        p = p * t + 0x1.1b6314p-4f;
        p = p * t - 0x1.1b60cap-4f;
        p = p * t - 0x1.1b6150p-3f;
        p = p * t + 0x1.a911f0p-2f;
        p = p * t - 0x1.a911f0p-2f;
        return p * t + 0x1.422616p-3f;
    }
    if (x > 10.1f) {
        return 0.0f; /* below half the smallest subnormal */
    }
    const float t = 1.0f / x;
    float h;
    if (x < 2.857f) {
        h = -0x1.c83318p-5f;
        h = h * t + 0x1.de90c6p-3f;
        h = h * t - 0x1.78ff42p-2f;
        h = h * t + 0x1.6f009cp-3f;
        h = h * t + 0x1.bfbc96p-3f;
        h = h * t - 0x1.6c3a42p-2f;
        h = h * t + 0x1.911cb0p-7f;
        h = h * t + 0x1.20700cp-1f;
    } else {
        h = 0x1.821d42p-2f;
        h = h * t - 0x1.ae984ep-1f;
        h = h * t + 0x1.571728p-1f;
        h = h * t - 0x1.5e5c16p-5f;
        h = h * t - 0x1.1c5970p-2f;
        h = h * t - 0x1.062f92p-12f;
        h = h * t + 0x1.20de3ep-1f;
    }
    const float x_hi = tflm_float_from_bits(tflm_float_bits(x) & 0xfffff000u);
    int k;
    const float e = exp_pair_scaled(-x_hi * x_hi, -(x - x_hi) * (x + x_hi), &k);
    return scale_f32(e * (h / x), k);
}

float tflm_erff(float x)
{
    const uint32_t ax = tflm_float_bits(x) & F32_ABS;
    if (ax > F32_INF) {
        return x;
    }
    if (ax < 0x3f580000u) { /* |x| < 0.84375 */
        return x + x * erf_small_tail(x * x);
    }
    const float magnitude = ax >= 0x40800000u ? 1.0f : 1.0f - erfc_positive(tflm_float_from_bits(ax)); /* |x| >= 4: 1 */
    return x < 0.0f ? -magnitude : magnitude;
}

float tflm_erfcf(float x)
{
    const uint32_t ax = tflm_float_bits(x) & F32_ABS;
    if (ax > F32_INF) {
        return x;
    }
    if (ax < 0x3f580000u) {
        /* 1 - x - x tail, with 1 - x kept as a pair */
        float err;
        const float s = two_sum(1.0f, -x, &err);
        return s + (err - x * erf_small_tail(x * x));
    }
    if (x > 0.0f) {
        return erfc_positive(x);
    }
    return 2.0f - erfc_positive(-x);
}

/* ---- sin, cos ----------------------------------------------------------------- */

/* Bits of 2/pi after the binary point, 32 a word. */
static const uint32_t TWO_OVER_PI[8] = {
    0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u,
    0xdb629599u, 0x3c439041u, 0xfe5163abu, 0xdebbc561u,
};

/* Bits pos .. pos+31 (1 = the first after the point) of 2/pi. */
static uint32_t two_over_pi_bits(int pos)
{
    const int word = (pos - 1) / 32;
    const int bit = (pos - 1) % 32;
    const uint32_t high = TWO_OVER_PI[word] << bit;
    return bit == 0 ? high : high | (TWO_OVER_PI[word + 1] >> (32 - bit));
}

/* Bits n .. n+31 of a 128-bit number held in 4 words, least significant first. */
static uint32_t limbs_bits(const uint32_t limbs[4], int n)
{
    const int word = n / 32;
    const int bit = n % 32;
    const uint32_t low = word < 4 ? limbs[word] >> bit : 0u;
    const uint32_t high = (bit != 0 && word + 1 < 4) ? limbs[word + 1] << (32 - bit) : 0u;
    return low | high;
}

static int clz64(uint64_t v) /* v != 0 */
{
    const uint32_t high = (uint32_t)(v >> 32);
    return high != 0 ? __builtin_clz(high) : 32 + __builtin_clz((uint32_t)v);
}

#define PIO2_HI 0x1.921fb6p0f
#define PIO2_LO (-0x1.777a5cp-25f)

/* |x| = (4n + q) pi/2 + r for finite |x| >= pi/4; returns q in 0..3 and r
 * as r_hi + r_lo, |r| <= pi/4. Payne-Hanek: |x| = m 2^e with an integer
 * m < 2^24, and only the 96 bits of 2/pi that give |x| 2/pi modulo 8 down to
 * 2^-64 (plus guard bits) matter: the product is exact in integers. */
static int reduce_pio2(float ax, float *r_hi, float *r_lo)
{
    const uint32_t bits = tflm_float_bits(ax);
    const uint32_t m = (bits & 0x007fffffu) | 0x00800000u;
    const int e = (int)(bits >> 23) - 150;
    /* Bits of 2/pi weighing 2^3 or more in m 2^e 2/pi are multiples of 8. */
    const int first = e - 2 >= 1 ? e - 2 : 1;
    const uint32_t w2 = two_over_pi_bits(first);
    const uint32_t w1 = two_over_pi_bits(first + 32);
    const uint32_t w0 = two_over_pi_bits(first + 64);
    uint32_t p[4];
    uint64_t t = (uint64_t)m * w0;
    p[0] = (uint32_t)t;
    t = (uint64_t)m * w1 + (t >> 32);
    p[1] = (uint32_t)t;
    t = (uint64_t)m * w2 + (t >> 32);
    p[2] = (uint32_t)t;
    p[3] = (uint32_t)(t >> 32);
    /* |x| 2/pi = P 2^-point. */
    const int point = first + 95 - e;
    int q = (int)(limbs_bits(p, point) & 3u);
    uint64_t frac = ((uint64_t)limbs_bits(p, point - 32) << 32) | limbs_bits(p, point - 64);
    float sign = 1.0f;
    if (frac >> 63) { /* fraction >= 1/2: r = (fraction - 1) pi/2 */
        q = (q + 1) & 3;
        frac = (uint64_t)0 - frac;
        sign = -1.0f;
    }
    if (frac == 0) {
        *r_hi = 0.0f;
        *r_lo = 0.0f;
        return q;
    }
    /* fraction = (f_hi + f_lo) exactly to 48 bits, times pi/2 as a pair. */
    const int shift = clz64(frac);
    frac <<= shift;
    const float f_hi = (float)(uint32_t)(frac >> 40) * pow2_f32(-24 - shift);
    const float f_lo = (float)(uint32_t)((frac >> 16) & 0xffffffu) * pow2_f32(-48 - shift);
    float p_lo;
    const float p_hi = two_prod(f_hi, PIO2_HI, &p_lo);
    const float tail = p_lo + (f_hi * PIO2_LO + f_lo * PIO2_HI);
    const float hi = p_hi + tail;
    *r_hi = sign * hi;
    *r_lo = sign * (tail - (hi - p_hi));
    return q;
}

/* sin(r + r_lo) for |r| <= pi/4, r_lo tiny: Taylor to r^9 / 9! (truncation
 * below 3e-9 relative). */
static float sin_kernel(float r, float r_lo)
{
    const float z = r * r;
    const float p = -1.0f / 6.0f + z * (1.0f / 120.0f + z * (-1.0f / 5040.0f + z * (1.0f / 362880.0f)));
    return r + ((r_lo - r_lo * 0.5f * z) + z * r * p);
}

/* cos(r + r_lo) for |r| <= pi/4: 1 - r^2/2 kept exactly enough, plus
 * Taylor to r^12 / 12!. */
static float cos_kernel(float r, float r_lo)
{
    const float z = r * r;
    const float half_z = 0.5f * z;
    const float w = 1.0f - half_z;
    const float p = 1.0f / 24.0f + z * (-1.0f / 720.0f + z * (1.0f / 40320.0f + z * (-1.0f / 3628800.0f
                                                                                       + z * (1.0f / 479001600.0f))));
    return w + (((1.0f - w) - half_z) + (z * z * p - r * r_lo));
}

float tflm_sinf(float x)
{
    const uint32_t ax = tflm_float_bits(x) & F32_ABS;
    if (ax < 0x39800000u) { /* |x| < 2^-12 (and +-0): x^3/6 below half an ulp */
        return x;
    }
    if (ax <= 0x3f490fdbu) { /* |x| <= pi/4 */
        return sin_kernel(x, 0.0f);
    }
    if (ax >= F32_INF) {
        return x - x; /* NaN */
    }
    float r, r_lo;
    const int q = reduce_pio2(tflm_float_from_bits(ax), &r, &r_lo);
    const float s = (q & 1) ? cos_kernel(r, r_lo) : sin_kernel(r, r_lo);
    const float magnitude = (q & 2) ? -s : s;
    return x < 0.0f ? -magnitude : magnitude;
}

float tflm_cosf(float x)
{
    const uint32_t ax = tflm_float_bits(x) & F32_ABS;
    if (ax < 0x39800000u) { /* |x| < 2^-12: 1 - x^2/2 rounds to 1 */
        return 1.0f;
    }
    if (ax <= 0x3f490fdbu) {
        return cos_kernel(x, 0.0f);
    }
    if (ax >= F32_INF) {
        return x - x;
    }
    float r, r_lo;
    const int q = reduce_pio2(tflm_float_from_bits(ax), &r, &r_lo);
    switch (q) {
    case 0:
        return cos_kernel(r, r_lo);
    case 1:
        return -sin_kernel(r, r_lo);
    case 2:
        return -cos_kernel(r, r_lo);
    default:
        return sin_kernel(r, r_lo);
    }
}

/* ---- tanh, logistic --------------------------------------------------------- */

float tflm_tanhf(float x)
{
    const uint32_t ax = tflm_float_bits(x) & F32_ABS;
    if (ax > F32_INF) {
        return x;
    }
    if (ax > 0x41102cb4u) { /* |x| > 9.0109: 1 - tanh|x| below 2^-25, and +-inf */
        return x < 0.0f ? -1.0f : 1.0f;
    }
    if (ax < 0x39800000u) { /* |x| < 2^-12: x^3/3 below half an ulp */
        return x;
    }
    if (ax < 0x3f400000u) { /* |x| < 0.75: x + x^3 P(x^2), P a least-squares fit */
        const float z = x * x;
        float p = -0x1.7044c4p-11f;
        p = p * z + 0x1.966466p-9f;
        p = p * z - 0x1.1cd1e0p-7f;
        p = p * z + 0x1.65cbe4p-6f;
        p = p * z - 0x1.ba15eep-5f;
        p = p * z + 0x1.111106p-3f;
        p = p * z - 0x1.555556p-2f;
        return x + x * z * p;
    }
    /* 1 - 2 / (e^2|x| + 1): the divisor, the quotient and the difference
     * each kept as a pair, so only expm1's error and the last rounding count. */
    const float t = tflm_expm1f(2.0f * tflm_float_from_bits(ax));
    float sum_lo;
    const float sum = two_sum(2.0f, t, &sum_lo);
    const float q = 2.0f / sum;
    float qs_lo;
    const float qs = two_prod(q, sum, &qs_lo);
    const float q_lo = (((2.0f - qs) - qs_lo) - q * sum_lo) / sum;
    float diff_lo;
    const float diff = two_sum(1.0f, -q, &diff_lo);
    const float magnitude = diff + (diff_lo - q_lo);
    return x < 0.0f ? -magnitude : magnitude;
}

float tflm_logisticf(float x)
{
    if (x > 16.619047164916992188f) {
        return 1.0f;
    }
    if (x < -9.0f) {
        return tflm_expf(x);
    }
    return 1.0f / (1.0f + tflm_expf(-x));
}

/* ---- sqrt, rsqrt -------------------------------------------------------------- */

float tflm_sqrtf(float x)
{
    const uint32_t bits = tflm_float_bits(x);
    if ((bits & F32_ABS) == 0 || bits == F32_INF || (bits & F32_ABS) > F32_INF) {
        return x; /* +-0, +inf, NaN */
    }
    if (bits & F32_SIGN) {
        return invalid_f32(x);
    }
    /* x = m 2^e2, m an integer of 24 bits. */
    uint32_t m = bits & 0x007fffffu;
    int e2;
    if (bits >= 0x00800000u) {
        m |= 0x00800000u;
        e2 = (int)(bits >> 23) - 150;
    } else {
        e2 = -149;
        while (m < 0x00800000u) {
            m <<= 1;
            --e2;
        }
    }
    /* sqrt(x) = sqrt(M) 2^(e2/2 - s) with M = m 2^(2s) in [2^46, 2^48), so
     * that floor(sqrt(M)) has 24 bits. */
    const int odd = e2 & 1;
    uint64_t op = (uint64_t)m << (odd ? 23 : 24);
    const int result_exp = (e2 - odd) / 2 - (odd ? 11 : 12);
    uint64_t root = 0;
    uint64_t one = (uint64_t)1 << 46;
    while (one > op) {
        one >>= 2;
    }
    while (one != 0) {
        if (op >= root + one) {
            op -= root + one;
            root = (root >> 1) + one;
        } else {
            root >>= 1;
        }
        one >>= 2;
    }
    /* op = M - root^2; M lies above (root + 1/2)^2 = root^2 + root + 1/4
     * exactly when op > root (no ties: op is an integer). */
    const uint32_t rounded = (uint32_t)root + (op > root ? 1u : 0u);
    /* rounded in [2^23, 2^24]: 2^24 carries into the exponent. */
    return tflm_float_from_bits(((uint32_t)(result_exp + 23 + 127) << 23) + (rounded - 0x00800000u));
}

float tflm_rsqrtf(float x)
{
    return 1.0f / tflm_sqrtf(x);
}

/* ---- rounding, fmod ----------------------------------------------------------- */

/* Unbiased exponent of a float's bits (-127 for zeros and subnormals). */
static int exponent_of(uint32_t bits)
{
    return (int)((bits >> 23) & 0xffu) - 127;
}

float tflm_truncf(float x)
{
    const uint32_t bits = tflm_float_bits(x);
    const int e = exponent_of(bits);
    if (e >= 23) {
        return x; /* integral, inf or NaN */
    }
    if (e < 0) {
        return tflm_float_from_bits(bits & F32_SIGN);
    }
    return tflm_float_from_bits(bits & ~(0x007fffffu >> e));
}

/* Rounds |x| away from zero when it has a fraction (floor of negatives,
 * ceil of positives). */
static float round_up_magnitude(float x)
{
    const uint32_t bits = tflm_float_bits(x);
    const int e = exponent_of(bits);
    if (e >= 23 || (bits & F32_ABS) == 0) {
        return x;
    }
    if (e < 0) {
        return tflm_float_from_bits((bits & F32_SIGN) | 0x3f800000u); /* +-1 */
    }
    const uint32_t mask = 0x007fffffu >> e;
    if ((bits & mask) == 0) {
        return x;
    }
    return tflm_float_from_bits((bits + mask) & ~mask);
}

float tflm_floorf(float x)
{
    return tflm_float_bits(x) & F32_SIGN ? round_up_magnitude(x) : tflm_truncf(x);
}

float tflm_ceilf(float x)
{
    return tflm_float_bits(x) & F32_SIGN ? tflm_truncf(x) : round_up_magnitude(x);
}

float tflm_roundf(float x)
{
    const uint32_t bits = tflm_float_bits(x);
    const int e = exponent_of(bits);
    if (e >= 23) {
        return x;
    }
    if (e < -1) {
        return tflm_float_from_bits(bits & F32_SIGN);
    }
    if (e == -1) { /* 0.5 <= |x| < 1 */
        return tflm_float_from_bits((bits & F32_SIGN) | 0x3f800000u);
    }
    const uint32_t mask = 0x007fffffu >> e;
    return tflm_float_from_bits((bits + (0x00400000u >> e)) & ~mask);
}

float tflm_roundevenf(float x)
{
    const uint32_t bits = tflm_float_bits(x);
    const int e = exponent_of(bits);
    if (e >= 23) {
        return x;
    }
    if (e < -1 || (e == -1 && (bits & F32_ABS) == 0x3f000000u)) { /* |x| <= 0.5 */
        return tflm_float_from_bits(bits & F32_SIGN);
    }
    if (e == -1) {
        return tflm_float_from_bits((bits & F32_SIGN) | 0x3f800000u);
    }
    /* The integer's lowest bit is bit 23 - e (for e = 0 the exponent's
     * lowest bit, 1 as the integer 1 is odd). */
    const uint32_t unit = 0x00800000u >> e;
    const uint32_t frac = bits & (unit - 1u);
    const uint32_t half = unit >> 1;
    const int up = frac > half || (frac == half && (bits & unit) != 0);
    return tflm_float_from_bits(((bits & ~(unit - 1u)) + (up ? unit : 0u)));
}

float tflm_fmodf(float x, float y)
{
    const uint32_t ux = tflm_float_bits(x);
    const uint32_t ax = ux & F32_ABS;
    const uint32_t ay = tflm_float_bits(y) & F32_ABS;
    const uint32_t sign = ux & F32_SIGN;
    if (ay == 0 || ax >= F32_INF || ay > F32_INF) {
        return (x * y) / (x * y); /* NaN (NaN operands, inf x, zero y) */
    }
    if (ax < ay) {
        return x; /* includes finite x with infinite y */
    }
    if (ax == ay) {
        return tflm_float_from_bits(sign);
    }
    /* |x| = mx 2^(ex - 150), |y| = my 2^(ey - 150), mantissas normalized to
     * 24 bits (subnormals get a lower exponent). */
    int ex = (int)(ax >> 23);
    int ey = (int)(ay >> 23);
    uint32_t mx = ex != 0 ? (ax & 0x007fffffu) | 0x00800000u : ax;
    uint32_t my = ey != 0 ? (ay & 0x007fffffu) | 0x00800000u : ay;
    if (ex == 0) {
        ex = 1;
        while (mx < 0x00800000u) {
            mx <<= 1;
            --ex;
        }
    }
    if (ey == 0) {
        ey = 1;
        while (my < 0x00800000u) {
            my <<= 1;
            --ey;
        }
    }
    /* Long division, one bit an exponent step: the remainder is exact. */
    for (; ex > ey; --ex) {
        if (mx >= my) {
            mx -= my;
        }
        mx <<= 1;
    }
    if (mx >= my) {
        mx -= my;
    }
    if (mx == 0) {
        return tflm_float_from_bits(sign);
    }
    while (mx < 0x00800000u) {
        mx <<= 1;
        --ey;
    }
    if (ey >= 1) {
        return tflm_float_from_bits(sign | ((uint32_t)ey << 23) | (mx & 0x007fffffu));
    }
    return tflm_float_from_bits(sign | (mx >> (1 - ey))); /* exact subnormal */
}
