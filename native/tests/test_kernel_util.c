/* kernel_util: activation ranges (TensorFlow Lite's Quantize with roundf),
 * SAME/VALID geometry, and the two effective-scale formulas. */
#include <math.h>

#include "kernels/fixed_point.h"
#include "kernels/kernel_util.h"
#include "kernels/nn_types.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/tflm.h"

static int32_t libm_bound(float real, float scale, int32_t zp, int32_t lo, int32_t hi)
{
    double q = (double)zp + (double)roundf(real / scale);
    return q < lo ? lo : q > hi ? hi : (int32_t)q;
}

static void test_activation_ranges(void)
{
    int32_t lo, hi;
    /* person_detect's RELU6 output: scale 6/255, zero point -128 -> [-128, 127]. */
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, 0.0235294f, -128, -128, 127, &lo, &hi);
    CHECK_EQ_INT(-128, lo);
    CHECK_EQ_INT(127, hi);
    /* scale 0.05, zp -10: RELU6 -> [-10, 110]; RELU_N1_TO_1 -> [-30, 10]. */
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, 0.05f, -10, -128, 127, &lo, &hi);
    CHECK_EQ_INT(-10, lo);
    CHECK_EQ_INT(110, hi);
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU_N1_TO_1, 0.05f, -10, -128, 127, &lo, &hi);
    CHECK_EQ_INT(-30, lo);
    CHECK_EQ_INT(10, hi);
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU, 0.05f, 50, -128, 127, &lo, &hi);
    CHECK_EQ_INT(50, lo);
    CHECK_EQ_INT(127, hi);
    tflm_activation_range_quantized(TFLM_ACTIVATION_NONE, 0.05f, 50, -128, 127, &lo, &hi);
    CHECK_EQ_INT(-128, lo);
    CHECK_EQ_INT(127, hi);

    /* Against roundf for many scales (int16 range so the bound is not
     * hidden by the clamp), including quotients just below x.5. */
    int mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
        float scale = i < 10000 ? rng_float(1e-4f, 2.0f) : 6.0f / ((float)(i - 10000) + 0.49999997f);
        int32_t zp = rng_range(-100, 100);
        tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, scale, zp, -32768, 32767, &lo, &hi);
        if (hi != libm_bound(6.0f, scale, zp, -32768, 32767)) ++mismatches;
        tflm_activation_range_quantized(TFLM_ACTIVATION_RELU_N1_TO_1, scale, zp, -32768, 32767,
                                        &lo, &hi);
        if (lo != libm_bound(-1.0f, scale, zp, -32768, 32767)) ++mismatches;
        if (hi != libm_bound(1.0f, scale, zp, -32768, 32767)) ++mismatches;
    }
    CHECK_EQ_INT(0, mismatches);
    /* A quotient above 2^23 that is odd: x + 0.5f would round it to even. */
    float scale = 6.0f / 8388609.0f;
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, scale, 0, INT32_MIN, INT32_MAX, &lo, &hi);
    CHECK_EQ_INT((int64_t)roundf(6.0f / scale), hi);
    /* A huge quotient saturates instead of overflowing. */
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, 1e-30f, 5, INT32_MIN, INT32_MAX, &lo, &hi);
    CHECK_EQ_INT(5, lo);
    CHECK_EQ_INT(INT32_MAX, hi);
}

