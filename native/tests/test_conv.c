/* CONV_2D compute functions against hand-worked cases and an independent
 * naive implementation written like TFLM's reference (per-tap bounds test). */
#include "kernel_harness.h"
#include "kernels/conv.h"
#include "kernels/fixed_point.h"
#include "kernels/kernel_util.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

typedef struct conv_case {
    int32_t n, in_h, in_w, in_c, k_h, k_w, k_c, out_c, out_h, out_w;
    int32_t stride_h, stride_w, dil_h, dil_w, pad_h, pad_w;
} conv_case;

static size_t at4(int32_t d1, int32_t d2, int32_t d3, int32_t a, int32_t b, int32_t c, int32_t d)
{
    return (((size_t)a * d1 + b) * d2 + c) * d3 + d;
}

static void naive_conv_s8(const conv_case *cc, int32_t input_offset, int32_t output_offset,
                          int32_t act_min, int32_t act_max, const int32_t *mult,
                          const int8_t *shift, const int8_t *input, const int8_t *filter,
                          const int32_t *bias, int8_t *output)
{
    int32_t groups = cc->in_c / cc->k_c, per_group = cc->out_c / groups;
    for (int32_t b = 0; b < cc->n; ++b)
        for (int32_t oy = 0; oy < cc->out_h; ++oy)
            for (int32_t ox = 0; ox < cc->out_w; ++ox)
                for (int32_t o = 0; o < cc->out_c; ++o) {
                    int32_t g = o / per_group;
                    int64_t acc = 0;
                    for (int32_t ky = 0; ky < cc->k_h; ++ky)
                        for (int32_t kx = 0; kx < cc->k_w; ++kx) {
                            int32_t y = oy * cc->stride_h - cc->pad_h + ky * cc->dil_h;
                            int32_t x = ox * cc->stride_w - cc->pad_w + kx * cc->dil_w;
                            if (y < 0 || y >= cc->in_h || x < 0 || x >= cc->in_w) continue;
                            for (int32_t i = 0; i < cc->k_c; ++i) {
                                int32_t iv = input[at4(cc->in_h, cc->in_w, cc->in_c, b, y, x,
                                                       i + g * cc->k_c)];
                                int32_t fv = filter[at4(cc->k_h, cc->k_w, cc->k_c, o, ky, kx, i)];
                                acc += (int64_t)fv * (iv + input_offset);
                            }
                        }
                    if (bias) acc += bias[o];
                    int32_t v = ref_requantize((int32_t)acc, mult[o], shift[o]) + output_offset;
                    output[at4(cc->out_h, cc->out_w, cc->out_c, b, oy, ox, o)] =
                        (int8_t)ref_clamp(v, act_min, act_max);
                }
}

static void naive_conv_f32(const conv_case *cc, float act_min, float act_max, const float *input,
                           const float *filter, const float *bias, float *output)
{
    int32_t groups = cc->in_c / cc->k_c, per_group = cc->out_c / groups;
    for (int32_t b = 0; b < cc->n; ++b)
        for (int32_t oy = 0; oy < cc->out_h; ++oy)
            for (int32_t ox = 0; ox < cc->out_w; ++ox)
                for (int32_t o = 0; o < cc->out_c; ++o) {
                    int32_t g = o / per_group;
                    float total = 0.0f;
                    for (int32_t ky = 0; ky < cc->k_h; ++ky)
                        for (int32_t kx = 0; kx < cc->k_w; ++kx) {
                            int32_t y = oy * cc->stride_h - cc->pad_h + ky * cc->dil_h;
                            int32_t x = ox * cc->stride_w - cc->pad_w + kx * cc->dil_w;
                            if (y < 0 || y >= cc->in_h || x < 0 || x >= cc->in_w) continue;
                            for (int32_t i = 0; i < cc->k_c; ++i)
                                total += input[at4(cc->in_h, cc->in_w, cc->in_c, b, y, x,
                                                   i + g * cc->k_c)] *
                                         filter[at4(cc->k_h, cc->k_w, cc->k_c, o, ky, kx, i)];
                        }
                    float v = total + (bias ? bias[o] : 0.0f);
                    v = v < act_min ? act_min : v;
                    v = act_max < v ? act_max : v;
                    output[at4(cc->out_h, cc->out_w, cc->out_c, b, oy, ox, o)] = v;
                }
}

static tflm_conv_params params_of(const conv_case *cc)
{
    return ref_conv_params(cc->stride_h, cc->stride_w, cc->dil_h, cc->dil_w, cc->pad_h, cc->pad_w,
                           1);
}

