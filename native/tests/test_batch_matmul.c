/* BATCH_MATMUL through its node: products worked by hand, adj_x / adj_y,
 * broadcast batch dimensions, int8 and int16 requantization, rejections. */
#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static void node(tflm_context *ctx, tflm_type type, const int32_t *lhs_dims, int lhs_rank,
                 void *lhs, const int32_t *rhs_dims, int rhs_rank, void *rhs,
                 const int32_t *out_dims, int out_rank, void *out)
{
    harness_init(ctx, &tflm_op_batch_matmul, 2);
    harness_tensor(ctx, 0, type, lhs_dims, lhs_rank, lhs, 0, 0);
    harness_tensor(ctx, 1, type, rhs_dims, rhs_rank, rhs, 0, 0);
    harness_tensor(ctx, 2, type, out_dims, out_rank, out, 0, 0);
}

/* [[1 2 3] [4 5 6]] x [[7 8] [9 10] [11 12]] = [[58 64] [139 154]]. */
static const float product[4] = {58, 64, 139, 154};

static void check_f32(const float *expected, const float *got, int n)
{
    for (int i = 0; i < n; ++i) {
        CHECK(expected[i] == got[i]);
    }
}

static void test_f32(void)
{
    static tflm_context ctx;
    float lhs[6] = {1, 2, 3, 4, 5, 6}, rhs[6] = {7, 8, 9, 10, 11, 12}, out[8];
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 3}, 2, lhs, (const int32_t[]){3, 2}, 2,
         rhs, (const int32_t[]){2, 2}, 2, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    check_f32(product, out, 4);
    harness_free(&ctx);

    /* adj_x and adj_y: the same operands stored transposed. */
    float lhs_t[6] = {1, 4, 2, 5, 3, 6}, rhs_t[6] = {7, 9, 11, 8, 10, 12};
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){3, 2}, 2, lhs_t, (const int32_t[]){2, 3}, 2,
         rhs_t, (const int32_t[]){2, 2}, 2, out);
    HARNESS_OPTION_INT(&ctx, BATCH_MAT_MUL, ADJ_X, 1);
    HARNESS_OPTION_INT(&ctx, BATCH_MAT_MUL, ADJ_Y, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    check_f32(product, out, 4);
    harness_free(&ctx);

    /* lhs [2, 1, 2, 3] (the matrix, then twice it) by a rank-2 rhs. */
    float lhs2[12] = {1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12};
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 1, 2, 3}, 4, lhs2,
         (const int32_t[]){3, 2}, 2, rhs, (const int32_t[]){2, 1, 2, 2}, 4, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    check_f32(product, out, 4);
    const float doubled[4] = {116, 128, 278, 308};
    check_f32(doubled, out + 4, 4);
    harness_free(&ctx);

    /* lhs [1, 2, 3] broadcast against rhs [2, 3, 2] (the rhs, then minus it). */
    float rhs2[12] = {7, 8, 9, 10, 11, 12, -7, -8, -9, -10, -11, -12};
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 2, 3}, 3, lhs, (const int32_t[]){2, 3, 2},
         3, rhs2, (const int32_t[]){2, 2, 2}, 3, out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    check_f32(product, out, 4);
    const float negated[4] = {-58, -64, -139, -154};
    check_f32(negated, out + 4, 4);
    harness_free(&ctx);
}

