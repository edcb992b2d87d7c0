/* ADD: quantized int8/int16 against an independent model of TFLM's
 * AddElementwise (sign-magnitude rounding written from the definition),
 * against a real-number model (+-1), broadcasting against naive
 * coordinate arithmetic, float with activations, and the node glue. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/add.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

/* TFLM's AddElementwise for one element, from its definition. */
static int32_t model_add(const tflm_add_quant *q, int32_t a, int32_t b)
{
    const int32_t s1 = ref_requantize((a + q->input1_offset) * (1 << q->left_shift),
                                      q->input1_multiplier, q->input1_shift);
    const int32_t s2 = ref_requantize((b + q->input2_offset) * (1 << q->left_shift),
                                      q->input2_multiplier, q->input2_shift);
    const int32_t raw = ref_requantize(s1 + s2, q->output_multiplier, q->output_shift) + q->output_offset;
    return ref_clamp(raw, q->activation.min, q->activation.max);
}

static void test_multipliers(void)
{
    tflm_add_quant q;
    /* Equal scales: each input multiplier is 1/2 (2^30, shift 0); the
     * output multiplier 2 * s / (2^20 * so). */
    CHECK(tflm_add_quant_multipliers(0.5f, 0.5f, 0.25f, 20, &q));
    CHECK_EQ_INT(1 << 30, q.input1_multiplier);
    CHECK_EQ_INT(0, q.input1_shift);
    CHECK_EQ_INT(1 << 30, q.input2_multiplier);
    /* 2 * 0.5 / (2^20 * 0.25) = 4 / 2^20 = 0.5 * 2^-17 */
    CHECK_EQ_INT(1 << 30, q.output_multiplier);
    CHECK_EQ_INT(-17, q.output_shift);
    /* Output scale so small that the multiplier reaches 1: rejected. */
    CHECK(!tflm_add_quant_multipliers(1.0f, 1.0f, 1e-7f, 20, &q));
}

static void test_exact_example(void)
{
    /* 0.5 * (10 - 0) + 0.5 * (20 - 0) = 15 -> /0.25 = 60 + zp 3 = 63 */
    tflm_add_quant q;
    CHECK(tflm_add_quant_multipliers(0.5f, 0.5f, 0.25f, 20, &q));
    q.input1_offset = 0;
    q.input2_offset = 0;
    q.output_offset = 3;
    q.activation.min = -128;
    q.activation.max = 127;
    tflm_broadcast bc;
    const int32_t shape[1] = {3};
    CHECK(tflm_broadcast_init(shape, 1, shape, 1, shape, 1, &bc));
    const int8_t a[3] = {10, 127, -128}, b[3] = {20, 127, -128};
    int8_t out[3];
    tflm_add_s8(&q, &bc, a, b, out);
    CHECK_EQ_INT(63, out[0]);
    CHECK_EQ_INT(127, out[1]);  /* saturates */
    CHECK_EQ_INT(-128, out[2]); /* saturates */
}

static void test_random_quantized(void)
{
    int8_t a[256], b[256], out[256];
    int16_t a16[256], b16[256], out16[256];
    for (int trial = 0; trial < 400; ++trial) {
        const float s1 = rng_float(0.001f, 0.5f), s2 = rng_float(0.001f, 0.5f);
        const float so = rng_float(0.002f, 0.6f);
        const int is16 = trial % 4 == 3;
        tflm_add_quant q;
        if (!tflm_add_quant_multipliers(s1, s2, so, is16 ? 15 : 20, &q)) {
            continue;
        }
        const int32_t z1 = is16 ? 0 : rng_range(-128, 127), z2 = is16 ? 0 : rng_range(-128, 127);
        const int32_t zo = is16 ? 0 : rng_range(-128, 127);
        q.input1_offset = -z1;
        q.input2_offset = -z2;
        q.output_offset = zo;
        q.activation.min = is16 ? -32768 : -128;
        q.activation.max = is16 ? 32767 : 127;
        if (trial % 5 == 1) { /* a fused RELU-like clamp */
            q.activation.min = zo;
        }
        const int n = rng_range(1, 256);
        const int32_t shape[1] = {n};
        tflm_broadcast bc;
        CHECK(tflm_broadcast_init(shape, 1, shape, 1, shape, 1, &bc));
        for (int i = 0; i < n; ++i) {
            a[i] = (int8_t)rng_range(-128, 127);
            b[i] = (int8_t)rng_range(-128, 127);
            a16[i] = (int16_t)rng_range(-32768, 32767);
            b16[i] = (int16_t)rng_range(-32768, 32767);
        }
        if (is16) {
            tflm_add_s16(&q, &bc, a16, b16, out16);
        } else {
            tflm_add_s8(&q, &bc, a, b, out);
        }
        for (int i = 0; i < n; ++i) {
            const int32_t x = is16 ? a16[i] : a[i], y = is16 ? b16[i] : b[i];
            const int32_t got = is16 ? out16[i] : out[i];
            CHECK_EQ_INT(model_add(&q, x, y), got);
            const double real = s1 * (double)(x - z1) + s2 * (double)(y - z2);
            const double ideal = fmin(fmax(real / so + zo, q.activation.min), q.activation.max);
            CHECK(fabs(got - ideal) <= 1.0);
        }
    }
}