static void test_geometry(void)
{
    int32_t offset;
    /* SAME, 96 -> 48 with stride 2, 3x3: total (47*2 + 3 - 96) = 1 -> 0 before, 1 after. */
    CHECK_EQ_INT(48, tflm_conv_output_size(TFLM_PADDING_SAME, 96, 3, 2, 1));
    CHECK_EQ_INT(0, tflm_conv_padding(2, 1, 96, 3, 48, &offset));
    CHECK_EQ_INT(1, offset);
    /* SAME stride 1 3x3 with dilation 2: effective 5, pad 2. */
    CHECK_EQ_INT(10, tflm_conv_output_size(TFLM_PADDING_SAME, 10, 3, 1, 2));
    CHECK_EQ_INT(2, tflm_conv_padding(1, 2, 10, 3, 10, &offset));
    CHECK_EQ_INT(0, offset);
    /* VALID: (10 - 5 + 2) / 2 = 3. */
    CHECK_EQ_INT(3, tflm_conv_output_size(TFLM_PADDING_VALID, 10, 3, 2, 2));
    CHECK_EQ_INT(0, tflm_conv_padding(2, 2, 10, 3, 3, &offset));
    /* kws_ref_model's first layer: 49x10 input, 10x4 filter, stride 2, SAME -> 25x5. */
    CHECK_EQ_INT(25, tflm_conv_output_size(TFLM_PADDING_SAME, 49, 10, 2, 1));
    CHECK_EQ_INT(4, tflm_conv_padding(2, 1, 49, 10, 25, &offset)); /* 48 + 10 - 49 = 9 */
    CHECK_EQ_INT(1, offset);

    /* tflm_filter_taps agrees with the per-tap bounds test. */
    int mismatches = 0;
    for (int32_t origin = -12; origin < 15; ++origin)
        for (int32_t dil = 1; dil <= 3; ++dil)
            for (int32_t k = 1; k <= 5; ++k)
                for (int32_t in = 1; in <= 8; ++in) {
                    int32_t s, e, first = -1, last = -1;
                    tflm_filter_taps(origin, dil, k, in, &s, &e);
                    for (int32_t t = 0; t < k; ++t) {
                        int32_t pos = origin + t * dil;
                        if (pos >= 0 && pos < in) {
                            if (first < 0) first = t;
                            last = t;
                        }
                    }
                    if (first < 0 ? s != e : (s != first || e != last + 1)) ++mismatches;
                }
    CHECK_EQ_INT(0, mismatches);
}

static void test_effective_scales(void)
{
    /* The per-channel formula multiplies in double; the per-tensor fully
     * connected one multiplies in float first. Both match their C++
     * expressions bit for bit, and some scales give different Q31 values. */
    int differ = 0, mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
        float a = rng_float(1e-3f, 0.1f), b = rng_float(1e-4f, 0.02f), c = rng_float(1e-3f, 0.2f);
        double conv = tflm_conv_effective_scale(a, b, c);
        double fc = tflm_fc_effective_scale(a, b, c);
        volatile float product = a * b;
        if (conv != (double)a * (double)b / (double)c) ++mismatches;
        if (fc != (double)product / (double)c) ++mismatches;
        int32_t m1, m2;
        int s1, s2;
        tflm_quantize_multiplier(conv, &m1, &s1);
        tflm_quantize_multiplier(fc, &m2, &s2);
        if (m1 != m2 || s1 != s2) ++differ;
    }
    CHECK_EQ_INT(0, mismatches);
    CHECK(differ > 0);

    /* Per-channel fill: one scale broadcasts; several are used in order. */
    const float one[1] = {0.5f};
    const float three[3] = {0.5f, 0.25f, 2.0f};
    int32_t m[3];
    int8_t s[3];
    tflm_conv_per_channel_multipliers(1.0f, one, 1, 1.0f, 3, m, s);
    CHECK(m[0] == 1 << 30 && m[1] == 1 << 30 && m[2] == 1 << 30);
    CHECK(s[0] == 0 && s[1] == 0 && s[2] == 0);
    tflm_conv_per_channel_multipliers(1.0f, three, 3, 1.0f, 3, m, s);
    CHECK(m[0] == 1 << 30 && m[1] == 1 << 30 && m[2] == 1 << 30);
    CHECK(s[0] == 0 && s[1] == -1 && s[2] == 2);

    /* Bias scale check: 2% of the output scale. */
    CHECK(tflm_bias_scale_matches(0.1f, 0.01f, 0.001f, 0.05f));
    CHECK(tflm_bias_scale_matches(0.1f, 0.01f, 0.0019f, 0.05f));  /* diff 0.0009 <= 0.001 */
    CHECK(!tflm_bias_scale_matches(0.1f, 0.01f, 0.0021f, 0.05f)); /* diff 0.0011 */
    CHECK(!tflm_bias_scale_matches(0.1f, 0.01f, 0.0f, 0.01f));
}

int main(void)
{
    test_activation_ranges();
    test_geometry();
    test_effective_scales();
    CHECK(strcmp(tflm_type_name_of(TFLM_TYPE_INT8), "INT8") == 0);
    CHECK(strcmp(tflm_type_name_of(99), "UNKNOWN") == 0);
    TEST_MAIN_END();
}
