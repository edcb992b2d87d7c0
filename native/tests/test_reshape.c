/* RESHAPE, EXPAND_DIMS, SQUEEZE: byte copies under a new shape, for
 * several types; the output shapes each op's arguments imply, and the
 * rejections (element counts, types, axes, non-constant axis). */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static void test_reshape_copies(void)
{
    tflm_context ctx;
    const int32_t in_dims[3] = {2, 3, 2}, out_dims[2] = {4, 3};
    const tflm_type types[4] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT64};
    for (int t = 0; t < 4; ++t) {
        uint8_t in[96], out[96];
        for (int i = 0; i < 96; ++i) {
            in[i] = (uint8_t)(i * 13 + 1);
        }
        memset(out, 0, sizeof out);
        harness_init(&ctx, &tflm_op_reshape, 1);
        harness_tensor(&ctx, 0, types[t], in_dims, 3, in, 0.0f, 0);
        harness_tensor(&ctx, 1, types[t], out_dims, 2, out, 0.0f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        CHECK(memcmp(in, out, ctx.tensors[0].bytes) == 0);
        /* Aliased buffers (the planner's choice): nothing to do. */
        ctx.tensors[1].data = in;
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    }
}

static void test_reshape_rejects(void)
{
    tflm_context ctx;
    float in[12], out[12];
    const int32_t in_dims[2] = {3, 4}, bad_dims[2] = {5, 2}, one[1] = {1}, zero[1] = {0};
    harness_init(&ctx, &tflm_op_reshape, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, bad_dims, 2, out, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* 12 elements into 10 */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, in_dims, 2, out, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* another type */
    /* The legacy [0]-means-scalar output: said, not misread. */
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, one, 1, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, zero, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "legacy") != NULL);
    /* Three inputs. */
    harness_init(&ctx, &tflm_op_reshape, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, one, 1, in, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, one, 1, in, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, in_dims, 2, out, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
}

/* EXPAND_DIMS of a [2,3] input with axis (as type) into out_dims. */
static tflm_status expand(tflm_type axis_type, int64_t axis, const int32_t *out_dims, int out_rank,
                          bool constant)
{
    static tflm_context ctx;
    static int16_t in[6] = {1, 2, 3, 4, 5, 6}, out[6];
    static int64_t axis_data;
    const int32_t in_dims[2] = {2, 3}, axis_dims[1] = {1};
    int32_t axis32 = (int32_t)axis;
    axis_data = axis;
    if (axis_type == TFLM_TYPE_INT32) {
        memcpy(&axis_data, &axis32, sizeof axis32);
    }
    harness_init(&ctx, &tflm_op_expand_dims, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 2, in, 0.0f, 0);
    harness_tensor(&ctx, 1, axis_type, axis_dims, 1, &axis_data, 0.0f, 0);
    ctx.tensors[1].is_constant = constant;
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, out_dims, out_rank, out, 0.0f, 0);
    memset(out, 0, sizeof out);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        CHECK(memcmp(in, out, sizeof in) == 0);
    }
    return status;
}

static void test_expand_dims(void)
{
    const int32_t front[3] = {1, 2, 3}, middle[3] = {2, 1, 3}, back[3] = {2, 3, 1};
    CHECK_EQ_INT(TFLM_OK, expand(TFLM_TYPE_INT32, 0, front, 3, true));
    CHECK_EQ_INT(TFLM_OK, expand(TFLM_TYPE_INT32, 1, middle, 3, true));
    CHECK_EQ_INT(TFLM_OK, expand(TFLM_TYPE_INT32, 2, back, 3, true));
    CHECK_EQ_INT(TFLM_OK, expand(TFLM_TYPE_INT32, -1, back, 3, true));
    CHECK_EQ_INT(TFLM_OK, expand(TFLM_TYPE_INT32, -3, front, 3, true));
    CHECK_EQ_INT(TFLM_OK, expand(TFLM_TYPE_INT64, -2, middle, 3, true));
    /* Rejections: axis out of range, output shape not the expanded one,
     * a non-constant or float axis. */
    CHECK(expand(TFLM_TYPE_INT32, 3, back, 3, true) != TFLM_OK);
    CHECK(expand(TFLM_TYPE_INT32, -4, front, 3, true) != TFLM_OK);
    CHECK(expand(TFLM_TYPE_INT32, 0, middle, 3, true) != TFLM_OK);
    CHECK(expand(TFLM_TYPE_INT32, 0, front, 3, false) != TFLM_OK);
    CHECK(expand(TFLM_TYPE_FLOAT32, 0, front, 3, true) != TFLM_OK);
    CHECK(expand(TFLM_TYPE_INT64, (int64_t)1 << 40, front, 3, true) != TFLM_OK);
}

/* SQUEEZE of a [1,2,1,3,1] input; squeeze_dims NULL = option absent. */
static tflm_status squeeze(const int32_t *squeeze_dims, int count, const int32_t *out_dims,
                           int out_rank)
{
    static tflm_context ctx;
    static uint8_t in[6] = {1, 2, 3, 4, 5, 6}, out[6];
    const int32_t in_dims[5] = {1, 2, 1, 3, 1};
    harness_init(&ctx, &tflm_op_squeeze, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, in_dims, 5, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_BOOL, out_dims, out_rank, out, 0.0f, 0);
    if (squeeze_dims != NULL) {
        harness_option_int_vector(&ctx, TFLM_OPTIONS_SQUEEZE, TFLM_SQUEEZE_OPTIONS_SQUEEZE_DIMS,
                                  squeeze_dims, count);
    }
    memset(out, 0, sizeof out);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        CHECK(memcmp(in, out, sizeof in) == 0);
    }
    return status;
}

static void test_squeeze(void)
{
    const int32_t all[2] = {2, 3}, keep_last[3] = {2, 3, 1}, keep_first[4] = {1, 2, 3, 1};
    const int32_t dims_02[2] = {0, 2}, dims_neg[1] = {-5}, dims_bad[1] = {1}, dims_range[1] = {5};
    CHECK_EQ_INT(TFLM_OK, squeeze(NULL, 0, all, 2));
    CHECK_EQ_INT(TFLM_OK, squeeze(dims_02, 0, all, 2)); /* empty list: every 1 */
    CHECK_EQ_INT(TFLM_OK, squeeze(dims_02, 2, keep_last, 3));
    CHECK_EQ_INT(TFLM_OK, squeeze(dims_02 + 1, 1, keep_first, 4));
    CHECK_EQ_INT(TFLM_OK, squeeze(dims_neg, 1, (const int32_t[4]){2, 1, 3, 1}, 4));
    CHECK(squeeze(dims_bad, 1, all, 2) != TFLM_OK);   /* axis 1 has size 2 */
    CHECK(squeeze(dims_range, 1, all, 2) != TFLM_OK); /* out of range */
    CHECK(squeeze(dims_02, 2, all, 2) != TFLM_OK);    /* output keeps the last 1 */
}

int main(void)
{
    test_reshape_copies();
    test_reshape_rejects();
    test_expand_dims();
    test_squeeze();
    TEST_MAIN_END();
}
