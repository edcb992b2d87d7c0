/* TRANSPOSE_CONV through its node: float32, int8 and 16x8 against
 * hand-worked scatters, and the shapes and types TFLM refuses. */
#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

/* inputs: 0 output_shape, 1 filter, 2 input, 3 bias; then the output. */
static void node(tflm_context *ctx, int32_t *shape, const int32_t *filter_dims, tflm_type type,
                 void *filter, float filter_scale, const int32_t *input_dims, void *input,
                 float input_scale, int32_t input_zp, tflm_type bias_type, void *bias,
                 int32_t *output_dims, void *output, float output_scale, int32_t output_zp)
{
    const tflm_type filter_type = type == TFLM_TYPE_FLOAT32 ? TFLM_TYPE_FLOAT32 : TFLM_TYPE_INT8;
    harness_init(ctx, &tflm_op_transpose_conv, 4);
    harness_tensor(ctx, 0, TFLM_TYPE_INT32, (const int32_t[]){4}, 1, shape, 0, 0);
    harness_tensor(ctx, 1, filter_type, filter_dims, 4, filter, filter_scale, 0);
    harness_tensor(ctx, 2, type, input_dims, 4, input, input_scale, input_zp);
    harness_tensor(ctx, 3, bias_type, (const int32_t[]){output_dims[3]}, 1, bias,
                   input_scale * filter_scale, 0);
    harness_tensor(ctx, 4, type, output_dims, 4, output, output_scale, output_zp);
    for (int i = 0; i < 4; ++i) {
        shape[i] = output_dims[i];
    }
    ctx->tensors[0].is_constant = 1;
}

static void test_f32(void)
{
    static tflm_context ctx;
    int32_t shape[4], out_dims[4] = {1, 4, 4, 1};
    float input[4] = {1, 2, 3, 4}, filter[4] = {1, 2, 3, 4}, bias[1] = {0.5f}, output[16];
    /* Stride 2, 2x2 filter, VALID: each input pixel fills its own 2x2
     * block with input x filter; + 0.5. */
    node(&ctx, shape, (const int32_t[]){1, 2, 2, 1}, TFLM_TYPE_FLOAT32, filter, 0,
         (const int32_t[]){1, 2, 2, 1}, input, 0, 0, TFLM_TYPE_FLOAT32, bias, out_dims, output, 0,
         0);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_W, 2);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_H, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(output[0] == 1.5f);       /* 1 x 1 */
    CHECK(output[1] == 2.5f);       /* 1 x 2 */
    CHECK(output[5] == 4.5f);       /* 1 x 4 */
    CHECK(output[9] == 6.5f);       /* (2, 1): 3 x 2 */
    CHECK(output[15] == 16.5f);     /* 4 x 4 */
    harness_free(&ctx);

    /* RELU6 clamps 16.5 to 6. */
    node(&ctx, shape, (const int32_t[]){1, 2, 2, 1}, TFLM_TYPE_FLOAT32, filter, 0,
         (const int32_t[]){1, 2, 2, 1}, input, 0, 0, TFLM_TYPE_FLOAT32, bias, out_dims, output, 0,
         0);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_W, 2);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_H, 2);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(output[15] == 6.0f);
    CHECK(output[0] == 1.5f);
    harness_free(&ctx);

    /* SAME, stride 1, a 3x3 filter of ones over a 2x2 input: padding 1,
     * every output sums all four inputs. */
    float ones[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    int32_t same_dims[4] = {1, 2, 2, 1};
    node(&ctx, shape, (const int32_t[]){1, 3, 3, 1}, TFLM_TYPE_FLOAT32, ones, 0,
         (const int32_t[]){1, 2, 2, 1}, input, 0, 0, TFLM_TYPE_FLOAT32, bias, same_dims, output,
         0, 0);
    harness_absent_input(&ctx, 3);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_W, 1);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_H, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 4; ++i) {
        CHECK(output[i] == 10.0f);
    }
    harness_free(&ctx);
}

/* One row of two pixels, a 1x2 filter per output channel, stride 1,
 * VALID, three output pixels: out[0] = in0 f0, out[1] = in0 f1 + in1 f0,
 * out[2] = in1 f1. */
static void set_row_options(tflm_context *ctx)
{
    HARNESS_OPTION_INT(ctx, TRANSPOSE_CONV, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, TRANSPOSE_CONV, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, TRANSPOSE_CONV, STRIDE_H, 1);
}