static void test_s8(void)
{
    static tflm_context ctx;
    /* (10 - 2)(3 + 1) + (20 - 2)(-4 + 1) = -22; x 0.5 x 0.5 / 0.25; + 3. */
    int8_t lhs[2] = {10, 20}, rhs[2] = {3, -4}, out[1];
    node(&ctx, TFLM_TYPE_INT8, (const int32_t[]){1, 2}, 2, lhs, (const int32_t[]){2, 1}, 2, rhs,
         (const int32_t[]){1, 1}, 2, out);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 2}, 2, lhs, 0.5f, 2);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 1}, 2, rhs, 0.5f, -1);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){1, 1}, 2, out, 0.25f, 3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-19, out[0]);
    harness_free(&ctx);

    /* x 10: -220 + 3 saturates at -128. */
    node(&ctx, TFLM_TYPE_INT8, (const int32_t[]){1, 2}, 2, lhs, (const int32_t[]){2, 1}, 2, rhs,
         (const int32_t[]){1, 1}, 2, out);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 2}, 2, lhs, 0.5f, 2);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){2, 1}, 2, rhs, 0.5f, -1);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){1, 1}, 2, out, 0.025f, 3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-128, out[0]);
    harness_free(&ctx);
}

static void test_s16(void)
{
    static tflm_context ctx;
    /* 1000 x 3 - 2000 x 4 = -5000, x 0.25. */
    int16_t lhs[2] = {1000, -2000}, rhs[2] = {3, 4}, out[1];
    node(&ctx, TFLM_TYPE_INT16, (const int32_t[]){1, 2}, 2, lhs, (const int32_t[]){2, 1}, 2, rhs,
         (const int32_t[]){1, 1}, 2, out);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 2}, 2, lhs, 1.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, (const int32_t[]){2, 1}, 2, rhs, 1.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, (const int32_t[]){1, 1}, 2, out, 4.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK_EQ_INT(-1250, out[0]);
    harness_free(&ctx);

    /* TFLM requires every int16 zero point to be 0. */
    node(&ctx, TFLM_TYPE_INT16, (const int32_t[]){1, 2}, 2, lhs, (const int32_t[]){2, 1}, 2, rhs,
         (const int32_t[]){1, 1}, 2, out);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 2}, 2, lhs, 1.0f, 5);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, (const int32_t[]){2, 1}, 2, rhs, 1.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, (const int32_t[]){1, 1}, 2, out, 4.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    float a[12] = {0}, b[12] = {0}, out[12];
    int8_t q[12] = {0};
    /* depth 3 against 2 */
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 3}, 2, a, (const int32_t[]){2, 2}, 2, b,
         (const int32_t[]){2, 2}, 2, out);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    /* batch 2 against 3 */
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 1, 2}, 3, a, (const int32_t[]){3, 2, 1}, 3,
         b, (const int32_t[]){3, 1, 1}, 3, out);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    /* a wrong output shape */
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 3}, 2, a, (const int32_t[]){3, 2}, 2, b,
         (const int32_t[]){2, 3}, 2, out);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    /* rank 1 and rank 6 */
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){3}, 1, a, (const int32_t[]){3, 2}, 2, b,
         (const int32_t[]){2}, 1, out);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    node(&ctx, TFLM_TYPE_FLOAT32, (const int32_t[]){1, 1, 1, 1, 2, 3}, 6, a,
         (const int32_t[]){3, 2}, 2, b, (const int32_t[]){1, 1, 1, 1, 2, 2}, 6, out);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
    /* mixed types other than hybrid (test_hybrid.c), and an unsupported type */
    node(&ctx, TFLM_TYPE_INT8, (const int32_t[]){2, 3}, 2, q, (const int32_t[]){3, 2}, 2, b,
         (const int32_t[]){2, 2}, 2, q);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){2, 3}, 2, q, 0.5f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){3, 2}, 2, b, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, (const int32_t[]){2, 2}, 2, q, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    node(&ctx, TFLM_TYPE_INT32, (const int32_t[]){2, 3}, 2, a, (const int32_t[]){3, 2}, 2, b,
         (const int32_t[]){2, 2}, 2, out);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
    /* int8 without scales */
    node(&ctx, TFLM_TYPE_INT8, (const int32_t[]){2, 3}, 2, q, (const int32_t[]){3, 2}, 2, q,
         (const int32_t[]){2, 2}, 2, q);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_f32();
    test_s8();
    test_s16();
    test_rejections();
    TEST_MAIN_END();
}