static void test_hand_same_padding(void)
{
    /* 3x3 input 1..9, 3x3 filter of ones, SAME, stride 1: each output is
     * the sum of the input inside the window (zero point 0), x 1.0.
     * Corner (0,0): 1+2+4+5 = 12; centre: 45; edge (0,1): 1+2+3+4+5+6 = 21. */
    int8_t input[9], filter[9];
    for (int i = 0; i < 9; ++i) {
        input[i] = (int8_t)(i + 1);
        filter[i] = 1;
    }
    const int32_t mult[1] = {1 << 30};
    const int8_t shift[1] = {1};
    tflm_per_channel_quant quant = {mult, shift, false};
    conv_case cc = {1, 3, 3, 1, 3, 3, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1};
    tflm_conv_params p = params_of(&cc);
    p.activation = (tflm_activation){-128, 127};
    tflm_dims in = {1, 3, 3, 1}, k = {1, 3, 3, 1}, bd = {1, 1, 1, 1}, out = {1, 3, 3, 1};
    int8_t output[9];
    tflm_conv_s8(&p, &quant, &in, input, &k, filter, &bd, NULL, &out, output);
    CHECK_EQ_INT(12, output[0]);
    CHECK_EQ_INT(21, output[1]);
    CHECK_EQ_INT(45, output[4]);
    CHECK_EQ_INT(28, output[8]); /* 5+6+8+9 */

    /* Input zero point 10 (offset -10): padding contributes nothing while
     * in-image taps add -10 each: corner 12 - 40 = -28, centre 45 - 90 = -45. */
    p.input_offset = -10;
    tflm_conv_s8(&p, &quant, &in, input, &k, filter, &bd, NULL, &out, output);
    CHECK_EQ_INT(-28, output[0]);
    CHECK_EQ_INT(-45, output[4]);
}

static void test_hand_per_channel(void)
{
    /* 1x1 convolution, 2 input channels, 3 output channels with their own
     * multipliers: x = {10, -4}; filters {1,1}, {2,0}, {0,-3}; bias {0, 1, 2}
     * acc = {6, 21, 14}; x 0.5, x 0.25, x 2 -> {3, 6, 28}. 21 x 0.25 = 5.25
     * becomes 6, not 5: TFLM rounds twice, 21 x 0.5 = 10.5 -> 11 in the Q31
     * multiply, then 11 / 2 = 5.5 -> 6 in the shift. */
    const int8_t input[2] = {10, -4};
    const int8_t filter[6] = {1, 1, 2, 0, 0, -3};
    const int32_t bias[3] = {0, 1, 2};
    const int32_t mult[3] = {1 << 30, 1 << 30, 1 << 30};
    const int8_t shift[3] = {0, -1, 2};
    tflm_per_channel_quant quant = {mult, shift, false};
    conv_case cc = {1, 1, 1, 2, 1, 1, 2, 3, 1, 1, 1, 1, 1, 1, 0, 0};
    tflm_conv_params p = params_of(&cc);
    p.activation = (tflm_activation){-128, 127};
    tflm_dims in = {1, 1, 1, 2}, k = {3, 1, 1, 2}, bd = {1, 1, 1, 3}, out = {1, 1, 1, 3};
    int8_t output[3];
    tflm_conv_s8(&p, &quant, &in, input, &k, filter, &bd, bias, &out, output);
    CHECK_EQ_INT(3, output[0]);
    CHECK_EQ_INT(6, output[1]);
    CHECK_EQ_INT(28, output[2]);
}

static void random_case(conv_case *cc)
{
    cc->n = rng_range(1, 2);
    cc->in_h = rng_range(1, 9);
    cc->in_w = rng_range(1, 9);
    int32_t groups = rng_range(0, 3) == 0 ? rng_range(2, 3) : 1;
    cc->k_c = rng_range(1, 5);
    cc->in_c = cc->k_c * groups;
    cc->out_c = groups * rng_range(1, 4);
    int same = rng_range(0, 1);
    for (;;) {
        cc->k_h = rng_range(1, 4);
        cc->k_w = rng_range(1, 4);
        cc->stride_h = rng_range(1, 3);
        cc->stride_w = rng_range(1, 3);
        cc->dil_h = rng_range(0, 3) == 0 ? 2 : 1;
        cc->dil_w = rng_range(0, 3) == 0 ? 2 : 1;
        if (same || ((cc->k_h - 1) * cc->dil_h < cc->in_h && (cc->k_w - 1) * cc->dil_w < cc->in_w))
            break;
    }
    ref_geometry(same, cc->in_h, cc->k_h, cc->stride_h, cc->dil_h, &cc->out_h, &cc->pad_h);
    ref_geometry(same, cc->in_w, cc->k_w, cc->stride_w, cc->dil_w, &cc->out_w, &cc->pad_w);
}

