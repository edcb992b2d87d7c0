/* LOGISTIC and TANH (logistic_tanh.c): float against libm; int8 against
 * the real-number result (within 1, TFLM's fixed-point arithmetic is
 * within one step), int16 within a few steps of it (TF Lite's table);
 * saturation beyond the input radius, and rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/logistic_tanh.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define N 256
static const int32_t DIMS[] = {1, N};

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

static double sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

static void test_float(void)
{
    float in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = rng_float(-20.0f, 20.0f);
    }
    in[0] = INFINITY;
    in[1] = -INFINITY;
    in[2] = NAN;
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_logistic, TFLM_TYPE_FLOAT32, in, 0, 0, out, 0, 0));
    CHECK(out[0] == 1.0f && out[1] == 0.0f && isnan(out[2]));
    for (int i = 3; i < N; ++i) {
        /* TF Lite's definition: 1 above 16.619047, e^x below -9. */
        const double want = in[i] > 16.619047164916992188 ? 1.0 : in[i] < -9.0 ? exp(in[i]) : sigmoid(in[i]);
        CHECK(fabs(out[i] - want) <= 3e-7 * want);
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_tanh, TFLM_TYPE_FLOAT32, in, 0, 0, out, 0, 0));
    CHECK(out[0] == 1.0f && out[1] == -1.0f && isnan(out[2]));
    for (int i = 3; i < N; ++i) {
        CHECK(fabs(out[i] - tanh(in[i])) <= 1.2e-7 * fabs(tanh(in[i])));
    }
}

static void check_s8(bool logistic, float in_scale, int32_t in_zp)
{
    int8_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(i - 128);
    }
    const tflm_kernel *k = logistic ? &tflm_op_logistic : &tflm_op_tanh;
    CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT8, in, in_scale, in_zp, out, logistic ? 1.0f / 256 : 1.0f / 128,
                              logistic ? -128 : 0));
    int worst = 0;
    for (int i = 0; i < N; ++i) {
        const double real = (in[i] - in_zp) * (double)in_scale;
        const double want = logistic ? sigmoid(real) * 256.0 - 128.0 : tanh(real) * 128.0;
        const int32_t w = ref_clamp((int32_t)lround(want), -128, 127);
        worst = abs(out[i] - w) > worst ? abs(out[i] - w) : worst;
    }
    CHECK(worst <= 1);
}

static void test_s8(void)
{
    check_s8(true, 0.1f, 0);
    check_s8(true, 0.05f, -20);
    check_s8(true, 0.5f, 10);
    check_s8(false, 0.1f, 0);
    check_s8(false, 0.02f, 7);
    check_s8(false, 0.3f, -5);
    /* The radius: with scale 1/16 (multiplier 2^31 * 1/2, shift 24) it is
     * floor(15 * 2^27 / 2^24) = 120. */
    tflm_sigmoid_quant q;
    CHECK(tflm_sigmoid_quant_init(1.0f / 16.0f, 0, &q));
    CHECK_EQ_INT(24, q.input_shift);
    CHECK_EQ_INT(120, q.input_range_radius);
    CHECK_EQ_INT(1 << 30, q.input_multiplier);
    const int8_t edge[4] = {-120, 120, 0, -1};
    int8_t out[4];
    tflm_logistic_s8(&q, 4, edge, out);
    CHECK(out[0] == -128 && out[1] == 127 && out[2] == 0);
    tflm_tanh_s8(&q, 4, edge, out);
    CHECK(out[0] == -128 && out[1] == 127 && out[2] == 0 && out[3] == -8); /* tanh(-1/16) * 128 = -7.99 */
}

/* INT16 against the real function: TF Lite's table is within a few Q0.15
 * steps of it (worst is the largest step seen). */
static void check_s16(bool logistic, float in_scale, int worst_allowed)
{
    int16_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int16_t)(i * 257 - 32768 + (i & 7));
    }
    in[0] = INT16_MIN;
    in[N - 1] = INT16_MAX;
    const tflm_kernel *k = logistic ? &tflm_op_logistic : &tflm_op_tanh;
    CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT16, in, in_scale, 0, out, 1.0f / 32768, 0));
    int worst = 0;
    for (int i = 0; i < N; ++i) {
        const double real = in[i] * (double)in_scale;
        const double want = (logistic ? sigmoid(real) : tanh(real)) * 32768.0;
        const int32_t w = ref_clamp((int32_t)lround(want), INT16_MIN, INT16_MAX);
        worst = abs(out[i] - w) > worst ? abs(out[i] - w) : worst;
    }
    if (worst > worst_allowed) {
        fprintf(stderr, "%s int16, input scale %g: off by %d\n", logistic ? "LOGISTIC" : "TANH", in_scale, worst);
        tflm_test_failures++;
    }
}

static void test_s16(void)
{
    /* 2^-12 is the table's own scale (multiplier 0), TANH's 2^-11 too; the
     * others are rescaled. */
    check_s16(true, 1.0f / 4096, 1);
    check_s16(true, 1.0f / 2048, 1);
    check_s16(true, 0.0003f, 1);
    check_s16(true, 1e-6f, 1);
    check_s16(false, 1.0f / 4096, 2);
    check_s16(false, 1.0f / 2048, 2);
    check_s16(false, 0.0007f, 2);
    check_s16(false, 2.5f, 2);
}

static void test_rejections(void)
{
    int8_t q[N];
    int16_t s[N];
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_logistic, TFLM_TYPE_INT16, s, 1.0f / 4096, 1, s, 1.0f / 32768, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_tanh, TFLM_TYPE_INT16, s, 1.0f / 4096, 0, s, 1.0f / 16384, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_tanh, TFLM_TYPE_INT16, s, 6.0f, 0, s, 1.0f / 32768, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_tanh, TFLM_TYPE_INT16, s, 1e-14f, 0, s, 1.0f / 32768, 0));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_tanh, TFLM_TYPE_INT16, s, 5.3f, 0, s, 1.0f / 32768, 0));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_tanh, TFLM_TYPE_INT16, s, 6e-14f, 0, s, 1.0f / 32768, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_logistic, TFLM_TYPE_INT8, q, 0.1f, 0, q, 1.0f / 256, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_tanh, TFLM_TYPE_INT8, q, 20.0f, 0, q, 1.0f / 128, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_tanh, TFLM_TYPE_INT8, q, 1e-10f, 0, q, 1.0f / 128, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_tanh, TFLM_TYPE_INT8, q, 0.0f, 0, q, 0.0f, 0));
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_tanh, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, DIMS, 2, q, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, DIMS, 2, q, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_float();
    test_s8();
    test_s16();
    test_rejections();
    TEST_MAIN_END();
}
