/* CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with int16 activations
 * and int8 weights (16x8): hand-worked nodes, TFLM's 64-bit requantization
 * against its definition, and the types TFLM refuses. */
#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

/* TFLM's MultiplyByQuantizedMultiplier(int64_t x, ...), from its
 * definition: the multiplier rounded to Q15, one rounding (half up) of
 * x * m15 / 2^(15 - shift). */
static int32_t ref_requantize_s64(int64_t x, int32_t multiplier, int shift)
{
    int64_t reduced = multiplier < 0x7fff0000 ? (multiplier + 32768) / 65536 : 32767;
    int64_t divisor = (int64_t)1 << (15 - shift);
    int64_t numerator = x * reduced + divisor / 2;
    int64_t q = numerator / divisor;
    if (numerator % divisor != 0 && numerator < 0) {
        q -= 1; /* floor */
    }
    return (int32_t)q;
}

static void test_requantize_s64(void)
{
    for (int i = 0; i < 20000; ++i) {
        int32_t multiplier;
        int8_t shift;
        rng_multiplier(-20, TFLM_MAX_MULTIPLIER_SHIFT_S64, &multiplier, &shift);
        int64_t x = ((int64_t)(int32_t)rng_u32() << 8) >> rng_range(0, 24);
        CHECK_EQ_INT(ref_requantize_s64(x, multiplier, shift),
                     tflm_multiply_by_quantized_multiplier_s64(x, multiplier, shift));
    }
    /* The Q15 multiplier saturates at 0x7fff from 0x7fff0000 on. */
    CHECK_EQ_INT(ref_requantize_s64(1 << 20, 0x7fffffff, 0),
                 tflm_multiply_by_quantized_multiplier_s64(1 << 20, 0x7fffffff, 0));
    /* -157.5 rounds up to -157 here; the int32 form rounds it to -158. */
    CHECK_EQ_INT(-157, tflm_multiply_by_quantized_multiplier_s64(-630, 1 << 30, -1));
    CHECK_EQ_INT(-158, tflm_multiply_by_quantized_multiplier(-630, 1 << 30, -1));
}

/* 2x2 input, 2x2 filter, VALID: one output pixel.
 * 1000*1 - 2000*2 + 3000*3 + 4000*4 = 22000, + bias 1000, x 0.5 = 11500. */
static void conv_node(tflm_context *ctx, int16_t *input, int8_t *filter, void *bias,
                      tflm_type bias_type, int16_t *output)
{
    harness_init(ctx, &tflm_op_conv_2d, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 2, 2, 1}, 4, input, 1.0f, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 2, 1}, 4, filter, 0.5f, 0);
    harness_tensor(ctx, 2, bias_type, (const int32_t[]){1}, 1, bias, 0.5f, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 1, 1}, 4, output, 1.0f, 0);
    HARNESS_OPTION_INT(ctx, CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_H, 1);
}

static void test_conv(void)
{
    static tflm_context ctx;
    int16_t input[4] = {1000, -2000, 3000, 4000}, output[1];
    int8_t filter[4] = {1, 2, 3, 4};
    int64_t bias64[1] = {1000};
    int32_t bias32[1] = {1000};
    int16_t bias16[1] = {1000};

    conv_node(&ctx, input, filter, bias64, TFLM_TYPE_INT64, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(11500, output[0]);
    harness_free(&ctx);

    conv_node(&ctx, input, filter, bias32, TFLM_TYPE_INT32, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(11500, output[0]);
    harness_free(&ctx);

    /* Saturation: (22000 + 10^6) x 0.5 clamps to 32767; RELU clamps
     * negatives to 0. */
    bias64[0] = 1000000;
    conv_node(&ctx, input, filter, bias64, TFLM_TYPE_INT64, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(32767, output[0]);
    harness_free(&ctx);
    bias64[0] = -100000;
    conv_node(&ctx, input, filter, bias64, TFLM_TYPE_INT64, output);
    HARNESS_OPTION_INT(&ctx, CONV_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(0, output[0]);
    harness_free(&ctx);

    /* No bias: 22000 x 0.5. */
    conv_node(&ctx, input, filter, bias64, TFLM_TYPE_INT64, output);
    harness_absent_input(&ctx, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(11000, output[0]);
    harness_free(&ctx);

    /* Refused: an int16 bias; an int16 filter; an effective scale of 128
     * with an int64 bias (TFLM's 64-bit requantization takes shifts < 8). */
    conv_node(&ctx, input, filter, bias16, TFLM_TYPE_INT16, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "expected INT64 or INT32") != NULL);
    harness_free(&ctx);
    conv_node(&ctx, input, filter, bias64, TFLM_TYPE_INT64, output);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, (const int32_t[]){1, 2, 2, 1}, 4, input, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    conv_node(&ctx, input, filter, bias64, TFLM_TYPE_INT64, output);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 1, 1}, 4, output,
                   1.0f / 256, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    /* ... which an int32 bias (the int32 requantization) accepts. */
    conv_node(&ctx, input, filter, bias32, TFLM_TYPE_INT32, output);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 1, 1}, 4, output,
                   1.0f / 256, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);
}

/* Two channels, a 1x2 filter, VALID. Channel 0: 100*1 + 200*3 + 10 = 710,
 * x 0.5 = 355; channel 1: -300*2 + 50*-1 + 20 = -630, x 0.25 = -157.5,
 * which TFLM's 64-bit requantization rounds to -157. */
static void depthwise_node(tflm_context *ctx, const tflm_kernel *kernel, int16_t *input,
                           int8_t *filter, void *bias, tflm_type bias_type, int16_t *output)
{
    static const float scales[2] = {0.5f, 0.25f};
    static const int64_t zps[2] = {0, 0};
    harness_init(ctx, kernel, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 2, 2}, 4, input, 1.0f, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 1, 2, 2}, 4, filter, 1.0f, 0);
    harness_per_channel(ctx, 1, scales, zps, 2, 3);
    harness_tensor(ctx, 2, bias_type, (const int32_t[]){2}, 1, bias, 0.5f, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 1, 2}, 4, output, 1.0f, 0);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_H, 1);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, DEPTH_MULTIPLIER, 1);
}