static void test_random_s8(void)
{
    enum { MAX = 4096 };
    static int8_t input[MAX], filter[MAX], got[MAX], want[MAX];
    static int32_t bias[64], mult[64];
    static int8_t shift[64];
    int mismatches = 0, cases = 0;
    for (int iter = 0; iter < 400; ++iter) {
        conv_case cc;
        random_case(&cc);
        int32_t in_n = cc.n * cc.in_h * cc.in_w * cc.in_c;
        int32_t k_n = cc.out_c * cc.k_h * cc.k_w * cc.k_c;
        int32_t out_n = cc.n * cc.out_h * cc.out_w * cc.out_c;
        for (int32_t i = 0; i < in_n; ++i) input[i] = (int8_t)rng_range(-128, 127);
        for (int32_t i = 0; i < k_n; ++i) filter[i] = (int8_t)rng_range(-127, 127);
        for (int32_t o = 0; o < cc.out_c; ++o) {
            bias[o] = rng_range(-5000, 5000);
            rng_multiplier(-10, 0, &mult[o], &shift[o]);
        }
        int32_t input_zp = iter % 5 == 0 ? -128 : iter % 5 == 1 ? 127 : rng_range(-128, 127);
        int32_t output_zp = rng_range(-128, 127);
        int32_t act_min = iter % 3 == 0 ? output_zp : -128, act_max = 127;
        const int32_t *b = iter % 4 == 3 ? NULL : bias;
        tflm_conv_params p = params_of(&cc);
        p.input_offset = -input_zp;
        p.output_offset = output_zp;
        p.activation = (tflm_activation){act_min, act_max};
        tflm_per_channel_quant quant = {mult, shift, false};
        tflm_dims in = {cc.n, cc.in_h, cc.in_w, cc.in_c}, k = {cc.out_c, cc.k_h, cc.k_w, cc.k_c},
                  bd = {1, 1, 1, cc.out_c}, out = {cc.n, cc.out_h, cc.out_w, cc.out_c};
        memset(got, 0x55, (size_t)out_n + 16);
        tflm_conv_s8(&p, &quant, &in, input, &k, filter, &bd, b, &out, got);
        naive_conv_s8(&cc, -input_zp, output_zp, act_min, act_max, mult, shift, input, filter, b,
                      want);
        if (memcmp(got, want, (size_t)out_n) != 0 || got[out_n] != 0x55) ++mismatches;
        ++cases;
    }
    CHECK_EQ_INT(0, mismatches);
    CHECK(cases == 400);
}

static void test_random_f32(void)
{
    enum { MAX = 4096 };
    static float input[MAX], filter[MAX], bias[64], got[MAX], want[MAX];
    int mismatches = 0;
    for (int iter = 0; iter < 200; ++iter) {
        conv_case cc;
        random_case(&cc);
        int32_t in_n = cc.n * cc.in_h * cc.in_w * cc.in_c;
        int32_t k_n = cc.out_c * cc.k_h * cc.k_w * cc.k_c;
        int32_t out_n = cc.n * cc.out_h * cc.out_w * cc.out_c;
        for (int32_t i = 0; i < in_n; ++i) input[i] = rng_float(-1, 1);
        for (int32_t i = 0; i < k_n; ++i) filter[i] = rng_float(-1, 1);
        for (int32_t o = 0; o < cc.out_c; ++o) bias[o] = rng_float(-1, 1);
        tflm_conv_params p = params_of(&cc);
        p.activation_f32 = iter % 2 ? (tflm_activation_f32){0.0f, 6.0f}
                                    : (tflm_activation_f32){-3.402823466e+38f, 3.402823466e+38f};
        tflm_dims in = {cc.n, cc.in_h, cc.in_w, cc.in_c}, k = {cc.out_c, cc.k_h, cc.k_w, cc.k_c},
                  bd = {1, 1, 1, cc.out_c}, out = {cc.n, cc.out_h, cc.out_w, cc.out_c};
        const float *b = iter % 3 == 2 ? NULL : bias;
        tflm_conv_f32(&p, &in, input, &k, filter, &bd, b, &out, got);
        naive_conv_f32(&cc, p.activation_f32.min, p.activation_f32.max, input, filter, b, want);
        if (memcmp(got, want, sizeof(float) * (size_t)out_n) != 0) ++mismatches;
    }
    CHECK_EQ_INT(0, mismatches);
}


/* ---- Node glue through the kernel harness ----------------------------------- */

static const float filter_scales[3] = {0.004f, 0.0007f, 0.02f};
static const int64_t filter_zps[3] = {0, 0, 0};

