/* QUANTIZE, DEQUANTIZE and RESHAPE: rounding and saturation by hand,
 * requantization against an independent model and a real-number model,
 * keyword_scrambled's conversions, node glue. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/dequantize.h"
#include "kernels/fixed_point.h"
#include "kernels/quantize.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void test_round(void)
{
    CHECK(tflm_round_f64(0.5) == 1.0);
    CHECK(tflm_round_f64(-0.5) == -1.0);
    CHECK(tflm_round_f64(2.5) == 3.0);
    CHECK(tflm_round_f64(-2.5) == -3.0);
    CHECK(tflm_round_f64(0.49999999999999994) == 0.0);
    CHECK(tflm_round_f64(-1.4) == -1.0);
    CHECK(tflm_round_f64(4503599627370497.0) == 4503599627370497.0);
    for (int i = 0; i < 100000; ++i) {
        const double x = rng_float(-70000.0f, 70000.0f);
        CHECK(tflm_round_f64(x) == round(x));
    }
}

/* The quotient x / scale is taken in double, as TFLM's reference
 * AffineQuantize does: in float these quotients round onto .5 ties (found by
 * the Java differential test against TF Lite 2.6.2). */
static void test_quantize_divides_in_double(void)
{
    const tflm_affine_quant q = {0.017169569f, -22};
    const float in[2] = {2.3779852f, -0.76404583f};
    int8_t out[2];
    tflm_quantize_f32_s8(&q, 2, in, out);
    CHECK(2.3779852f / 0.017169569f == 138.5f);                  /* the float quotient ties... */
    CHECK((double)2.3779852f / (double)0.017169569f < 138.5);   /* ...the exact one is below */
    CHECK_EQ_INT(138 - 22, out[0]);
    CHECK_EQ_INT(-45 - 22, out[1]); /* -44.5000016 rounds away from zero either way */
    const tflm_affine_quant q16 = {0.017169569f, 0};
    int16_t out16[1];
    tflm_quantize_f32_s16(&q16, 1, in, out16);
    CHECK_EQ_INT(138, out16[0]);
}

static void test_quantize_float(void)
{
    const tflm_affine_quant q = {0.5f, -3};
    const float in[8] = {0.25f, -0.25f, 0.75f, 1.0f, 100.0f, -100.0f, 1e20f, -1e20f};
    int8_t out[8];
    tflm_quantize_f32_s8(&q, 8, in, out);
    /* 0.5 -> 1 - 3, -0.5 -> -1 - 3, 1.5 -> 2 - 3, 2 - 3, saturations */
    const int8_t want[8] = {-2, -4, -1, -1, 127, -128, 127, -128};
    for (int i = 0; i < 8; ++i) {
        CHECK_EQ_INT(want[i], out[i]);
    }
    const tflm_affine_quant q16 = {0.000625f, 0};
    int16_t out16[4];
    const float in16[4] = {0.1f, -0.1f, 30.0f, 0.0003125f};
    tflm_quantize_f32_s16(&q16, 4, in16, out16);
    CHECK_EQ_INT((int32_t)roundf(0.1f / 0.000625f), out16[0]);
    CHECK_EQ_INT(-(int32_t)roundf(0.1f / 0.000625f), out16[1]);
    CHECK_EQ_INT(32767, out16[2]);
    CHECK_EQ_INT((int32_t)roundf(0.0003125f / 0.000625f), out16[3]);
}

static void test_requantize(void)
{
    /* keyword_scrambled op14: int16 (1.5259e-05, -32768) -> int32
     * (3.05185e-05, 0): about (x + 32768) / 2. */
    tflm_requantize_params p;
    tflm_requantize_params_init(1.5259e-05f, -32768, 3.05185e-05f, 0, &p);
    int16_t in16[5] = {-32768, -32767, 0, 32767, 1};
    int32_t out32[5];
    tflm_requantize_s16_s32(&p, 5, in16, out32);
    for (int i = 0; i < 5; ++i) {
        CHECK_EQ_INT(ref_requantize(in16[i] + 32768, p.multiplier, p.shift), out32[i]);
        CHECK(fabs(out32[i] - (in16[i] + 32768) * (1.5259e-05 / 3.05185e-05)) <= 1.0);
    }
    CHECK_EQ_INT(0, out32[0]);
    CHECK_EQ_INT(32767, out32[3]); /* 65535 x 0.49999... rounds down */

    /* Random conversions of every pair against the models. */
    for (int trial = 0; trial < 300; ++trial) {
        const float si = rng_float(0.0001f, 1.0f), so = rng_float(0.0001f, 1.0f);
        const int32_t zi = rng_range(-100, 100), zo = rng_range(-100, 100);
        tflm_requantize_params_init(si, zi, so, zo, &p);
        int32_t m;
        int s;
        tflm_quantize_multiplier((double)si / (double)so, &m, &s);
        CHECK_EQ_INT(m, p.multiplier);
        CHECK_EQ_INT(s, p.shift);
        int8_t a8[64], o8[64];
        int16_t a16[64], o16[64];
        int32_t a32[64], o32[64];
        uint8_t u8[64], ou8[64];
        for (int i = 0; i < 64; ++i) {
            a8[i] = (int8_t)rng_range(-128, 127);
            a16[i] = (int16_t)rng_range(-32768, 32767);
            a32[i] = rng_range(-1000000, 1000000);
            u8[i] = (uint8_t)rng_range(0, 255);
        }
#define CHECK_PAIR(FN, IN, OUT, LO, HI)                                                      \
    do {                                                                                      \
        FN(&p, 64, IN, OUT);                                                                  \
        for (int i = 0; i < 64; ++i) {                                                        \
            const int32_t want = ref_clamp(ref_requantize((int32_t)IN[i] - zi, p.multiplier, p.shift) + zo, \
                                           LO, HI);                                           \
            CHECK_EQ_INT(want, OUT[i]);                                                       \
            const double ideal = fmin(fmax(((int32_t)IN[i] - zi) * ((double)si / so) + zo, LO), HI); \
            CHECK(fabs(OUT[i] - ideal) <= 1.0);                                               \
        }                                                                                     \
    } while (0)
        CHECK_PAIR(tflm_requantize_s8_s8, a8, o8, -128, 127);
        CHECK_PAIR(tflm_requantize_s8_u8, a8, ou8, 0, 255);
        CHECK_PAIR(tflm_requantize_s8_s16, a8, o16, -32768, 32767);
        CHECK_PAIR(tflm_requantize_s8_s32, a8, o32, INT32_MIN, INT32_MAX);
        CHECK_PAIR(tflm_requantize_u8_s8, u8, o8, -128, 127);
        CHECK_PAIR(tflm_requantize_s16_s8, a16, o8, -128, 127);
        CHECK_PAIR(tflm_requantize_s16_s16, a16, o16, -32768, 32767);
        CHECK_PAIR(tflm_requantize_s16_s32, a16, o32, INT32_MIN, INT32_MAX);
        CHECK_PAIR(tflm_requantize_s32_s8, a32, o8, -128, 127);
        CHECK_PAIR(tflm_requantize_s32_s16, a32, o16, -32768, 32767);
#undef CHECK_PAIR
    }
}

