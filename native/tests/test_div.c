/* DIV: int8 against the real quotient (+-1; TFLM's fixed-point reciprocal
 * is exact to about 2^-30), exact hand-computed quotients, zero divisors;
 * int32 truncation, wrapping and the zero-divisor failure; float32 with
 * activations; the rejections. */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void test_int8(void)
{
    static tflm_context ctx;
    static int8_t a[24], b[4], out[24];
    const int32_t da[2] = {6, 4}, db[1] = {4};
    for (int trial = 0; trial < 200; ++trial) {
        const float s1 = rng_float(0.01f, 0.2f), s2 = rng_float(0.01f, 0.2f), so = rng_float(0.02f, 0.5f);
        const int32_t z1 = rng_range(-128, 127), z2 = rng_range(-128, 127), zo = rng_range(-128, 127);
        for (int i = 0; i < 24; ++i) {
            a[i] = (int8_t)rng_range(-128, 127);
        }
        for (int i = 0; i < 4; ++i) {
            do {
                b[i] = (int8_t)rng_range(-128, 127);
            } while (b[i] == z2);
        }
        harness_init(&ctx, &tflm_op_div, 2);
        harness_tensor(&ctx, 0, TFLM_TYPE_INT8, da, 2, a, s1, z1);
        harness_tensor(&ctx, 1, TFLM_TYPE_INT8, db, 1, b, s2, z2);
        harness_tensor(&ctx, 2, TFLM_TYPE_INT8, da, 2, out, so, zo);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int i = 0; i < 24; ++i) {
            const double real = s1 * (double)(a[i] - z1) / (s2 * (double)(b[i % 4] - z2));
            CHECK(fabs(fmin(fmax(real / so + zo, -128.0), 127.0) - out[i]) <= 1.0);
        }
        harness_free(&ctx);
    }
    /* Exact: scales 1, 1, 0.25 (multiplier 4); 9 / 2 = 4.5 -> 18; -9 / 4 -> -9;
     * 0 / 5 -> 0; 7 / -7 -> -4; x / 0 -> the clamped infinity, 0 / 0 -> zero point. */
    int8_t x[6] = {9, -9, 0, 7, 3, 0}, y[6] = {2, 4, 5, -7, 0, 0}, o[6];
    const int32_t d[1] = {6};
    harness_init(&ctx, &tflm_op_div, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, x, 1.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d, 1, y, 1.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, o, 0.25f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o[0] == 18 && o[1] == -9 && o[2] == 0 && o[3] == -4 && o[4] == 127 && o[5] == 0);
    /* RELU6: at most round(6 / 0.25) = 24 */
    HARNESS_OPTION_INT(&ctx, DIV, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o[0] == 18 && o[1] == 0 && o[3] == 0 && o[4] == 24);
    /* a multiplier of 2^22 or more, a zero scale, a wide zero point */
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, o, 1e-7f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, o, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, o, 0.25f, 300);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

static void test_int32_and_float(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {4};
    int32_t a[4] = {7, -7, INT32_MIN, 100}, b[4] = {2, 2, -1, -3}, out[4];
    harness_init(&ctx, &tflm_op_div, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d, 1, a, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d, 1, b, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d, 1, out, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 3 && out[1] == -3 && out[2] == INT32_MIN && out[3] == -33);
    b[1] = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d, 1, b, 1.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx)); /* quantized int32 */
    harness_free(&ctx);

    float fa[4] = {1.0f, -3.0f, 1.0f, 9.0f}, fb[1] = {0.5f}, fo[4];
    const int32_t d1[1] = {1};
    harness_init(&ctx, &tflm_op_div, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, fa, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d1, 1, fb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, fo, 0, 0);
    HARNESS_OPTION_INT(&ctx, DIV, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU_N1_TO_1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(fo[0] == 1.0f && fo[1] == -1.0f && fo[3] == 1.0f);
    HARNESS_OPTION_INT(&ctx, DIV, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_NONE);
    fb[0] = 0.0f;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(fo[0] == FLT_MAX && fo[1] == -FLT_MAX); /* infinities clamp to the NONE range, as TFLM */
    harness_free(&ctx);

    int16_t s[4];
    harness_init(&ctx, &tflm_op_div, 2);
    for (int i = 0; i < 3; ++i) {
        harness_tensor(&ctx, i, TFLM_TYPE_INT16, d, 1, s, 0.5f, 0);
    }
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_int8();
    test_int32_and_float();
    TEST_MAIN_END();
}
