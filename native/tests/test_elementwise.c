/* The unary elementwise ops (elementwise.c): float results against libm in
 * double, ROUND's and NEG's edge cases by hand, quantized ABS and RSQRT
 * against the real-number result (within 1) and hand-checked values, and
 * the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/elementwise.h"
#include "kernels/float_bits.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define N 64
static const int32_t DIMS[] = {2, 32};

/* Runs a one-input op over in (type, scales) into out. */
static tflm_status run(const tflm_kernel *kernel, tflm_type type, void *in, float in_scale, int32_t in_zp,
                       void *out, float out_scale, int32_t out_zp)
{
    static tflm_context ctx;
    harness_init(&ctx, kernel, 1);
    harness_tensor(&ctx, 0, type, DIMS, 2, in, in_scale, in_zp);
    harness_tensor(&ctx, 1, type, DIMS, 2, out, out_scale, out_zp);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void fill_f32(float *x, float lo, float hi)
{
    for (int i = 0; i < N; ++i) {
        x[i] = rng_float(lo, hi);
    }
    x[0] = 0.0f;
    x[1] = -0.0f;
}

/* Each float op against its definition in double, within rel_tol. */
static void check_f32(const tflm_kernel *kernel, double (*ref)(double), float lo, float hi, double rel_tol)
{
    float in[N], out[N];
    fill_f32(in, lo, hi);
    CHECK_EQ_INT(TFLM_OK, run(kernel, TFLM_TYPE_FLOAT32, in, 0.0f, 0, out, 0.0f, 0));
    for (int i = 0; i < N; ++i) {
        const double want = ref((double)in[i]);
        const int ok = isnan(want) ? isnan(out[i])
                     : isinf((float)want) ? out[i] == (float)want
                                   : fabs((double)out[i] - want) <= rel_tol * fmax(fabs(want), 1e-30);
        if (!ok) {
            fprintf(stderr, "%s(%a) = %a, want %a\n", kernel->name, (double)in[i], (double)out[i], want);
        }
        CHECK(ok);
    }
}

static double ref_square(double x) { return x * x; }
static double ref_neg(double x) { return -x; }
static double ref_rsqrt(double x) { return 1.0 / sqrt(x); }
static double ref_sign(double x) { return (double)((x > 0) - (x < 0)); }

static void test_float_ops(void)
{
    const double ulp = 1.2e-7;
    check_f32(&tflm_op_abs, fabs, -10.0f, 10.0f, 0.0);
    check_f32(&tflm_op_ceil, ceil, -10.0f, 10.0f, 0.0);
    check_f32(&tflm_op_floor, floor, -10.0f, 10.0f, 0.0);
    check_f32(&tflm_op_cos, cos, -100.0f, 100.0f, 2 * ulp);
    check_f32(&tflm_op_sin, sin, -100.0f, 100.0f, 2 * ulp);
    check_f32(&tflm_op_exp, exp, -90.0f, 90.0f, 2 * ulp);
    check_f32(&tflm_op_log, log, 0.0f, 1000.0f, 2 * ulp);
    check_f32(&tflm_op_log, log, -1.0f, 0.0f, 0.0); /* NaN, and -inf at 0 */
    check_f32(&tflm_op_sqrt, sqrt, 0.0f, 1e6f, ulp);
    check_f32(&tflm_op_rsqrt, ref_rsqrt, 0.0f, 1e6f, 2 * ulp);
    check_f32(&tflm_op_square, ref_square, -1e3f, 1e3f, ulp);
    check_f32(&tflm_op_neg, ref_neg, -1e3f, 1e3f, 0.0);
    check_f32(&tflm_op_sign, ref_sign, -3.0f, 3.0f, 0.0);
}

static void test_round(void)
{
    float in[N] = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0.49999997f, -0.3f, 3.7f, -3.7f, 1e30f, -0.0f, 8388609.0f};
    in[13] = INFINITY;
    in[14] = NAN;
    const float want[15] = {0.0f, 2.0f, 2.0f, 0.0f, -2.0f, -2.0f, 0.0f, 0.0f, 4.0f, -4.0f, 1e30f, -0.0f, 8388609.0f, INFINITY};
    float out[N];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_round, TFLM_TYPE_FLOAT32, in, 0.0f, 0, out, 0.0f, 0));
    for (int i = 0; i < 14; ++i) {
        CHECK(tflm_float_bits(out[i]) == tflm_float_bits(want[i]));
    }
    CHECK(isnan(out[14]));
    /* TF Lite's floor + 1: -0.5 and -0.3 give +0, -0 stays -0. */
    CHECK(!signbit(out[3]) && !signbit(out[7]) && signbit(out[11]));
}

