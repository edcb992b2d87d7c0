/* AVERAGE_POOL_2D / MAX_POOL_2D / L2_POOL_2D compute functions: TFLM's rounding of the
 * int8 and int16 average, windows clipped at the borders, activation clamps, and
 * random shapes against a naive implementation. */
#include <math.h>

#include "kernel_harness.h"
#include "kernels/kernel_util.h"
#include "kernels/pooling.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static const tflm_activation full = {-128, 127};
static const tflm_activation_f32 full_f = {-3.402823466e+38f, 3.402823466e+38f};

/* One 1xN window over a 1xN input: the average of the given values. */
static int8_t average_of(const int8_t *values, int32_t count, tflm_activation act)
{
    tflm_pool_params p = {.stride_w = 1, .stride_h = 1, .filter_w = count, .filter_h = 1,
                          .activation = act};
    tflm_dims in = {1, 1, count, 1}, out = {1, 1, 1, 1};
    int8_t result;
    tflm_average_pool_s8(&p, &in, values, &out, &result);
    return result;
}

static void test_average_rounding(void)
{
    /* sum > 0: (sum + n/2) / n; otherwise (sum - n/2) / n (C truncation). */
    const int8_t a[2] = {1, 2};     /* 1.5  -> 2   */
    const int8_t b[2] = {-1, -2};   /* -1.5 -> -2  */
    const int8_t c[2] = {0, -1};    /* -0.5 -> -1  */
    const int8_t d[2] = {0, 1};     /* 0.5  -> 1   */
    const int8_t e[4] = {-2, -1, -1, -1}; /* -1.25 -> (-5 - 2) / 4 = -1 */
    const int8_t f[4] = {-2, -2, -1, -1}; /* -1.5  -> (-6 - 2) / 4 = -2 */
    const int8_t g[3] = {1, 0, 0};  /* 0.333 -> (1 + 1) / 3 = 0 */
    const int8_t h[3] = {1, 1, 0};  /* 0.667 -> (2 + 1) / 3 = 1 */
    const int8_t i[3] = {-1, -1, 0}; /* -0.667 -> (-2 - 1) / 3 = -1 */
    const int8_t j[4] = {127, 127, 127, 126};    /* 126.75 -> 127 */
    const int8_t k[4] = {-128, -128, -128, -127}; /* -127.75 -> -128 */
    CHECK_EQ_INT(2, average_of(a, 2, full));
    CHECK_EQ_INT(-2, average_of(b, 2, full));
    CHECK_EQ_INT(-1, average_of(c, 2, full));
    CHECK_EQ_INT(1, average_of(d, 2, full));
    CHECK_EQ_INT(-1, average_of(e, 4, full));
    CHECK_EQ_INT(-2, average_of(f, 4, full));
    CHECK_EQ_INT(0, average_of(g, 3, full));
    CHECK_EQ_INT(1, average_of(h, 3, full));
    CHECK_EQ_INT(-1, average_of(i, 3, full));
    CHECK_EQ_INT(127, average_of(j, 4, full));
    CHECK_EQ_INT(-128, average_of(k, 4, full));
    /* The activation clamps the rounded average. */
    CHECK_EQ_INT(-1, average_of(b, 2, (tflm_activation){-1, 127}));
    CHECK_EQ_INT(1, average_of(a, 2, (tflm_activation){-128, 1}));
}

