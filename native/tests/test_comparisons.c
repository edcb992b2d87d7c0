/* EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL: every type
 * against C's comparisons, int8/int16 against TFLM's rescaling written
 * from its definition, NaN, broadcasting, and the rejections. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static const tflm_kernel *const kernels[6] = {&tflm_op_equal, &tflm_op_not_equal, &tflm_op_greater,
                                              &tflm_op_greater_equal, &tflm_op_less,
                                              &tflm_op_less_equal};

static bool expect(int op, double a, double b)
{
    switch (op) {
    case 0: return a == b;
    case 1: return a != b;
    case 2: return a > b;
    case 3: return a >= b;
    case 4: return a < b;
    default: return a <= b;
    }
}

static tflm_status run(int op, tflm_type t, void *a, const int32_t *da, int ra, void *b,
                       const int32_t *db, int rb, bool *o, float s1, int32_t z1, float s2, int32_t z2)
{
    static tflm_context ctx;
    harness_init(&ctx, kernels[op], 2);
    harness_tensor(&ctx, 0, t, da, ra, a, s1, z1);
    harness_tensor(&ctx, 1, t, db, rb, b, s2, z2);
    harness_tensor(&ctx, 2, TFLM_TYPE_BOOL, da, ra, o, 0, 0);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void test_plain_types(void)
{
    const int32_t da[2] = {3, 4}, db[1] = {4};
    float af[12], bf[4];
    int32_t a32[12], b32[4];
    int64_t a64[12], b64[4];
    bool o[12];
    for (int i = 0; i < 12; ++i) {
        af[i] = (float)rng_range(-3, 3);
        a32[i] = rng_range(-3, 3);
        a64[i] = (int64_t)rng_range(-3, 3) << 40;
    }
    for (int i = 0; i < 4; ++i) {
        bf[i] = (float)rng_range(-3, 3);
        b32[i] = rng_range(-3, 3);
        b64[i] = (int64_t)rng_range(-3, 3) << 40;
    }
    af[5] = NAN;
    for (int op = 0; op < 6; ++op) {
        CHECK_EQ_INT(TFLM_OK, run(op, TFLM_TYPE_FLOAT32, af, da, 2, bf, db, 1, o, 0, 0, 0, 0));
        for (int i = 0; i < 12; ++i) {
            CHECK(o[i] == expect(op, af[i], bf[i % 4]));
        }
        CHECK_EQ_INT(TFLM_OK, run(op, TFLM_TYPE_INT32, a32, da, 2, b32, db, 1, o, 0, 0, 0, 0));
        for (int i = 0; i < 12; ++i) {
            CHECK(o[i] == expect(op, a32[i], b32[i % 4]));
        }
        CHECK_EQ_INT(TFLM_OK, run(op, TFLM_TYPE_INT64, a64, da, 2, b64, db, 1, o, 0, 0, 0, 0));
        for (int i = 0; i < 12; ++i) {
            CHECK(o[i] == expect(op, (double)a64[i], (double)b64[i % 4]));
        }
    }
    /* BOOL: EQUAL and NOT_EQUAL only */
    bool p[4] = {true, false, true, false}, q[4] = {true, true, false, false};
    const int32_t d4[1] = {4};
    CHECK_EQ_INT(TFLM_OK, run(0, TFLM_TYPE_BOOL, p, d4, 1, q, d4, 1, o, 0, 0, 0, 0));
    CHECK(o[0] && !o[1] && !o[2] && o[3]);
    CHECK_EQ_INT(TFLM_OK, run(1, TFLM_TYPE_BOOL, p, d4, 1, q, d4, 1, o, 0, 0, 0, 0));
    CHECK(!o[0] && o[1] && o[2] && !o[3]);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(2, TFLM_TYPE_BOOL, p, d4, 1, q, d4, 1, o, 0, 0, 0, 0));
}

/* TFLM's rescaled value of one quantized input, from its definition. */
static int32_t model_rescale(int32_t x, float scale, int32_t zp)
{
    int32_t m;
    int shift;
    tflm_quantize_multiplier((double)scale, &m, &shift);
    return ref_requantize((x - zp) * 256, m, shift);
}

static void test_quantized(void)
{
    const int32_t d[1] = {64};
    int8_t a[64], b[64];
    int16_t a16[64], b16[64];
    bool o[64];
    for (int trial = 0; trial < 30; ++trial) {
        const float s1 = rng_float(0.001f, 0.9f), s2 = trial % 3 ? rng_float(0.001f, 0.9f) : s1;
        const int32_t z1 = rng_range(-128, 127), z2 = trial % 3 ? rng_range(-128, 127) : z1;
        for (int i = 0; i < 64; ++i) {
            a[i] = (int8_t)rng_range(-128, 127);
            b[i] = trial % 3 ? (int8_t)rng_range(-128, 127) : (int8_t)(a[i] + rng_range(-1, 1) * (i & 1));
            a16[i] = (int16_t)rng_range(-32768, 32767);
            b16[i] = (int16_t)rng_range(-32768, 32767);
        }
        for (int op = 0; op < 6; ++op) {
            CHECK_EQ_INT(TFLM_OK, run(op, TFLM_TYPE_INT8, a, d, 1, b, d, 1, o, s1, z1, s2, z2));
            for (int i = 0; i < 64; ++i) {
                CHECK(o[i] == expect(op, model_rescale(a[i], s1, z1), model_rescale(b[i], s2, z2)));
            }
        }
        CHECK_EQ_INT(TFLM_OK, run(2, TFLM_TYPE_INT16, a16, d, 1, b16, d, 1, o, s1, 0, s2, 0));
        for (int i = 0; i < 64; ++i) {
            CHECK(o[i] == (model_rescale(a16[i], s1, 0) > model_rescale(b16[i], s2, 0)));
        }
    }
    /* int16 only for GREATER; scales must lie in (0, 1) */
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(4, TFLM_TYPE_INT16, a16, d, 1, b16, d, 1, o, 0.1f, 0, 0.1f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(0, TFLM_TYPE_INT8, a, d, 1, b, d, 1, o, 1.5f, 0, 0.1f, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(0, TFLM_TYPE_INT8, a, d, 1, b, d, 1, o, 0.1f, 0, 0.0f, 0));
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {2};
    float f[2], g[2];
    harness_init(&ctx, &tflm_op_less, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, f, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d, 1, f, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, g, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output not BOOL */
    harness_tensor(&ctx, 2, TFLM_TYPE_BOOL, (const int32_t[]){3}, 1, g, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* shape */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d, 1, f, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_BOOL, d, 1, g, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* input types differ */
    harness_free(&ctx);
}

int main(void)
{
    test_plain_types();
    test_quantized();
    test_rejections();
    TEST_MAIN_END();
}