static void setup_node(tflm_context *ctx, int8_t *input, int8_t *filter, int32_t *bias,
                       int8_t *output)
{
    harness_init(ctx, &tflm_op_conv_2d, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 5, 5, 2}, 4, input, 0.06f, -7);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){3, 3, 3, 2}, 4, filter, 1.0f, 0);
    harness_per_channel(ctx, 1, filter_scales, filter_zps, 3, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){3}, 1, bias, 0.0f, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 3, 3}, 4, output, 0.05f, -128);
    HARNESS_OPTION_INT(ctx, CONV_2D, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_W, 2);
    HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_H, 2);
    HARNESS_OPTION_INT(ctx, CONV_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
}

static void test_node(void)
{
    static tflm_context ctx;
    int8_t input[50], filter[54], output[27], want[27];
    int32_t bias[3];
    for (int i = 0; i < 50; ++i) input[i] = (int8_t)rng_range(-128, 127);
    for (int i = 0; i < 54; ++i) filter[i] = (int8_t)rng_range(-127, 127);
    for (int i = 0; i < 3; ++i) bias[i] = rng_range(-3000, 3000);
    setup_node(&ctx, input, filter, bias, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    /* SAME, stride 2: 5 -> 3, padding (3-1)*2 + 3 - 5 = 2 -> 1 before. */
    conv_case cc = {1, 5, 5, 2, 3, 3, 2, 3, 3, 3, 2, 2, 1, 1, 1, 1};
    int32_t mult[3], lo, hi;
    int8_t shift[3];
    ref_channel_multipliers(0.06f, filter_scales, 0.05f, 3, mult, shift);
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, 0.05f, -128, -128, 127, &lo, &hi);
    CHECK_EQ_INT(-8, hi); /* -128 + 120 */
    naive_conv_s8(&cc, 7, -128, lo, hi, mult, shift, input, filter, bias, want);
    CHECK(memcmp(output, want, sizeof want) == 0);

    /* Errors prepare reports. */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 3, 3}, 4, output, 0.05f, -128);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output 2x3, window gives 3x3 */
    setup_node(&ctx, input, filter, bias, output);
    ctx.quantization[1].quantized_dimension = 3;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* dim 3 has 2, not 3 channels */
    setup_node(&ctx, input, filter, bias, output);
    ctx.quantization[1].scale_count = 2;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    setup_node(&ctx, input, filter, bias, output);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_W, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* stride 0 */
    setup_node(&ctx, input, filter, bias, output);
    HARNESS_OPTION_INT(&ctx, CONV_2D, DILATION_W_FACTOR, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* dilation 0 */
    setup_node(&ctx, input, filter, bias, output);
    HARNESS_OPTION_INT(&ctx, CONV_2D, PADDING, 2);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* padding 2 */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){2}, 1, bias, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* bias count */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 5, 5, 3}, 4, input, 0.06f, -7);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* 3 channels, filter has 2 */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 5, 5, 2}, 4, input, 0.06f, 200);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* zero point out of range */
    /* Found by fuzz_prepare: a filter with more input channels (2) than
     * the input (1) makes zero groups, and the group check divided by it. */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 5, 5, 1}, 4, input, 0.06f, -7);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* Found by fuzzing: input x filter / output scales of 2^31 or more
     * would shift the accumulator left by 32 or more in invoke (UB). */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 3, 3}, 4, output, 1e-30f, -128);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

static void test_node_f32_grouped(void)
{
    /* Two groups: input 4 channels, filter in_c 2, 4 output channels; VALID, dilation 2. */
    static tflm_context ctx;
    float input[1 * 6 * 6 * 4], filter[4 * 2 * 2 * 2], output[1 * 4 * 4 * 4], want[64];
    for (size_t i = 0; i < sizeof input / sizeof *input; ++i) input[i] = rng_float(-1, 1);
    for (size_t i = 0; i < sizeof filter / sizeof *filter; ++i) filter[i] = rng_float(-1, 1);
    harness_init(&ctx, &tflm_op_conv_2d, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 6, 6, 4}, 4, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){4, 2, 2, 2}, 4, filter, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 4, 4, 4}, 4, output, 0, 0);
    HARNESS_OPTION_INT(&ctx, CONV_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(&ctx, CONV_2D, STRIDE_H, 1);
    HARNESS_OPTION_INT(&ctx, CONV_2D, DILATION_W_FACTOR, 2);
    HARNESS_OPTION_INT(&ctx, CONV_2D, DILATION_H_FACTOR, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    conv_case cc = {1, 6, 6, 4, 2, 2, 2, 4, 4, 4, 1, 1, 2, 2, 0, 0};
    naive_conv_f32(&cc, -3.402823466e+38f, 3.402823466e+38f, input, filter, NULL, want);
    CHECK(memcmp(output, want, sizeof want) == 0);
    harness_free(&ctx);
}

int main(void)
{
    test_hand_same_padding();
    test_hand_per_channel();
    test_random_s8();
    test_random_f32();
    test_node();
    test_node_f32_grouped();
    TEST_MAIN_END();
}
