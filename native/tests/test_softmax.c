/* SOFTMAX: the gemmlowp fixed-point pieces against libm, hand-derived exact
 * cases, TFLM's own float goldens (softmax_test.cc, beta 1, input scale
 * 0.1), and randomized rows against a double-precision softmax. */
#include <math.h>
#include <stdint.h>

#include "kernels/fixed_point_math.h"
#include "kernels/fixed_point.h"
#include "kernels/softmax.h"
#include "nn_test_util.h"
#include "kernel_harness.h"
#include "tflm/ops.h"
#include "test.h"

static uint64_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static void test_fixed_point_functions(void)
{
    /* exp on Q5.26 inputs in [-32, 0]: gemmlowp's 4th-order Taylor
     * polynomial around -1/8 is off by up to 2.2e-7 at the ends of its
     * [-1/4, 0) interval; a wrong constant or shift costs far more. */
    double worst = 0.0;
    for (int i = 0; i <= 20000; ++i) {
        const int64_t a64 = -((int64_t)i * ((int64_t)32 << 26) / 20000);
        int32_t a = a64 < INT32_MIN ? INT32_MIN : (int32_t)a64;
        if (i > 0 && i < 19999) {
            a -= (int32_t)(rng() % 1000);
        }
        const double got = tflm_fp_exp_on_negative_values(a, 5) / 2147483648.0;
        const double want = exp(a / 67108864.0);
        const double err = fabs(got - want);
        worst = err > worst ? err : worst;
    }
    CHECK(worst < 2.5e-7);
    CHECK(worst > 1e-7); /* the polynomial's own error is there */
    CHECK_EQ_INT(INT32_MAX, tflm_fp_exp_on_negative_values(0, 5));
    /* Other integer-bit counts (LOGISTIC uses 4, TANH 3). */
    for (int bits = 2; bits <= 8; ++bits) {
        for (int i = 1; i < 200; ++i) {
            const double x = -(double)i / 200.0 * 3.9;
            const int32_t a = (int32_t)(x * (double)((int64_t)1 << (31 - bits)));
            const double got = tflm_fp_exp_on_negative_values(a, bits) / 2147483648.0;
            CHECK(fabs(got - exp(a / (double)((int64_t)1 << (31 - bits)))) < 2.5e-7);
        }
    }
    /* Beyond -32 with more than 5 integer bits the result is clamped to 0. */
    CHECK_EQ_INT(0, tflm_fp_exp_on_negative_values(-(33 << 25), 6));

    /* 1 / (1 + x) on [0, 1). */
    worst = 0.0;
    for (int i = 0; i < 5000; ++i) {
        const int32_t a = (int32_t)(((int64_t)i << 31) / 5000) + (int32_t)(rng() % 1000);
        const double got = tflm_fp_one_over_one_plus_x_for_x_in_0_1(a) / 2147483648.0;
        const double err = fabs(got - 1.0 / (1.0 + a / 2147483648.0));
        worst = err > worst ? err : worst;
    }
    CHECK(worst < 1e-8);

    /* Reciprocal of a Q12.19 sum: 1/x = result * 2^-num_bits_over_unit. */
    for (int i = 0; i < 2000; ++i) {
        const int32_t x = (int32_t)(524288 + rng() % 2000000000u); /* >= 1.0 */
        int num_bits_over_unit;
        const int32_t r = tflm_fp_reciprocal(x, 12, &num_bits_over_unit);
        const double got = r / 2147483648.0 / ldexp(1.0, num_bits_over_unit);
        const double want = 1.0 / (x / 524288.0);
        CHECK(fabs(got - want) <= want * 1e-8);
    }

    CHECK_EQ_INT(32, tflm_fp_count_leading_zeros(0));
    CHECK_EQ_INT(31, tflm_fp_count_leading_zeros(1));
    CHECK_EQ_INT(0, tflm_fp_count_leading_zeros(0x80000000u));
    CHECK_EQ_INT(12, tflm_fp_count_leading_zeros(0x00080000u));
}