static void test_borders(void)
{
    /* 3x3 input 1..9 (one channel), 2x2 window, stride 2, SAME: output 2x2,
     * padding total (2-1)*2 + 2 - 3 = 1 -> 0 before, 1 after. Windows:
     * (0,0) {1,2,4,5} avg 3 max 5; (0,1) {3,6} avg 4.5 -> 5, max 6;
     * (1,0) {7,8} avg 7.5 -> 8, max 8; (1,1) {9} avg 9, max 9. */
    int8_t input[9];
    float finput[9];
    for (int n = 0; n < 9; ++n) {
        input[n] = (int8_t)(n + 1);
        finput[n] = (float)(n + 1);
    }
    tflm_pool_params p = {.stride_w = 2, .stride_h = 2, .filter_w = 2, .filter_h = 2,
                          .pad_w = 0, .pad_h = 0, .activation = full, .activation_f32 = full_f};
    tflm_dims in = {1, 3, 3, 1}, out = {1, 2, 2, 1};
    int8_t avg[4], max[4];
    float favg[4], fmax[4];
    tflm_average_pool_s8(&p, &in, input, &out, avg);
    tflm_max_pool_s8(&p, &in, input, &out, max);
    tflm_average_pool_f32(&p, &in, finput, &out, favg);
    tflm_max_pool_f32(&p, &in, finput, &out, fmax);
    CHECK_EQ_INT(3, avg[0]);
    CHECK_EQ_INT(5, avg[1]);
    CHECK_EQ_INT(8, avg[2]);
    CHECK_EQ_INT(9, avg[3]);
    CHECK_EQ_INT(5, max[0]);
    CHECK_EQ_INT(6, max[1]);
    CHECK_EQ_INT(8, max[2]);
    CHECK_EQ_INT(9, max[3]);
    CHECK(favg[0] == 3.0f && favg[1] == 4.5f && favg[2] == 7.5f && favg[3] == 9.0f);
    CHECK(fmax[0] == 5.0f && fmax[1] == 6.0f && fmax[2] == 8.0f && fmax[3] == 9.0f);

    /* 3x3 window, stride 1, SAME (pad 1) on the same input: the corner
     * averages 4 values {1,2,4,5} = 3, the edge (0,1) 6 values 21/6 = 3.5 -> 4. */
    tflm_pool_params q = {.stride_w = 1, .stride_h = 1, .filter_w = 3, .filter_h = 3,
                          .pad_w = 1, .pad_h = 1, .activation = full, .activation_f32 = full_f};
    tflm_dims out3 = {1, 3, 3, 1};
    int8_t avg3[9], max3[9];
    tflm_average_pool_s8(&q, &in, input, &out3, avg3);
    tflm_max_pool_s8(&q, &in, input, &out3, max3);
    CHECK_EQ_INT(3, avg3[0]);
    CHECK_EQ_INT(4, avg3[1]);
    CHECK_EQ_INT(5, avg3[4]);
    CHECK_EQ_INT(5, max3[0]);
    CHECK_EQ_INT(9, max3[4]);

    /* Max pool of all -128 with a RELU clamp at zero point -100. */
    int8_t low[9];
    memset(low, 0x80, sizeof low);
    q.activation = (tflm_activation){-100, 127};
    tflm_max_pool_s8(&q, &in, low, &out3, max3);
    CHECK_EQ_INT(-100, max3[0]);
    CHECK_EQ_INT(-100, max3[8]);
    /* Float RELU6 clamp of a max. */
    q.activation_f32 = (tflm_activation_f32){0.0f, 6.0f};
    float fmax3[9];
    tflm_max_pool_f32(&q, &in, finput, &out3, fmax3);
    CHECK(fmax3[0] == 5.0f && fmax3[4] == 6.0f);
}

