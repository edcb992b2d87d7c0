/* f32_math: each function against the host's libm evaluated in double (the
 * reference is the exact value to far below a float ulp), over a sample of
 * every float bit pattern, dense sweeps of the ranges the kernels use, and
 * the special values; the exact functions bit for bit. Prints each
 * function's worst error in ulps (of the float nearest the exact value). */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "kernels/f32_math.h"
#include "kernels/float_bits.h"
#include "test.h"

#define SAMPLES 1000000

/* The sample's i-th bit pattern: i times an odd constant walks all 2^32
 * patterns in a scattered order. */
static float sample(uint32_t i)
{
    return tflm_float_from_bits(i * 0x9e3779b1u);
}

static float sweep(float lo, float hi, int i, int n)
{
    return lo + (hi - lo) * (float)i / (float)n;
}

/* |got - want| in ulps of the float nearest want (2^-149 for subnormals). */
static double ulp_error(float got, double want)
{
    if (isnan(want)) {
        return isnan(got) ? 0.0 : INFINITY;
    }
    const float nearest = (float)want;
    if (isinf(nearest) || want == 0.0) {
        return tflm_float_bits(got) == tflm_float_bits(nearest) ? 0.0 : INFINITY;
    }
    int e;
    frexp(want, &e);
    const double ulp = fmax(ldexp(1.0, e - 24), ldexp(1.0, -149));
    return fabs((double)got - want) / ulp;
}

typedef struct worst {
    const char *name;
    double ulps;
    float at;
} worst;

static void note(worst *w, float x, float got, double want)
{
    const double err = ulp_error(got, want);
    if (!(err <= w->ulps)) {
        w->ulps = err;
        w->at = x;
    }
}

static void report(const worst *w, double bound)
{
    printf("%-12s max %.3f ulp (at %a)\n", w->name, w->ulps, (double)w->at);
    if (!(w->ulps <= bound)) {
        fprintf(stderr, "%s: %.3f ulp at %a exceeds %.2f\n", w->name, w->ulps, (double)w->at, bound);
        tflm_test_failures++;
    }
}

static const float SPECIALS[] = {
    0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 0x1p-149f, -0x1p-149f, 0x1.fffffcp-127f, FLT_MIN, -FLT_MIN,
    FLT_MAX, -FLT_MAX, 1.0f, -1.0f, 0.5f, -0.5f, 2.0f, 88.7228394f, 88.7228470f, -87.3365479f, -103.972076f,
    -104.0f, 1e-30f, -1e-30f, 3.14159274f, 1.57079637f, 1e10f, -1e10f, 0x1.fffffep23f,
};
#define SPECIAL_COUNT (sizeof SPECIALS / sizeof SPECIALS[0])

typedef float (*f32_fn)(float);
typedef double (*f64_fn)(double);

/* A unary function: the sample of all patterns, a dense sweep of [lo, hi],
 * the specials (signs of zeros and infinities bit for bit). */
static void check_unary(const char *name, f32_fn ours, f64_fn host, float lo, float hi, double bound)
{
    worst w = {name, 0.0, 0.0f};
    for (uint32_t i = 0; i < SAMPLES; ++i) {
        const float x = sample(i);
        note(&w, x, ours(x), host((double)x));
    }
    for (int i = 0; i <= SAMPLES; ++i) {
        const float x = sweep(lo, hi, i, SAMPLES);
        note(&w, x, ours(x), host((double)x));
    }
    for (size_t i = 0; i < SPECIAL_COUNT; ++i) {
        const float x = SPECIALS[i];
        note(&w, x, ours(x), host((double)x));
    }
    report(&w, bound);
}

/* TF Lite's logistic with exact arithmetic (the same cutoffs). */
static double logistic_exact(double x)
{
    if (x > 16.619047164916992188) {
        return 1.0;
    }
    if (x < -9.0) {
        return exp(x);
    }
    return 1.0 / (1.0 + exp(-x));
}