static void test_quant_params(void)
{
    tflm_softmax_quant q;
    /* beta 1, scale 0.1: 0.1 * 2^26 = 6710886.4 = 0.79999... * 2^23 */
    CHECK(tflm_softmax_quant_params(1.0, (double)0.1f, &q));
    CHECK_EQ_INT(23, q.input_left_shift);
    int32_t m;
    int s;
    tflm_quantize_multiplier((double)0.1f * 67108864.0, &m, &s);
    CHECK_EQ_INT(m, q.input_multiplier);
    /* floor(31 * 2^26 / 2^23) = 248 */
    CHECK_EQ_INT(-248, q.diff_min);
    /* A multiplier at or below 1 is rejected (TFLM aborts on it). */
    CHECK(!tflm_softmax_quant_params(1.0, 1e-9, &q));
    /* A huge scale saturates at 2^31 - 1 -> shift 31, diff_min -0 (only
     * the maximum survives). */
    CHECK(tflm_softmax_quant_params(1.0, 1000.0, &q));
    CHECK_EQ_INT(31, q.input_left_shift);
    CHECK_EQ_INT(0, q.diff_min);
}

static void test_exact_cases(void)
{
    tflm_softmax_quant q;
    CHECK(tflm_softmax_quant_params(1.0, 0.1, &q));
    /* Four equal inputs: each 1/4 -> 64/256 -> -64. */
    const int8_t four[4] = {7, 7, 7, 7};
    int8_t out[256];
    tflm_softmax_s8(&q, 1, 4, four, out);
    for (int i = 0; i < 4; ++i) {
        CHECK_EQ_INT(-64, out[i]);
    }
    /* One element: 1.0 saturates at 127. */
    tflm_softmax_s8(&q, 1, 1, four, out);
    CHECK_EQ_INT(127, out[0]);
    /* int16 output: 1/4 -> 16384 - 32768. */
    int16_t out16[4];
    tflm_softmax_s8_s16(&q, 1, 4, four, out16);
    for (int i = 0; i < 4; ++i) {
        CHECK_EQ_INT(16384 - 32768, out16[i]);
    }
    /* Far below the maximum (diff < diff_min = -248 is impossible in int8
     * for this scale); use one where diff_min bites: beta*scale*2^26 = 2^26
     * = 0.5 * 2^27 -> shift 27, diff_min = -floor(31 * 2^26 / 2^27) = -15;
     * a diff of -100 gives exactly the minimum. */
    CHECK(tflm_softmax_quant_params(1.0, 1.0, &q));
    CHECK_EQ_INT(27, q.input_left_shift);
    CHECK_EQ_INT(-15, q.diff_min);
    const int8_t far[2] = {100, 0};
    tflm_softmax_s8(&q, 1, 2, far, out);
    CHECK_EQ_INT(127, out[0]);
    CHECK_EQ_INT(-128, out[1]);
    /* 256 equal inputs: each 1/256 -> exactly 1 -> -127. */
    int8_t many[256];
    for (int i = 0; i < 256; ++i) {
        many[i] = -3;
    }
    CHECK(tflm_softmax_quant_params(1.0, 0.1, &q));
    tflm_softmax_s8(&q, 1, 256, many, out);
    for (int i = 0; i < 256; ++i) {
        CHECK_EQ_INT(-127, out[i]);
    }
}

/* TFLM softmax_test.cc: 4-D data, beta 1; quantized with scale 0.1. */
static const float golden_input[40] = {
    3, 6, -5, 4, -9, -10, -10, -8, 2, 2, 8, -5, -8, 5, -6, -8, 6, 1, -10, -8,
    7, 6, -10, -4, -5, 2, 7, 9, -9, 7, -4, -2, 8, 2, 2, 3, 6, 6, 2, 4};
static const float golden_output[40] = {
    0.042009463f, 0.843782625f, 0.000014093f, 0.114193561f, 0.000000258f,
    0.000003072f, 0.000003072f, 0.000022699f, 0.499985578f, 0.499985578f,
    0.952571219f, 0.000002153f, 0.000000107f, 0.047425728f, 0.000000792f,
    0.000000826f, 0.993305397f, 0.006692839f, 0.000000112f, 0.000000826f,
    0.731046347f, 0.268936922f, 0.000000030f, 0.000012210f, 0.000004492f,
    0.000717124f, 0.106430599f, 0.786421666f, 0.000000012f, 0.106430599f,
    0.000006114f, 0.000045174f, 0.995015917f, 0.002466398f, 0.002466398f,
    0.022595176f, 0.453836234f, 0.453836234f, 0.008312301f, 0.061420055f};