static void test_random(void)
{
    enum { MAX = 4096 };
    static int8_t input[MAX], got_avg[MAX], got_max[MAX];
    static float finput[MAX], fgot_avg[MAX], fgot_max[MAX];
    static int16_t input16[MAX], got_avg16[MAX], got_max16[MAX];
    static float fgot_l2[MAX];
    int mismatches = 0;
    for (int iter = 0; iter < 300; ++iter) {
        int32_t n = rng_range(1, 2), h = rng_range(1, 10), w = rng_range(1, 10), c = rng_range(1, 8);
        int32_t fh = rng_range(1, 4), fw = rng_range(1, 4), sh = rng_range(1, 3), sw = rng_range(1, 3);
        int same = rng_range(0, 1) || fh > h || fw > w;
        int32_t oh = same ? (h + sh - 1) / sh : (h - fh) / sh + 1;
        int32_t ow = same ? (w + sw - 1) / sw : (w - fw) / sw + 1;
        int32_t th = (oh - 1) * sh + fh - h, tw = (ow - 1) * sw + fw - w;
        tflm_pool_params p = {.stride_w = sw, .stride_h = sh, .filter_w = fw, .filter_h = fh,
                              .pad_w = tw > 0 ? tw / 2 : 0, .pad_h = th > 0 ? th / 2 : 0,
                              .activation = {iter % 3 == 0 ? rng_range(-128, 0) : -128, 127},
                              .activation_f32 = full_f};
        for (int32_t i = 0; i < n * h * w * c; ++i) {
            input[i] = (int8_t)rng_range(-128, 127);
            finput[i] = rng_float(-4, 4);
            input16[i] = (int16_t)rng_range(-32768, 32767);
        }
        tflm_dims in = {n, h, w, c}, out = {n, oh, ow, c};
        tflm_average_pool_s8(&p, &in, input, &out, got_avg);
        tflm_max_pool_s8(&p, &in, input, &out, got_max);
        tflm_average_pool_f32(&p, &in, finput, &out, fgot_avg);
        tflm_max_pool_f32(&p, &in, finput, &out, fgot_max);
        tflm_l2_pool_f32(&p, &in, finput, &out, fgot_l2);
        tflm_pool_params p16 = p;
        p16.activation = (tflm_activation){iter % 3 == 0 ? rng_range(-32768, 0) : -32768, 32767};
        tflm_average_pool_s16(&p16, &in, input16, &out, got_avg16);
        tflm_max_pool_s16(&p16, &in, input16, &out, got_max16);
        for (int32_t b = 0; b < n; ++b)
            for (int32_t oy = 0; oy < oh; ++oy)
                for (int32_t ox = 0; ox < ow; ++ox)
                    for (int32_t ch = 0; ch < c; ++ch) {
                        int32_t sum = 0, count = 0, mx = -128, sum16 = 0, mx16 = -32768;
                        float fsum = 0.0f, fmx = -3.402823466e+38f, fsquares = 0.0f;
                        for (int32_t ky = 0; ky < fh; ++ky)
                            for (int32_t kx = 0; kx < fw; ++kx) {
                                int32_t y = oy * sh - p.pad_h + ky, x = ox * sw - p.pad_w + kx;
                                if (y < 0 || y >= h || x < 0 || x >= w) continue;
                                size_t at = (((size_t)b * h + y) * w + x) * c + ch;
                                sum += input[at];
                                mx = input[at] > mx ? input[at] : mx;
                                sum16 += input16[at];
                                mx16 = input16[at] > mx16 ? input16[at] : mx16;
                                fsum += finput[at];
                                fsquares += finput[at] * finput[at];
                                fmx = finput[at] > fmx ? finput[at] : fmx;
                                ++count;
                            }
                        /* Round half away from zero, from the definition. */
                        double exact = (double)sum / count;
                        int32_t avg = (int32_t)(exact >= 0 ? exact + 0.5 : exact - 0.5);
                        avg = ref_clamp(avg, p.activation.min, 127);
                        mx = ref_clamp(mx, p.activation.min, 127);
                        size_t o = (((size_t)b * oh + oy) * ow + ox) * c + ch;
                        if (got_avg[o] != avg || got_max[o] != mx) ++mismatches;
                        exact = (double)sum16 / count;
                        int32_t avg16 = (int32_t)(exact >= 0 ? exact + 0.5 : exact - 0.5);
                        avg16 = ref_clamp(avg16, p16.activation.min, 32767);
                        mx16 = ref_clamp(mx16, p16.activation.min, 32767);
                        if (got_avg16[o] != avg16 || got_max16[o] != mx16) ++mismatches;
                        if (fgot_avg[o] != fsum / (float)count || fgot_max[o] != fmx) ++mismatches;
                        if (fgot_l2[o] != sqrtf(fsquares / (float)count)) ++mismatches;
                    }
    }
    CHECK_EQ_INT(0, mismatches);
}


/* ---- Node glue through the kernel harness ----------------------------------- */

static void setup_node(tflm_context *ctx, const tflm_kernel *kernel, int8_t *input, int8_t *output)
{
    harness_init(ctx, kernel, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 4, 4, 1}, 4, input, 0.1f, -128);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 2, 1}, 4, output, 0.1f, -128);
    HARNESS_OPTION_INT(ctx, POOL_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, POOL_2D, STRIDE_W, 2);
    HARNESS_OPTION_INT(ctx, POOL_2D, STRIDE_H, 2);
    HARNESS_OPTION_INT(ctx, POOL_2D, FILTER_WIDTH, 2);
    HARNESS_OPTION_INT(ctx, POOL_2D, FILTER_HEIGHT, 2);
    HARNESS_OPTION_INT(ctx, POOL_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
}