static void test_dequantize(void)
{
    const tflm_affine_quant q = {0.1f, -128};
    const int8_t in[3] = {-128, 127, 0};
    float out[3];
    tflm_dequantize_s8_f32(&q, 3, in, out);
    CHECK(out[0] == 0.0f);
    CHECK(out[1] == 0.1f * 255.0f);
    CHECK(out[2] == 0.1f * 128.0f);
    const tflm_affine_quant q16 = {3.05e-5f, 0};
    const int16_t in16[2] = {-32768, 32767};
    float out16[2];
    tflm_dequantize_s16_f32(&q16, 2, in16, out16);
    CHECK(out16[0] == 3.05e-5f * -32768.0f);
    CHECK(out16[1] == 3.05e-5f * 32767.0f);
    const tflm_affine_quant qu = {0.5f, 128};
    const uint8_t inu[2] = {0, 255};
    float outu[2];
    tflm_dequantize_u8_f32(&qu, 2, inu, outu);
    CHECK(outu[0] == -64.0f && outu[1] == 63.5f);
}

static void test_node_glue(void)
{
    static tflm_context ctx;
    const int32_t dims[2] = {1, 96};
    int16_t in16[96];
    int8_t out8[96];
    for (int i = 0; i < 96; ++i) {
        in16[i] = (int16_t)(i * 300 - 15000);
    }
    /* keyword_scrambled op0: int16 (0.000625, 0) -> int8 (0.0592083, -128). */
    harness_init(&ctx, &tflm_op_quantize, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, in16, 0.000625f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims, 2, out8, 0.0592083f, -128);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    tflm_requantize_params p;
    tflm_requantize_params_init(0.000625f, 0, 0.0592083f, -128, &p);
    for (int i = 0; i < 96; ++i) {
        CHECK_EQ_INT(ref_clamp(ref_requantize(in16[i], p.multiplier, p.shift) - 128, -128, 127), out8[i]);
    }
    /* float -> int8 */
    float inf[96];
    for (int i = 0; i < 96; ++i) {
        inf[i] = (float)i * 0.37f - 12.0f;
    }
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, dims, 2, inf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 96; ++i) {
        CHECK_EQ_INT(ref_clamp((int32_t)roundf(inf[i] / 0.0592083f) - 128, -128, 127), out8[i]);
    }
    /* Unsupported pair and missing output scale. */
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, dims, 2, inf, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims, 2, out8, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));

    /* DEQUANTIZE int8 -> float */
    float outf[96];
    harness_init(&ctx, &tflm_op_dequantize, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, dims, 2, out8, 0.25f, 5);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, dims, 2, outf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 96; ++i) {
        CHECK(outf[i] == 0.25f * (float)(out8[i] - 5));
    }
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, dims, 2, inf, 0.25f, 5);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));

    /* RESHAPE: copies between distinct buffers, nothing when aliased. */
    const int32_t dims_out[3] = {4, 4, 6};
    int8_t reshaped[96];
    harness_init(&ctx, &tflm_op_reshape, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, dims, 2, out8, 0.25f, 5);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims_out, 3, reshaped, 0.25f, 5);
    CHECK(tflm_op_reshape.output_aliases_input);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(out8, reshaped, 96) == 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims_out, 3, out8, 0.25f, 5);
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const int32_t dims_bad[2] = {1, 95};
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims_bad, 2, reshaped, 0.25f, 5);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_UINT8, dims, 2, reshaped, 0.25f, 5);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_round();
    test_quantize_divides_in_double();
    test_quantize_float();
    test_requantize();
    test_dequantize();
    test_node_glue();
    TEST_MAIN_END();
}
