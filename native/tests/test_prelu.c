/* PRELU (prelu.c): float with alpha broadcast over channels, int8 and
 * int16 against the real-number result (within 1), exact cases,
 * rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/prelu.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define H 8
#define C 4
static const int32_t IN_DIMS[] = {1, H, C};
static const int32_t ALPHA_DIMS[] = {1, 1, C};

static tflm_status run(tflm_type type, tflm_type alpha_type, void *in, float in_scale, int32_t in_zp, void *alpha,
                       float alpha_scale, int32_t alpha_zp, void *out, float out_scale, int32_t out_zp)
{
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_prelu, 2);
    harness_tensor(&ctx, 0, type, IN_DIMS, 3, in, in_scale, in_zp);
    harness_tensor(&ctx, 1, alpha_type, ALPHA_DIMS, 3, alpha, alpha_scale, alpha_zp);
    harness_tensor(&ctx, 2, type, IN_DIMS, 3, out, out_scale, out_zp);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void test_float(void)
{
    float in[H * C], out[H * C];
    float alpha[C] = {0.1f, -0.5f, 2.0f, 0.0f};
    for (int i = 0; i < H * C; ++i) {
        in[i] = rng_float(-4.0f, 4.0f);
    }
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, TFLM_TYPE_FLOAT32, in, 0, 0, alpha, 0, 0, out, 0, 0));
    for (int i = 0; i < H * C; ++i) {
        CHECK(out[i] == (in[i] >= 0.0f ? in[i] : in[i] * alpha[i % C]));
    }
}

static void test_quantized(void)
{
    int8_t in[H * C], out[H * C];
    int8_t alpha[C] = {10, -50, 127, 0};
    for (int i = 0; i < H * C; ++i) {
        in[i] = (int8_t)(i * 8 - 128);
    }
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT8, TFLM_TYPE_INT8, in, 0.05f, -3, alpha, 0.01f, 0, out, 0.04f, 5));
    for (int i = 0; i < H * C; ++i) {
        const double x = (in[i] + 3) * 0.05;
        const double y = x >= 0 ? x : x * alpha[i % C] * 0.01;
        CHECK(abs(out[i] - ref_clamp((int32_t)lround(y / 0.04) + 5, -128, 127)) <= 1);
    }
    int16_t in16[H * C], out16[H * C];
    for (int i = 0; i < H * C; ++i) {
        in16[i] = (int16_t)(i * 2000 - 32000);
    }
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT16, TFLM_TYPE_INT8, in16, 0.001f, 0, alpha, 0.02f, 3, out16, 0.002f, 0));
    for (int i = 0; i < H * C; ++i) {
        const double x = in16[i] * 0.001;
        const double y = x >= 0 ? x : x * (alpha[i % C] - 3) * 0.02;
        CHECK(abs(out16[i] - ref_clamp((int32_t)lround(y / 0.002), -32768, 32767)) <= 1);
    }
    /* Exact: equal scales, alpha 1/2 (64 at scale 1/128): -20 -> -10. */
    const tflm_prelu_quant q = {1 << 30, 1, 1 << 30, -6, 0, 0, 0}; /* 1.0 and 1/128 */
    CHECK_EQ_INT(-10, tflm_prelu_quantized(&q, -20, 64, -128, 127));
    CHECK_EQ_INT(20, tflm_prelu_quantized(&q, 20, 64, -128, 127));
}

static void test_rejections(void)
{
    int8_t q[H * C];
    int16_t s[H * C];
    float f[H * C];
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(TFLM_TYPE_INT16, TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0, s, 0.1f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, f, 0, 0, q, 0.1f, 0, f, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(TFLM_TYPE_INT32, TFLM_TYPE_INT32, q, 0, 0, q, 0, 0, q, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(TFLM_TYPE_INT8, TFLM_TYPE_INT8, q, 0.1f, 0, q, 0.0f, 0, q, 0.1f, 0));
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_prelu, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, IN_DIMS, 3, f, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){3}, 1, f, 0, 0); /* 3 vs 4 channels */
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, IN_DIMS, 3, f, 0, 0);
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
