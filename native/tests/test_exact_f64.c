/* exact_f64: the integer double arithmetic of the prepare steps must give
 * bit for bit what the FPU's double arithmetic gives, and the kernels'
 * multipliers must equal TFLM's double formulas, over millions of random
 * scales. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernels/add.h"
#include "kernels/exact_f64.h"
#include "kernels/fixed_point.h"
#include "kernels/kernel_util.h"
#include "kernels/mul.h"
#include "kernels/softmax.h"
#include "test.h"

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* A positive normal float with a random mantissa and an exponent in
 * [2^-60, 2^20]: the range of quantization scales and beyond. */
static float random_scale(void)
{
    uint32_t bits = (uint32_t)((next() % 81u) + 127u - 60u) << 23 | (uint32_t)(next() & 0x7fffffu);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

/* Sometimes a float's neighbour or an exact multiple, to hit ties. */
static float related_scale(float base)
{
    uint32_t bits;
    memcpy(&bits, &base, sizeof bits);
    switch (next() % 4u) {
    case 0: bits += (uint32_t)(next() % 5u); break;
    case 1: bits -= (uint32_t)(next() % 5u); break;
    case 2: bits += (uint32_t)(next() % 8u) << 23; break;
    default: return random_scale();
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static float fabsf_(float x)
{
    return x < 0.0f ? -x : x;
}

static double random_double(void)
{
    uint64_t bits = (uint64_t)((next() % 401u) + 1023u - 200u) << 52 | (next() & ((1ull << 52) - 1));
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static tflm_f64 f(double d)
{
    return tflm_f64_from_double(d);
}

static double d(tflm_f64 x)
{
    return tflm_f64_to_double(x);
}

/* TFLM's QuantizeMultiplier with frexp, in double: the specification. */
static void reference_quantize(double real, int32_t *multiplier, int *shift)
{
    if (!(real > 0.0) || real > 1e300) {
        *multiplier = 0;
        *shift = 0;
        return;
    }
    int exponent = 0;
    double fraction = real;
    while (fraction >= 1.0) {
        fraction /= 2.0;
        ++exponent;
    }
    while (fraction < 0.5) {
        fraction *= 2.0;
        --exponent;
    }
    int64_t q = (int64_t)(fraction * 2147483648.0 + 0.5);
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

static void test_operations(void)
{
    int failures = 0;
    for (int i = 0; i < 2000000 && failures < 10; ++i) {
        double a = random_double(), b = (next() & 1u) ? random_double() : a * (1.0 + (double)(next() % 7u));
        if (i % 3 == 0) { /* a's neighbours, up to 70 binades down: cancellation, sticky bits */
            uint64_t bits;
            memcpy(&bits, &a, sizeof bits);
            bits = bits - ((next() % 71u) << 52) + (next() % 9u) - 4u;
            memcpy(&b, &bits, sizeof b);
        }
        double diff = a > b ? a - b : b - a;
        if (!same_bits(d(tflm_f64_mul(f(a), f(b))), a * b) || !same_bits(d(tflm_f64_div(f(a), f(b))), a / b) ||
            !same_bits(d(tflm_f64_add(f(a), f(b))), a + b) ||
            !same_bits(d(tflm_f64_abs_diff(f(a), f(b))), diff) ||
            tflm_f64_compare(f(a), f(b)) != (a < b ? -1 : a > b)) {
            fprintf(stderr, "operations differ for a=%a b=%a\n", a, b);
            ++failures;
        }
        uint32_t any_bits = (uint32_t)next();
        float any;
        memcpy(&any, &any_bits, sizeof any);
        double widened = tflm_f64_widen(any);
        if (any == any ? !same_bits(widened, (double)any) : widened == widened) {
            fprintf(stderr, "widen differs for bits %08x\n", (unsigned)any_bits);
            ++failures;
        }
        float s = random_scale();
        if (!same_bits(d(tflm_f64_from_float(s)), (double)s)) {
            fprintf(stderr, "from_float differs for %a\n", (double)s);
            ++failures;
        }
    }
    CHECK_EQ_INT(0, failures);
}

static void test_quantize_multiplier(void)
{
    int failures = 0;
    for (int i = 0; i < 1000000 && failures < 10; ++i) {
        double real = (next() & 1u) ? random_double() : (double)random_scale();
        int32_t m, m_ref;
        int s, s_ref;
        tflm_quantize_multiplier(real, &m, &s);
        reference_quantize(real, &m_ref, &s_ref);
        if (m != m_ref || s != s_ref) {
            fprintf(stderr, "quantize_multiplier(%a): %d,%d, reference %d,%d\n", real, m, s, m_ref, s_ref);
            ++failures;
        }
    }
    const double specials[] = {0.0, -0.0, -1.0, 1e301, 5e-324, 1.0, 0.5, 0.99999999999999989};
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; ++i) {
        int32_t m, m_ref;
        int s, s_ref;
        tflm_quantize_multiplier(specials[i], &m, &s);
        reference_quantize(specials[i], &m_ref, &s_ref);
        CHECK_EQ_INT(m_ref, m);
        CHECK_EQ_INT(s_ref, s);
    }
    CHECK_EQ_INT(0, failures);
}

static void test_kernel_formulas(void)
{
    int failures = 0;
    for (int i = 0; i < 1000000 && failures < 10; ++i) {
        float in = random_scale(), filter = related_scale(in), out = related_scale(in);
        double conv = (double)in * (double)filter / (double)out;
        double fc = (double)(in * filter) / (double)out;
        if (!same_bits(tflm_conv_effective_scale(in, filter, out), conv) ||
            !same_bits(tflm_fc_effective_scale(in, filter, out), fc)) {
            fprintf(stderr, "effective scale differs for %a %a %a\n", (double)in, (double)filter, (double)out);
            ++failures;
        }
        float bias = (next() % 3u) ? in * filter * (1.0f + (float)(next() % 64u) / 1000.0f) : related_scale(in);
        if (next() % 5u == 0) {
            bias = -bias;
        }
        double bias_diff = (double)in * (double)filter - (double)bias;
        int bias_ref = (bias_diff < 0 ? -bias_diff : bias_diff) / (double)out <= 0.02;
        if (tflm_bias_scale_matches(in, filter, bias, out) != bias_ref) {
            fprintf(stderr, "bias check differs for %a %a %a %a\n", (double)in, (double)filter,
                    (double)bias, (double)out);
            ++failures;
        }
    }
    CHECK_EQ_INT(0, failures);
}

/* A float rounded by the FPU, as a double; infinity as 2^128, the value
 * tflm_f64_round_to_float gives for an overflow. */
static double float_rounded(double x)
{
    volatile float r = (float)x;
    return r > 3.402823466e+38f ? 0x1p128 : (double)r;
}

/* TFLM's Quantize() of an activation bound in float: zero point 0, int32
 * saturation, NaN as 0 (kernel_util.c's contract). */
static int32_t reference_bound(float real, float scale)
{
    volatile float x = real / scale;
    if (x != x) {
        return 0;
    }
    if (x >= 2147483648.0f) {
        return INT32_MAX;
    }
    if (x <= -2147483648.0f) {
        return INT32_MIN;
    }
    return (int32_t)roundf(x);
}

static float float_of(uint32_t bits)
{
    float x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* Rounding to float over the whole float range (subnormals, overflow), and
 * the two users of it: the float product of the per-tensor fully connected
 * scale, and activation bounds for every kind of scale (NaN, infinities,
 * zeros, subnormals, negatives, quotients near x.5). */
static void test_float_rounding(void)
{
    static const uint32_t special[] = {0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u,
                                       0x7fc00000u, 0x00000001u, 0x007fffffu, 0x00800000u,
                                       0x7f7fffffu, 0xff7fffffu, 0x80000001u};
    int failures = 0;
    for (int i = 0; i < 2000000 && failures < 10; ++i) {
        uint64_t bits = (uint64_t)((next() % 300u) + 1023u - 170u) << 52 | (next() & ((1ull << 52) - 1));
        double x;
        memcpy(&x, &bits, sizeof x);
        if (!same_bits(d(tflm_f64_round_to_float(f(x))), float_rounded(x))) {
            fprintf(stderr, "round_to_float differs for %a\n", x);
            ++failures;
        }

        float a = float_of((uint32_t)(next() % 0x7f7fffffu) + 1u);
        float b = (next() & 1u) ? float_of((uint32_t)(next() % 0x7f7fffffu) + 1u) : related_scale(a);
        float out = (next() & 1u) ? float_of((uint32_t)(next() % 0x7f7fffffu) + 1u) : random_scale();
        if (!(b > 0.0f && b <= 3.402823466e+38f)) {
            b = a; /* the contract: positive finite scales */
        }
        volatile float product = a * b;
        if (product <= 3.402823466e+38f &&
            !same_bits(tflm_fc_effective_scale(a, b, out), (double)product / (double)out)) {
            fprintf(stderr, "fc effective scale differs for %a %a %a\n", (double)a, (double)b,
                    (double)out);
            ++failures;
        }

        float scale;
        switch (i % 4) {
        case 0: scale = float_of((uint32_t)next()); break;
        case 1: scale = float_of(special[next() % (sizeof special / sizeof special[0])]); break;
        case 2: scale = float_of((uint32_t)next() & 0x807fffffu); break; /* subnormals */
        default: { /* 6 / (k + 0.5) and neighbours: quotients next to a tie */
            volatile float tie = 6.0f / ((float)(next() % 100000u) + 0.5f);
            uint32_t tb;
            memcpy(&tb, (const float *)&tie, sizeof tb);
            scale = float_of(tb + (uint32_t)(next() % 5u) - 2u);
        }
        }
        int32_t lo, hi, lo1, hi1;
        tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, scale, 0, INT32_MIN, INT32_MAX, &lo, &hi);
        tflm_activation_range_quantized(TFLM_ACTIVATION_RELU_N1_TO_1, scale, 0, INT32_MIN, INT32_MAX,
                                        &lo1, &hi1);
        if (lo != reference_bound(0.0f, scale) || hi != reference_bound(6.0f, scale) ||
            lo1 != reference_bound(-1.0f, scale) || hi1 != reference_bound(1.0f, scale)) {
            fprintf(stderr, "activation bounds differ for scale %a\n", (double)scale);
            ++failures;
        }
    }
    CHECK_EQ_INT(0, failures);
}

static int reference_smaller_than_one(double real, int32_t *m, int32_t *s)
{
    if (!(real > 0.0 && real < 1.0)) {
        return 0;
    }
    int shift;
    reference_quantize(real, m, &shift);
    *s = shift;
    return shift <= 0;
}

static void test_add_mul_softmax(void)
{
    int failures = 0;
    for (int i = 0; i < 300000 && failures < 10; ++i) {
        float s1 = random_scale(), s2 = related_scale(s1), so = related_scale(s1);
        if (next() % 8u == 0) {
            s1 = -s1;
            s2 = (next() & 1u) ? -s2 : s2;
            so = (next() & 1u) ? -so : so;
        }
        int left_shift = (next() & 1u) ? 20 : 15;
        tflm_add_quant q;
        bool ok = tflm_add_quant_multipliers(s1, s2, so, left_shift, &q);
        double twice = 2 * (double)(s1 > s2 ? s1 : s2);
        int32_t m1, e1, m2, e2, mo, eo;
        bool ok_ref = reference_smaller_than_one((double)s1 / twice, &m1, &e1) &&
                      reference_smaller_than_one((double)s2 / twice, &m2, &e2) &&
                      reference_smaller_than_one(twice / ((1 << left_shift) * (double)so), &mo, &eo);
        if (ok != ok_ref || (ok && (q.input1_multiplier != m1 || q.input1_shift != e1 ||
                                    q.input2_multiplier != m2 || q.input2_shift != e2 ||
                                    q.output_multiplier != mo || q.output_shift != eo))) {
            fprintf(stderr, "add multipliers differ for %a %a %a\n", (double)s1, (double)s2, (double)so);
            ++failures;
        }

        float a = fabsf_(s1), b = fabsf_(s2), o = fabsf_(so);
        tflm_mul_quant mq;
        if (tflm_mul_quant_multiplier(a, b, o, &mq)) {
            int32_t m;
            int e;
            reference_quantize((double)a * (double)b / (double)o, &m, &e);
            if (mq.output_multiplier != m || mq.output_shift != e) {
                fprintf(stderr, "mul multiplier differs for %a %a %a\n", (double)a, (double)b, (double)o);
                ++failures;
            }
        }

        double beta = (next() & 1u) ? 1.0 : (double)random_scale();
        double input_scale = (double)random_scale();
        tflm_softmax_quant sq;
        bool sok = tflm_softmax_quant_params(beta, input_scale, &sq);
        double real = beta * input_scale * (double)(1 << 26);
        if (real > 2147483647.0) {
            real = 2147483647.0;
        }
        int32_t sm = 0;
        int ss = 0;
        bool sok_ref = real > 1.0;
        if (sok_ref) {
            reference_quantize(real, &sm, &ss);
            sok_ref = ss >= 0 && ss <= 31;
        }
        if (sok != sok_ref || (sok && (sq.input_multiplier != sm || sq.input_left_shift != ss))) {
            fprintf(stderr, "softmax params differ for beta %a scale %a\n", beta, input_scale);
            ++failures;
        }
    }
    tflm_softmax_quant sq;
    CHECK(!tflm_softmax_quant_params(-1.0, 0.5, &sq));
    CHECK(!tflm_softmax_quant_params(0.0 / 0.0, 0.5, &sq));
    CHECK_EQ_INT(0, failures);
}

/* pow(scale, 1.0 / n) as TF Lite's quantized REDUCE_PROD forms it, and
 * other exponents in (0, 1], against the C library's pow, over float values
 * from 2^-149 to 2^127 (the whole domain), powers of two and n up to 2^31.
 * glibc's pow is not always correctly rounded: about 0.06% of these
 * results are one ulp off, where the true value lies within 2^-8 ulp of
 * the midpoint of two doubles (measured with 90-digit arithmetic; ours was
 * the nearest in each). Such a difference is accepted only where the
 * 64-bit-mantissa powl confirms the near-tie, and only that rarely. */
static void test_pow(void)
{
    enum { CASES = 200000 };
    int failures = 0, near_ties = 0;
    for (int i = 0; i < CASES && failures < 10; ++i) {
        uint32_t bits;
        switch (i % 4) {
        case 0: bits = (uint32_t)(next() % 0x7f800000u) + 1u; break; /* any positive float */
        case 1: bits = (uint32_t)((next() % 254u) + 1u) << 23; break; /* powers of two */
        default: bits = 0; break;
        }
        const float x = bits != 0 ? float_of(bits) : random_scale();
        uint32_t n;
        switch (i % 3) {
        case 0: n = (uint32_t)(next() % 64u) + 1u; break;
        case 1: n = (uint32_t)(next() % 100000u) + 1u; break;
        default: n = (uint32_t)(next() % 0x7fffffffu) + 1u; break;
        }
        double y = 1.0 / (double)n;
        if (i % 5 == 4) { /* an exponent that is not 1/n */
            y = (double)(next() >> 11) * 0x1p-53;
            y = y < 0x1p-31 ? 0x1p-31 : y;
        }
        const double want = pow((double)x, y);
        const double got = d(tflm_f64_pow(tflm_f64_from_float(x), f(y)));
        if (same_bits(want, got)) {
            continue;
        }
        const long double precise = powl((long double)x, (long double)y);
        const long double midpoint = ((long double)want + (long double)got) / 2;
        const long double ulp = fabsl((long double)want - (long double)got);
        if (nextafter(want, got) == got && fabsl(precise - midpoint) <= ulp / 64) {
            ++near_ties;
            continue;
        }
        fprintf(stderr, "pow(%a, %a): %a, C library %a\n", (double)x, y, got, want);
        ++failures;
    }
    CHECK_EQ_INT(0, failures);
    CHECK(near_ties < CASES / 500);
}

int main(void)
{
    test_operations();
    test_quantize_multiplier();
    test_kernel_formulas();
    test_float_rounding();
    test_add_mul_softmax();
    test_pow();
    TEST_MAIN_END();
}
