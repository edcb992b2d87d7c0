/* PAD, PADV2 and MIRROR_PAD against outputs computed element by element
 * from the definitions (window or fill; reflected indices), for each
 * type, and the rejections (paddings, shapes, types, quantization). */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static uint8_t input[8 * 60], output[8 * 400];
static int64_t paddings64[10];
static int32_t paddings32[10];

/* Runs kernel on a [in_dims] input of type with paddings (INT64 when
 * wide), constant_values value (PADV2; NULL: none), mode (MIRROR_PAD). */
static tflm_status run(const tflm_kernel *kernel, tflm_type type, const int32_t *in_dims, int rank,
                       const int32_t *pads, bool wide, bool constant, const void *value,
                       int mode, int32_t zero_point)
{
    static tflm_context ctx;
    int32_t out_dims[5];
    const int32_t pad_dims[2] = {rank, 2}, one[1] = {1};
    int count = 1;
    for (int i = 0; i < rank; ++i) {
        out_dims[i] = in_dims[i] + pads[2 * i] + pads[2 * i + 1];
        count *= in_dims[i];
    }
    for (int i = 0; i < 2 * rank; ++i) {
        paddings64[i] = pads[i];
        paddings32[i] = pads[i];
    }
    for (int i = 0; i < count * (int)tflm_type_size(type); ++i) {
        input[i] = (uint8_t)(i * 29 + 3);
    }
    memset(output, 0xee, sizeof output);
    harness_init(&ctx, kernel, value != NULL ? 3 : 2);
    harness_tensor(&ctx, 0, type, in_dims, rank, input, 0.5f, zero_point);
    harness_tensor(&ctx, 1, wide ? TFLM_TYPE_INT64 : TFLM_TYPE_INT32, pad_dims, 2,
                   wide ? (void *)paddings64 : (void *)paddings32, 0.0f, 0);
    ctx.tensors[1].is_constant = constant;
    if (value != NULL) {
        harness_tensor(&ctx, 2, type, one, 1, (void *)value, 0.5f, zero_point);
    }
    harness_tensor(&ctx, value != NULL ? 3 : 2, type, out_dims, rank, output, 0.5f, zero_point);
    if (kernel == &tflm_op_mirror_pad) {
        HARNESS_OPTION_INT(&ctx, MIRROR_PAD, MODE, mode);
    }
    tflm_status status = harness_prepare(&ctx);
    return status != TFLM_OK ? status : harness_invoke(&ctx);
}

/* The input element an output element comes from, -1 for the fill
 * (mirror < 0), else reflected with offset mirror. */
static int source_of(int o, const int32_t *in_dims, int rank, const int32_t *pads, int mirror)
{
    int out_dims[5], coords[5];
    for (int i = 0; i < rank; ++i) {
        out_dims[i] = in_dims[i] + pads[2 * i] + pads[2 * i + 1];
    }
    for (int i = rank - 1; i >= 0; --i) {
        coords[i] = o % out_dims[i];
        o /= out_dims[i];
    }
    int src = 0;
    for (int i = 0; i < rank; ++i) {
        int c = coords[i] - pads[2 * i];
        const int n = in_dims[i];
        if (c < 0 || c >= n) {
            if (mirror < 0) {
                return -1;
            }
            c = c < 0 ? -c - 1 + mirror : 2 * n - c - 1 - mirror;
        }
        src = src * n + c;
    }
    return src;
}

static void check(tflm_type type, const int32_t *in_dims, int rank, const int32_t *pads, int mirror,
                  const uint8_t *fill)
{
    const uint32_t size = tflm_type_size(type);
    int count = 1;
    for (int i = 0; i < rank; ++i) {
        count *= in_dims[i] + pads[2 * i] + pads[2 * i + 1];
    }
    for (int o = 0; o < count; ++o) {
        const int s = source_of(o, in_dims, rank, pads, mirror);
        CHECK(memcmp(output + (size_t)o * size, s < 0 ? fill : input + (size_t)s * size, size) == 0);
    }
}