static void test_approximations(void)
{
    check_unary("expf", tflm_expf, exp, -104.0f, 89.0f, 1.25);
    check_unary("expm1f", tflm_expm1f, expm1, -18.0f, 18.0f, 1.0);
    check_unary("logf", tflm_logf, log, 0.0f, 4.0f, 1.0);
    check_unary("sinf", tflm_sinf, sin, -20.0f, 20.0f, 1.0);
    check_unary("cosf", tflm_cosf, cos, -20.0f, 20.0f, 1.0);
    check_unary("tanhf", tflm_tanhf, tanh, -10.0f, 10.0f, 1.0);
    check_unary("erff", tflm_erff, erf, -5.0f, 5.0f, 1.0);
    check_unary("erfcf", tflm_erfcf, erfc, -2.0f, 11.0f, 3.0);
    /* Two float roundings on top of expf's error. */
    check_unary("logisticf", tflm_logisticf, logistic_exact, -20.0f, 20.0f, 2.0);
}

static void test_exact_values(void)
{
    CHECK(tflm_expf(0.0f) == 1.0f && tflm_expf(-0.0f) == 1.0f);
    CHECK(tflm_logf(1.0f) == 0.0f && !signbit(tflm_logf(1.0f)));
    CHECK(tflm_expm1f(-INFINITY) == -1.0f);
    CHECK(tflm_tanhf(INFINITY) == 1.0f && tflm_tanhf(-INFINITY) == -1.0f);
    CHECK(isinf(tflm_expf(89.0f)) && tflm_expf(-105.0f) == 0.0f);
    CHECK(isnan(tflm_logf(-1.0f)) && isnan(tflm_logf(-INFINITY)) && tflm_logf(-0.0f) == -INFINITY);
    CHECK(isnan(tflm_sinf(INFINITY)) && isnan(tflm_cosf(-INFINITY)));
    CHECK(tflm_logisticf(20.0f) == 1.0f && tflm_logisticf(0.0f) == 0.5f);
    /* Multiples of pi/2 far out: the reduction keeps its bits. */
    CHECK(ulp_error(tflm_sinf(0x1.921fb6p+100f), sin(0x1.921fb6p+100)) <= 1.0);
    CHECK(ulp_error(tflm_cosf(FLT_MAX), cos((double)FLT_MAX)) <= 1.0);
}

/* pow over pairs: random bit patterns (mostly overflow, underflow and NaN),
 * bases in [0, 10] with exponents in [-40, 40], bases near 1 with large
 * exponents, negative bases with integer exponents, and every pair of
 * specials. */
static void test_pow(void)
{
    worst w = {"powf", 0.0, 0.0f};
    worst w_y = {"powf (y)", 0.0, 0.0f};
    for (uint32_t i = 0; i < SAMPLES; ++i) {
        float x, y;
        switch (i % 4) {
        case 0:
            x = sample(i);
            y = sample(i ^ 0x5555u);
            break;
        case 1:
            x = sweep(0.0f, 10.0f, (int)(i * 7919u % 1000003u), 1000003);
            y = sweep(-40.0f, 40.0f, (int)(i * 104729u % 999983u), 999983);
            break;
        case 2:
            x = 1.0f + sweep(-0.01f, 0.01f, (int)(i * 7919u % 1000003u), 1000003);
            y = sweep(-9000.0f, 9000.0f, (int)(i * 104729u % 999983u), 999983);
            break;
        default:
            x = -sweep(0.0f, 3.0f, (int)(i * 7919u % 1000003u), 1000003);
            y = (float)((int)(i % 161u) - 80);
            break;
        }
        const float got = tflm_powf(x, y);
        const double want = pow((double)x, (double)y);
        const double before = w.ulps;
        note(&w, x, got, want);
        if (w.ulps != before) {
            w_y.at = y;
        }
    }
    for (size_t i = 0; i < SPECIAL_COUNT; ++i) {
        for (size_t j = 0; j < SPECIAL_COUNT; ++j) {
            const float x = SPECIALS[i], y = SPECIALS[j];
            const float got = tflm_powf(x, y);
            const float host = powf(x, y);
            CHECK(tflm_float_bits(got) == tflm_float_bits(host) || (isnan(got) && isnan(host))
                  || ulp_error(got, pow((double)x, (double)y)) <= 1.0);
        }
    }
    printf("(powf's worst case has y = %a)\n", (double)w_y.at);
    report(&w, 1.0);
}

