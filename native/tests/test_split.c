/* SPLIT, SPLIT_V and UNPACK against coordinates computed one by one,
 * along every axis, for each type; the rejections (axis, counts, shapes,
 * size_splits, non-constant axis, types). */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static uint8_t in_data[8 * 120], out_data[3][8 * 120];
static int32_t axis_data, splits_data[3];

/* Checks output k (dims out_dims, rank 3) of a cut of the [in_dims]
 * input: element (a,b,c) is input element (a,b,c) with offset added
 * along axis. */
static void check_part(uint32_t size, const int32_t *in_dims, const int32_t *out_dims, int axis,
                       int offset, const uint8_t *out)
{
    for (int a = 0; a < out_dims[0]; ++a)
        for (int b = 0; b < out_dims[1]; ++b)
            for (int c = 0; c < out_dims[2]; ++c) {
                int idx[3] = {a, b, c};
                idx[axis] += offset;
                const int src = (idx[0] * in_dims[1] + idx[1]) * in_dims[2] + idx[2];
                const int dst = (a * out_dims[1] + b) * out_dims[2] + c;
                CHECK(memcmp(out + (size_t)dst * size, in_data + (size_t)src * size, size) == 0);
            }
}

static void fill(void)
{
    for (int i = 0; i < (int)sizeof in_data; ++i) {
        in_data[i] = (uint8_t)(i * 11 + 5);
    }
    memset(out_data, 0, sizeof out_data);
}

/* SPLIT (sizes NULL: equal parts) or SPLIT_V of a [4,6,3]-like input into
 * three outputs along axis. */
static void check_split(tflm_type type, int axis, const int32_t *sizes)
{
    static tflm_context ctx;
    int32_t in_dims[3] = {2, 3, 4}, out_dims[3][3];
    const uint32_t size = tflm_type_size(type);
    fill();
    const bool v = sizes != NULL;
    harness_init_outputs(&ctx, v ? &tflm_op_split_v : &tflm_op_split, v ? 3 : 2, 3);
    const int in = v ? 0 : 1, first_out = v ? 3 : 2;
    int32_t total = 0;
    for (int k = 0; k < 3; ++k) {
        memcpy(out_dims[k], in_dims, sizeof in_dims);
        out_dims[k][axis] = v ? sizes[k] : 2;
        total += out_dims[k][axis];
        harness_tensor(&ctx, first_out + k, type, out_dims[k], 3, out_data[k], 0.0f, 0);
    }
    in_dims[axis] = total;
    harness_tensor(&ctx, in, type, in_dims, 3, in_data, 0.0f, 0);
    const int32_t one[1] = {1}, three[1] = {3};
    axis_data = axis == 1 ? -2 : axis;
    harness_tensor(&ctx, v ? 2 : 0, TFLM_TYPE_INT32, one, 1, &axis_data, 0.0f, 0);
    ctx.tensors[v ? 2 : 0].is_constant = 1;
    if (v) {
        memcpy(splits_data, sizes, sizeof splits_data);
        splits_data[1] = -1;
        harness_tensor(&ctx, 1, TFLM_TYPE_INT32, three, 1, splits_data, 0.0f, 0);
        ctx.tensors[1].is_constant = 1;
    } else {
        HARNESS_OPTION_INT(&ctx, SPLIT, NUM_SPLITS, 3);
    }
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int offset = 0;
    for (int k = 0; k < 3; ++k) {
        check_part(size, in_dims, out_dims[k], axis, offset, out_data[k]);
        offset += out_dims[k][axis];
    }
}

static void test_split_and_split_v(void)
{
    const tflm_type types[4] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT32};
    const int32_t sizes[3][3] = {{1, 2, 3}, {3, 0, 1}, {2, 2, 1}};
    for (int t = 0; t < 4; ++t) {
        for (int axis = 0; axis < 3; ++axis) {
            check_split(types[t], axis, NULL);
            check_split(types[t], axis, sizes[(t + axis) % 3]);
        }
    }
}

