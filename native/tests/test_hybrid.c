/* Hybrid kernels (float32 activations, int8 weights; TF Lite's
 * dynamic-range quantization): the run-time input quantization and
 * FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, BATCH_MATMUL and SVDF
 * against values worked from TF Lite's definitions. */
#include <math.h>

#include "kernel_harness.h"
#include "kernels/hybrid.h"
#include "test.h"
#include "tflm/ops.h"

static void test_quantize_symmetric(void)
{
    /* max |x| = 4: x * 127 / 4 = 31.75, -63.5, 15.875, 127, rounded half
     * away from zero. */
    const float x[4] = {1.0f, -2.0f, 0.5f, 4.0f};
    int8_t q[4];
    float scale;
    tflm_hybrid_quantize_symmetric(x, 4, q, &scale);
    CHECK_EQ_INT(32, q[0]);
    CHECK_EQ_INT(-64, q[1]);
    CHECK_EQ_INT(16, q[2]);
    CHECK_EQ_INT(127, q[3]);
    CHECK(scale == 4.0f / 127.0f);

    const float zeros[3] = {0.0f, -0.0f, 0.0f};
    tflm_hybrid_quantize_symmetric(zeros, 3, q, &scale);
    CHECK(scale == 1.0f);
    CHECK_EQ_INT(0, q[0] | q[1] | q[2]);
}

static void test_quantize_asymmetric(void)
{
    /* Range [0, 3]: scale 3/255, zero point -128; 0, 1, 2, 3 -> -128, -43,
     * 42, 127. */
    const float x[4] = {0.0f, 1.0f, 2.0f, 3.0f};
    int8_t q[4];
    float scale;
    int32_t offset;
    tflm_hybrid_quantize_asymmetric(x, 4, q, &scale, &offset);
    CHECK_EQ_INT(-128, offset);
    CHECK(scale == (float)(3.0 / 255.0));
    CHECK_EQ_INT(-128, q[0]);
    CHECK_EQ_INT(-43, q[1]);
    CHECK_EQ_INT(42, q[2]);
    CHECK_EQ_INT(127, q[3]);

    /* Range [-1, 1]: scale 2/255; the zero point from the nearer end:
     * -128 + 127.5 = -0.5 and 127 - 127.5 = -0.5 have equal errors, so
     * from max: -0.5 rounds to -1. */
    const float y[2] = {-1.0f, 1.0f};
    tflm_hybrid_quantize_asymmetric(y, 2, q, &scale, &offset);
    CHECK_EQ_INT(-1, offset);
    CHECK_EQ_INT(-128, q[0]);
    CHECK_EQ_INT(126, q[1]);

    /* An infinite input (fuzz finding: the zero point was NaN, converted
     * to int): offset 0 and NaN products at the minimum, as x86 TF Lite
     * converts them. */
    const float z[2] = {INFINITY, 1.0f};
    tflm_hybrid_quantize_asymmetric(z, 2, q, &scale, &offset);
    CHECK_EQ_INT(0, offset);
    CHECK_EQ_INT(-128, q[0]);
    CHECK_EQ_INT(0, q[1]);
}

static void fc_node(tflm_context *ctx, float *input, int8_t *filter, float *bias, float *output)
{
    harness_init(ctx, &tflm_op_fully_connected, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 4}, 2, input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 4}, 2, filter, 0.5f, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){2}, 1, bias, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2}, 2, output, 0, 0);
}

