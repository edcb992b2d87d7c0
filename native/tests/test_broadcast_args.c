/* BROADCAST_ARGS: INT32 and INT64 shapes of different lengths, shapes
 * that do not broadcast (an invoke failure) and the rejections. */
#include <stdint.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

int main(void)
{
    static tflm_context ctx;
    int32_t a[4] = {8, 1, 6, 1}, b[3] = {7, 1, 5}, o[4];
    const int32_t da[1] = {4}, db[1] = {3};
    harness_init(&ctx, &tflm_op_broadcast_args, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, da, 1, a, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, db, 1, b, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, da, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o[0] == 8 && o[1] == 7 && o[2] == 6 && o[3] == 5);
    b[2] = 4; /* 1 vs 4 broadcasts; 6 vs 1 too */
    b[1] = 3; /* 6 vs 3 does not */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    /* the inputs swapped: the longer one second */
    b[1] = 1;
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, db, 1, b, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, da, 1, a, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o[0] == 8 && o[1] == 7 && o[2] == 6 && o[3] == 4);
    /* output of the wrong length, 2-D input, other types */
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, db, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, da, 1, o, 0, 0);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, (const int32_t[]){1, 3}, 2, b, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT64, db, 1, b, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    int64_t p[2] = {INT64_C(1) << 40, 1}, q[1] = {9}, r[2];
    const int32_t d2[1] = {2}, d1[1] = {1};
    harness_init(&ctx, &tflm_op_broadcast_args, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT64, d2, 1, p, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, d1, 1, q, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT64, d2, 1, r, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(r[0] == (INT64_C(1) << 40) && r[1] == 9);
    float f[2];
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d2, 1, f, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d1, 1, f, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d2, 1, f, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    TEST_MAIN_END();
}
