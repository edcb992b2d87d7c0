/* CUMSUM: float sums by hand for every option, int8 against TFLM's
 * arithmetic written out here (multipliers from the definition in double,
 * requantization from nn_test_util.h) and against real numbers, the axis
 * checked at invoke when not constant, and the rejections of prepare. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_context ctx;

static void cumsum_node(tflm_type type, const int32_t *dims, int rank, void *in, void *out,
                        int32_t *axis, float in_scale, int32_t in_zp, float out_scale,
                        int32_t out_zp)
{
    static const int32_t scalar[1] = {1};
    harness_init(&ctx, &tflm_op_cumsum, 2);
    harness_tensor(&ctx, 0, type, dims, rank, in, in_scale, in_zp);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, scalar, 0, axis, 0.0f, 0);
    harness_tensor(&ctx, 2, type, dims, rank, out, out_scale, out_zp);
    ctx.tensors[1].is_constant = 1;
}

static void test_cumsum_f32(void)
{
    const int32_t dims[2] = {2, 3};
    float in[6] = {1, 2, 3, 10, 20, 30}, out[6];
    int32_t axis = 1;
    /* {exclusive, reverse} -> rows along axis 1 */
    static const float want[4][6] = {
        {1, 3, 6, 10, 30, 60},  /* inclusive */
        {6, 5, 3, 60, 50, 30},  /* reverse */
        {0, 1, 3, 0, 10, 30},   /* exclusive */
        {5, 3, 0, 50, 30, 0},   /* exclusive, reverse */
    };
    for (int mode = 0; mode < 4; ++mode) {
        cumsum_node(TFLM_TYPE_FLOAT32, dims, 2, in, out, &axis, 0.0f, 0, 0.0f, 0);
        HARNESS_OPTION_INT(&ctx, CUMSUM, EXCLUSIVE, mode >> 1);
        HARNESS_OPTION_INT(&ctx, CUMSUM, REVERSE, mode & 1);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        CHECK(memcmp(out, want[mode], sizeof out) == 0);
    }
    /* Axis 0 (and -2), not constant. */
    axis = -2;
    cumsum_node(TFLM_TYPE_FLOAT32, dims, 2, in, out, &axis, 0.0f, 0, 0.0f, 0);
    ctx.tensors[1].is_constant = 0;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float down[6] = {1, 2, 3, 11, 22, 33};
    CHECK(memcmp(out, down, sizeof out) == 0);
    axis = 2;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    axis = -3;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
}

/* TFLM's int8 CUMSUM from its definition: inputs and the starting offset
 * scaled by 1/2 at 2^20, summed in int32, scaled by 2 s_in / (2^20 s_out). */
static void ref_cumsum_s8(const int8_t *in, int n, float si, int32_t zi, float so, int32_t zo,
                          int exclusive, int reverse, int8_t *out)
{
    int32_t m_in, m_out;
    int s_in, s_out;
    tflm_quantize_multiplier((double)si / (2.0 * si), &m_in, &s_in);
    tflm_quantize_multiplier(2.0 * si / ((double)(1 << 20) * so), &m_out, &s_out);
    int32_t sum = ref_requantize(-zi * (1 << 20), m_in, s_in);
    for (int k = 0; k < n; ++k) {
        const int i = reverse ? n - 1 - k : k;
        const int32_t scaled = ref_requantize((in[i] - zi) * (1 << 20), m_in, s_in);
        const int32_t before = sum;
        sum += scaled;
        out[i] = (int8_t)ref_clamp(ref_requantize(exclusive ? before : sum, m_out, s_out) + zo, -128, 127);
    }
}

static void test_cumsum_s8(void)
{
    const int32_t dims[1] = {12};
    int8_t in[12], out[12], want[12];
    int32_t axis = 0;
    for (int trial = 0; trial < 200; ++trial) {
        const float si = rng_float(0.001f, 0.1f), so = si * rng_float(2.0f, 12.0f);
        const int32_t zi = trial % 4 == 0 ? 0 : rng_range(-128, 127), zo = rng_range(-20, 20);
        const int exclusive = trial & 1, reverse = (trial >> 1) & 1;
        for (int i = 0; i < 12; ++i) {
            in[i] = (int8_t)rng_range(-128, 127);
        }
        cumsum_node(TFLM_TYPE_INT8, dims, 1, in, out, &axis, si, zi, so, zo);
        HARNESS_OPTION_INT(&ctx, CUMSUM, EXCLUSIVE, exclusive);
        HARNESS_OPTION_INT(&ctx, CUMSUM, REVERSE, reverse);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        ref_cumsum_s8(in, 12, si, zi, so, zo, exclusive, reverse, want);
        CHECK(memcmp(out, want, sizeof out) == 0);
        if (zi == 0) {
            /* Without the offset at the start, the sums are the real ones. */
            double real = 0.0;
            for (int k = 0; k < 12; ++k) {
                const int i = reverse ? 11 - k : k;
                const double before = real;
                real += in[i] * (double)si;
                const double ideal = fmin(fmax((exclusive ? before : real) / so + zo, -128), 127);
                CHECK(fabs(out[i] - ideal) <= 1.0);
            }
        }
    }
    /* The reference starts from the scaled input offset: with zero point
     * 10 and equal scales, an exclusive sum's first output is -10 / 2,
     * rounded away from zero, not 0. */
    int8_t zeros[12] = {0};
    cumsum_node(TFLM_TYPE_INT8, dims, 1, zeros, out, &axis, 0.5f, 10, 0.5f, 0);
    HARNESS_OPTION_INT(&ctx, CUMSUM, EXCLUSIVE, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-10, out[0]);
    CHECK_EQ_INT(-20, out[1]);
}

static void test_cumsum_rejections(void)
{
    const int32_t dims[2] = {2, 3};
    float buf[6];
    int32_t axis[2] = {1, 0};
    cumsum_node(TFLM_TYPE_FLOAT32, dims, 2, buf, buf, axis, 0.0f, 0, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    axis[0] = 2;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    axis[0] = 1;
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, (const int32_t[]){2}, 1, axis, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, (const int32_t[]){1}, 0, axis, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    cumsum_node(TFLM_TYPE_FLOAT32, dims, 2, buf, buf, axis, 0.0f, 0, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){3, 2}, 2, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    cumsum_node(TFLM_TYPE_INT16, dims, 2, buf, buf, axis, 0.1f, 0, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    cumsum_node(TFLM_TYPE_FLOAT32, dims, 0, buf, buf, axis, 0.0f, 0, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* int8: scales present and positive, the output multiplier below 1. */
    cumsum_node(TFLM_TYPE_INT8, dims, 2, buf, buf, axis, 0.1f, 0, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    cumsum_node(TFLM_TYPE_INT8, dims, 2, buf, buf, axis, 1.0f, 0, 1e-7f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    cumsum_node(TFLM_TYPE_INT8, dims, 2, buf, buf, axis, 0.1f, 300, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    cumsum_node(TFLM_TYPE_INT8, dims, 2, buf, buf, axis, 0.1f, 0, 0.1f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
}

int main(void)
{
    test_cumsum_f32();
    test_cumsum_s8();
    test_cumsum_rejections();
    TEST_MAIN_END();
}