static void test_integer_ops(void)
{
    int32_t in32[N] = {5, -7, 0, INT32_MIN, INT32_MAX}, out32[N];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_neg, TFLM_TYPE_INT32, in32, 0.0f, 0, out32, 0.0f, 0));
    CHECK(out32[0] == -5 && out32[1] == 7 && out32[2] == 0 && out32[3] == INT32_MIN && out32[4] == -INT32_MAX);
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_sign, TFLM_TYPE_INT32, in32, 0.0f, 0, out32, 0.0f, 0));
    CHECK(out32[0] == 1 && out32[1] == -1 && out32[2] == 0 && out32[3] == -1 && out32[4] == 1);
    int64_t in64[N] = {5, -7, INT64_MIN}, out64[N];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_neg, TFLM_TYPE_INT64, in64, 0.0f, 0, out64, 0.0f, 0));
    CHECK(out64[0] == -5 && out64[1] == 7 && out64[2] == INT64_MIN);
    bool inb[N] = {true, false, true}, outb[N];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_logical_not, TFLM_TYPE_BOOL, inb, 0.0f, 0, outb, 0.0f, 0));
    CHECK(!outb[0] && outb[1] && !outb[2] && outb[3]);
    /* ABS on unquantized INT16: plain abs, -32768 wraps as TFLM's int16 store. */
    int16_t in16[N] = {-5, 7, INT16_MIN, INT16_MAX}, out16[N];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_abs, TFLM_TYPE_INT16, in16, 0.0f, 0, out16, 0.0f, 0));
    CHECK(out16[0] == 5 && out16[1] == 7 && out16[2] == INT16_MIN && out16[3] == INT16_MAX);
}

static void test_quantized_abs(void)
{
    int8_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(i * 4 - 128);
    }
    /* Same scales: |x - zp_in| + zp_out, saturated. */
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_abs, TFLM_TYPE_INT8, in, 0.1f, 3, out, 0.1f, -20));
    for (int i = 0; i < N; ++i) {
        CHECK_EQ_INT(ref_clamp(abs(in[i] - 3) - 20, -128, 127), out[i]);
    }
    /* Different scales: within 1 of the real result. */
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_abs, TFLM_TYPE_INT8, in, 0.1f, 3, out, 0.07f, -100));
    for (int i = 0; i < N; ++i) {
        const double real = fabs((in[i] - 3) * 0.1) / 0.07 - 100.0;
        CHECK(abs(out[i] - ref_clamp((int32_t)lround(real), -128, 127)) <= 1);
    }
    int16_t in16[N], out16[N];
    for (int i = 0; i < N; ++i) {
        in16[i] = (int16_t)(i * 1000 - 32000);
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_abs, TFLM_TYPE_INT16, in16, 0.001f, 0, out16, 0.0015f, 0));
    for (int i = 0; i < N; ++i) {
        CHECK(abs(out16[i] - (int32_t)lround(fabs(in16[i] * 0.001) / 0.0015)) <= 1);
    }
    /* INT16 needs zero points 0. */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_abs, TFLM_TYPE_INT16, in16, 0.001f, 1, out16, 0.001f, 0));
}

static void test_quantized_rsqrt(void)
{
    int8_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(i * 4 - 128);
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_rsqrt, TFLM_TYPE_INT8, in, 0.05f, -128, out, 0.02f, -128));
    CHECK_EQ_INT(127, out[0]);
    for (int i = 1; i < N; ++i) { /* in[0] is the zero point: below */
        const double real = 1.0 / sqrt((in[i] + 128) * 0.05) / 0.02 - 128.0;
        CHECK(abs(out[i] - ref_clamp((int32_t)lround(real), -128, 127)) <= 1);
    }
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(10 + i);
    }
    /* x = zero point gives the type's maximum. */
    in[0] = 10;
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_rsqrt, TFLM_TYPE_INT8, in, 0.05f, 10, out, 0.02f, -128));
    CHECK_EQ_INT(127, out[0]);
    /* Below the zero point: TFLM's invoke error. */
    in[0] = 9;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_rsqrt, TFLM_TYPE_INT8, in, 0.05f, 10, out, 0.02f, -128));
    /* Exact values (input scale 1/4, output 1/64): 1/sqrt(4/4) = 1 -> 64. */
    in[0] = 4;
    in[1] = 16; /* 1/sqrt(4) = 0.5 -> 32 */
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_rsqrt, TFLM_TYPE_INT8, in, 0.25f, 0, out, 1.0f / 64.0f, 0));
    CHECK_EQ_INT(64, out[0]);
    CHECK_EQ_INT(32, out[1]);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    float f[N];
    int8_t q[N];
    int32_t i32[N];
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_ceil, TFLM_TYPE_INT8, q, 0.1f, 0, q, 0.1f, 0));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_sqrt, TFLM_TYPE_INT32, i32, 0.0f, 0, i32, 0.0f, 0));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_logical_not, TFLM_TYPE_FLOAT32, f, 0.0f, 0, f, 0.0f, 0));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_abs, TFLM_TYPE_INT32, i32, 0.0f, 0, i32, 0.0f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_abs, TFLM_TYPE_INT8, q, 0.0f, 0, q, 0.0f, 0)); /* no scales */
    /* Output type and size must match. */
    harness_init(&ctx, &tflm_op_exp, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, DIMS, 2, f, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, DIMS, 2, i32, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 31}, 2, f, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    /* Two inputs. */
    harness_init(&ctx, &tflm_op_sin, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, DIMS, 2, f, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, DIMS, 2, f, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, DIMS, 2, f, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_float_ops();
    test_round();
    test_integer_ops();
    test_quantized_abs();
    test_quantized_rsqrt();
    test_rejections();
    TEST_MAIN_END();
}