static void test_depthwise(void)
{
    static tflm_context ctx;
    int16_t input[4] = {100, -300, 200, 50}, output[2];
    int8_t filter[4] = {1, 2, 3, -1};
    int64_t bias64[2] = {10, 20};
    int32_t bias32[2] = {10, 20};

    depthwise_node(&ctx, &tflm_op_depthwise_conv_2d, input, filter, bias64, TFLM_TYPE_INT64,
                   output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(355, output[0]);
    CHECK_EQ_INT(-157, output[1]);
    harness_free(&ctx);

    /* TFLM has no int32 bias for a 16x8 depthwise convolution. */
    depthwise_node(&ctx, &tflm_op_depthwise_conv_2d, input, filter, bias32, TFLM_TYPE_INT32,
                   output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "expected INT64") != NULL);
    harness_free(&ctx);

    /* The INT8-only kernel refuses int16. */
    depthwise_node(&ctx, &tflm_op_depthwise_conv_2d_int8, input, filter, bias64,
                   TFLM_TYPE_INT64, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

/* acc = {1000 - 2000 + 1500, -4000 - 5000 - 3000} = {500, -12000}, + bias
 * {1, -1}, x 0.5: 250.5 -> 251 and -6000.5 -> -6000 in both forms. */
static void fc_node(tflm_context *ctx, const tflm_kernel *kernel, int16_t *input, int8_t *filter,
                    void *bias, tflm_type bias_type, int16_t *output)
{
    harness_init(ctx, kernel, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 3}, 2, input, 0.5f, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 3}, 2, filter, 1.0f, 0);
    harness_tensor(ctx, 2, bias_type, (const int32_t[]){2}, 1, bias, 0.5f, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT16, (const int32_t[]){1, 2}, 2, output, 1.0f, 0);
}

static void test_fully_connected(void)
{
    static tflm_context ctx;
    int16_t input[3] = {1000, -1000, 500}, output[2];
    int8_t filter[6] = {1, 2, 3, -4, 5, -6};
    int64_t bias64[2] = {1, -1};
    int32_t bias32[2] = {1, -1};

    fc_node(&ctx, &tflm_op_fully_connected, input, filter, bias64, TFLM_TYPE_INT64, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(251, output[0]);
    CHECK_EQ_INT(-6000, output[1]);
    harness_free(&ctx);

    fc_node(&ctx, &tflm_op_fully_connected, input, filter, bias32, TFLM_TYPE_INT32, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(251, output[0]);
    CHECK_EQ_INT(-6000, output[1]);
    harness_free(&ctx);

    /* Per-channel (scales 1 and 0.25 on the filter rows): 500.5 -> 501 and
     * -12001 x 0.125 = -1500.125 -> -1500. */
    static const float scales[2] = {2.0f, 0.25f};
    static const int64_t zps[2] = {0, 0};
    fc_node(&ctx, &tflm_op_fully_connected, input, filter, bias64, TFLM_TYPE_INT64, output);
    harness_per_channel(&ctx, 1, scales, zps, 2, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(501, output[0]);
    CHECK_EQ_INT(-1500, output[1]);
    harness_free(&ctx);

    fc_node(&ctx, &tflm_op_fully_connected_int8, input, filter, bias64, TFLM_TYPE_INT64, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    fc_node(&ctx, &tflm_op_fully_connected, input, filter, bias64, TFLM_TYPE_FLOAT32, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_requantize_s64();
    test_conv();
    test_depthwise();
    test_fully_connected();
    TEST_MAIN_END();
}
