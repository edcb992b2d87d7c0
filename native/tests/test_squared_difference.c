/* SQUARED_DIFFERENCE: int8/int16 against a model of TFLM's quantized
 * SquaredDifference written from its definition (multipliers in double)
 * and against the real squared difference, int32 wrapping, float32, and
 * the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static int32_t model(const float s[3], const int32_t zp[3], int ls, int32_t lo, int32_t hi, int32_t a,
                     int32_t b)
{
    const double twice = 2.0 * (double)fmaxf(s[0], s[1]);
    int32_t m1, m2, mo;
    int s1, s2, so;
    tflm_quantize_multiplier((double)s[0] / twice, &m1, &s1);
    tflm_quantize_multiplier((double)s[1] / twice, &m2, &s2);
    tflm_quantize_multiplier(twice * twice / (double)((float)(1 << (2 * ls)) * s[2]), &mo, &so);
    const int32_t x = ref_requantize((a - zp[0]) * (1 << ls), m1, s1);
    const int32_t y = ref_requantize((b - zp[1]) * (1 << ls), m2, s2);
    return ref_clamp(ref_requantize((x - y) * (x - y), mo, so) + zp[2], lo, hi);
}

static void test_quantized(int is16)
{
    static tflm_context ctx;
    static int8_t a8[12], b8[3], o8[12];
    static int16_t a16[12], b16[3], o16[12];
    const int32_t da[2] = {4, 3}, db[1] = {3};
    for (int trial = 0; trial < 100; ++trial) {
        const float s[3] = {rng_float(0.01f, 0.1f), rng_float(0.01f, 0.1f), rng_float(0.05f, 2.0f)};
        const int32_t zp[3] = {is16 ? 0 : rng_range(-128, 127), is16 ? 0 : rng_range(-128, 127),
                               is16 ? 0 : rng_range(-128, 127)};
        for (int i = 0; i < 12; ++i) {
            a8[i] = (int8_t)rng_range(-128, 127);
            a16[i] = (int16_t)rng_range(-32768, 32767);
        }
        for (int i = 0; i < 3; ++i) {
            b8[i] = (int8_t)rng_range(-128, 127);
            b16[i] = (int16_t)rng_range(-32768, 32767);
        }
        const tflm_type type = is16 ? TFLM_TYPE_INT16 : TFLM_TYPE_INT8;
        harness_init(&ctx, &tflm_op_squared_difference, 2);
        harness_tensor(&ctx, 0, type, da, 2, is16 ? (void *)a16 : (void *)a8, s[0], zp[0]);
        harness_tensor(&ctx, 1, type, db, 1, is16 ? (void *)b16 : (void *)b8, s[1], zp[1]);
        harness_tensor(&ctx, 2, type, da, 2, is16 ? (void *)o16 : (void *)o8, s[2], zp[2]);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        const int32_t lo = is16 ? -32768 : -128, hi = is16 ? 32767 : 127;
        for (int i = 0; i < 12; ++i) {
            const int32_t x = is16 ? a16[i] : a8[i], y = is16 ? b16[i % 3] : b8[i % 3];
            const int32_t got = is16 ? o16[i] : o8[i];
            CHECK_EQ_INT(model(s, zp, is16 ? 0 : 7, lo, hi, x, y), got);
            const double d = s[0] * (double)(x - zp[0]) - s[1] * (double)(y - zp[1]);
            /* int8 (int16 rescales without headroom: the exact model above
             * is its test): each rescaled input is rounded to u = 2 max(s1, s2) / 2^left_shift
             * before squaring: the difference is off by at most u; the output's
             * two roundings and the multipliers add up to 2 */
            const double u = 2.0 * fmaxf(s[0], s[1]) / (is16 ? 1.0 : 128.0);
            const double tolerance = 3.0 + (2.0 * fabs(d) * u + u * u) / s[2];
            CHECK(is16 || fabs(fmin(fmax(d * d / s[2] + zp[2], lo), hi) - got) <= tolerance);
        }
        harness_free(&ctx);
    }
}

static void test_plain_types_and_rejections(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {3};
    int32_t a[3] = {5, -70000, 0}, b[3] = {2, 70000, INT32_MIN}, o[3];
    harness_init(&ctx, &tflm_op_squared_difference, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d, 1, a, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d, 1, b, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o[0] == 9 && o[1] == (int32_t)(uint32_t)(140000ull * 140000ull) && o[2] == 0);
    harness_free(&ctx);
    float fa[3] = {1.5f, -2.0f, 0.0f}, fb[1] = {0.5f}, fo[3];
    const int32_t d1[1] = {1};
    harness_init(&ctx, &tflm_op_squared_difference, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, fa, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d1, 1, fb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, fo, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(fo[0] == 1.0f && fo[1] == 6.25f && fo[2] == 0.25f);
    harness_free(&ctx);
    /* int16 zero point, int8 zero point out of range, no scale, output too fine */
    int16_t s16[3];
    int8_t s8[3];
    harness_init(&ctx, &tflm_op_squared_difference, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, d, 1, s16, 0.1f, 1);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, d, 1, s16, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, d, 1, s16, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_init(&ctx, &tflm_op_squared_difference, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, s8, 0.1f, 200);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d, 1, s8, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, s8, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, s8, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, s8, 1e30f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, s8, 1e-30f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_quantized(0);
    test_quantized(1);
    test_plain_types_and_rejections();
    TEST_MAIN_END();
}
