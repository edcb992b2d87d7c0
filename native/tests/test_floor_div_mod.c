/* FLOOR_DIV and FLOOR_MOD: float32 against floor/fmod of libm, integers
 * against floor division written from its definition, every type, the
 * wrapping corner, broadcasting, division by zero and the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_status run(const tflm_kernel *k, tflm_type t, void *a, const int32_t *da, int ra, void *b,
                       const int32_t *db, int rb, void *o)
{
    static tflm_context ctx;
    harness_init(&ctx, k, 2);
    harness_tensor(&ctx, 0, t, da, ra, a, 0, 0);
    harness_tensor(&ctx, 1, t, db, rb, b, 0, 0);
    harness_tensor(&ctx, 2, t, da, ra, o, 0, 0);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void test_float(void)
{
    enum { N = 4000 };
    static float a[N], b[N], o[N];
    const int32_t d[1] = {N};
    for (int i = 0; i < N; ++i) {
        a[i] = rng_float(-100.0f, 100.0f);
        b[i] = rng_float(0.01f, 10.0f) * (rng_u32() & 1 ? -1.0f : 1.0f);
    }
    a[0] = 7.0f, b[0] = 7.0f;           /* exact quotients */
    a[1] = -7.0f, b[1] = 2.0f;
    a[2] = 1e-40f, b[2] = -3e38f;       /* subnormal over huge: floor is -1, fmod is x */
    a[3] = 3e38f, b[3] = 1e-40f;        /* huge over subnormal */
    a[4] = -0.0f, b[4] = 5.0f;
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_floor_div, TFLM_TYPE_FLOAT32, a, d, 1, b, d, 1, o));
    for (int i = 0; i < N; ++i) {
        CHECK(o[i] == (float)floor((double)a[i] / (double)b[i]));
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_floor_mod, TFLM_TYPE_FLOAT32, a, d, 1, b, d, 1, o));
    for (int i = 0; i < N; ++i) {
        const float r = fmodf(a[i], b[i]);
        const float expected = (r != 0.0f && ((b[i] < 0.0f) != (r < 0.0f))) ? r + b[i] : r;
        CHECK(o[i] == expected && signbit(o[i]) == signbit(expected));
    }
    /* zero divisors: FLOOR_DIV fails, FLOOR_MOD gives NaN */
    b[7] = -0.0f;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_floor_div, TFLM_TYPE_FLOAT32, a, d, 1, b, d, 1, o));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_floor_mod, TFLM_TYPE_FLOAT32, a, d, 1, b, d, 1, o));
    CHECK(isnan(o[7]));
}

static int64_t model_floor_div(int64_t a, int64_t b)
{
    /* from the definition: the largest q with q * b <= a (b > 0) or >= a (b < 0) */
    const double q = floor((double)a / (double)b);
    return (int64_t)q;
}

static void test_integers(void)
{
    const int32_t da[2] = {3, 4}, db[1] = {4};
    int8_t a8[12], b8[4], o8[12];
    int16_t a16[12], b16[4], o16[12];
    int32_t a32[12], b32[4], o32[12];
    int64_t a64[12], b64[4], o64[12];
    for (int trial = 0; trial < 50; ++trial) {
        for (int i = 0; i < 12; ++i) {
            a8[i] = (int8_t)rng_range(-128, 127);
            a16[i] = (int16_t)rng_range(-32768, 32767);
            a32[i] = (int32_t)rng_u32();
            a64[i] = (int64_t)rng_range(-1000000, 1000000) * 1000003;
        }
        for (int i = 0; i < 4; ++i) {
            do {
                b8[i] = (int8_t)rng_range(-128, 127);
                b16[i] = (int16_t)rng_range(-300, 300);
                b32[i] = (int32_t)rng_u32() >> rng_range(0, 30);
                b64[i] = rng_range(-100000, 100000);
            } while (b8[i] == 0 || b16[i] == 0 || b32[i] == 0 || b64[i] == 0 || b8[i] == -1 ||
                     b32[i] == -1);
        }
        for (int mod = 0; mod < 2; ++mod) {
            const tflm_kernel *k = mod ? &tflm_op_floor_mod : &tflm_op_floor_div;
            CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT8, a8, da, 2, b8, db, 1, o8));
            CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT16, a16, da, 2, b16, db, 1, o16));
            CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT32, a32, da, 2, b32, db, 1, o32));
            CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT64, a64, da, 2, b64, db, 1, o64));
            for (int i = 0; i < 12; ++i) {
                const int j = i % 4;
#define EXPECT(x, y) (mod ? (x) - model_floor_div(x, y) * (y) : model_floor_div(x, y))
                CHECK(o8[i] == EXPECT(a8[i], b8[j]));
                CHECK(o16[i] == EXPECT(a16[i], b16[j]));
                CHECK(o32[i] == EXPECT((int64_t)a32[i], b32[j]));
                CHECK(o64[i] == EXPECT(a64[i], b64[j]));
#undef EXPECT
            }
        }
    }
    /* the most negative value over -1; a zero divisor; INT64 beyond 2^53 */
    const int32_t d2[1] = {2};
    int32_t x[2] = {INT32_MIN, 7}, y[2] = {-1, -2}, z[2];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_floor_div, TFLM_TYPE_INT32, x, d2, 1, y, d2, 1, z));
    CHECK(z[0] == INT32_MIN && z[1] == -4);
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_floor_mod, TFLM_TYPE_INT32, x, d2, 1, y, d2, 1, z));
    CHECK(z[0] == 0 && z[1] == -1);
    y[1] = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_floor_div, TFLM_TYPE_INT32, x, d2, 1, y, d2, 1, z));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_floor_mod, TFLM_TYPE_INT32, x, d2, 1, y, d2, 1, z));
    int64_t p[1] = {INT64_MAX}, q[1] = {3}, r[1];
    const int32_t d1[1] = {1};
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_floor_div, TFLM_TYPE_INT64, p, d1, 1, q, d1, 1, r));
    CHECK(r[0] == INT64_MAX / 3);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {2};
    uint8_t u[2];
    float f[2];
    harness_init(&ctx, &tflm_op_floor_div, 2);
    for (int i = 0; i < 3; ++i) {
        harness_tensor(&ctx, i, TFLM_TYPE_UINT8, d, 1, u, 0, 0);
    }
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, f, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d, 1, f, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output type */
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){3}, 1, f, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* shape */
    harness_free(&ctx);
}

int main(void)
{
    test_float();
    test_integers();
    test_rejections();
    TEST_MAIN_END();
}