static void test_s8(void)
{
    static tflm_context ctx;
    int32_t shape[4], out_dims[4] = {1, 1, 3, 2};
    /* Input zero point 2: values 8 and -22. Channel 0 (f 1, 2): 8, -6,
     * -44; channel 1 (f 3, -1): 24, -74, 22; + bias {4, -4}; x 0.5 x 0.5
     * / 0.25 = 1; + output zero point -5. */
    int8_t input[2] = {10, -20}, filter[4] = {1, 2, 3, -1}, output[6];
    int32_t bias[2] = {4, -4};
    node(&ctx, shape, (const int32_t[]){2, 1, 2, 1}, TFLM_TYPE_INT8, filter, 0.5f,
         (const int32_t[]){1, 1, 2, 1}, input, 0.5f, 2, TFLM_TYPE_INT32, bias, out_dims, output,
         0.25f, -5);
    set_row_options(&ctx);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const int8_t expected[6] = {7, 15, -7, -83, -45, 13};
    for (int i = 0; i < 6; ++i) {
        CHECK_EQ_INT(expected[i], output[i]);
    }
    harness_free(&ctx);

    /* An int64 bias is refused for int8. */
    int64_t wide[2] = {4, -4};
    node(&ctx, shape, (const int32_t[]){2, 1, 2, 1}, TFLM_TYPE_INT8, filter, 0.5f,
         (const int32_t[]){1, 1, 2, 1}, input, 0.5f, 2, TFLM_TYPE_INT64, wide, out_dims, output,
         0.25f, -5);
    set_row_options(&ctx);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

static void test_s16(void)
{
    static tflm_context ctx;
    int32_t shape[4], out_dims[4] = {1, 1, 3, 2};
    /* Channel 0: 10, 0, -40; channel 1: 30, -70, 20; + bias {4, -4}
     * (14, 4, -36; 26, -74, 16);
     * x 0.5 x 0.5 / 0.125 = 2. */
    int16_t input[2] = {10, -20}, output[6];
    int8_t filter[4] = {1, 2, 3, -1};
    const int16_t expected[6] = {28, 52, 8, -148, -72, 32};
    int16_t bias16[2] = {4, -4};
    int64_t bias64[2] = {4, -4};
    int32_t bias32[2] = {4, -4};
    for (int wide = 0; wide < 2; ++wide) {
        node(&ctx, shape, (const int32_t[]){2, 1, 2, 1}, TFLM_TYPE_INT16, filter, 0.5f,
             (const int32_t[]){1, 1, 2, 1}, input, 0.5f, 0,
             wide ? TFLM_TYPE_INT64 : TFLM_TYPE_INT16, wide ? (void *)bias64 : (void *)bias16,
             out_dims, output, 0.125f, 0);
        set_row_options(&ctx);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int i = 0; i < 6; ++i) {
            CHECK_EQ_INT(expected[i], output[i]);
        }
        harness_free(&ctx);
    }

    /* TFLM reads an int16 node's bias as int64 unless it is int16. */
    node(&ctx, shape, (const int32_t[]){2, 1, 2, 1}, TFLM_TYPE_INT16, filter, 0.5f,
         (const int32_t[]){1, 1, 2, 1}, input, 0.5f, 0, TFLM_TYPE_INT32, bias32, out_dims,
         output, 0.125f, 0);
    set_row_options(&ctx);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "expected INT64 or INT16") != NULL);
    harness_free(&ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    int32_t shape[4], out_dims[4] = {1, 1, 3, 2};
    float input[2] = {0}, filter[4] = {0}, bias[2] = {0}, output[6];
    int8_t filter8[4] = {0};
#define SETUP()                                                                             \
    node(&ctx, shape, (const int32_t[]){2, 1, 2, 1}, TFLM_TYPE_FLOAT32, filter, 0,           \
         (const int32_t[]){1, 1, 2, 1}, input, 0, 0, TFLM_TYPE_FLOAT32, bias, out_dims, output, \
         0, 0);                                                                              \
    set_row_options(&ctx)
    SETUP();
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);

    SETUP(); /* output_shape says another shape */
    shape[2] = 4;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    SETUP(); /* hybrid: float input, int8 filter */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 1, 2, 1}, 4, filter8, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);

    SETUP(); /* filter depth 2, input depth 1 */
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 1, 1, 2}, 4, filter, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    SETUP();
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_W, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    SETUP();
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, PADDING, 7);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    /* A stride near INT32_MAX over an empty input (fuzz finding: the
     * padding's output size overflowed int32): refused. */
    SETUP();
    int32_t tall_dims[4] = {1, 8, 3, 2};
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 0, 2, 1}, 4, input, 0, 0);
    harness_tensor(&ctx, 4, TFLM_TYPE_FLOAT32, tall_dims, 4, output, 0, 0);
    shape[1] = 8;
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(&ctx, TRANSPOSE_CONV, STRIDE_H, INT32_MAX);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "too large"));

    SETUP(); /* 3-D input */
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 1}, 3, input, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    SETUP();
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){1, 1, 2, 1}, 4, input, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
#undef SETUP
}

int main(void)
{
    test_f32();
    test_s8();
    test_s16();
    test_rejections();
    TEST_MAIN_END();
}
