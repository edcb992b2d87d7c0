/* DEPTH_TO_SPACE, SPACE_TO_DEPTH, SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND:
 * element placement against the ops' definitions written out here (TF's
 * documentation of each op), round trips, int8 padding with the zero
 * point, 3-d inputs, non-constant block shapes checked at invoke, and the
 * rejections of prepare. */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_context ctx;

/* ---- DEPTH_TO_SPACE / SPACE_TO_DEPTH --------------------------------------- */

/* Input [2, 2, 3, 8], block 2 -> [2, 4, 6, 2]: output (b, y, x, c) is
 * input (b, y / 2, x / 2, ((y % 2) * 2 + x % 2) * 2 + c). */
static void test_depth_to_space(void)
{
    const int32_t in_dims[4] = {2, 2, 3, 8}, out_dims[4] = {2, 4, 6, 2};
    float in[96], out[96], back[96];
    int8_t in8[96], out8[96];
    for (int i = 0; i < 96; ++i) {
        in[i] = (float)i - 40.5f;
        in8[i] = (int8_t)(i * 5 - 128);
    }
    harness_init(&ctx, &tflm_op_depth_to_space, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 4, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, out_dims, 4, out, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, DEPTH_TO_SPACE, BLOCK_SIZE, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int b = 0; b < 2; ++b) {
        for (int y = 0; y < 4; ++y) {
            for (int x = 0; x < 6; ++x) {
                for (int c = 0; c < 2; ++c) {
                    const int from = ((b * 2 + y / 2) * 3 + x / 2) * 8 + ((y % 2) * 2 + x % 2) * 2 + c;
                    CHECK(out[((b * 4 + y) * 6 + x) * 2 + c] == in[from]);
                }
            }
        }
    }
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 4, in8, 0.1f, 2);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, out_dims, 4, out8, 0.1f, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(in8[((1 * 2 + 1) * 3 + 2) * 8 + (1 * 2 + 1) * 2 + 1], out8[((1 * 4 + 3) * 6 + 5) * 2 + 1]);
    /* SPACE_TO_DEPTH undoes it, in float. */
    harness_init(&ctx, &tflm_op_space_to_depth, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, out_dims, 4, out, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, in_dims, 4, back, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, SPACE_TO_DEPTH, BLOCK_SIZE, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(in, back, sizeof in) == 0);
}

/* Input [1, 3, 3, 2] int8, block 3 -> [1, 1, 1, 18]: channel
 * (y * 3 + x) * 2 + c is pixel (y, x), channel c. */
static void test_space_to_depth_s8(void)
{
    const int32_t in_dims[4] = {1, 3, 3, 2}, out_dims[4] = {1, 1, 1, 18};
    int8_t in[18], out[18];
    for (int i = 0; i < 18; ++i) {
        in[i] = (int8_t)(100 - i * 11);
    }
    harness_init(&ctx, &tflm_op_space_to_depth, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 4, in, 0.5f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, out_dims, 4, out, 0.5f, 0);
    HARNESS_OPTION_INT(&ctx, SPACE_TO_DEPTH, BLOCK_SIZE, 3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(in, out, sizeof in) == 0); /* one block: the same order */
}

static void test_space_depth_rejections(void)
{
    const int32_t in_dims[4] = {1, 2, 2, 4}, out_dims[4] = {1, 4, 4, 1};
    float buf[16];
    harness_init(&ctx, &tflm_op_depth_to_space, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 4, buf, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, out_dims, 4, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* block_size absent: 0 */
    HARNESS_OPTION_INT(&ctx, DEPTH_TO_SPACE, BLOCK_SIZE, -2);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, DEPTH_TO_SPACE, BLOCK_SIZE, 3); /* 4 channels not a multiple of 9 */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, DEPTH_TO_SPACE, BLOCK_SIZE, 65536); /* block^2 overflows int32 */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, DEPTH_TO_SPACE, BLOCK_SIZE, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    const int32_t wrong[4] = {1, 4, 2, 2};
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, wrong, 4, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, out_dims, 4, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, out_dims, 4, buf, 0.0f, 0);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 3, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 4, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    /* SPACE_TO_DEPTH: block 0 (TFLM divides by it), 3 not dividing 4. */
    harness_init(&ctx, &tflm_op_space_to_depth, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, out_dims, 4, buf, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, in_dims, 4, buf, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, SPACE_TO_DEPTH, BLOCK_SIZE, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, SPACE_TO_DEPTH, BLOCK_SIZE, 3);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, SPACE_TO_DEPTH, BLOCK_SIZE, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
}

