/* DEPTHWISE_CONV_2D compute functions against hand-worked cases and an
 * independent naive implementation written like TFLM's reference. */
#include "kernel_harness.h"
#include "kernels/depthwise_conv.h"
#include "kernels/fixed_point.h"
#include "kernels/kernel_util.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

typedef struct dw_case {
    int32_t n, in_h, in_w, in_c, mult, k_h, k_w, out_h, out_w;
    int32_t stride_h, stride_w, dil_h, dil_w, pad_h, pad_w;
} dw_case;

static void naive_dw_s8(const dw_case *c, int32_t input_offset, int32_t output_offset,
                        int32_t act_min, int32_t act_max, const int32_t *mult,
                        const int8_t *shift, const int8_t *input, const int8_t *filter,
                        const int32_t *bias, int8_t *output)
{
    int32_t out_c = c->in_c * c->mult;
    for (int32_t b = 0; b < c->n; ++b)
        for (int32_t oy = 0; oy < c->out_h; ++oy)
            for (int32_t ox = 0; ox < c->out_w; ++ox)
                for (int32_t ic = 0; ic < c->in_c; ++ic)
                    for (int32_t m = 0; m < c->mult; ++m) {
                        int32_t oc = m + ic * c->mult;
                        int64_t acc = 0;
                        for (int32_t ky = 0; ky < c->k_h; ++ky)
                            for (int32_t kx = 0; kx < c->k_w; ++kx) {
                                int32_t y = oy * c->stride_h - c->pad_h + ky * c->dil_h;
                                int32_t x = ox * c->stride_w - c->pad_w + kx * c->dil_w;
                                if (y < 0 || y >= c->in_h || x < 0 || x >= c->in_w) continue;
                                int32_t iv = input[((b * c->in_h + y) * c->in_w + x) * c->in_c + ic];
                                int32_t fv = filter[(ky * c->k_w + kx) * out_c + oc];
                                acc += (int64_t)fv * (iv + input_offset);
                            }
                        if (bias) acc += bias[oc];
                        int32_t v = ref_requantize((int32_t)acc, mult[oc], shift[oc]) + output_offset;
                        output[((b * c->out_h + oy) * c->out_w + ox) * out_c + oc] =
                            (int8_t)ref_clamp(v, act_min, act_max);
                    }
}

static void naive_dw_f32(const dw_case *c, float act_min, float act_max, const float *input,
                         const float *filter, const float *bias, float *output)
{
    int32_t out_c = c->in_c * c->mult;
    for (int32_t b = 0; b < c->n; ++b)
        for (int32_t oy = 0; oy < c->out_h; ++oy)
            for (int32_t ox = 0; ox < c->out_w; ++ox)
                for (int32_t ic = 0; ic < c->in_c; ++ic)
                    for (int32_t m = 0; m < c->mult; ++m) {
                        int32_t oc = m + ic * c->mult;
                        float total = 0.0f;
                        for (int32_t ky = 0; ky < c->k_h; ++ky)
                            for (int32_t kx = 0; kx < c->k_w; ++kx) {
                                int32_t y = oy * c->stride_h - c->pad_h + ky * c->dil_h;
                                int32_t x = ox * c->stride_w - c->pad_w + kx * c->dil_w;
                                if (y < 0 || y >= c->in_h || x < 0 || x >= c->in_w) continue;
                                total += input[((b * c->in_h + y) * c->in_w + x) * c->in_c + ic] *
                                         filter[(ky * c->k_w + kx) * out_c + oc];
                            }
                        float v = total + (bias ? bias[oc] : 0.0f);
                        v = v < act_min ? act_min : v;
                        v = act_max < v ? act_max : v;
                        output[((b * c->out_h + oy) * c->out_w + ox) * out_c + oc] = v;
                    }
}

static tflm_conv_params params_of(const dw_case *c)
{
    return ref_conv_params(c->stride_h, c->stride_w, c->dil_h, c->dil_w, c->pad_h, c->pad_w,
                           c->mult);
}

