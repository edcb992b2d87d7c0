/* LOG_SOFTMAX: float32 against the definition in double (within a few
 * ulp of float), int8 against real numbers (within 1 of the rounded
 * result in scale 1/16, zero point 127; the smallest outputs saturate at
 * -128), and the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void node(tflm_context *ctx, tflm_type type, const int32_t *dims, int rank, void *in,
                 void *out, float in_scale, int32_t in_zp, float out_scale, int32_t out_zp)
{
    harness_init(ctx, &tflm_op_log_softmax, 1);
    harness_tensor(ctx, 0, type, dims, rank, in, in_scale, in_zp);
    harness_tensor(ctx, 1, type, dims, rank, out, out_scale, out_zp);
}

static void test_float(void)
{
    static tflm_context ctx;
    float in[256], out[256];
    for (int trial = 0; trial < 200; ++trial) {
        const int32_t dims[2] = {rng_range(1, 4), rng_range(1, 32)};
        const int32_t depth = dims[1];
        for (int i = 0; i < dims[0] * depth; ++i) {
            in[i] = rng_float(-8.0f, 8.0f);
        }
        node(&ctx, TFLM_TYPE_FLOAT32, dims, 2, in, out, 0.0f, 0, 0.0f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int32_t row = 0; row < dims[0]; ++row) {
            double max = -1e30, sum = 0.0;
            for (int32_t c = 0; c < depth; ++c) {
                max = fmax(max, in[row * depth + c]);
            }
            for (int32_t c = 0; c < depth; ++c) {
                sum += exp(in[row * depth + c] - max);
            }
            for (int32_t c = 0; c < depth; ++c) {
                const double expected = in[row * depth + c] - max - log(sum);
                CHECK(fabs(out[row * depth + c] - expected) <= 1e-5 * fmax(1.0, fabs(expected)));
            }
        }
        harness_free(&ctx);
    }
}

static void test_int8(void)
{
    static tflm_context ctx;
    int8_t in[512], out[512];
    int off_by_one = 0, total = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const int32_t dims[2] = {rng_range(1, 4), rng_range(1, 64)};
        const int32_t depth = dims[1];
        const float scale = rng_float(0.01f, 0.2f);
        const int32_t zp = rng_range(-128, 127);
        for (int i = 0; i < dims[0] * depth; ++i) {
            in[i] = (int8_t)rng_range(-128, 127);
        }
        node(&ctx, TFLM_TYPE_INT8, dims, 2, in, out, scale, zp, 16.0f / 256, 127);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int32_t row = 0; row < dims[0]; ++row) {
            double max = -1e30, sum = 0.0;
            for (int32_t c = 0; c < depth; ++c) {
                max = fmax(max, scale * (in[row * depth + c] - zp));
            }
            for (int32_t c = 0; c < depth; ++c) {
                /* differences below -32 (diff_min) do not count, as TF Lite */
                const double d = scale * (in[row * depth + c] - zp) - max;
                sum += d >= -31.99 ? exp(d) : 0.0;
            }
            for (int32_t c = 0; c < depth; ++c) {
                const double real = scale * (in[row * depth + c] - zp) - max - log(sum);
                const double ideal = fmax(fmin(real * 16.0 + 127.0, 127.0), -128.0);
                const double err = fabs(out[row * depth + c] - ideal);
                CHECK(err <= 1.0);
                off_by_one += err > 0.5;
                ++total;
            }
        }
        harness_free(&ctx);
    }
    CHECK(off_by_one * 50 < total); /* almost all round to the nearest */
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const int32_t dims[2] = {1, 4};
    int8_t x[4] = {0}, y[4];
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 16, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output zero point */
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 8, 127);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output scale */
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 1e-9f, 0, 1.0f / 16, 127);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* input scale x 2^26 <= 1 */
    node(&ctx, TFLM_TYPE_INT16, dims, 2, x, y, 0.1f, 0, 1.0f / 16, 127);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    const int32_t other[2] = {4, 1};
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 16, 127);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, other, 2, y, 1.0f / 16, 127);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* shape */
    harness_free(&ctx);
}

int main(void)
{
    test_float();
    test_int8();
    test_rejections();
    TEST_MAIN_END();
}
