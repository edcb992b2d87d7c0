/* HARD_SWISH (hard_swish.c): float against its definition, int8 against
 * the real-number result (within 1), the multipliers by hand, rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/hard_swish.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define N 256
static const int32_t DIMS[] = {1, N};

static tflm_status run(tflm_type type, void *in, float in_scale, int32_t in_zp, void *out, float out_scale,
                       int32_t out_zp)
{
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_hard_swish, 1);
    harness_tensor(&ctx, 0, type, DIMS, 2, in, in_scale, in_zp);
    harness_tensor(&ctx, 1, type, DIMS, 2, out, out_scale, out_zp);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static double hard_swish(double x)
{
    return x * fmin(6.0, fmax(0.0, x + 3.0)) / 6.0;
}

static void test_float(void)
{
    float in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = rng_float(-8.0f, 8.0f);
    }
    in[0] = NAN;
    in[1] = INFINITY;
    in[2] = -3.0f;
    in[3] = 3.0f;
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, in, 0, 0, out, 0, 0));
    CHECK(isnan(out[0]) && out[1] == INFINITY && out[2] == 0.0f && out[3] == 3.0f);
    for (int i = 4; i < N; ++i) {
        CHECK(fabs(out[i] - hard_swish(in[i])) <= 2.5e-7 * fmax(fabs(hard_swish(in[i])), 1e-6));
    }
}

static void check_s8(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp)
{
    int8_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(i - 128);
    }
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT8, in, in_scale, in_zp, out, out_scale, out_zp));
    for (int i = 0; i < N; ++i) {
        const double want = hard_swish((in[i] - in_zp) * (double)in_scale) / out_scale + out_zp;
        const int32_t w = ref_clamp((int32_t)lround(want), -128, 127);
        if (abs(out[i] - w) > 1) {
            fprintf(stderr, "hard_swish %d: %d want %d\n", in[i], out[i], w);
        }
        CHECK(abs(out[i] - w) <= 1);
    }
}

static void test_s8(void)
{
    check_s8(0.05f, 0, 0.04f, -100);
    check_s8(0.1f, -10, 0.05f, -60);
    check_s8(0.02f, 20, 0.01f, -128);
    tflm_hard_swish_quant q;
    /* input 1/16: hires 2^-11; / output 1/32 = 2^-6 (Q15 half, exponent -5);
     * / reluish 3/32768 = 16/3 (exponent 3). */
    CHECK(tflm_hard_swish_quant_init(1.0f / 16, 0, 1.0f / 32, 0, &q));
    CHECK_EQ_INT(16384, q.output_multiplier);
    CHECK_EQ_INT(-5, q.output_exponent);
    CHECK_EQ_INT(3, q.reluish_exponent);
    CHECK_EQ_INT(21845, q.reluish_multiplier); /* 2/3 in Q15 */
}

static void test_rejections(void)
{
    int8_t q[N];
    int16_t s[N];
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(TFLM_TYPE_INT8, q, 0.0f, 0, q, 0.0f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(TFLM_TYPE_INT8, q, 100.0f, 0, q, 0.1f, 0)); /* output exponent > 0 */
}

int main(void)
{
    test_float();
    test_s8();
    test_rejections();
    TEST_MAIN_END();
}