static void test_hand_multiplier(void)
{
    /* 2x2 input, 1 channel, depth multiplier 2, 2x2 VALID filter:
     * input {1,2,3,4}; filter channel 0 = {1,1,1,1}, channel 1 = {1,-1,0,2}
     * (stored [ky][kx][oc]). acc0 = 10, acc1 = 1 - 2 + 8 = 7; bias {1, -1};
     * x 1.0 and x 2.0 -> {11, 12}; output zero point -3 -> {8, 9}. */
    const int8_t input[4] = {1, 2, 3, 4};
    const int8_t filter[8] = {1, 1, 1, -1, 1, 0, 1, 2};
    const int32_t bias[2] = {1, -1};
    const int32_t mult[2] = {1 << 30, 1 << 30};
    const int8_t shift[2] = {1, 2};
    tflm_per_channel_quant quant = {mult, shift, false};
    dw_case c = {1, 2, 2, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0};
    tflm_conv_params p = params_of(&c);
    p.output_offset = -3;
    p.activation = (tflm_activation){-128, 127};
    tflm_dims in = {1, 2, 2, 1}, k = {1, 2, 2, 2}, bd = {1, 1, 1, 2}, out = {1, 1, 1, 2};
    int8_t output[2];
    tflm_depthwise_conv_s8(&p, &quant, &in, input, &k, filter, &bd, bias, &out, output);
    CHECK_EQ_INT(8, output[0]);
    CHECK_EQ_INT(9, output[1]);
    /* RELU6-like clamp [zp, zp + 10] = [-3, 7]. */
    p.activation = (tflm_activation){-3, 7};
    tflm_depthwise_conv_s8(&p, &quant, &in, input, &k, filter, &bd, bias, &out, output);
    CHECK_EQ_INT(7, output[0]);
    CHECK_EQ_INT(7, output[1]);
}

static void random_case(dw_case *c)
{
    c->n = rng_range(1, 2);
    c->in_h = rng_range(1, 10);
    c->in_w = rng_range(1, 10);
    c->in_c = rng_range(1, 6);
    c->mult = rng_range(0, 2) == 0 ? rng_range(2, 4) : 1;
    int same = rng_range(0, 1);
    for (;;) {
        c->k_h = rng_range(1, 5);
        c->k_w = rng_range(1, 5);
        c->stride_h = rng_range(1, 3);
        c->stride_w = rng_range(1, 3);
        c->dil_h = rng_range(0, 3) == 0 ? rng_range(2, 3) : 1;
        c->dil_w = rng_range(0, 3) == 0 ? rng_range(2, 3) : 1;
        if (same || ((c->k_h - 1) * c->dil_h < c->in_h && (c->k_w - 1) * c->dil_w < c->in_w))
            break;
    }
    ref_geometry(same, c->in_h, c->k_h, c->stride_h, c->dil_h, &c->out_h, &c->pad_h);
    ref_geometry(same, c->in_w, c->k_w, c->stride_w, c->dil_w, &c->out_w, &c->pad_w);
}

static void test_random(void)
{
    enum { MAX = 4096 };
    static int8_t input[MAX], filter[MAX], got[MAX], want[MAX];
    static float finput[MAX], ffilter[MAX], fbias[64], fgot[MAX], fwant[MAX];
    static int32_t bias[64], mult[64];
    static int8_t shift[64];
    int mismatches = 0, fmismatches = 0;
    for (int iter = 0; iter < 400; ++iter) {
        dw_case c;
        random_case(&c);
        int32_t out_c = c.in_c * c.mult;
        int32_t in_n = c.n * c.in_h * c.in_w * c.in_c, k_n = c.k_h * c.k_w * out_c;
        int32_t out_n = c.n * c.out_h * c.out_w * out_c;
        for (int32_t i = 0; i < in_n; ++i) {
            input[i] = (int8_t)rng_range(-128, 127);
            finput[i] = rng_float(-1, 1);
        }
        for (int32_t i = 0; i < k_n; ++i) {
            filter[i] = (int8_t)rng_range(-127, 127);
            ffilter[i] = rng_float(-1, 1);
        }
        for (int32_t o = 0; o < out_c; ++o) {
            bias[o] = rng_range(-3000, 3000);
            fbias[o] = rng_float(-1, 1);
            rng_multiplier(-10, 1, &mult[o], &shift[o]);
        }
        int32_t input_zp = iter % 5 == 0 ? -128 : iter % 5 == 1 ? 127 : rng_range(-128, 127);
        int32_t output_zp = rng_range(-128, 127);
        int32_t act_min = iter % 3 == 0 ? output_zp : -128;
        int32_t act_max = iter % 7 == 0 ? rng_range(output_zp, 127) : 127;
        const int32_t *b = iter % 4 == 3 ? NULL : bias;
        tflm_conv_params p = params_of(&c);
        p.input_offset = -input_zp;
        p.output_offset = output_zp;
        p.activation = (tflm_activation){act_min, act_max};
        p.activation_f32 = iter % 2 ? (tflm_activation_f32){0.0f, 6.0f}
                                    : (tflm_activation_f32){-3.402823466e+38f, 3.402823466e+38f};
        tflm_per_channel_quant quant = {mult, shift, false};
        tflm_dims in = {c.n, c.in_h, c.in_w, c.in_c}, k = {1, c.k_h, c.k_w, out_c},
                  bd = {1, 1, 1, out_c}, out = {c.n, c.out_h, c.out_w, out_c};
        memset(got, 0x55, (size_t)out_n + 16);
        tflm_depthwise_conv_s8(&p, &quant, &in, input, &k, filter, &bd, b, &out, got);
        naive_dw_s8(&c, -input_zp, output_zp, act_min, act_max, mult, shift, input, filter, b,
                    want);
        if (memcmp(got, want, (size_t)out_n) != 0 || got[out_n] != 0x55) ++mismatches;

        const float *fb = iter % 4 == 3 ? NULL : fbias;
        tflm_depthwise_conv_f32(&p, &in, finput, &k, ffilter, &bd, fb, &out, fgot);
        naive_dw_f32(&c, p.activation_f32.min, p.activation_f32.max, finput, ffilter, fb, fwant);
        if (memcmp(fgot, fwant, sizeof(float) * (size_t)out_n) != 0) ++fmismatches;
    }
    CHECK_EQ_INT(0, mismatches);
    CHECK_EQ_INT(0, fmismatches);
}