static void test_node(void)
{
    static tflm_context ctx;
    /* 4x4 input, 2x2 windows, stride 2, VALID; RELU6 at scale 0.1 and zero
     * point -128 clamps to [-128, -68]. */
    int8_t input[16] = {-128, -127, 0, 10, -100, -101, 1, 1, -60, -60, -128, -128, -61, -60, -128, -127};
    int8_t output[4];
    setup_node(&ctx, &tflm_op_average_pool_2d, input, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-114, output[0]);   /* -456 / 4 = -114 */
    CHECK_EQ_INT(-68, output[1]);    /* 3 (12 / 4) clamps to -68 */
    CHECK_EQ_INT(-68, output[2]);    /* -60.25 -> -60 -> -68 */
    CHECK_EQ_INT(-128, output[3]);   /* -127.75 -> -128 */
    setup_node(&ctx, &tflm_op_max_pool_2d, input, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-100, output[0]);
    CHECK_EQ_INT(-68, output[1]);
    CHECK_EQ_INT(-68, output[2]);
    CHECK_EQ_INT(-127, output[3]);

    setup_node(&ctx, &tflm_op_average_pool_2d, input, output);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 2, 1}, 4, output, 0.1f, -127);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* zero points differ */
    setup_node(&ctx, &tflm_op_average_pool_2d, input, output);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 2, 1}, 4, output, 0.2f, -128);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* scales differ */
    setup_node(&ctx, &tflm_op_max_pool_2d, input, output);
    HARNESS_OPTION_INT(&ctx, POOL_2D, FILTER_WIDTH, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* filter width 0 */
    setup_node(&ctx, &tflm_op_max_pool_2d, input, output);
    HARNESS_OPTION_INT(&ctx, POOL_2D, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(&ctx, POOL_2D, STRIDE_W, 1);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* SAME stride 1 gives 4 columns */

    /* float average, SAME 3x3 stride 1 on 2x2: every window holds all 4. */
    float fin[4] = {1.0f, 2.0f, 3.0f, 5.0f}, fout[4];
    harness_init(&ctx, &tflm_op_average_pool_2d, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 2, 1}, 4, fin, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 2, 1}, 4, fout, 0, 0);
    HARNESS_OPTION_INT(&ctx, POOL_2D, PADDING, TFLM_PADDING_SAME);
    HARNESS_OPTION_INT(&ctx, POOL_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(&ctx, POOL_2D, STRIDE_H, 1);
    HARNESS_OPTION_INT(&ctx, POOL_2D, FILTER_WIDTH, 3);
    HARNESS_OPTION_INT(&ctx, POOL_2D, FILTER_HEIGHT, 3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(fout[0] == 2.75f && fout[3] == 2.75f);
    harness_free(&ctx);
}

static void setup_node16(tflm_context *ctx, const tflm_kernel *kernel, int16_t *input,
                         int16_t *output, float scale)
{
    harness_init(ctx, kernel, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 2, 2, 1}, 4, input, 0.001f, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 1, 1}, 4, output, scale, 0);
    HARNESS_OPTION_INT(ctx, POOL_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(ctx, POOL_2D, STRIDE_W, 1);
    HARNESS_OPTION_INT(ctx, POOL_2D, STRIDE_H, 1);
    HARNESS_OPTION_INT(ctx, POOL_2D, FILTER_WIDTH, 2);
    HARNESS_OPTION_INT(ctx, POOL_2D, FILTER_HEIGHT, 2);
    HARNESS_OPTION_INT(ctx, POOL_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
}

static void test_node_int16(void)
{
    static tflm_context ctx;
    /* RELU6 at scale 0.001: [0, 6000]. */
    int16_t input[4] = {30000, 30001, -5, 2}, output[1];
    setup_node16(&ctx, &tflm_op_average_pool_2d, input, output, 0.001f);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(6000, output[0]); /* 59998 / 4 = 15000 (rounded), clamped */
    int16_t small[4] = {1, 2, 2, 2};
    setup_node16(&ctx, &tflm_op_average_pool_2d, small, output, 0.001f);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(2, output[0]); /* 7 / 4 = 1.75 -> 2 */
    setup_node16(&ctx, &tflm_op_max_pool_2d, small, output, 0.001f);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(2, output[0]);
    setup_node16(&ctx, &tflm_op_max_pool_2d, small, output, 0.002f);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* scales differ */
    setup_node16(&ctx, &tflm_op_max_pool_2d, small, output, 0.001f);
    ctx.tensors[1].type = TFLM_TYPE_INT8;
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* output type differs */
    harness_free(&ctx);
}

static void test_node_l2(void)
{
    static tflm_context ctx;
    /* 2x2 windows of a 2x4 input, stride 2, VALID: sqrt((1+4+9+16)/4),
     * sqrt((0+0+9+0)/4); RELU6 clamps nothing here. */
    float input[8] = {1, -2, 0, 0, 3, 4, 3, 0}, output[2];
    harness_init(&ctx, &tflm_op_l2_pool_2d, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 4, 1}, 4, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 2, 1}, 4, output, 0, 0);
    HARNESS_OPTION_INT(&ctx, POOL_2D, PADDING, TFLM_PADDING_VALID);
    HARNESS_OPTION_INT(&ctx, POOL_2D, STRIDE_W, 2);
    HARNESS_OPTION_INT(&ctx, POOL_2D, STRIDE_H, 2);
    HARNESS_OPTION_INT(&ctx, POOL_2D, FILTER_WIDTH, 2);
    HARNESS_OPTION_INT(&ctx, POOL_2D, FILTER_HEIGHT, 2);
    HARNESS_OPTION_INT(&ctx, POOL_2D, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(output[0] == sqrtf(7.5f) && output[1] == 1.5f);
    int8_t input8[8] = {0}, output8[2];
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 4, 1}, 4, input8, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 1, 2, 1}, 4, output8, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx)); /* float32 only, as TFLM */
    harness_free(&ctx);
}

int main(void)
{
    test_node_l2();
    test_average_rounding();
    test_borders();
    test_random();
    test_node();
    test_node_int16();
    TEST_MAIN_END();
}