/* ---- SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND ----------------------------------- */

/* Input [2, 3, 4, 1] int8, block [2, 2], paddings [[1, 0], [0, 2]] ->
 * padded [2, 4, 6, 1] -> output [8, 2, 3, 1]. Output batch
 * (sy * 2 + sx) * 2 + n holds padded pixel (y * 2 + sy, x * 2 + sx) of
 * input batch n; padding is the zero point. */
static void test_space_to_batch_s8(void)
{
    const int32_t in_dims[4] = {2, 3, 4, 1}, block_dims[1] = {2}, pad_dims[2] = {2, 2};
    const int32_t out_dims[4] = {8, 2, 3, 1};
    int8_t in[24], out[48], back[24];
    int32_t block[2] = {2, 2}, pads[4] = {1, 0, 0, 2};
    for (int i = 0; i < 24; ++i) {
        in[i] = (int8_t)(i * 9 - 100);
    }
    harness_init(&ctx, &tflm_op_space_to_batch_nd, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 4, in, 0.5f, -7);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block_dims, 1, block, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, pad_dims, 2, pads, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, out_dims, 4, out, 0.5f, -7);
    ctx.tensors[1].is_constant = ctx.tensors[2].is_constant = 1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int sy = 0; sy < 2; ++sy) {
        for (int sx = 0; sx < 2; ++sx) {
            for (int n = 0; n < 2; ++n) {
                for (int y = 0; y < 2; ++y) {
                    for (int x = 0; x < 3; ++x) {
                        const int py = y * 2 + sy - 1, px = x * 2 + sx; /* in input coordinates */
                        const int want = py < 0 || py >= 3 || px >= 4 ? -7 : in[(n * 3 + py) * 4 + px];
                        CHECK_EQ_INT(want, out[(((sy * 2 + sx) * 2 + n) * 2 + y) * 3 + x]);
                    }
                }
            }
        }
    }
    /* BATCH_TO_SPACE_ND with the paddings as crops gives the input back. */
    harness_init(&ctx, &tflm_op_batch_to_space_nd, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, out_dims, 4, out, 0.5f, -7);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block_dims, 1, block, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, pad_dims, 2, pads, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, in_dims, 4, back, 0.5f, -7);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx)); /* not constant: checked at invoke */
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(in, back, sizeof in) == 0);
    /* Values that no longer fit the output shape fail at invoke. */
    pads[3] = 1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    pads[3] = 2;
    block[0] = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    block[0] = 2;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
}

/* 3-d NHC float: input [1, 5, 2], block [3], paddings [[1, 0]] ->
 * [3, 2, 2]; padding is +0.0f. */