static void test_golden_outputs(void)
{
    float out[40];
    tflm_softmax_f32(1.0f, 8, 5, golden_input, out);
    for (int i = 0; i < 40; ++i) {
        CHECK(fabsf(out[i] - golden_output[i]) <= 1e-5f);
    }
    tflm_softmax_quant q;
    CHECK(tflm_softmax_quant_params(1.0, (double)0.1f, &q));
    int8_t in8[40], out8[40];
    int16_t out16[40];
    for (int i = 0; i < 40; ++i) {
        in8[i] = (int8_t)lrintf(golden_input[i] / 0.1f);
    }
    tflm_softmax_s8(&q, 8, 5, in8, out8);
    tflm_softmax_s8_s16(&q, 8, 5, in8, out16);
    for (int i = 0; i < 40; ++i) {
        const long want8 = lroundf(golden_output[i] * 256.0f) - 128;
        const long want16 = lroundf(golden_output[i] * 65536.0f) - 32768;
        CHECK(labs(out8[i] - want8) <= 1);
        CHECK(labs(out16[i] - want16) <= 2);
    }
}

/* Softmax of float inputs, in double. */
static double float_model(const float *row, int depth, float beta, int c)
{
    float max = row[0];
    for (int i = 1; i < depth; ++i) {
        max = row[i] > max ? row[i] : max;
    }
    double sum = 0.0;
    for (int i = 0; i < depth; ++i) {
        sum += exp((double)((row[i] - max) * beta));
    }
    return exp((double)((row[c] - max) * beta)) / sum;
}

static void test_random_against_double(void)
{
    int8_t in[64 * 3], out8[64 * 3];
    int16_t out16[64 * 3];
    float inf[64 * 3], outf[64 * 3];
    int worst8 = 0, worst16 = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const int depth = 1 + (int)(rng() % 64);
        const int rows = 1 + (int)(rng() % 3);
        const double scale = 0.002 + (rng() % 1000) / 2000.0;
        const double beta = trial % 3 == 0 ? 1.0 : 0.5 + (rng() % 100) / 50.0;
        tflm_softmax_quant q;
        CHECK(tflm_softmax_quant_params(beta, (double)(float)scale, &q));
        for (int i = 0; i < rows * depth; ++i) {
            in[i] = (int8_t)(rng() & 0xff);
            if (trial % 5 == 0) {
                in[i] = (int8_t)(in[i] % 4 + 120); /* near-equal values */
            }
            inf[i] = (float)(in[i] * scale);
        }
        tflm_softmax_s8(&q, rows, depth, in, out8);
        tflm_softmax_s8_s16(&q, rows, depth, in, out16);
        tflm_softmax_f32((float)beta, rows, depth, inf, outf);
        for (int r = 0; r < rows; ++r) {
            int max = -128;
            for (int c = 0; c < depth; ++c) {
                max = in[r * depth + c] > max ? in[r * depth + c] : max;
            }
            double sum = 0.0;
            for (int c = 0; c < depth; ++c) {
                sum += exp(beta * (double)(float)scale * (in[r * depth + c] - max));
            }
            for (int c = 0; c < depth; ++c) {
                const double p =
                    exp(beta * (double)(float)scale * (in[r * depth + c] - max)) / sum;
                long want8 = lround(p * 256.0) - 128;
                want8 = want8 > 127 ? 127 : want8;
                long want16 = lround(p * 65536.0) - 32768;
                want16 = want16 > 32767 ? 32767 : want16;
                const int e8 = (int)labs(out8[r * depth + c] - want8);
                const int e16 = (int)labs(out16[r * depth + c] - want16);
                worst8 = e8 > worst8 ? e8 : worst8;
                worst16 = e16 > worst16 ? e16 : worst16;
                CHECK(fabs(outf[r * depth + c] - float_model(inf + r * depth, depth, (float)beta, c)) <=
                      1e-6 * p + 1e-9);
            }
        }
    }
    CHECK(worst8 <= 1);
    CHECK(worst16 <= 2);
}

