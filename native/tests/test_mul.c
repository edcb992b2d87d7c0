/* MUL: quantized int8 against an independent model of TFLM's
 * MulElementwise (ref_requantize, written from the definition) and a
 * real-number model (+-1), broadcasting against naive coordinate
 * arithmetic, float with activations, and the node glue (int16, int32). */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/mul.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static int32_t model_mul(const tflm_mul_quant *q, int32_t a, int32_t b)
{
    const int32_t raw = q->output_offset + ref_requantize((a + q->input1_offset) * (b + q->input2_offset),
                                                          q->output_multiplier, q->output_shift);
    return ref_clamp(raw, q->activation.min, q->activation.max);
}

static void test_multiplier(void)
{
    tflm_mul_quant q;
    /* 0.5 * 0.25 / 0.125 = 1: multiplier 2^30, shift 1. */
    CHECK(tflm_mul_quant_multiplier(0.5f, 0.25f, 0.125f, &q));
    CHECK_EQ_INT(1 << 30, q.output_multiplier);
    CHECK_EQ_INT(1, q.output_shift);
    CHECK(!tflm_mul_quant_multiplier(0.0f, 0.25f, 0.125f, &q));
    CHECK(!tflm_mul_quant_multiplier(0.5f, 0.25f, -1.0f, &q));
}

static void test_elementwise_random(void)
{
    for (int t = 0; t < 200; t++) {
        const float s1 = rng_float(0.001f, 0.1f), s2 = rng_float(0.001f, 0.1f);
        const float so = rng_float(0.0005f, 0.05f);
        tflm_mul_quant q;
        CHECK(tflm_mul_quant_multiplier(s1, s2, so, &q));
        q.input1_offset = -rng_range(-128, 127);
        q.input2_offset = -rng_range(-128, 127);
        q.output_offset = rng_range(-128, 127);
        q.activation.min = -128;
        q.activation.max = 127;
        int8_t a[37], b[37], out[37];
        for (int i = 0; i < 37; i++) {
            a[i] = (int8_t)rng_range(-128, 127);
            b[i] = (int8_t)rng_range(-128, 127);
        }
        const int32_t shape[1] = {37};
        tflm_broadcast bc;
        CHECK(tflm_broadcast_init(shape, 1, shape, 1, shape, 1, &bc));
        tflm_mul_s8(&q, &bc, a, b, out);
        for (int i = 0; i < 37; i++) {
            CHECK_EQ_INT(model_mul(&q, a[i], b[i]), out[i]);
            /* real-number model: within one step of the rounded product */
            const double real = s1 * (a[i] + q.input1_offset) * s2 * (b[i] + q.input2_offset) / so +
                                q.output_offset;
            const double clamped = fmax(-128.0, fmin(127.0, real));
            CHECK(fabs(clamped - out[i]) <= 1.0);
        }
    }
}

static void test_broadcast(void)
{
    /* [2,1,3] x [1,4,1] -> [2,4,3] */
    const int32_t s1[3] = {2, 1, 3}, s2[3] = {1, 4, 1}, so[3] = {2, 4, 3};
    tflm_broadcast bc;
    CHECK(tflm_broadcast_init(s1, 3, s2, 3, so, 3, &bc));
    tflm_mul_quant q = {.input1_offset = 5, .input2_offset = -3, .output_offset = 7,
                        .output_multiplier = 1 << 30, .output_shift = -2,
                        .activation = {-128, 127}};
    int8_t a[6], b[4], out[24];
    for (int i = 0; i < 6; i++) {
        a[i] = (int8_t)(i * 37 - 100);
    }
    for (int i = 0; i < 4; i++) {
        b[i] = (int8_t)(i * 50 - 90);
    }
    tflm_mul_s8(&q, &bc, a, b, out);
    for (int x = 0; x < 2; x++) {
        for (int y = 0; y < 4; y++) {
            for (int z = 0; z < 3; z++) {
                CHECK_EQ_INT(model_mul(&q, a[x * 3 + z], b[y]), out[(x * 4 + y) * 3 + z]);
            }
        }
    }
    float fa[6], fb[4], fout[24];
    for (int i = 0; i < 6; i++) {
        fa[i] = (float)i - 2.5f;
    }
    for (int i = 0; i < 4; i++) {
        fb[i] = (float)i * 1.5f - 1.0f;
    }
    tflm_activation_f32 relu6 = {0.0f, 6.0f};
    tflm_mul_f32(&relu6, &bc, fa, fb, fout);
    for (int x = 0; x < 2; x++) {
        for (int y = 0; y < 4; y++) {
            for (int z = 0; z < 3; z++) {
                const float p = fa[x * 3 + z] * fb[y];
                CHECK(fout[(x * 4 + y) * 3 + z] == fminf(6.0f, fmaxf(0.0f, p)));
            }
        }
    }
}