static int same_bits_or_nan(float a, float b)
{
    return tflm_float_bits(a) == tflm_float_bits(b) || (isnan(a) && isnan(b));
}

/* sqrt and the rounding functions bit for bit against the host's. */
static void test_exact_functions(void)
{
    int bad_sqrt = 0, bad_rsqrt = 0, bad_round = 0;
    for (uint32_t i = 0; i < 4 * SAMPLES; ++i) {
        const float x = i < SAMPLES ? sample(i)
                      : i < 2 * SAMPLES ? tflm_float_from_bits(i - SAMPLES)           /* subnormals */
                                        : sweep(-8.0f, 8.0f, (int)(i - 2 * SAMPLES), 2 * SAMPLES);
        const float s = (float)sqrt((double)x); /* double then float: correctly rounded */
        bad_sqrt += !same_bits_or_nan(tflm_sqrtf(x), s);
        bad_rsqrt += !same_bits_or_nan(tflm_rsqrtf(x), 1.0f / s);
        bad_round += !same_bits_or_nan(tflm_floorf(x), floorf(x));
        bad_round += !same_bits_or_nan(tflm_ceilf(x), ceilf(x));
        bad_round += !same_bits_or_nan(tflm_truncf(x), truncf(x));
        bad_round += !same_bits_or_nan(tflm_roundf(x), roundf(x));
        bad_round += !same_bits_or_nan(tflm_roundevenf(x), rintf(x)); /* default mode: to even */
    }
    for (size_t i = 0; i < SPECIAL_COUNT; ++i) {
        const float x = SPECIALS[i];
        bad_sqrt += !same_bits_or_nan(tflm_sqrtf(x), sqrtf(x));
        bad_round += !same_bits_or_nan(tflm_floorf(x), floorf(x));
        bad_round += !same_bits_or_nan(tflm_roundevenf(x), rintf(x));
    }
    CHECK_EQ_INT(0, bad_sqrt);
    CHECK_EQ_INT(0, bad_rsqrt);
    CHECK_EQ_INT(0, bad_round);
    /* Halfway cases: away from zero against to even. */
    CHECK(tflm_roundf(2.5f) == 3.0f && tflm_roundevenf(2.5f) == 2.0f);
    CHECK(tflm_roundf(-0.5f) == -1.0f && tflm_roundevenf(-0.5f) == 0.0f && signbit(tflm_roundevenf(-0.5f)));
    CHECK(tflm_roundevenf(3.5f) == 4.0f && tflm_roundevenf(-1.5f) == -2.0f);
    CHECK(tflm_sqrtf(-0.0f) == 0.0f && signbit(tflm_sqrtf(-0.0f)) && isnan(tflm_sqrtf(-1.0f)));
    printf("sqrtf, rsqrtf, floorf, ceilf, truncf, roundf, roundevenf: bit for bit\n");
}

static void test_fmod(void)
{
    int bad = 0;
    for (uint32_t i = 0; i < SAMPLES; ++i) {
        const float x = sample(i);
        const float y = sample(i + 0x12345u);
        const float y_near = tflm_float_from_bits((tflm_float_bits(x) & 0x7fffffffu) - (i & 0x3ffffffu));
        bad += !same_bits_or_nan(tflm_fmodf(x, y), fmodf(x, y));
        bad += !same_bits_or_nan(tflm_fmodf(x, y_near), fmodf(x, y_near));
    }
    for (size_t i = 0; i < SPECIAL_COUNT; ++i) {
        for (size_t j = 0; j < SPECIAL_COUNT; ++j) {
            bad += !same_bits_or_nan(tflm_fmodf(SPECIALS[i], SPECIALS[j]), fmodf(SPECIALS[i], SPECIALS[j]));
        }
    }
    CHECK_EQ_INT(0, bad);
    CHECK(tflm_fmodf(-7.0f, 3.0f) == -1.0f && tflm_fmodf(7.0f, -3.0f) == 1.0f);
    printf("fmodf: bit for bit\n");
}

int main(void)
{
    test_approximations();
    test_exact_values();
    test_pow();
    test_exact_functions();
    test_fmod();
    TEST_MAIN_END();
}
