/* Packed INT4 filters (two values a byte, low nibble first) of int8
 * CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED: the unpacking, and each
 * node giving exactly what the same values as an INT8 filter give. */
#include "kernel_harness.h"
#include "kernels/nn_common.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void test_unpack(void)
{
    const uint8_t packed[3] = {0x21, 0xf8, 0x07};
    int8_t out[5];
    tflm_nn_unpack_int4(packed, 5, out);
    const int8_t expected[5] = {1, 2, -8, -1, 7};
    for (int i = 0; i < 5; ++i) {
        CHECK_EQ_INT(expected[i], out[i]);
    }
}

/* Random int4 values in [-8, 7] as int8, and packed. */
static void random_int4(int32_t count, int8_t *values, uint8_t *packed)
{
    for (int32_t i = 0; i < count; ++i) {
        values[i] = (int8_t)rng_range(-8, 7);
    }
    for (int32_t i = 0; i < (count + 1) / 2; ++i) {
        const uint8_t lo = (uint8_t)(values[2 * i] & 0x0f);
        const uint8_t hi = 2 * i + 1 < count ? (uint8_t)(values[2 * i + 1] & 0x0f) : 0;
        packed[i] = (uint8_t)(lo | hi << 4);
    }
}

/* Runs kernel on a node whose filter (input 1) is INT8 values, then INT4
 * packed, and checks both outputs agree. setup describes the node. */
typedef void (*setup_fn)(tflm_context *ctx, tflm_type filter_type, void *filter, int8_t *output);

static void check_same(setup_fn setup, const int8_t *values, uint8_t *packed, int32_t out_count)
{
    static tflm_context ctx;
    int8_t expected[64], got[64];
    setup(&ctx, TFLM_TYPE_INT8, (void *)values, expected);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    harness_free(&ctx);
    setup(&ctx, TFLM_TYPE_INT4, packed, got);
    ctx.tensors[1].is_constant = 1;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    harness_free(&ctx);
    for (int32_t i = 0; i < out_count; ++i) {
        CHECK_EQ_INT(expected[i], got[i]);
    }
}

static int8_t input[48];
static int32_t bias[8];
static const float scales[4] = {0.02f, 0.05f, 0.01f, 0.03f};
static const int64_t zps[4] = {0, 0, 0, 0};

/* CONV_2D: input [1, 3, 4, 4], filter [4, 2, 2, 4] per channel, VALID:
 * output [1, 2, 3, 4]. */
static void conv_setup(tflm_context *ctx, tflm_type filter_type, void *filter, int8_t *output)
{
    harness_init(ctx, &tflm_op_conv_2d, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 4, 4}, 4, input, 0.1f, 3);
    harness_tensor(ctx, 1, filter_type, (const int32_t[]){4, 2, 2, 4}, 4, filter, 1.0f, 0);
    harness_per_channel(ctx, 1, scales, zps, 4, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){4}, 1, bias, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 3, 4}, 4, output, 0.2f, -7);
    HARNESS_OPTION_INT(ctx, CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_H, 1);
}

/* DEPTHWISE_CONV_2D: input [1, 3, 4, 2], multiplier 2, filter [1, 2, 2, 4],
 * SAME: output [1, 3, 4, 4]. */
static void depthwise_setup(tflm_context *ctx, tflm_type filter_type, void *filter,
                            int8_t *output)
{
    harness_init(ctx, &tflm_op_depthwise_conv_2d, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 4, 2}, 4, input, 0.1f, 3);
    harness_tensor(ctx, 1, filter_type, (const int32_t[]){1, 2, 2, 4}, 4, filter, 1.0f, 0);
    harness_per_channel(ctx, 1, scales, zps, 4, 3);
    harness_tensor(ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){4}, 1, bias, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 4, 4}, 4, output, 0.05f, 2);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_H, 1);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, DEPTH_MULTIPLIER, 2);
}

/* FULLY_CONNECTED: input [3, 5], filter [7, 5] per tensor: output [3, 7]
 * (odd counts: the last byte holds one value). */
static void fc_setup(tflm_context *ctx, tflm_type filter_type, void *filter, int8_t *output)
{
    harness_init(ctx, &tflm_op_fully_connected, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){3, 5}, 2, input, 0.1f, 3);
    harness_tensor(ctx, 1, filter_type, (const int32_t[]){7, 5}, 2, filter, 0.04f, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){7}, 1, bias, 0.004f, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){3, 7}, 2, output, 0.1f, -1);
}

static void test_nodes(void)
{
    for (int i = 0; i < 48; ++i) {
        input[i] = (int8_t)rng_range(-128, 127);
    }
    for (int i = 0; i < 8; ++i) {
        bias[i] = rng_range(-500, 500);
    }
    int8_t values[64];
    uint8_t packed[32];
    random_int4(64, values, packed);
    check_same(conv_setup, values, packed, 24);
    check_same(depthwise_setup, values, packed, 48);
    random_int4(35, values, packed);
    check_same(fc_setup, values, packed, 21);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    uint8_t packed[18] = {0};
    int8_t output[64];
    /* A per-channel INT4 FULLY_CONNECTED (TFLM has none). */
    fc_setup(&ctx, TFLM_TYPE_INT4, packed, output);
    ctx.tensors[1].is_constant = 1;
    harness_per_channel(&ctx, 1, (const float[]){1, 1, 1, 1, 1, 1, 1},
                        (const int64_t[]){0, 0, 0, 0, 0, 0, 0}, 7, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    /* An INT4 filter that is not constant. */
    conv_setup(&ctx, TFLM_TYPE_INT4, packed, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    /* INT4 with int16 activations (TFLM: 16x8 takes INT8 filters only). */
    int16_t wide[48] = {0};
    int16_t wide_out[24];
    int64_t bias64[4] = {0};
    conv_setup(&ctx, TFLM_TYPE_INT4, packed, output);
    ctx.tensors[1].is_constant = 1;
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 3, 4, 4}, 4, wide, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT64, (const int32_t[]){4}, 1, bias64, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT16, (const int32_t[]){1, 2, 3, 4}, 4, wide_out, 0.2f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_unpack();
    test_nodes();
    test_rejections();
    TEST_MAIN_END();
}
