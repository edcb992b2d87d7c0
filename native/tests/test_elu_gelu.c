/* ELU and GELU (elu_gelu.c): float against the definitions in double,
 * int8 tables against the real-number result (within 1) and hand-checked
 * entries, the approximate option, rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/elu_gelu.h"
#include "kernels/lut_s8.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define N 256
static const int32_t DIMS[] = {1, N};

static tflm_status run(const tflm_kernel *k, tflm_type type, void *in, float in_scale, int32_t in_zp, void *out,
                       float out_scale, int32_t out_zp, int approximate)
{
    static tflm_context ctx;
    harness_init(&ctx, k, 1);
    harness_tensor(&ctx, 0, type, DIMS, 2, in, in_scale, in_zp);
    harness_tensor(&ctx, 1, type, DIMS, 2, out, out_scale, out_zp);
    if (approximate >= 0) {
        HARNESS_OPTION_INT(&ctx, GELU, APPROXIMATE, approximate);
    }
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static double elu(double x) { return x < 0 ? expm1(x) : x; }
/* The argument of erfc rounded to float, as TF Lite computes it (erfc
 * magnifies its rounding by 2 z^2 for large z). */
static double gelu(double x) { return 0.5 * x * erfc((double)((float)x * -0.70710677f)); }
static double gelu_tanh(double x)
{
    return 0.5 * x * (1.0 + tanh(sqrt(2.0 / 3.14159265358979323846) * (x + 0.044715 * x * x * x)));
}

static void check_f32(const tflm_kernel *k, int approximate, double (*ref)(double), double tol)
{
    float in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = rng_float(-12.0f, 6.0f);
    }
    in[0] = 0.0f;
    in[1] = NAN;
    CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_FLOAT32, in, 0, 0, out, 0, 0, approximate));
    CHECK(out[0] == 0.0f && isnan(out[1]));
    for (int i = 2; i < N; ++i) {
        /* The tanh form cancels in 1 + tanh for negative x, in float as
         * in TF Lite: there the error is relative to x. */
        const double want = ref(in[i]);
        const double scale = approximate == 1 ? fmax(fabs(want), fabs(in[i])) : fmax(fabs(want), 1e-30);
        if (!(fabs(out[i] - want) <= tol * scale)) {
            fprintf(stderr, "%s(%a) = %a want %a\n", k->name, in[i], out[i], want);
        }
        CHECK(fabs(out[i] - want) <= tol * scale);
    }
}

static void check_s8(const tflm_kernel *k, int approximate, double (*ref)(double), float in_scale, int32_t in_zp,
                     float out_scale, int32_t out_zp)
{
    int8_t in[N], out[N];
    for (int i = 0; i < N; ++i) {
        in[i] = (int8_t)(i - 128);
    }
    CHECK_EQ_INT(TFLM_OK, run(k, TFLM_TYPE_INT8, in, in_scale, in_zp, out, out_scale, out_zp, approximate));
    for (int i = 0; i < N; ++i) {
        const double want = ref((in[i] - in_zp) * (double)in_scale) / out_scale + out_zp;
        CHECK(abs(out[i] - ref_clamp((int32_t)lround(want), -128, 127)) <= 1);
    }
}

static float elu_table(float x, const void *params)
{
    (void)params;
    return tflm_elu_table_f32(x);
}

static void test_ops(void)
{
    check_f32(&tflm_op_elu, -1, elu, 1.2e-7);
    check_f32(&tflm_op_gelu, 0, gelu, 5e-7);
    check_f32(&tflm_op_gelu, 1, gelu_tanh, 5e-7);
    check_s8(&tflm_op_elu, -1, elu, 0.05f, 30, 0.03f, -50);
    check_s8(&tflm_op_gelu, 0, gelu, 0.04f, 0, 0.03f, -20);
    check_s8(&tflm_op_gelu, 1, gelu_tanh, 0.04f, 0, 0.03f, -20);
    /* A table by hand: identity-like ELU over positive inputs with equal
     * scales is x itself; -inf-ish inputs give -1 / out_scale. */
    int8_t table[256];
    tflm_lut_s8_populate(0.5f, 0, 0.5f, 0, elu_table, NULL, table);
    CHECK(table[(uint8_t)100] == 100 && table[(uint8_t)-128] == -2 && table[(uint8_t)-1] == -1);
}

static void test_rejections(void)
{
    int8_t q[N];
    int16_t s[N];
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(&tflm_op_elu, TFLM_TYPE_INT16, s, 0.1f, 0, s, 0.1f, 0, -1));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_gelu, TFLM_TYPE_INT8, q, 0.1f, 0, q, 0.0f, 0, 0));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, run(&tflm_op_elu, TFLM_TYPE_INT8, q, 0.1f, 0, q, -1.0f, 0, -1));
}

int main(void)
{
    test_ops();
    test_rejections();
    TEST_MAIN_END();
}