/* ---- Node glue through the kernel harness ----------------------------------- */

static const float dw_scales[4] = {0.016f, 0.004f, 0.009f, 0.0005f};
static const int64_t dw_zps[4] = {0, 0, 0, 0};

/* person_detect's first layer in small: 1 input channel, depth multiplier 4,
 * 3x3 filter [1, 3, 3, 4] quantized along dimension 3, stride 2, SAME, RELU6;
 * the bias carries quantized_dimension 3 as in that model (ignored). */
static void setup_node(tflm_context *ctx, int8_t *input, int8_t *filter, int32_t *bias,
                       int8_t *output)
{
    harness_init(ctx, &tflm_op_depthwise_conv_2d, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 6, 6, 1}, 4, input, 0.0078f, -1);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 3, 4}, 4, filter, 1.0f, 0);
    harness_per_channel(ctx, 1, dw_scales, dw_zps, 4, 3);
    harness_tensor(ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){4}, 1, bias, 0.0001f, 0);
    ctx->quantization[2].quantized_dimension = 3;
    harness_tensor(ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 3, 3, 4}, 4, output, 0.0235294f,
                   -128);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_W, 2);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, STRIDE_H, 2);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, DEPTH_MULTIPLIER, 4);
    HARNESS_OPTION_INT(ctx, DEPTHWISE_CONV_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
}

static void test_node(void)
{
    static tflm_context ctx;
    int8_t input[36], filter[36], output[36], want[36];
    int32_t bias[4];
    for (int i = 0; i < 36; ++i) {
        input[i] = (int8_t)rng_range(-128, 127);
        filter[i] = (int8_t)rng_range(-127, 127);
    }
    for (int i = 0; i < 4; ++i) bias[i] = rng_range(-3000, 3000);
    setup_node(&ctx, input, filter, bias, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    /* SAME, stride 2: 6 -> 3, padding (3-1)*2 + 3 - 6 = 1 -> 0 before. */
    dw_case c = {1, 6, 6, 1, 4, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0};
    int32_t mult[4], lo, hi;
    int8_t shift[4];
    ref_channel_multipliers(0.0078f, dw_scales, 0.0235294f, 4, mult, shift);
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, 0.0235294f, -128, -128, 127, &lo, &hi);
    naive_dw_s8(&c, 1, -128, lo, hi, mult, shift, input, filter, bias, want);
    CHECK(memcmp(output, want, sizeof want) == 0);

    setup_node(&ctx, input, filter, bias, output);
    HARNESS_OPTION_INT(&ctx, DEPTHWISE_CONV_2D, DEPTH_MULTIPLIER, 2);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* 1 x 2 != 4 channels */
    setup_node(&ctx, input, filter, bias, output);
    ctx.quantization[1].quantized_dimension = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* dim 0 has 1, not 4 */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 3, 3, 2}, 4, filter, 0.01f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* filter not [1, kh, kw, 4] */
    setup_node(&ctx, input, filter, bias, output);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 3, 3, 4}, 4, output, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_hand_multiplier();
    test_random();
    test_node();
    TEST_MAIN_END();
}
