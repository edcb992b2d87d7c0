/* RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: values worked out by hand
 * from TF Lite's formulas (float, and the integer path's Q10 weights with
 * rounding half away from zero), each coordinate mode, every type, the
 * edge clamp where TF Lite reads past the image, and the rejections. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_context ctx;

/* A resize node: input [1, h, w, 1] of type, constant size {oh, ow}. */
static int32_t size_data[2];
static void resize_node(const tflm_kernel *kernel, tflm_type type, int32_t h, int32_t w, void *in,
                        int32_t oh, int32_t ow, void *out)
{
    static const int32_t size_dims[1] = {2};
    const int32_t in_dims[4] = {1, h, w, 1}, out_dims[4] = {1, oh, ow, 1};
    const float scale = type == TFLM_TYPE_FLOAT32 ? 0.0f : 0.5f;
    size_data[0] = oh;
    size_data[1] = ow;
    harness_init(&ctx, kernel, 2);
    harness_tensor(&ctx, 0, type, in_dims, 4, in, scale, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, size_dims, 1, size_data, 0.0f, 0);
    harness_tensor(&ctx, 2, type, out_dims, 4, out, scale, 0);
    ctx.tensors[1].is_constant = 1;
}

static void test_bilinear_f32(void)
{
    float in[4] = {0.0f, 1.0f, 2.0f, 3.0f}, out[16];
    /* 2x2 -> 4x4, scale 1/2: output (y, x) samples (y / 2, x / 2). */
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, in, 4, 4, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float plain[16] = {0, 0.5f, 1, 1, 1, 1.5f, 2, 2, 2, 2.5f, 3, 3, 2, 2.5f, 3, 3};
    CHECK(memcmp(out, plain, sizeof plain) == 0);
    /* align_corners, 2x2 -> 3x3: scale 1/2 with the corners kept. */
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, in, 3, 3, out);
    HARNESS_OPTION_INT(&ctx, RESIZE_BILINEAR, ALIGN_CORNERS, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float aligned[9] = {0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3};
    CHECK(memcmp(out, aligned, sizeof aligned) == 0);
    /* half_pixel_centers, 2x2 -> 4x4: sources (i + 0.5) / 2 - 0.5 =
     * -0.25, 0.25, 0.75, 1.25, clamped at the edges. */
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, in, 4, 4, out);
    HARNESS_OPTION_INT(&ctx, RESIZE_BILINEAR, HALF_PIXEL_CENTERS, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float row[4] = {0.0f, 0.25f, 0.75f, 1.0f}; /* x part of the first row */
    for (int x = 0; x < 4; ++x) {
        CHECK(fabsf(out[x] - row[x]) < 1e-6f);
        CHECK(fabsf(out[12 + x] - (2.0f + row[x])) < 1e-6f);
        CHECK(fabsf(out[4 + x] - (0.5f + row[x])) < 1e-6f);
    }
    /* A zero sum comes out +0.0f, as the reference's "+ 0.0f" makes it. */
    float neg[4] = {-0.0f, -0.0f, -0.0f, -0.0f};
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, neg, 4, 4, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(!signbit(out[0]) && !signbit(out[5]));
}

static void test_bilinear_integer(void)
{
    /* 2x2 -> 4x4: scale_10 = 512; (1, 1) has weights 512 x 512 each. */
    int8_t in[4] = {0, 10, 20, 30}, out[16];
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_INT8, 2, 2, in, 4, 4, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const int8_t want[16] = {0, 5, 10, 10, 10, 15, 20, 20, 20, 25, 30, 30, 20, 25, 30, 30};
    CHECK(memcmp(out, want, sizeof want) == 0);
    /* Halves round away from zero: 1 / 2 -> 1, -1 / 2 -> -1, 3 / 4 -> 1. */
    int8_t halves[4] = {0, 1, -1, 2};
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_INT8, 2, 2, halves, 4, 4, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(1, out[1]);   /* (0 + 1) / 2 */
    CHECK_EQ_INT(-1, out[4]);  /* (0 - 1) / 2 */
    CHECK_EQ_INT(1, out[5]);   /* (0 + 1 - 1 + 2) / 4 = 0.5 */
    CHECK_EQ_INT(1, out[9]);   /* (-1 + 2) / 2 */
    /* int16 extremes, half_pixel_centers: scale_10 = 512, sources
     * -256, 256, 768, 1280 in Q10. */
    int16_t in16[4] = {-32768, 32767, 32767, -32768}, out16[16];
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_INT16, 2, 2, in16, 4, 4, out16);
    HARNESS_OPTION_INT(&ctx, RESIZE_BILINEAR, HALF_PIXEL_CENTERS, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-32768, out16[0]); /* the corner itself */
    CHECK_EQ_INT(32767, out16[3]);
    /* (1, 1): rows 0 and 1 weighted 768 / 256, columns likewise:
     * (-32768 * 768 * 768 + 32767 * 768 * 256 + 32767 * 256 * 768
     *  - 32768 * 256 * 256) / 2^20 = -8192.375 -> -8192 */
    CHECK_EQ_INT(-8192, out16[5]);
}

