/* L2_NORMALIZATION: float32 against the definition computed in the same
 * order (libm's correctly rounded sqrtf), int8 against real numbers (+-1
 * of x / |x| in scale 1/128), TF Lite's fixed-point 1/sqrt against
 * double, and the rejections. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "kernels/fixed_point_math.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void test_inv_sqrt(void)
{
    double worst = 0.0;
    for (int i = 0; i < 20000; ++i) {
        const int32_t x = i < 100 ? i : (int32_t)(rng_u32() >> rng_range(1, 30));
        int32_t multiplier;
        int shift;
        tflm_fp_inv_sqrt_multiplier(x, &multiplier, &shift);
        if (x <= 1) {
            CHECK(multiplier == INT32_MAX && shift == 0);
            continue;
        }
        const double got = multiplier * ldexp(1.0, shift - 31);
        worst = fmax(worst, fabs(got * sqrt((double)x) - 1.0));
    }
    CHECK(worst < 2e-6); /* five Newton steps */
}

static void node(tflm_context *ctx, tflm_type type, const int32_t *dims, int rank, void *in,
                 void *out, float in_scale, int32_t in_zp, float out_scale, int32_t out_zp)
{
    harness_init(ctx, &tflm_op_l2_normalization, 1);
    harness_tensor(ctx, 0, type, dims, rank, in, in_scale, in_zp);
    harness_tensor(ctx, 1, type, dims, rank, out, out_scale, out_zp);
}

static void test_float(void)
{
    static tflm_context ctx;
    float in[256], out[256];
    for (int trial = 0; trial < 200; ++trial) {
        const int32_t dims[3] = {rng_range(1, 4), rng_range(1, 4), rng_range(1, 16)};
        const int32_t count = dims[0] * dims[1] * dims[2], depth = dims[2];
        for (int i = 0; i < count; ++i) {
            in[i] = trial % 10 == 0 ? 0.0f : rng_float(-3.0f, 3.0f);
        }
        node(&ctx, TFLM_TYPE_FLOAT32, dims, 3, in, out, 0.0f, 0, 0.0f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int32_t row = 0; row < count / depth; ++row) {
            float squares = 0.0f;
            for (int32_t c = 0; c < depth; ++c) {
                squares += in[row * depth + c] * in[row * depth + c];
            }
            const float norm = fmaxf(sqrtf(squares), 1e-6f);
            for (int32_t c = 0; c < depth; ++c) {
                CHECK(out[row * depth + c] == in[row * depth + c] / norm);
            }
        }
        harness_free(&ctx);
    }
}

static void test_int8(void)
{
    static tflm_context ctx;
    int8_t in[512], out[512];
    for (int trial = 0; trial < 300; ++trial) {
        const int32_t dims[2] = {rng_range(1, 4), rng_range(1, 128)};
        const int32_t depth = dims[1];
        const int32_t zp = rng_range(-128, 127);
        for (int i = 0; i < dims[0] * depth; ++i) {
            in[i] = (int8_t)(trial % 7 == 0 ? zp : rng_range(-128, 127));
        }
        node(&ctx, TFLM_TYPE_INT8, dims, 2, in, out, 0.05f, zp, 1.0f / 128, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int32_t row = 0; row < dims[0]; ++row) {
            double squares = 0.0;
            for (int32_t c = 0; c < depth; ++c) {
                const double d = in[row * depth + c] - zp;
                squares += d * d;
            }
            for (int32_t c = 0; c < depth; ++c) {
                const double d = in[row * depth + c] - zp;
                /* an all-zero row normalizes by 1, as TF Lite's 0 -> 1 */
                const double ideal = fmin(fmax(128.0 * d / sqrt(squares > 1 ? squares : 1), -128), 127);
                CHECK(fabs(out[row * depth + c] - ideal) <= 1.0);
            }
        }
        harness_free(&ctx);
    }
    /* [3, 4] / 5 = [0.6, 0.8] -> round(76.8) = 77, 102.4 -> 102 */
    const int32_t dims[1] = {2};
    int8_t x[2] = {3, 4}, y[2];
    node(&ctx, TFLM_TYPE_INT8, dims, 1, x, y, 0.1f, 0, 1.0f / 128, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(77, y[0]);
    CHECK_EQ_INT(102, y[1]);
    harness_free(&ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const int32_t dims[5] = {1, 1, 1, 1, 2};
    int8_t x[2] = {0}, y[2];
    node(&ctx, TFLM_TYPE_INT8, dims, 5, x, y, 0.1f, 0, 1.0f / 128, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* 5-D */
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 64, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output scale */
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 128, 0);
    HARNESS_OPTION_INT(&ctx, L2_NORM, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx)); /* activation */
    node(&ctx, TFLM_TYPE_INT16, dims, 2, x, y, 0.1f, 0, 1.0f / 128, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx)); /* int16 */
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 128, 0);
    ctx.tensors[1].type = TFLM_TYPE_FLOAT32;
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* output type */
    const int32_t other[2] = {2, 1};
    node(&ctx, TFLM_TYPE_INT8, dims, 2, x, y, 0.1f, 0, 1.0f / 128, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, other, 2, y, 1.0f / 128, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* shape */
    harness_free(&ctx);
}

int main(void)
{
    test_inv_sqrt();
    test_float();
    test_int8();
    test_rejections();
    TEST_MAIN_END();
}