static void test_node_glue(void)
{
    static tflm_context ctx;
    int8_t in[10] = {1, 2, 3, 4, 5, -1, -2, -3, -4, -5};
    int8_t out[10], want[10];
    int16_t out16[10], want16[10];
    const int32_t dims[2] = {2, 5};

    harness_init(&ctx, &tflm_op_softmax, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, dims, 2, in, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims, 2, out, 1.0f / 256, -128);
    HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, 1.0f);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    tflm_softmax_quant q;
    CHECK(tflm_softmax_quant_params(1.0, (double)0.1f, &q));
    tflm_softmax_s8(&q, 2, 5, in, want);
    CHECK(memcmp(out, want, sizeof out) == 0);

    /* int8 -> int16 (keyword_scrambled's last softmax). */
    harness_init(&ctx, &tflm_op_softmax, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, dims, 2, in, 0.0699627f, 2);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out16, 1.5259e-05f, -32768);
    HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, 1.0f);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(tflm_softmax_quant_params(1.0, (double)0.0699627f, &q));
    tflm_softmax_s8_s16(&q, 2, 5, in, want16);
    CHECK(memcmp(out16, want16, sizeof out16) == 0);

    /* Rejections: wrong output zero point, missing beta, unsupported type. */
    harness_init(&ctx, &tflm_op_softmax, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, dims, 2, in, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims, 2, out, 1.0f / 256, 0);
    HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, 1.0f);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims, 2, out, 1.0f / 256, -128);
    HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, 0.0f);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, dims, 2, in, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    CHECK(strstr(ctx.formatted, "input type INT32 not supported; expected INT8, INT16 or FLOAT32") != NULL);
    harness_free(&ctx);
}

/* ---- int16 ------------------------------------------------------------------ */

/* TF Lite's LUTPopulate<int16_t>, written from its definition with libm's
 * expf and roundf: the tables must come out the same. */
static void model_lut(float input_scale, int32_t input_zp, float (*f)(float), int16_t *lut)
{
    const float output_scale = 2.0f / 65535.0f;
    const float in_min = input_scale * (float)(-32768 - input_zp);
    const float in_max = input_scale * (float)(32767 - input_zp);
    const float out_min = output_scale * -32768.0f, out_max = output_scale * 32767.0f;
    const float step = (in_max - in_min) / 512.0f;
    const float inv = 65536.0f / (out_max - out_min);
    for (int i = 0; i <= 512; ++i) {
        float v;
        if (i < 512) {
            const float val = f(in_min + (float)i * step);
            const float mid = f(in_min + (float)i * step + step / 2.0f);
            const float next = f(in_min + (float)(i + 1) * step);
            const float interpolated = roundf((next * inv + roundf(val * inv)) / 2.0f);
            v = roundf(val * inv) - roundf((interpolated - roundf(mid * inv)) / 2.0f);
        } else {
            v = roundf(f(in_max) * inv);
        }
        lut[i] = (int16_t)fminf(fmaxf(v, -32768.0f), 32767.0f);
    }
}

static float libm_exp(float x) { return expf(x); }
static float reciprocal(float x) { return 1.0f / (1.0f + x); }

static int16_t model_lookup(int32_t value, const int16_t *lut)
{
    const int32_t index = 256 + (value >> 7), offset = value & 0x7f;
    const int32_t slope = lut[index + 1] - lut[index];
    return (int16_t)(lut[index] + ((slope * offset + 64) >> 7));
}

static int16_t exp_lut[513], recip_lut[513];