static void test_space_batch_3d_f32(void)
{
    const int32_t in_dims[3] = {1, 5, 2}, block_dims[1] = {1}, pad_dims[2] = {1, 2};
    const int32_t out_dims[3] = {3, 2, 2};
    float in[10], out[12], back[10];
    int32_t block[1] = {3}, pads[2] = {1, 0};
    for (int i = 0; i < 10; ++i) {
        in[i] = (float)i + 1.0f;
    }
    harness_init(&ctx, &tflm_op_space_to_batch_nd, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 3, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block_dims, 1, block, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, pad_dims, 2, pads, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, out_dims, 3, out, 0.0f, 0);
    ctx.tensors[1].is_constant = ctx.tensors[2].is_constant = 1;
    memset(out, 0xff, sizeof out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int s = 0; s < 3; ++s) {
        for (int y = 0; y < 2; ++y) {
            const int py = y * 3 + s - 1;
            for (int c = 0; c < 2; ++c) {
                const float got = out[(s * 2 + y) * 2 + c];
                if (py < 0) {
                    uint32_t bits;
                    memcpy(&bits, &got, 4);
                    CHECK_EQ_INT(0, bits);
                } else {
                    CHECK(got == in[py * 2 + c]);
                }
            }
        }
    }
    harness_init(&ctx, &tflm_op_batch_to_space_nd, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, out_dims, 3, out, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block_dims, 1, block, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, pad_dims, 2, pads, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, in_dims, 3, back, 0.0f, 0);
    ctx.tensors[1].is_constant = ctx.tensors[2].is_constant = 1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(in, back, sizeof in) == 0);
}

static void test_space_batch_rejections(void)
{
    const int32_t in_dims[4] = {1, 4, 4, 1}, block_dims[1] = {2}, pad_dims[2] = {2, 2};
    const int32_t out_dims[4] = {4, 2, 2, 1};
    float buf[16];
    int32_t block[2] = {2, 2}, pads[4] = {0, 0, 0, 0};
#define S2B_NODE()                                                                       \
    do {                                                                                 \
        harness_init(&ctx, &tflm_op_space_to_batch_nd, 3);                               \
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 4, buf, 0.0f, 0);            \
        harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block_dims, 1, block, 0.0f, 0);         \
        harness_tensor(&ctx, 2, TFLM_TYPE_INT32, pad_dims, 2, pads, 0.0f, 0);            \
        harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, out_dims, 4, buf, 0.0f, 0);           \
        ctx.tensors[1].is_constant = ctx.tensors[2].is_constant = 1;                     \
    } while (0)
    S2B_NODE();
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    pads[1] = 1; /* 4 + 1 not a multiple of 2 */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    pads[1] = -2;
    pads[0] = 2;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    pads[0] = pads[1] = 0;
    block[1] = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    block[1] = 4; /* output would be [8, 2, 1, 1] */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    block[1] = 2;
    block[0] = 2147483647; /* padded height divides, the batch product overflows */
    pads[0] = 2147483647 - 4;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "output dimension") != NULL);
    block[0] = 2;
    pads[0] = 0;
    S2B_NODE();
    const int32_t block3[1] = {3};
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block3, 1, block, 0.0f, 0); /* [3] for a 4-d input */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    S2B_NODE();
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, block_dims, 1, pads, 0.0f, 0); /* paddings [2] */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    S2B_NODE();
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, block_dims, 1, block, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    S2B_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    S2B_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 4, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    S2B_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 4, buf, 0.5f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, out_dims, 4, buf, 0.5f, 200); /* zero point */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* Not constant: the output rank and type are still checked at prepare. */
    S2B_NODE();
    ctx.tensors[2].is_constant = 0;
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, out_dims, 3, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
#undef S2B_NODE
    /* BATCH_TO_SPACE_ND: batch not a multiple of the blocks, crops too large. */
    harness_init(&ctx, &tflm_op_batch_to_space_nd, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, out_dims, 4, buf, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, block_dims, 1, block, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, pad_dims, 2, pads, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, in_dims, 4, buf, 0.0f, 0);
    ctx.tensors[1].is_constant = ctx.tensors[2].is_constant = 1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    block[0] = 3;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    block[0] = 2;
    pads[0] = 3;
    pads[1] = 3;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    pads[0] = pads[1] = 0;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
}

int main(void)
{
    test_depth_to_space();
    test_space_to_depth_s8();
    test_space_depth_rejections();
    test_space_to_batch_s8();
    test_space_batch_3d_f32();
    test_space_batch_rejections();
    TEST_MAIN_END();
}
