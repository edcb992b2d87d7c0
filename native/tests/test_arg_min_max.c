/* ARG_MAX and ARG_MIN: indices against a scan written out here, ties (the
 * first wins), NaN as TFLM's plain comparisons treat it, INT32 and INT64
 * outputs and axes, an axis checked at invoke when not constant, and the
 * rejections of prepare. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_context ctx;

/* Index along axis 1 of [2, 5, 3] of the first maximum (or minimum). */
static int32_t scan(const float *in, int o, int i, int is_max)
{
    int32_t best = 0;
    for (int a = 1; a < 5; ++a) {
        const float c = in[(o * 5 + a) * 3 + i], b = in[(o * 5 + best) * 3 + i];
        if (is_max ? c > b : c < b) {
            best = a;
        }
    }
    return best;
}

static void test_arg_f32(void)
{
    const int32_t in_dims[3] = {2, 5, 3}, axis_dims[1] = {1}, out_dims[2] = {2, 3};
    float in[30];
    int32_t axis[1] = {1}, out[6];
    int64_t out64[6];
    for (int i = 0; i < 30; ++i) {
        in[i] = (float)((i * 7) % 11) - 5.0f; /* repeats: ties */
    }
    for (int is_max = 0; is_max < 2; ++is_max) {
        harness_init(&ctx, is_max ? &tflm_op_arg_max : &tflm_op_arg_min, 2);
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 3, in, 0.0f, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_INT32, axis_dims, 1, axis, 0.0f, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_INT32, out_dims, 2, out, 0.0f, 0);
        ctx.tensors[1].is_constant = 1;
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        harness_tensor(&ctx, 2, TFLM_TYPE_INT64, out_dims, 2, out64, 0.0f, 0);
        axis[0] = -2;
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        axis[0] = 1;
        for (int o = 0; o < 2; ++o) {
            for (int i = 0; i < 3; ++i) {
                CHECK_EQ_INT(scan(in, o, i, is_max), out[o * 3 + i]);
                CHECK_EQ_INT(scan(in, o, i, is_max), out64[o * 3 + i]);
            }
        }
    }
    /* Ties keep the first: 4 at 1 and 3. */
    const int32_t row_dims[1] = {5}, scalar_dims[1] = {0};
    float row[5] = {1.0f, 4.0f, -2.0f, 4.0f, -2.0f};
    harness_init(&ctx, &tflm_op_arg_max, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, row_dims, 1, row, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, axis_dims, 1, axis, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, scalar_dims, 0, out, 0.0f, 0);
    axis[0] = 0;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(1, out[0]);
    ctx.node.kernel = &tflm_op_arg_min;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(2, out[0]);
    /* NaN: never taken over a number, but kept when it comes first. */
    row[2] = NAN;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(4, out[0]);
    row[0] = NAN;
    ctx.node.kernel = &tflm_op_arg_max;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(0, out[0]);
}

/* int8 with an INT64 axis that is not constant. */
static void test_arg_s8(void)
{
    const int32_t in_dims[2] = {3, 4}, scalar[1] = {1}, out3[1] = {3}, out4[1] = {4};
    int8_t in[12] = {-128, 5, 127, 0, 3, 3, -7, -128, 127, 127, -1, -2};
    int64_t axis[1] = {1};
    int32_t out[4];
    harness_init(&ctx, &tflm_op_arg_max, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 2, in, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, scalar, 0, axis, 0.0f, 0); /* a scalar */
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, out3, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 2 && out[1] == 0 && out[2] == 0);
    ctx.node.kernel = &tflm_op_arg_min;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 0 && out[1] == 3 && out[2] == 3);
    /* axis 0 no longer matches the output [3]; axis 2 is out of range. */
    axis[0] = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    axis[0] = 2;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    axis[0] = 0;
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, out4, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 0 && out[1] == 1 && out[2] == 1 && out[3] == 1); /* column minima */
}

static void test_arg_rejections(void)
{
    const int32_t in_dims[2] = {3, 4}, axis_dims[1] = {1}, out_dims[1] = {3};
    float in[12] = {0};
    int32_t axis[2] = {1, 0}, out[4];
#define ARG_NODE()                                                                   \
    do {                                                                             \
        harness_init(&ctx, &tflm_op_arg_max, 2);                                     \
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, in, 0.0f, 0);         \
        harness_tensor(&ctx, 1, TFLM_TYPE_INT32, axis_dims, 1, axis, 0.0f, 0);       \
        harness_tensor(&ctx, 2, TFLM_TYPE_INT32, out_dims, 1, out, 0.0f, 0);         \
        ctx.tensors[1].is_constant = 1;                                              \
    } while (0)
    ARG_NODE();
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    axis[0] = 2;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    axis[0] = -3;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    axis[0] = 0; /* output would be [4] */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    axis[0] = 1;
    ARG_NODE();
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, (const int32_t[]){2}, 1, axis, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    ARG_NODE();
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, axis_dims, 1, axis, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    ARG_NODE();
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    ARG_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 2, in, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    ARG_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 0, in, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* An empty axis has no index to give a non-empty output. */
    ARG_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){3, 0}, 2, in, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
#undef ARG_NODE
}

int main(void)
{
    test_arg_f32();
    test_arg_s8();
    test_arg_rejections();
    TEST_MAIN_END();
}
