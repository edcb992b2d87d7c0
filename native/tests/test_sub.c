/* SUB: int8/int16 against a model of TFLM's SubElementwise written from its
 * definition (multipliers in float, as CalculateOpDataSub) and against the
 * real difference (+-1), int32 wrapping with fused clamps, float32, and
 * the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void multiplier(float real, int32_t *m, int32_t *s)
{
    int shift;
    tflm_quantize_multiplier((double)real, m, &shift);
    *s = shift;
}

/* TFLM's quantized SUB of one element, from its definition. */
static int32_t model_sub(const float scale[3], const int32_t zp[3], int left_shift, int32_t lo,
                         int32_t hi, int32_t a, int32_t b)
{
    const float twice_max = 2.0f * fmaxf(scale[0], scale[1]);
    int32_t m1, s1, m2, s2, mo, so;
    multiplier(scale[0] / twice_max, &m1, &s1);
    multiplier(scale[1] / twice_max, &m2, &s2);
    multiplier(twice_max / ((float)(1 << left_shift) * scale[2]), &mo, &so);
    const int32_t x = ref_requantize((a - zp[0]) * (1 << left_shift), m1, s1);
    const int32_t y = ref_requantize((b - zp[1]) * (1 << left_shift), m2, s2);
    return ref_clamp(ref_requantize(x - y, mo, so) + zp[2], lo, hi);
}

static void test_quantized(int is16)
{
    static tflm_context ctx;
    static int8_t a8[24], b8[4], o8[24];
    static int16_t a16[24], b16[4], o16[24];
    const int32_t da[3] = {2, 3, 4}, db[2] = {1, 4};
    for (int trial = 0; trial < 100; ++trial) {
        const float scale[3] = {rng_float(0.01f, 0.5f), rng_float(0.01f, 0.5f), rng_float(0.02f, 1.0f)};
        const int32_t zp[3] = {is16 ? 0 : rng_range(-128, 127), is16 ? 0 : rng_range(-128, 127),
                               is16 ? 0 : rng_range(-128, 127)};
        const int relu = trial % 3 == 0;
        for (int i = 0; i < 24; ++i) {
            a8[i] = (int8_t)rng_range(-128, 127);
            a16[i] = (int16_t)rng_range(-32768, 32767);
        }
        for (int i = 0; i < 4; ++i) {
            b8[i] = (int8_t)rng_range(-128, 127);
            b16[i] = (int16_t)rng_range(-32768, 32767);
        }
        const tflm_type type = is16 ? TFLM_TYPE_INT16 : TFLM_TYPE_INT8;
        harness_init(&ctx, &tflm_op_sub, 2);
        harness_tensor(&ctx, 0, type, da, 3, is16 ? (void *)a16 : (void *)a8, scale[0], zp[0]);
        harness_tensor(&ctx, 1, type, db, 2, is16 ? (void *)b16 : (void *)b8, scale[1], zp[1]);
        harness_tensor(&ctx, 2, type, da, 3, is16 ? (void *)o16 : (void *)o8, scale[2], zp[2]);
        if (relu) {
            HARNESS_OPTION_INT(&ctx, SUB, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
        }
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        const int32_t lo = relu ? zp[2] : (is16 ? -32768 : -128), hi = is16 ? 32767 : 127;
        for (int i = 0; i < 24; ++i) {
            const int32_t x = is16 ? a16[i] : a8[i], y = is16 ? b16[i % 4] : b8[i % 4];
            const int32_t got = is16 ? o16[i] : o8[i];
            CHECK_EQ_INT(model_sub(scale, zp, is16 ? 15 : 20, lo, hi, x, y), got);
            const double real = scale[0] * (double)(x - zp[0]) - scale[1] * (double)(y - zp[1]);
            CHECK(fabs(fmin(fmax(real / scale[2] + zp[2], lo), hi) - got) <= 1.0);
        }
        harness_free(&ctx);
    }
}

static void test_int32_and_float(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {4}, d1[1] = {1};
    int32_t a[4] = {10, INT32_MIN, 3, -5}, b[1] = {4}, out[4];
    harness_init(&ctx, &tflm_op_sub, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d, 1, a, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d1, 1, b, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d, 1, out, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 6 && out[1] == INT32_MAX - 3 && out[2] == -1 && out[3] == -9); /* wraps */
    HARNESS_OPTION_INT(&ctx, SUB, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU_N1_TO_1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 1 && out[1] == 1 && out[2] == -1 && out[3] == -1);
    /* quantized int32 inputs are refused, as TFLM does */
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d, 1, a, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);

    float fa[4] = {1.5f, -2.0f, 8.0f, 0.0f}, fb[4] = {0.5f, 1.0f, -1.0f, 7.0f}, fo[4];
    harness_init(&ctx, &tflm_op_sub, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, fa, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d, 1, fb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, fo, 0, 0);
    HARNESS_OPTION_INT(&ctx, SUB, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(fo[0] == 1.0f && fo[1] == 0.0f && fo[2] == 6.0f && fo[3] == 0.0f);
    harness_free(&ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    int8_t a[8], b[2], out[8];
    harness_binary_s8(&ctx, &tflm_op_sub, a, b, out, 1e-9f); /* multiplier >= 1 */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_binary_s8(&ctx, &tflm_op_sub, a, b, out, 0.1f);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, SUB, FUSED_ACTIVATION_FUNCTION, 5); /* SIGN_BIT */
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_binary_s8(&ctx, &tflm_op_sub, a, b, out, 0.1f);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 1, 3, 2}, 4, b, 0.02f, 4);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_binary_s8(&ctx, &tflm_op_sub, a, b, out, 0.1f);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 2, 2}, 4, out, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* no output scale */
    harness_binary_s8(&ctx, &tflm_op_sub, a, b, out, 0.1f);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, (const int32_t[]){1, 2, 2, 2}, 4, out, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output type differs */
    int64_t l[2];
    harness_init(&ctx, &tflm_op_sub, 2);
    for (int i = 0; i < 3; ++i) {
        harness_tensor(&ctx, i, TFLM_TYPE_INT64, (const int32_t[]){2}, 1, l, 0, 0);
    }
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_quantized(0);
    test_quantized(1);
    test_int32_and_float();
    test_rejections();
    TEST_MAIN_END();
}