static void test_node_glue(void)
{
    static tflm_context ctx;
    int8_t a[8] = {-100, -50, 0, 10, 20, 30, 127, -128}, b[2] = {5, -7}, out[8];
    harness_binary_s8(&ctx, &tflm_op_mul, a, b, out, 0.01f);
    HARNESS_OPTION_INT(&ctx, MUL, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    tflm_mul_quant q;
    CHECK(tflm_mul_quant_multiplier(0.05f, 0.02f, 0.01f, &q));
    q.input1_offset = 3;
    q.input2_offset = -4;
    q.output_offset = -10;
    q.activation.min = -10; /* RELU: real 0 */
    q.activation.max = 127;
    for (int i = 0; i < 8; ++i) {
        CHECK_EQ_INT(model_mul(&q, a[i], b[i % 2]), out[i]);
    }
    harness_free(&ctx);

    /* float, and a rejected type */
    float fa[2] = {1.5f, -2.0f}, fb[2] = {4.0f, 3.0f}, fo[2];
    const int32_t d[1] = {2};
    harness_init(&ctx, &tflm_op_mul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, d, 1, fa, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, d, 1, fb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, d, 1, fo, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(fo[0] == 6.0f && fo[1] == -6.0f);
    harness_free(&ctx);

    /* int16: zero points 0; 0.1 * 0.1 / 0.1 = 0.1, so out = round(a * b / 10) */
    int16_t ia[4] = {300, -32768, 7, -25}, ib[4] = {200, -32768, 5, 1}, io[4];
    const int32_t d4[1] = {4};
    harness_init(&ctx, &tflm_op_mul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, d4, 1, ia, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, d4, 1, ib, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, d4, 1, io, 0.1f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(6000, io[0]);
    CHECK_EQ_INT(32767, io[1]); /* saturates */
    CHECK_EQ_INT(4, io[2]);     /* 3.5 rounds away from zero */
    CHECK_EQ_INT(-3, io[3]);    /* -2.5 too */
    harness_free(&ctx);
    harness_init(&ctx, &tflm_op_mul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, d4, 1, ia, 0.1f, 1);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, d4, 1, ib, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, d4, 1, io, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* zero point 1 */
    harness_free(&ctx);

    /* int32: wrapping product, RELU6 clamp; broadcast of a scalar */
    int32_t ja[4] = {2, -3, 65536, 1}, jb[1] = {3}, jo[4];
    const int32_t d0[1] = {1};
    harness_init(&ctx, &tflm_op_mul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d4, 1, ja, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d0, 1, jb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d4, 1, jo, 0, 0);
    HARNESS_OPTION_INT(&ctx, MUL, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(jo[0] == 6 && jo[1] == 0 && jo[2] == 6 && jo[3] == 3);
    harness_free(&ctx);
    jb[0] = 65536; /* 65536 * 65536 wraps to 0 */
    harness_init(&ctx, &tflm_op_mul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d4, 1, ja, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d0, 1, jb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d4, 1, jo, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(jo[0] == 131072 && jo[1] == -196608 && jo[2] == 0 && jo[3] == 65536);
    harness_free(&ctx);

    int64_t la[2], lb[2], lo[2];
    harness_init(&ctx, &tflm_op_mul, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT64, d, 1, la, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, d, 1, lb, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT64, d, 1, lo, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_multiplier();
    test_elementwise_random();
    test_broadcast();
    test_node_glue();
    TEST_MAIN_END();
}