static void test_fully_connected(void)
{
    static tflm_context ctx;
    int8_t filter[8] = {1, 2, 3, 4, -1, 0, 1, 0};
    float bias[2] = {0.25f, -0.5f}, output[2];

    /* Symmetric: q = {32, -64, 16, 127}; dot = {460, -16}. */
    float input[4] = {1.0f, -2.0f, 0.5f, 4.0f};
    fc_node(&ctx, input, filter, bias, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float s = (4.0f / 127.0f) * 0.5f;
    CHECK(output[0] == 0.25f + 460.0f * s);
    CHECK(output[1] == -0.5f + -16.0f * s);
    harness_free(&ctx);

    /* Asymmetric: q = {-128, -43, 42, 127}, offset -128, row sums {10, 0}:
     * dot = {420 + 1280, 170}. */
    float ramp[4] = {0.0f, 1.0f, 2.0f, 3.0f};
    fc_node(&ctx, ramp, filter, bias, output);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, ASYMMETRIC_QUANTIZE_INPUTS, 1);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float a = (float)(3.0 / 255.0) * 0.5f;
    CHECK(output[0] == 0.25f + 1700.0f * a);
    CHECK(output[1] == -0.5f + 170.0f * a);
    harness_free(&ctx);

    /* All zero: the bias, through the activation (RELU). */
    float zeros[4] = {0};
    fc_node(&ctx, zeros, filter, bias, output);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(output[0] == 0.25f);
    CHECK(output[1] == 0.0f);
    harness_free(&ctx);

    /* Per-channel filter scales (what TensorFlow's converter writes for
     * dense layers by default): each unit's dot times input scale x its
     * own scale, the product formed per unit. */
    static const float scales[2] = {0.5f, 0.25f};
    static const int64_t zps[2] = {0, 0};
    fc_node(&ctx, input, filter, bias, output);
    harness_per_channel(&ctx, 1, scales, zps, 2, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(output[0] == 0.25f + 460.0f * ((4.0f / 127.0f) * 0.5f));
    CHECK(output[1] == -0.5f + -16.0f * ((4.0f / 127.0f) * 0.25f));
    harness_free(&ctx);
    /* Scales that do not follow the units are refused. */
    fc_node(&ctx, input, filter, bias, output);
    harness_per_channel(&ctx, 1, scales, zps, 2, 1);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    /* Refused: an int8 output, the INT8-only kernel. */
    int8_t out8[2];
    fc_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 2}, 2, out8, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    harness_init(&ctx, &tflm_op_fully_connected_int8, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 4}, 2, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 4}, 2, filter, 0.5f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){2}, 1, bias, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2}, 2, output, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

/* DEPTHWISE_CONV_2D of input [1, 1, 2, 2] by filter [1, 1, 2, 2] (scale
 * 0.5, or per channel when scales is not NULL), VALID, stride 1. */
static void depthwise_node(tflm_context *ctx, const tflm_kernel *kernel, float *input, int8_t *filter,
                           const float *scales, float *bias, float *output)
{
    static const int64_t zps[2] = {0, 0};
    harness_init(ctx, kernel, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 2, 2}, 4, input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 1, 2, 2}, 4, filter, 0.5f, 0);
    if (scales != NULL) {
        harness_per_channel(ctx, 1, scales, zps, 2, 3);
    }
    harness_tensor(ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){2}, 1, bias, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 1, 2}, 4, output, 0, 0);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_H, 1);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, DEPTH_MULTIPLIER, 1);
}

/* One row of two pixels, a 1x2 filter, VALID: one output pixel. The
 * input is quantized per batch, asymmetric (tested above); the expected
 * values follow TF Lite's HybridConvPerChannel and
 * DepthwiseConvHybridPerChannel from that quantization. */
