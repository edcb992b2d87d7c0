/* ADD_N: float32 summed in input order, int8 against TFLM's AddN written
 * from its definition (with its extra term for the quantized 0) and the
 * real sum, more elements than one chunk, and the rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

enum { N = 150, K = 3 };

static void test_float(void)
{
    static tflm_context ctx;
    static float in[K][N], out[N];
    const int32_t d[2] = {3, 50};
    harness_init(&ctx, &tflm_op_add_n, K);
    for (int j = 0; j < K; ++j) {
        for (int i = 0; i < N; ++i) {
            in[j][i] = rng_float(-100.0f, 100.0f);
        }
        harness_tensor(&ctx, j, TFLM_TYPE_FLOAT32, d, 2, in[j], 0, 0);
    }
    harness_tensor(&ctx, K, TFLM_TYPE_FLOAT32, d, 2, out, 0, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < N; ++i) {
        float x = 0.0f;
        for (int j = 0; j < K; ++j) {
            x += in[j][i];
        }
        CHECK(out[i] == x);
    }
    harness_free(&ctx);
}

static void test_int8(void)
{
    static tflm_context ctx;
    static int8_t in[K][N], out[N];
    const int32_t d[1] = {N};
    for (int trial = 0; trial < 20; ++trial) {
        const float s = rng_float(0.01f, 0.1f), so = rng_float(0.05f, 0.3f);
        const int32_t z = rng_range(-128, 127), zo = rng_range(-128, 127);
        harness_init(&ctx, &tflm_op_add_n, K);
        for (int j = 0; j < K; ++j) {
            for (int i = 0; i < N; ++i) {
                in[j][i] = (int8_t)rng_range(-128, 127);
            }
            harness_tensor(&ctx, j, TFLM_TYPE_INT8, d, 1, in[j], s, z);
        }
        harness_tensor(&ctx, K, TFLM_TYPE_INT8, d, 1, out, so, zo);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        int32_t mo;
        int so_shift;
        tflm_quantize_multiplier(2.0 * s / (1048576.0 * so), &mo, &so_shift);
        for (int i = 0; i < N; ++i) {
            int32_t acc = ref_requantize(-z * (1 << 20), 1 << 30, 0); /* TFLM's start: quantized 0 */
            double real = -z * (double)s;
            for (int j = 0; j < K; ++j) {
                acc += ref_requantize((in[j][i] - z) * (1 << 20), 1 << 30, 0);
                real += (in[j][i] - z) * (double)s;
            }
            const int32_t expected = ref_clamp(ref_requantize(acc, mo, so_shift) + zo, -128, 127);
            CHECK_EQ_INT(expected, out[i]);
            CHECK(fabs(fmin(fmax(real / so + zo, -128.0), 127.0) - out[i]) <= 1.0);
        }
        /* another zero point on one input, another scale, another shape */
        harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d, 1, in[1], s, z + 1);
        CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
        harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d, 1, in[1], s * 2.0f, z);
        CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
        harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){N, 1}, 2, in[1], s, z);
        CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
        harness_free(&ctx);
    }
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const int32_t d[1] = {2};
    int32_t a[2], o[2];
    int8_t b[2], c[2];
    harness_init(&ctx, &tflm_op_add_n, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, b, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d, 1, c, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* one input */
    harness_init(&ctx, &tflm_op_add_n, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, d, 1, a, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, d, 1, a, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, d, 1, o, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d, 1, b, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d, 1, b, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, d, 1, c, 1e-9f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* multiplier >= 1 */
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){3}, 1, c, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* output shape */
    harness_free(&ctx);
}

int main(void)
{
    test_float();
    test_int8();
    test_rejections();
    TEST_MAIN_END();
}
