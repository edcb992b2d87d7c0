/* TF Lite's integer EXP, LOG, SQRT, RSQRT (INT16) and GELU (INT16), which
 * TFLM runs in float only: each against the real function in double over
 * the input type's range (within the step the tables' float arithmetic
 * and interpolation allow, measured), LOG's minimum at and below zero,
 * invoke refusing negative inputs to SQRT and RSQRT, and the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define N 512
static const int32_t DIMS[] = {1, N};

static tflm_status run(const tflm_kernel *kernel, tflm_type type, const void *in, float in_scale, int32_t in_zp,
                       void *out, float out_scale, int32_t out_zp)
{
    static tflm_context ctx;
    harness_init(&ctx, kernel, 1);
    harness_tensor(&ctx, 0, type, DIMS, 2, (void *)in, in_scale, in_zp);
    harness_tensor(&ctx, 1, type, DIMS, 2, out, out_scale, out_zp);
    if (kernel == &tflm_op_gelu) {
        HARNESS_OPTION_INT(&ctx, GELU, APPROXIMATE, 0);
    }
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static double ref_log(double x) { return log(x); }
static double ref_sqrt(double x) { return sqrt(x); }
static double ref_rsqrt(double x) { return 1.0 / sqrt(x); }
static double ref_gelu(double x) { return 0.5 * x * erfc(-x / sqrt(2.0)); }

/* Every value of the type from the lowest real input lo on (int8), or a
 * spread over it (int16, in steps of 128 plus odd offsets). */
static int fill(tflm_type type, int32_t lo, void *in)
{
    for (int i = 0; i < N; ++i) {
        if (type == TFLM_TYPE_INT8) {
            ((int8_t *)in)[i] = (int8_t)(lo + i % (128 - lo));
        } else {
            const int32_t v = lo + (int32_t)((int64_t)i * (32767 - lo) / (N - 1)) + (i % 3);
            ((int16_t *)in)[i] = (int16_t)(v > 32767 ? 32767 : v);
        }
    }
    return N;
}

/* The largest distance, in output steps, from the rounded real result
 * (inputs whose real value is at or below zero give LOG the type's
 * minimum); truncating SQRT compares with the truncated root. */
static int worst_step(const tflm_kernel *kernel, double (*ref)(double), tflm_type type, float in_scale,
                      int32_t in_zp, float out_scale, int32_t out_zp, int32_t lo)
{
    int16_t in[N], out[N]; /* int8 data uses the first half of the bytes */
    fill(type, lo, in);
    CHECK_EQ_INT(TFLM_OK, run(kernel, type, in, in_scale, in_zp, out, out_scale, out_zp));
    const bool s8 = type == TFLM_TYPE_INT8;
    const int32_t min = s8 ? INT8_MIN : INT16_MIN, max = s8 ? INT8_MAX : INT16_MAX;
    int worst = 0;
    for (int i = 0; i < N; ++i) {
        const int32_t x = s8 ? ((int8_t *)in)[i] : in[i];
        const int32_t got = s8 ? ((int8_t *)out)[i] : out[i];
        const double real = in_scale * (double)(x - in_zp);
        int32_t want;
        if (ref == ref_log && real <= 0.0) {
            want = min;
        } else {
            const double scaled = (kernel == &tflm_op_exp ? exp(real) : ref(real)) / out_scale;
            const double rounded = ref == ref_sqrt ? trunc(scaled) : nearbyint(scaled);
            want = ref_clamp((int32_t)fmax(fmin(rounded + out_zp, 1e9), -1e9), min, max);
        }
        worst = abs(got - want) > worst ? abs(got - want) : worst;
    }
    return worst;
}

static void expect_within(const char *what, int worst, int allowed)
{
    if (worst > allowed) {
        fprintf(stderr, "%s: off by %d steps, %d allowed\n", what, worst, allowed);
        tflm_test_failures++;
    }
}

static void test_int8(void)
{
    expect_within("EXP int8", worst_step(&tflm_op_exp, NULL, TFLM_TYPE_INT8, 0.03f, -10, 0.05f, -128, -128), 1);
    expect_within("LOG int8", worst_step(&tflm_op_log, ref_log, TFLM_TYPE_INT8, 0.05f, -100, 0.04f, 20, -128), 1);
    expect_within("SQRT int8", worst_step(&tflm_op_sqrt, ref_sqrt, TFLM_TYPE_INT8, 0.1f, -90, 0.03f, -128, -90), 1);
}

/* The int16 tables interpolate linearly between 513 samples, so they are
 * far from a steep function (LOG and RSQRT near 0, any clamp's knee), in TF
 * Lite too: the ranges here stay where the interpolation error is below a
 * step or two. TF Lite's int16 table leaves the output zero point out (its
 * samples are f(x) / scale; int16 outputs have zero point 0), so the case
 * with zero points moves the input's only. */
static void test_int16(void)
{
    expect_within("EXP int16",
                  worst_step(&tflm_op_exp, NULL, TFLM_TYPE_INT16, 1.0f / 16384, 0, 8.0f / 32768, 0, -32768), 2);
    expect_within("EXP int16, input zero point",
                  worst_step(&tflm_op_exp, NULL, TFLM_TYPE_INT16, 1.0f / 16384, 100, 8.0f / 32768, 0, -32768), 2);
    expect_within("LOG int16",
                  worst_step(&tflm_op_log, ref_log, TFLM_TYPE_INT16, 1.0f / 2048, 0, 4.0f / 32768, 0, 4096), 2);
    expect_within("RSQRT int16",
                  worst_step(&tflm_op_rsqrt, ref_rsqrt, TFLM_TYPE_INT16, 1.0f / 256, 0, 1.0f / 8192, 0, 4096), 1);
    expect_within("SQRT int16",
                  worst_step(&tflm_op_sqrt, ref_sqrt, TFLM_TYPE_INT16, 1.0f / 256, 0, 1.0f / 2048, 0, 0), 1);
    expect_within("GELU int16",
                  worst_step(&tflm_op_gelu, ref_gelu, TFLM_TYPE_INT16, 6.0f / 32768, 0, 6.0f / 32768, 0, -32768), 2);
}

static void test_refusals(void)
{
    int8_t q[N] = {0};
    int16_t s[N] = {0};
    /* Below zero: SQRT and RSQRT refuse at invoke, as TF Lite does. */
    q[7] = -3;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_sqrt, TFLM_TYPE_INT8, q, 0.1f, -2, q, 0.1f, 0));
    s[9] = -1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_sqrt, TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_rsqrt, TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0));
    /* INT16 zero points are 0, except for EXP. */
    s[9] = 1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_log, TFLM_TYPE_INT16, s, 0.1f, 3, s, 0.1f, 0));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_exp, TFLM_TYPE_INT16, s, 0.001f, 3, s, 0.01f, 0));
    /* Scales are needed. */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_exp, TFLM_TYPE_INT8, q, 0.0f, 0, q, 0.1f, 0));
    /* ELU stays INT8 only (TF Lite's too). */
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_elu, TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0));
}

int main(void)
{
    test_int8();
    test_int16();
    test_refusals();
    TEST_MAIN_END();
}