static void test_pad(void)
{
    const int32_t dims[3] = {2, 3, 4}, pads[6] = {1, 0, 2, 1, 0, 3}, img[4] = {1, 3, 2, 2};
    const int32_t img_pads[8] = {0, 0, 1, 1, 2, 0, 0, 0};
    const tflm_type types[4] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT32};
    const uint8_t zeros[4] = {0};
    for (int t = 0; t < 4; ++t) {
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_pad, types[t], dims, 3, pads, t % 2, true, NULL, 0, 0));
        check(types[t], dims, 3, pads, -1, zeros);
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_pad, types[t], img, 4, img_pads, false, true, NULL, 0, 0));
        check(types[t], img, 4, img_pads, -1, zeros);
        /* PADV2 with a value of every byte distinct. */
        const uint8_t value[4] = {0x81, 0x92, 0xa3, 0xb4};
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_padv2, types[t], dims, 3, pads, false, true, value, 0, 0));
        check(types[t], dims, 3, pads, -1, value);
    }
    /* INT8 PAD fills with the output's zero point. */
    const uint8_t zp[1] = {(uint8_t)(int8_t)-7};
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_pad, TFLM_TYPE_INT8, dims, 3, pads, false, true, NULL, 0, -7));
    check(TFLM_TYPE_INT8, dims, 3, pads, -1, zp);
    /* Rejections: negative padding, non-constant paddings, 8 bytes. */
    const int32_t negative[6] = {1, 0, -1, 1, 0, 3};
    CHECK(run(&tflm_op_pad, TFLM_TYPE_FLOAT32, dims, 3, negative, false, true, NULL, 0, 0) != TFLM_OK);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED,
                 run(&tflm_op_pad, TFLM_TYPE_FLOAT32, dims, 3, pads, false, false, NULL, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED,
                 run(&tflm_op_pad, TFLM_TYPE_INT64, dims, 3, pads, false, true, NULL, 0, 0));
}

static void test_pad_shapes(void)
{
    static tflm_context ctx;
    const int32_t in_dims[2] = {2, 2}, out_dims[2] = {4, 3}, pad_dims[2] = {2, 2}, bad[2] = {4, 2};
    const int32_t pads[4] = {1, 1, 0, 1};
    memcpy(paddings32, pads, sizeof pads);
    harness_init(&ctx, &tflm_op_pad, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, input, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, pad_dims, 2, paddings32, 0.0f, 0);
    ctx.tensors[1].is_constant = 1;
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 2, output, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, bad, 2, output, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 2, output, 0.0f, 0);
    const int32_t flat[1] = {4};
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, flat, 1, paddings32, 0.0f, 0);
    ctx.tensors[1].is_constant = 1;
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* paddings must be [2, 2] */
    /* PADV2: INT8 constant_values with another zero point. */
    static int8_t value = 3;
    const int32_t one[1] = {1};
    harness_init(&ctx, &tflm_op_padv2, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 2, input, 0.5f, 1);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, pad_dims, 2, paddings32, 0.0f, 0);
    ctx.tensors[1].is_constant = 1;
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, one, 1, &value, 0.5f, 2);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, out_dims, 2, output, 0.5f, 1);
    paddings32[0] = 1;
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, one, 1, &value, 0.5f, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
}

static void test_mirror_pad(void)
{
    const int32_t dims[3] = {2, 3, 4};
    const int32_t reflect[6] = {1, 0, 2, 1, 3, 3}, symmetric[6] = {2, 1, 0, 3, 4, 2};
    const tflm_type types[4] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT64};
    for (int t = 0; t < 4; ++t) {
        const bool constant = t % 2 == 0;
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_mirror_pad, types[t], dims, 3, reflect, t == 1, constant,
                                  NULL, TFLM_MIRROR_PAD_MODE_REFLECT, 0));
        check(types[t], dims, 3, reflect, 1, NULL);
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_mirror_pad, types[t], dims, 3, symmetric, false,
                                  constant, NULL, TFLM_MIRROR_PAD_MODE_SYMMETRIC, 0));
        check(types[t], dims, 3, symmetric, 0, NULL);
    }
    /* Too wide for the mode, checked at prepare or (not constant) invoke;
     * an unknown mode. */
    const int32_t wide_reflect[6] = {2, 0, 0, 0, 0, 0}, wide_symmetric[6] = {0, 0, 0, 0, 0, 5};
    for (int constant = 0; constant < 2; ++constant) {
        CHECK(run(&tflm_op_mirror_pad, TFLM_TYPE_FLOAT32, dims, 3, wide_reflect, false, constant,
                  NULL, TFLM_MIRROR_PAD_MODE_REFLECT, 0) != TFLM_OK);
        CHECK(run(&tflm_op_mirror_pad, TFLM_TYPE_FLOAT32, dims, 3, wide_symmetric, false, constant,
                  NULL, TFLM_MIRROR_PAD_MODE_SYMMETRIC, 0) != TFLM_OK);
    }
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_mirror_pad, TFLM_TYPE_FLOAT32, dims, 3, wide_reflect, false,
                              true, NULL, TFLM_MIRROR_PAD_MODE_SYMMETRIC, 0));
    CHECK(run(&tflm_op_mirror_pad, TFLM_TYPE_FLOAT32, dims, 3, reflect, false, true, NULL, 2, 0) !=
          TFLM_OK);
}

int main(void)
{
    test_pad();
    test_pad_shapes();
    test_mirror_pad();
    TEST_MAIN_END();
}