static void test_conv_and_depthwise(void)
{
    static tflm_context ctx;
    float input[4] = {0.0f, 3.0f, 1.5f, -3.0f}, bias[2] = {0.25f, -1.0f}, output[2];
    int8_t filter[4] = {1, 2, -1, 3};
    static const float scales[2] = {0.5f, 0.25f};
    static const int64_t zps[2] = {0, 0};
    int8_t q[4];
    float s;
    int32_t offset;
    tflm_hybrid_quantize_asymmetric(input, 4, q, &s, &offset);

    /* CONV_2D: input [1, 1, 2, 2], filter [2, 1, 2, 2]: output channel o
     * sums filter[o][x][c] x (q[x][c] - offset) over both pixels and
     * channels. */
    int8_t conv_filter[8] = {1, 2, -1, 3, 2, 0, 1, -2};
    harness_init(&ctx, &tflm_op_conv_2d, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 2, 2}, 4, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 1, 2, 2}, 4, conv_filter, 1.0f,
                   0);
    harness_per_channel(&ctx, 1, scales, zps, 2, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){2}, 1, bias, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 1, 2}, 4, output, 0, 0);
    HARNESS_OPTION_INT(&ctx, CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_H, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int o = 0; o < 2; ++o) {
        int32_t acc = 0;
        for (int i = 0; i < 4; ++i) {
            acc += conv_filter[o * 4 + i] * (q[i] - offset);
        }
        CHECK(output[o] == (float)acc * scales[o] * s + bias[o]);
    }
    harness_free(&ctx);

    /* One filter scale for two channels: TF Lite's EvalHybrid, the input
     * quantized symmetric and the filter's scale folded into the batch's:
     * (float)sum(filter x q) x (batch scale x filter scale) + bias. */
    int8_t qs[4];
    float ss;
    tflm_hybrid_quantize_symmetric(input, 4, qs, &ss);
    harness_init(&ctx, &tflm_op_conv_2d, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 2, 2}, 4, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 1, 2, 2}, 4, conv_filter, 0.5f,
                   0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){2}, 1, bias, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 1, 2}, 4, output, 0, 0);
    HARNESS_OPTION_INT(&ctx, CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_H, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int o = 0; o < 2; ++o) {
        int32_t acc = 0;
        for (int i = 0; i < 4; ++i) {
            acc += conv_filter[o * 4 + i] * qs[i];
        }
        CHECK(output[o] == (float)acc * (ss * 0.5f) + bias[o]);
    }
    harness_free(&ctx);

    /* TF Lite's hybrid DEPTHWISE_CONV_2D has no per-tensor path. */
    depthwise_node(&ctx, &tflm_op_depthwise_conv_2d, input, filter, NULL, bias, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);

    /* DEPTHWISE_CONV_2D: filter [1, 1, 2, 2], channel c sums over the two
     * pixels filter[x][c] x (q[x][c] - offset), scaled by (channel scale
     * x batch scale). */
    depthwise_node(&ctx, &tflm_op_depthwise_conv_2d, input, filter, scales, bias, output);
    HARNESS_OPTION_INT(&ctx, DEPTHWISE_CONV_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int c = 0; c < 2; ++c) {
        int32_t acc = filter[c] * (q[c] - offset) + filter[2 + c] * (q[2 + c] - offset);
        float expected = (float)acc * (scales[c] * s) + bias[c];
        CHECK(output[c] == (expected < 0.0f ? 0.0f : expected));
    }
    harness_free(&ctx);

    /* The INT8-only depthwise kernel refuses it. */
    depthwise_node(&ctx, &tflm_op_depthwise_conv_2d_int8, input, filter, scales, bias, output);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

/* BATCH_MATMUL: lhs [2, 3] float by rhs [3, 2] int8, each lhs row
 * quantized on its own; TF Lite's reference sums in int32, corrects by
 * column sum x offset in float, then scales. */
