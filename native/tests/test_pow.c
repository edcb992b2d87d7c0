/* POW: float32 against the host's powf (within an ulp, tflm_powf's own
 * accuracy being f32_math's test), int32 exact powers with broadcasting
 * and wrapping, negative int32 exponents failing, the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_status run(tflm_type t, void *a, const int32_t *da, int ra, void *b, const int32_t *db,
                       int rb, void *o)
{
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_pow, 2);
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
    enum { N = 1000 };
    static float a[N], b[N], o[N];
    const int32_t d[1] = {N};
    for (int i = 0; i < N; ++i) {
        a[i] = rng_float(0.0f, 10.0f) * (i % 5 == 0 ? -1.0f : 1.0f);
        b[i] = i % 5 == 0 ? (float)rng_range(-4, 4) : rng_float(-3.0f, 3.0f);
    }
    a[1] = 0.0f, b[1] = 0.0f; /* pow(0, 0) = 1 */
    a[2] = -2.0f, b[2] = 0.5f; /* NaN */
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, a, d, 1, b, d, 1, o));
    for (int i = 0; i < N; ++i) {
        const float e = powf(a[i], b[i]);
        const float ulp = nextafterf(fabsf(e), INFINITY) - fabsf(e);
        CHECK((isnan(e) && isnan(o[i])) || o[i] == e || fabsf(o[i] - e) <= 2.0f * ulp);
    }
    CHECK(o[1] == 1.0f && isnan(o[2]));
}

static void test_int32(void)
{
    const int32_t da[2] = {2, 3}, db[1] = {3};
    int32_t a[6] = {2, -3, 7, 0, 1, -1}, b[3] = {10, 3, 0}, o[6];
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, a, da, 2, b, db, 1, o));
    CHECK(o[0] == 1024 && o[1] == -27 && o[2] == 1 && o[3] == 0 && o[4] == 1 && o[5] == 1);
    int32_t big[1] = {65536}, two[1] = {2}, r[1];
    const int32_t d1[1] = {1};
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, big, d1, 1, two, d1, 1, r));
    CHECK(r[0] == 0); /* 2^32 wraps */
    b[1] = -1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(TFLM_TYPE_INT32, a, da, 2, b, db, 1, o));
    int8_t s[2];
    const int32_t d2[1] = {2};
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(TFLM_TYPE_INT8, s, d2, 1, s, d2, 1, s));
}

int main(void)
{
    test_float();
    test_int32();
    TEST_MAIN_END();
}