static void test_split_rejections(void)
{
    static tflm_context ctx;
    const int32_t in_dims[2] = {4, 6}, half[2] = {4, 3}, third[2] = {4, 2}, one[1] = {1};
    harness_init_outputs(&ctx, &tflm_op_split, 2, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, one, 1, &axis_data, 0.0f, 0);
    ctx.tensors[0].is_constant = 1;
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, in_dims, 2, in_data, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, half, 2, out_data[0], 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, half, 2, out_data[1], 0.0f, 0);
    axis_data = 1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    axis_data = 2;
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    axis_data = -3;
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    axis_data = 0; /* 4 splits in 2, but the outputs say axis 1 */
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    axis_data = 1;
    ctx.tensors[0].is_constant = 0;
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    ctx.tensors[0].is_constant = 1;
    ctx.tensors[0].type = TFLM_TYPE_INT64;
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    ctx.tensors[0].type = TFLM_TYPE_INT32;
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, third, 2, out_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT32, half, 2, out_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    /* 6 does not split in 4. */
    harness_init_outputs(&ctx, &tflm_op_split, 2, 4);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, one, 1, &axis_data, 0.0f, 0);
    ctx.tensors[0].is_constant = 1;
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, in_dims, 2, in_data, 0.0f, 0);
    for (int k = 2; k < 6; ++k) {
        harness_tensor(&ctx, k, TFLM_TYPE_INT8, third, 2, out_data[0], 0.0f, 0);
    }
    CHECK(harness_prepare(&ctx) != TFLM_OK);
}

static void test_split_v_rejections(void)
{
    static tflm_context ctx;
    const int32_t in_dims[2] = {4, 6}, a[2] = {4, 2}, b[2] = {4, 4}, one[1] = {1}, two[1] = {2};
    harness_init_outputs(&ctx, &tflm_op_split_v, 3, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 2, in_data, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, two, 1, splits_data, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, one, 1, &axis_data, 0.0f, 0);
    ctx.tensors[2].is_constant = 1;
    harness_tensor(&ctx, 3, TFLM_TYPE_INT16, a, 2, out_data[0], 0.0f, 0);
    harness_tensor(&ctx, 4, TFLM_TYPE_INT16, b, 2, out_data[1], 0.0f, 0);
    axis_data = 1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx)); /* size_splits not constant: unread */
    ctx.tensors[1].is_constant = 1;
    splits_data[0] = 2;
    splits_data[1] = 4;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    splits_data[0] = -1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    splits_data[1] = -1;
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* two unknowns */
    splits_data[0] = 3;
    splits_data[1] = 3;
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* disagree with the outputs */
    splits_data[0] = 2;
    splits_data[1] = 4;
    harness_tensor(&ctx, 4, TFLM_TYPE_INT16, a, 2, out_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* outputs cover 4 of 6 */
}

/* UNPACK of a [3,2,4]-like input of type along axis. */
static void check_unpack(tflm_type type, int axis)
{
    static tflm_context ctx;
    int32_t in_dims[3] = {2, 4, 5}, out_dims[2], part_dims[3];
    in_dims[axis] = 3;
    const uint32_t size = tflm_type_size(type);
    fill();
    harness_init_outputs(&ctx, &tflm_op_unpack, 1, 3);
    harness_tensor(&ctx, 0, type, in_dims, 3, in_data, 0.0f, 0);
    for (int d = 0, o = 0; d < 3; ++d) {
        part_dims[d] = d == axis ? 1 : in_dims[d];
        if (d != axis) {
            out_dims[o++] = in_dims[d];
        }
    }
    for (int k = 0; k < 3; ++k) {
        harness_tensor(&ctx, 1 + k, type, out_dims, 2, out_data[k], 0.0f, 0);
    }
    HARNESS_OPTION_INT(&ctx, UNPACK, NUM, 3);
    HARNESS_OPTION_INT(&ctx, UNPACK, AXIS, axis == 2 ? -1 : axis);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int k = 0; k < 3; ++k) {
        check_part(size, in_dims, part_dims, axis, k, out_data[k]);
    }
}

static void test_unpack(void)
{
    const tflm_type types[4] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT32};
    for (int t = 0; t < 4; ++t) {
        for (int axis = 0; axis < 3; ++axis) {
            check_unpack(types[t], axis);
        }
    }
    static tflm_context ctx;
    const int32_t in_dims[2] = {2, 3}, out_dims[1] = {3}, wrong[1] = {2};
    harness_init_outputs(&ctx, &tflm_op_unpack, 1, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 2, in_data, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, out_dims, 1, out_data[0], 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, out_dims, 1, out_data[1], 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, UNPACK, NUM, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, UNPACK, NUM, 3); /* more than the outputs */
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, UNPACK, NUM, 2);
    HARNESS_OPTION_INT(&ctx, UNPACK, AXIS, 1); /* axis 1 has 3 */
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, UNPACK, AXIS, 2);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, UNPACK, AXIS, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, wrong, 1, out_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT64, in_dims, 2, in_data, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
}

int main(void)
{
    test_split_and_split_v();
    test_split_rejections();
    test_split_v_rejections();
    test_unpack();
    TEST_MAIN_END();
}
