/* SELECT and SELECT_V2: element-wise, SELECT's scalar and rank-1
 * conditions, SELECT_V2's broadcasting of all three inputs against
 * coordinates computed here, every element size, and the rejections. */
#include <stdbool.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_status run(const tflm_kernel *k, tflm_type t, bool *c, const int32_t *dc, int rc,
                       void *x, const int32_t *dx, int rx, void *y, const int32_t *dy, int ry,
                       void *o, const int32_t *dout, int rout)
{
    static tflm_context ctx;
    harness_init(&ctx, k, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, dc, rc, c, 0, 0);
    harness_tensor(&ctx, 1, t, dx, rx, x, 0, 0);
    harness_tensor(&ctx, 2, t, dy, ry, y, 0, 0);
    harness_tensor(&ctx, 3, t, dout, rout, o, 0, 0);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void test_select_v1(void)
{
    const int32_t d[2] = {3, 2}, d1[1] = {3};
    bool c[6] = {true, false, false, true, true, true};
    float x[6] = {1, 2, 3, 4, 5, 6}, y[6] = {-1, -2, -3, -4, -5, -6}, o[6];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select, TFLM_TYPE_FLOAT32, c, d, 2, x, d, 2, y, d, 2, o, d, 2));
    for (int i = 0; i < 6; ++i) {
        CHECK(o[i] == (c[i] ? x[i] : y[i]));
    }
    /* rank-1 condition: row i from x when c[i] */
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select, TFLM_TYPE_FLOAT32, c, d1, 1, x, d, 2, y, d, 2, o, d, 2));
    for (int i = 0; i < 6; ++i) {
        CHECK(o[i] == (c[i / 2] ? x[i] : y[i]));
    }
    /* scalar condition */
    bool f[1] = {false};
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select, TFLM_TYPE_FLOAT32, f, d1, 0, x, d, 2, y, d, 2, o, d, 2));
    for (int i = 0; i < 6; ++i) {
        CHECK(o[i] == y[i]);
    }
    /* SELECT does not broadcast otherwise */
    const int32_t d2[1] = {2};
    CHECK_EQ_INT(TFLM_ERROR_KERNEL,
                 run(&tflm_op_select, TFLM_TYPE_FLOAT32, c, d2, 1, x, d, 2, y, d, 2, o, d, 2));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL,
                 run(&tflm_op_select, TFLM_TYPE_FLOAT32, c, d1, 1, x, d, 2, y, d2, 1, o, d, 2));
}

static void test_select_v2(void)
{
    /* condition [2,1,3], x [4,1], y [1,1,1] broadcast to [2,4,3]; every element size */
    const int32_t dc[3] = {2, 1, 3}, dx[2] = {4, 1}, dy[3] = {1, 1, 1}, dout[3] = {2, 4, 3};
    bool c[6];
    for (int i = 0; i < 6; ++i) {
        c[i] = (rng_u32() & 1) != 0;
    }
    int8_t x8[4] = {1, 2, 3, 4}, y8[1] = {-9}, o8[24];
    int16_t x16[4] = {100, 200, 300, 400}, y16[1] = {-900}, o16[24];
    float xf[4] = {1.5f, 2.5f, 3.5f, 4.5f}, yf[1] = {-0.5f}, of[24];
    int64_t x64[4] = {INT64_MAX, 2, 3, INT64_MIN}, y64[1] = {-7}, o64[24];
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select_v2, TFLM_TYPE_INT8, c, dc, 3, x8, dx, 2, y8, dy, 3, o8, dout, 3));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select_v2, TFLM_TYPE_INT16, c, dc, 3, x16, dx, 2, y16, dy, 3, o16, dout, 3));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select_v2, TFLM_TYPE_FLOAT32, c, dc, 3, xf, dx, 2, yf, dy, 3, of, dout, 3));
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select_v2, TFLM_TYPE_INT64, c, dc, 3, x64, dx, 2, y64, dy, 3, o64, dout, 3));
    for (int i = 0; i < 2; ++i) {
        for (int j = 0; j < 4; ++j) {
            for (int k = 0; k < 3; ++k) {
                const int o = (i * 4 + j) * 3 + k;
                const bool pick = c[i * 3 + k];
                CHECK(o8[o] == (pick ? x8[j] : y8[0]));
                CHECK(o16[o] == (pick ? x16[j] : y16[0]));
                CHECK(of[o] == (pick ? xf[j] : yf[0]));
                CHECK(o64[o] == (pick ? x64[j] : y64[0]));
            }
        }
    }
    /* one element of different ranks */
    const int32_t d11[2] = {1, 1}, d1[1] = {1};
    bool t[1] = {true};
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_select_v2, TFLM_TYPE_INT8, t, d1, 0, x8, d11, 2, y8, d1, 1, o8, d1, 1));
    CHECK(o8[0] == x8[0]);
    /* shapes that do not broadcast, or to another output */
    const int32_t bad[2] = {3, 1};
    CHECK_EQ_INT(TFLM_ERROR_KERNEL,
                 run(&tflm_op_select_v2, TFLM_TYPE_INT8, c, dc, 3, x8, bad, 2, y8, dy, 3, o8, dout, 3));
    const int32_t wrong[3] = {2, 4, 1};
    CHECK_EQ_INT(TFLM_ERROR_KERNEL,
                 run(&tflm_op_select_v2, TFLM_TYPE_INT8, c, dc, 3, x8, dx, 2, y8, dy, 3, o8, wrong, 3));
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {2};
    bool c[2];
    float x[2];
    int32_t i[2];
    harness_init(&ctx, &tflm_op_select_v2, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, c, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d, 1, x, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, x, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, d, 1, x, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* condition not BOOL */
    harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, d, 1, c, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d, 1, i, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* x and y differ */
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT16, d, 1, x, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    harness_init(&ctx, &tflm_op_select_v2, 2);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* two inputs */
    harness_free(&ctx);
}

int main(void)
{
    test_select_v1();
    test_select_v2();
    test_rejections();
    TEST_MAIN_END();
}
