/* RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1 and LEAKY_RELU (activations.c):
 * float clamps by hand (NaN, inf, -0), quantized results against the
 * real-number definition (within 1) and exact cases, and the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/activations.h"
#include "kernels/float_bits.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define N 64
static const int32_t DIMS[] = {4, 16};

static tflm_status run(const tflm_kernel *kernel, tflm_type type, void *in, float in_scale, int32_t in_zp,
                       void *out, float out_scale, int32_t out_zp, float alpha)
{
    static tflm_context ctx;
    harness_init(&ctx, kernel, 1);
    harness_tensor(&ctx, 0, type, DIMS, 2, in, in_scale, in_zp);
    harness_tensor(&ctx, 1, type, DIMS, 2, out, out_scale, out_zp);
    if (kernel == &tflm_op_leaky_relu) {
        HARNESS_OPTION_FLOAT(&ctx, LEAKY_RELU, ALPHA, alpha);
    }
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void test_float(void)
{
    float in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = rng_float(-8.0f, 8.0f);
    }
    in[0] = NAN;
    in[1] = INFINITY;
    in[2] = -INFINITY;
    in[3] = -0.0f;
    const struct { const tflm_kernel *k; float lo, hi; } ops[] = {
        {&tflm_op_relu, 0.0f, INFINITY}, {&tflm_op_relu6, 0.0f, 6.0f},
        {&tflm_op_relu_n1_to_1, -1.0f, 1.0f}, {&tflm_op_relu_0_to_1, 0.0f, 1.0f},
    };
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; ++k) {
        CHECK_EQ_INT(TFLM_OK, run(ops[k].k, TFLM_TYPE_FLOAT32, in, 0, 0, out, 0, 0, 0));
        CHECK(isnan(out[0]) && out[1] == ops[k].hi && out[2] == ops[k].lo);
        CHECK(tflm_float_bits(out[3]) == 0x80000000u); /* -0 is not below 0 */
        for (int i = 4; i < N; ++i) {
            CHECK(out[i] == fminf(fmaxf(in[i], ops[k].lo), ops[k].hi));
        }
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_leaky_relu, TFLM_TYPE_FLOAT32, in, 0, 0, out, 0, 0, 0.2f));
    CHECK(isnan(out[0]) && out[1] == INFINITY && out[2] == -INFINITY);
    for (int i = 4; i < N; ++i) {
        CHECK(out[i] == (in[i] > 0.0f ? in[i] : in[i] * 0.2f));
    }
}

/* A quantized op against round(f(real input) / out_scale) + out_zp, within 1. */
static void check_quantized(const tflm_kernel *kernel, tflm_type type, float lo, float hi, float alpha,
                            float in_scale, int32_t in_zp, float out_scale, int32_t out_zp)
{
    int16_t in16[N], out16[N];
    int8_t in8[N], out8[N];
    const int32_t tmin = type == TFLM_TYPE_INT8 ? -128 : -32768, tmax = type == TFLM_TYPE_INT8 ? 127 : 32767;
    for (int i = 0; i < N; ++i) {
        const int32_t v = tmin + (int32_t)((int64_t)(tmax - tmin) * i / (N - 1));
        in8[i] = (int8_t)ref_clamp(v, -128, 127);
        in16[i] = (int16_t)v;
    }
    void *in = type == TFLM_TYPE_INT8 ? (void *)in8 : (void *)in16;
    void *out = type == TFLM_TYPE_INT8 ? (void *)out8 : (void *)out16;
    CHECK_EQ_INT(TFLM_OK, run(kernel, type, in, in_scale, in_zp, out, out_scale, out_zp, alpha));
    for (int i = 0; i < N; ++i) {
        const int32_t x = type == TFLM_TYPE_INT8 ? in8[i] : in16[i];
        const int32_t got = type == TFLM_TYPE_INT8 ? out8[i] : out16[i];
        double real = (x - in_zp) * (double)in_scale;
        real = kernel == &tflm_op_leaky_relu ? (real > 0 ? real : real * alpha) : fmin(fmax(real, lo), hi);
        const int32_t want = ref_clamp((int32_t)lround(real / out_scale) + out_zp, tmin, tmax);
        if (abs(got - want) > 1) {
            fprintf(stderr, "%s x=%d: %d, want %d\n", kernel->name, x, got, want);
        }
        CHECK(abs(got - want) <= 1);
    }
}

static void test_quantized(void)
{
    check_quantized(&tflm_op_relu, TFLM_TYPE_INT8, 0, INFINITY, 0, 0.05f, -10, 0.03f, -128);
    check_quantized(&tflm_op_relu, TFLM_TYPE_INT16, 0, INFINITY, 0, 0.001f, 0, 0.0007f, 0);
    check_quantized(&tflm_op_relu6, TFLM_TYPE_INT8, 0, 6, 0, 0.05f, -10, 0.05f, -10);
    check_quantized(&tflm_op_relu6, TFLM_TYPE_INT16, 0, 6, 0, 0.0005f, 0, 0.0005f, 0);
    check_quantized(&tflm_op_relu_n1_to_1, TFLM_TYPE_INT8, -1, 1, 0, 0.02f, 5, 0.01f, 0);
    check_quantized(&tflm_op_relu_0_to_1, TFLM_TYPE_INT8, 0, 1, 0, 0.02f, 5, 0.005f, -128);
    check_quantized(&tflm_op_leaky_relu, TFLM_TYPE_INT8, 0, 0, 0.3f, 0.05f, 4, 0.04f, -3);
    check_quantized(&tflm_op_leaky_relu, TFLM_TYPE_INT8, 0, 0, -0.5f, 0.05f, 4, 0.04f, -3);
    check_quantized(&tflm_op_leaky_relu, TFLM_TYPE_INT16, 0, 0, 0.1f, 0.001f, 0, 0.001f, 0);
    /* Exact: with equal scales RELU is max(x, zp) and RELU6 clamps to the quantized 0 and 6. */
    int8_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(i * 4 - 128);
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_relu, TFLM_TYPE_INT8, in, 0.1f, -7, out, 0.1f, -7, 0));
    for (int i = 0; i < N; ++i) {
        CHECK_EQ_INT(in[i] < -7 ? -7 : in[i], out[i]);
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_relu6, TFLM_TYPE_INT8, in, 0.1f, -7, out, 0.1f, -7, 0));
    for (int i = 0; i < N; ++i) {
        CHECK_EQ_INT(ref_clamp(in[i], -7, 53), out[i]);
    }
}

static void test_rejections(void)
{
    int8_t q[N];
    int16_t s[N];
    int32_t w[N];
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_relu, TFLM_TYPE_INT32, w, 0, 0, w, 0, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_relu_n1_to_1, TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_relu, TFLM_TYPE_INT16, s, 0.1f, 1, s, 0.1f, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_relu, TFLM_TYPE_INT8, q, 0.0f, 0, q, 0.0f, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_relu6, TFLM_TYPE_INT8, q, 1e-38f, 0, q, 1e-38f, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_leaky_relu, TFLM_TYPE_INT8, q, 0.1f, 0, q, 0.0f, 0, 0.2f));
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_relu, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, DIMS, 2, q, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, DIMS, 2, s, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){4, 15}, 2, q, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_float();
    test_quantized();
    test_rejections();
    TEST_MAIN_END();
}