static void test_batch_matmul(void)
{
    static tflm_context ctx;
    float lhs[6] = {0.5f, -1.0f, 2.0f, 3.0f, 0.25f, -0.75f}, output[4];
    int8_t rhs[6] = {1, -2, 3, 4, -5, 6};
    static const float column_scales[2] = {0.5f, 0.125f};
    static const int64_t zps[2] = {0, 0};
    for (int mode = 0; mode < 3; ++mode) { /* symmetric, asymmetric, per-column */
        const bool asymmetric = mode >= 1;
        harness_init(&ctx, &tflm_op_batch_matmul, 2);
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 3}, 2, lhs, 0, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){3, 2}, 2, rhs, 0.5f, 0);
        if (mode == 2) {
            harness_per_channel(&ctx, 1, column_scales, zps, 2, 1);
        }
        harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 2}, 2, output, 0, 0);
        HARNESS_OPTION_INT(&ctx, BATCH_MAT_MUL, ASYMMETRIC_QUANTIZE_INPUTS, asymmetric);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int m = 0; m < 2; ++m) {
            int8_t q[3];
            float s;
            int32_t offset = 0;
            if (asymmetric) {
                tflm_hybrid_quantize_asymmetric(lhs + 3 * m, 3, q, &s, &offset);
            } else {
                tflm_hybrid_quantize_symmetric(lhs + 3 * m, 3, q, &s);
            }
            for (int n = 0; n < 2; ++n) {
                int32_t dot = 0, column_sum = 0;
                for (int k = 0; k < 3; ++k) {
                    dot += rhs[2 * k + n] * q[k];
                    column_sum += rhs[2 * k + n];
                }
                int32_t total = (int32_t)((float)dot - (float)column_sum * (float)offset);
                float scale = mode == 2 ? s * column_scales[n] : s * 0.5f;
                CHECK(output[2 * m + n] == scale * (float)total);
            }
        }
        harness_free(&ctx);
    }

    /* A 3-D rhs is refused for hybrid. */
    harness_init(&ctx, &tflm_op_batch_matmul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 3}, 3, lhs, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 2}, 3, rhs, 0.5f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 2}, 3, output, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

/* SVDF: input [1, 2], 2 filters of rank 1, memory 2, over two invokes
 * (the state shifts); expected values follow TF Lite's EvalHybridSVDF. */
static void test_svdf(void)
{
    static tflm_context ctx;
    float input[2], bias[2] = {0.5f, -0.25f}, state[4] = {0}, output[2];
    int8_t weights_feature[4] = {3, -2, 1, 4}, weights_time[4] = {2, -1, 5, 3};
    const float wf_scale = 0.25f, wt_scale = 0.125f;
    float expected_state[4] = {0};
    harness_init(&ctx, &tflm_op_svdf, 5);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2}, 2, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 2}, 2, weights_feature, wf_scale,
                   0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){2, 2}, 2, weights_time, wt_scale, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){2}, 1, bias, 0, 0);
    harness_tensor(&ctx, 4, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 4}, 2, state, 0, 0);
    harness_tensor(&ctx, 5, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2}, 2, output, 0, 0);
    ctx.tensors[4].is_variable = 1;
    HARNESS_OPTION_INT(&ctx, SVDF, RANK, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    const float inputs[2][2] = {{1.5f, -0.5f}, {-2.0f, 0.75f}};
    for (int step = 0; step < 2; ++step) {
        input[0] = inputs[step][0];
        input[1] = inputs[step][1];
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        int8_t q[2];
        float s;
        tflm_hybrid_quantize_symmetric(input, 2, q, &s);
        s *= wf_scale;
        for (int i = 0; i < 3; ++i) {
            expected_state[i] = expected_state[i + 1];
        }
        for (int f = 0; f < 2; ++f) {
            int32_t dot = weights_feature[2 * f] * q[0] + weights_feature[2 * f + 1] * q[1];
            expected_state[2 * f + 1] = 0.0f + (float)dot * s;
        }
        for (int f = 0; f < 2; ++f) {
            float sum = 0.0f;
            for (int j = 0; j < 2; ++j) {
                sum += ((float)weights_time[2 * f + j] * wt_scale) * expected_state[2 * f + j];
            }
            CHECK(output[f] == bias[f] + sum);
        }
        for (int i = 0; i < 4; ++i) {
            CHECK(state[i] == expected_state[i]);
        }
    }
    harness_free(&ctx);
}

int main(void)
{
    test_quantize_symmetric();
    test_quantize_asymmetric();
    test_fully_connected();
    test_conv_and_depthwise();
    test_batch_matmul();
    test_svdf();
    TEST_MAIN_END();
}