static void test_broadcast(void)
{
    /* Random shapes up to 6-D with dims of 1 in either input. */
    float a[720], b[720], out[720];
    for (int trial = 0; trial < 200; ++trial) {
        const int rank = rng_range(1, 6);
        int32_t d_out[6], d1[6], d2[6];
        int32_t count = 1;
        /* input 2 may have fewer dimensions (right-aligned); input 1 then
         * spans the output along the leading ones */
        const int rank2 = rng_range(0, rank);
        for (int i = 0; i < rank; ++i) {
            d_out[i] = rng_range(1, 3);
            count *= d_out[i];
            const int r = i < rank - rank2 ? 0 : rng_range(0, 3);
            d1[i] = r == 1 ? 1 : d_out[i];
            d2[i] = r == 2 ? 1 : d_out[i];
        }
        const int32_t *d2_tail = d2 + (rank - rank2);
        int32_t n1 = 1, n2 = 1;
        for (int i = 0; i < rank; ++i) {
            n1 *= d1[i];
        }
        for (int i = 0; i < rank2; ++i) {
            n2 *= d2_tail[i];
        }
        for (int i = 0; i < n1; ++i) {
            a[i] = (float)rng_range(-100, 100);
        }
        for (int i = 0; i < n2; ++i) {
            b[i] = (float)rng_range(-100, 100) * 1000.0f;
        }
        tflm_broadcast bc;
        CHECK(tflm_broadcast_init(d1, rank, d2_tail, rank2, d_out, rank, &bc));
        const tflm_activation_f32 act = {-1e30f, 1e30f};
        tflm_add_f32(&act, &bc, a, b, out);
        for (int o = 0; o < count; ++o) {
            int32_t coord[6], rem = o;
            for (int i = rank - 1; i >= 0; --i) {
                coord[i] = rem % d_out[i];
                rem /= d_out[i];
            }
            int32_t i1 = 0, i2 = 0;
            for (int i = 0; i < rank; ++i) {
                i1 = i1 * d1[i] + (d1[i] == 1 ? 0 : coord[i]);
            }
            for (int i = 0; i < rank2; ++i) {
                const int32_t c = coord[i + (rank - rank2)];
                i2 = i2 * d2_tail[i] + (d2_tail[i] == 1 ? 0 : c);
            }
            CHECK(out[o] == a[i1] + b[i2]);
        }
    }
    /* Shapes that do not broadcast, or to the wrong output. */
    tflm_broadcast bc;
    const int32_t s23[2] = {2, 3}, s32[2] = {3, 2}, s13[2] = {1, 3}, s33[2] = {3, 3};
    CHECK(!tflm_broadcast_init(s23, 2, s32, 2, s23, 2, &bc));
    CHECK(!tflm_broadcast_init(s23, 2, s13, 2, s33, 2, &bc));
    CHECK(tflm_broadcast_init(s23, 2, s13, 2, s23, 2, &bc));
}

static void test_float_activation(void)
{
    const int32_t shape[1] = {4};
    tflm_broadcast bc;
    CHECK(tflm_broadcast_init(shape, 1, shape, 1, shape, 1, &bc));
    const float a[4] = {-3.0f, 0.25f, 5.0f, 2.0f}, b[4] = {1.0f, 0.5f, 4.0f, -0.5f};
    float out[4];
    const tflm_activation_f32 relu6 = {0.0f, 6.0f};
    tflm_add_f32(&relu6, &bc, a, b, out);
    CHECK(out[0] == 0.0f && out[1] == 0.75f && out[2] == 6.0f && out[3] == 1.5f);
}

static void test_node_glue(void)
{
    static tflm_context ctx;
    /* int8 with broadcast of a [1,1,1,2] over [1,2,2,2], fused RELU. */
    int8_t a[8] = {-100, -50, 0, 10, 20, 30, 127, -128}, b[2] = {5, -7}, out[8];
    harness_binary_s8(&ctx, &tflm_op_add, a, b, out, 0.06f);
    HARNESS_OPTION_INT(&ctx, ADD, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    tflm_add_quant q;
    CHECK(tflm_add_quant_multipliers(0.05f, 0.02f, 0.06f, 20, &q));
    q.input1_offset = 3;
    q.input2_offset = -4;
    q.output_offset = -10;
    q.activation.min = -10;
    q.activation.max = 127;
    for (int i = 0; i < 8; ++i) {
        CHECK_EQ_INT(model_add(&q, a[i], b[i % 2]), out[i]);
        CHECK(out[i] >= -10);
    }
    /* Mismatched types and shapes are rejected. */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 1, 2}, 4, b, 0.02f, 4);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    const int32_t bad[4] = {1, 1, 3, 2};
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, bad, 4, b, 0.02f, 4);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    /* int32: wrapping, no activation clamp (TFLM's EvalAdd), unquantized */
    int32_t ia[2] = {INT32_MAX, -5}, ib[2] = {1, 3}, io[2];
    const int32_t d2[1] = {2};
    harness_init(&ctx, &tflm_op_add, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d2, 1, ia, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d2, 1, ib, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d2, 1, io, 0, 0);
    HARNESS_OPTION_INT(&ctx, ADD, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(io[0] == INT32_MIN && io[1] == -2);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d2, 1, ib, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_multipliers();
    test_exact_example();
    test_random_quantized();
    test_broadcast();
    test_float_activation();
    test_node_glue();
    TEST_MAIN_END();
}