/* 1 row to 55: TF Lite's Q10 scale (19) puts output row 54 at 1026 / 1024,
 * its lower neighbour past the image; the edge row is used here. */
static void test_bilinear_large_enlargement(void)
{
    int8_t in[1] = {-77}, out[55];
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_INT8, 1, 1, in, 55, 1, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 55; ++i) {
        CHECK_EQ_INT(-77, out[i]);
    }
    float inf[1] = {2.5f}, outf[55];
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 1, 1, inf, 55, 1, outf);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 55; ++i) {
        CHECK(fabsf(outf[i] - 2.5f) < 1e-6f); /* weights in float: (1 - dy) + dy */
    }
}

/* Width 3 -> 5 (scale 0.6; align_corners 0.5): source columns by mode. */
static void test_nearest(void)
{
    float in[3] = {10.0f, 20.0f, 30.0f}, out[5];
    int8_t in8[3] = {-1, 0, 1}, out8[5];
    int16_t in16[3] = {-300, 0, 300}, out16[5];
    static const int cols[4][5] = {
        {0, 0, 1, 1, 2}, /* floor(x * 0.6) */
        {0, 1, 1, 2, 2}, /* round(x * 0.5), halves away from zero */
        {0, 0, 1, 2, 2}, /* floor((x + 0.5) * 0.6) */
        {0, 1, 1, 2, 2}, /* round((x + 0.5) * 0.5), at most 2 */
    };
    for (int mode = 0; mode < 4; ++mode) {
        const int align = mode & 1, half = mode >> 1;
        resize_node(&tflm_op_resize_nearest_neighbor, TFLM_TYPE_FLOAT32, 1, 3, in, 1, 5, out);
        HARNESS_OPTION_INT(&ctx, RESIZE_NEAREST_NEIGHBOR, ALIGN_CORNERS, align);
        HARNESS_OPTION_INT(&ctx, RESIZE_NEAREST_NEIGHBOR, HALF_PIXEL_CENTERS, half);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int x = 0; x < 5; ++x) {
            CHECK(out[x] == in[cols[mode][x]]);
        }
        harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 1, 3, 1}, 4, in8, 0.5f, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){1, 1, 5, 1}, 4, out8, 0.5f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        harness_tensor(&ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 3, 1}, 4, in16, 0.5f, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_INT16, (const int32_t[]){1, 1, 5, 1}, 4, out16, 0.5f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int x = 0; x < 5; ++x) {
            CHECK_EQ_INT(in8[cols[mode][x]], out8[x]);
            CHECK_EQ_INT(in16[cols[mode][x]], out16[x]);
        }
    }
    /* Rows too, with two channels and two images: [2, 2, 1, 2] -> [2, 3, 1, 2]. */
    const int32_t in_dims[4] = {2, 2, 1, 2}, out_dims[4] = {2, 3, 1, 2};
    float img[8] = {1, 2, 3, 4, 5, 6, 7, 8}, res[12];
    resize_node(&tflm_op_resize_nearest_neighbor, TFLM_TYPE_FLOAT32, 2, 1, img, 3, 1, res);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 4, img, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 4, res, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float want[12] = {1, 2, 1, 2, 3, 4, 5, 6, 5, 6, 7, 8}; /* rows floor(y * 2 / 3) */
    CHECK(memcmp(res, want, sizeof want) == 0);
}

static void test_resize_rejections(void)
{
    float buf[16];
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, buf, 4, 4, buf);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, RESIZE_BILINEAR, ALIGN_CORNERS, 1);
    HARNESS_OPTION_INT(&ctx, RESIZE_BILINEAR, HALF_PIXEL_CENTERS, 1);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, buf, 4, 4, buf);
    ctx.tensors[1].is_constant = 0;
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, buf, 4, 4, buf);
    size_data[1] = 3; /* output is 4 wide */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, buf, 4, 4, buf);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, (const int32_t[]){3}, 1, size_data, 0.0f, 0);
    ctx.tensors[1].is_constant = 1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, (const int32_t[]){2}, 1, size_data, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 2, 2, buf, 4, 4, buf);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 2, 1}, 3, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_nearest_neighbor, TFLM_TYPE_INT32, 2, 2, buf, 4, 4, buf);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    /* An empty image to a non-empty output; an empty output is fine. */
    resize_node(&tflm_op_resize_nearest_neighbor, TFLM_TYPE_FLOAT32, 0, 2, buf, 4, 4, buf);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_nearest_neighbor, TFLM_TYPE_FLOAT32, 0, 2, buf, 0, 4, buf);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    /* Integer bilinear sizes from 2^20 on (data is not read at prepare). */
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_INT8, 1, 1, NULL, 1 << 20, 1, NULL);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    resize_node(&tflm_op_resize_bilinear, TFLM_TYPE_FLOAT32, 1, 1, NULL, 1 << 20, 1, NULL);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
}

int main(void)
{
    test_bilinear_f32();
    test_bilinear_integer();
    test_bilinear_large_enlargement();
    test_nearest();
    test_resize_rejections();
    TEST_MAIN_END();
}