/* SoftmaxInt16 for one row, from TFLM's definition. */
static void model_softmax_s16(int32_t multiplier, int shift, int depth, const int16_t *in,
                              int16_t *out)
{
    int32_t max = -32768, exps[64], sum = 0;
    for (int c = 0; c < depth; ++c) {
        max = in[c] > max ? in[c] : max;
    }
    for (int c = 0; c < depth; ++c) {
        int32_t d = ref_requantize(in[c] - max, multiplier, shift) + 32767;
        d = d < -32768 ? -32768 : d > 32767 ? 32767 : d;
        exps[c] = model_lookup(d, exp_lut);
        sum += exps[c];
    }
    int headroom = 0;
    while (!((uint32_t)sum & (0x80000000u >> headroom))) {
        ++headroom;
    }
    int32_t x = (int32_t)((((int64_t)sum << (headroom - 1)) + (1 << 13)) >> 14) - 98304;
    x = x < -32768 ? -32768 : x > 32767 ? 32767 : x;
    const int32_t r = model_lookup(x, recip_lut);
    for (int c = 0; c < depth; ++c) {
        const int32_t v = (int32_t)(((int64_t)exps[c] * r + ((int64_t)1 << (30 - headroom))) >>
                                    (31 - headroom));
        out[c] = (int16_t)(v < 0 ? 0 : v > 32767 ? 32767 : v);
    }
}

static void test_int16(void)
{
    int16_t tables[2 * 513];
    tflm_softmax_s16_tables(tables, tables + 513);
    model_lut(10.0f / 65535.0f, 32767, libm_exp, exp_lut);
    model_lut(1.0f / 65535.0f, -32768, reciprocal, recip_lut);
    CHECK(memcmp(tables, exp_lut, sizeof exp_lut) == 0);
    CHECK(memcmp(tables + 513, recip_lut, sizeof recip_lut) == 0);
    CHECK_EQ_INT(32767, exp_lut[512]); /* exp(0) */

    static tflm_context ctx;
    int16_t in[4 * 64], out[4 * 64], expected[64];
    for (int trial = 0; trial < 200; ++trial) {
        const int depth = 1 + trial % 64;
        const int32_t dims[2] = {4, depth};
        const float scale = rng_float(0.00005f, 0.002f), beta = trial % 3 ? 1.0f : 0.5f;
        for (int i = 0; i < 4 * depth; ++i) {
            in[i] = (int16_t)rng_range(-32768, 32767);
        }
        harness_init(&ctx, &tflm_op_softmax, 1);
        harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, in, scale, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out, 1.0f / 32768, 0);
        HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, beta);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        int32_t multiplier;
        int shift;
        tflm_quantize_multiplier((double)scale * (double)beta / (10.0 / 65535.0), &multiplier,
                                 &shift);
        for (int row = 0; row < 4; ++row) {
            model_softmax_s16(multiplier, shift, depth, in + row * depth, expected);
            double max = -1e30, sum = 0;
            for (int c = 0; c < depth; ++c) {
                max = fmax(max, in[row * depth + c] * (double)scale * beta);
            }
            /* the exp table stops at -10: exp(-10) for anything below */
            for (int c = 0; c < depth; ++c) {
                sum += exp(fmax(in[row * depth + c] * (double)scale * beta - max, -10.0));
            }
            for (int c = 0; c < depth; ++c) {
                const int16_t got = out[row * depth + c];
                CHECK_EQ_INT(expected[c], got);
                const double real =
                    exp(fmax(in[row * depth + c] * (double)scale * beta - max, -10.0)) / sum;
                CHECK(fabs(got / 32768.0 - real) < 0.002); /* the tables' accuracy */
            }
        }
        harness_free(&ctx);
    }

    const int32_t dims[2] = {1, 4};
    harness_init(&ctx, &tflm_op_softmax, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, in, 0.001f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out, 1.0f / 65536, 0);
    HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, 1.0f);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output scale */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out, 1.0f / 32768, 3);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output zero point */
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, in, 0.001f, -2);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out, 1.0f / 32768, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* input zero point */
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, in, 0.001f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, dims, 2, out, 1.0f / 256, -128);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx)); /* int8 output */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out, 1.0f / 32768, 0);
    HARNESS_OPTION_FLOAT(&ctx, SOFTMAX, BETA, -1.0f);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* negative beta */
    harness_init(&ctx, &tflm_op_softmax_int8, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, in, 0.001f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, out, 1.0f / 32768, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx)); /* the INT8-only kernel */
    harness_free(&ctx);
}

int main(void)
{
    test_int16();
    test_node_glue();
    test_fixed_point_functions();
    test_quant_params();
    test_exact_cases();
    test_golden_outputs();
    test_random_against_double();
    TEST_MAIN_END();
}
