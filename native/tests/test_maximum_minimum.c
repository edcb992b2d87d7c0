/* MAXIMUM and MINIMUM: every type against the definition with
 * broadcasting, NaN following TFLM's comparison, and the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void test_types(void)
{
    static tflm_context ctx;
    const int32_t da[2] = {2, 3}, db[1] = {3};
    for (int op = 0; op < 2; ++op) {
        const tflm_kernel *k = op ? &tflm_op_minimum : &tflm_op_maximum;
        int8_t a8[6], b8[3], o8[6];
        int16_t a16[6], b16[3], o16[6];
        int32_t a32[6], b32[3], o32[6];
        int64_t a64[6], b64[3], o64[6];
        float af[6], bf[3], of[6];
        for (int i = 0; i < 6; ++i) {
            a8[i] = (int8_t)rng_range(-128, 127);
            a16[i] = (int16_t)rng_range(-32768, 32767);
            a32[i] = (int32_t)rng_u32();
            a64[i] = (int64_t)(((uint64_t)rng_u32() << 32) | rng_u32());
            af[i] = rng_float(-10.0f, 10.0f);
        }
        for (int i = 0; i < 3; ++i) {
            b8[i] = (int8_t)rng_range(-128, 127);
            b16[i] = (int16_t)rng_range(-32768, 32767);
            b32[i] = (int32_t)rng_u32();
            b64[i] = (int64_t)(((uint64_t)rng_u32() << 32) | rng_u32());
            bf[i] = rng_float(-10.0f, 10.0f);
        }
        struct { tflm_type t; void *a, *b, *o; } cases[5] = {
            {TFLM_TYPE_INT8, a8, b8, o8},       {TFLM_TYPE_INT16, a16, b16, o16},
            {TFLM_TYPE_INT32, a32, b32, o32},   {TFLM_TYPE_INT64, a64, b64, o64},
            {TFLM_TYPE_FLOAT32, af, bf, of}};
        for (int c = 0; c < 5; ++c) {
            harness_init(&ctx, k, 2);
            harness_tensor(&ctx, 0, cases[c].t, da, 2, cases[c].a, 0, 0);
            harness_tensor(&ctx, 1, cases[c].t, db, 1, cases[c].b, 0, 0);
            harness_tensor(&ctx, 2, cases[c].t, da, 2, cases[c].o, 0, 0);
            CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
            CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
            harness_free(&ctx);
        }
        for (int i = 0; i < 6; ++i) {
            const int j = i % 3;
#define EXPECT(x, y) (op ? ((x) < (y) ? (x) : (y)) : ((x) > (y) ? (x) : (y)))
            CHECK(o8[i] == EXPECT(a8[i], b8[j]));
            CHECK(o16[i] == EXPECT(a16[i], b16[j]));
            CHECK(o32[i] == EXPECT(a32[i], b32[j]));
            CHECK(o64[i] == EXPECT(a64[i], b64[j]));
            CHECK(of[i] == EXPECT(af[i], bf[j]));
#undef EXPECT
        }
    }
}

static void test_nan_and_rejections(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {2};
    float a[2] = {NAN, 1.0f}, b[2] = {2.0f, NAN}, o[2];
    harness_init(&ctx, &tflm_op_maximum, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, a, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d, 1, b, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o[0] == 2.0f && isnan(o[1])); /* NaN > 2 and 1 > NaN are false */
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){3}, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    bool l[2];
    for (int i = 0; i < 3; ++i) {
        harness_tensor(&ctx, i, TFLM_TYPE_BOOL, d, 1, l, 0, 0);
    }
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_types();
    test_nan_and_rejections();
    TEST_MAIN_END();
}
