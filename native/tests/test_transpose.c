/* TRANSPOSE: every permutation of a 4-d input and some 5-d ones against
 * coordinates computed one by one, each type size, and the rejections. */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static int32_t perm_data[6];

/* Transposes in (dims, rank <= 5, type) by perm; checks the output
 * against the definition out[i0..] = in[index with axis perm[k] = ik]. */
static void check_transpose(tflm_type type, const int32_t *dims, int rank, const int32_t *perm)
{
    static tflm_context ctx;
    static uint8_t in[8 * 720], out[8 * 720];
    const uint32_t size = tflm_type_size(type);
    int32_t count = 1, out_dims[5], in_strides[5];
    for (int i = rank - 1; i >= 0; --i) {
        in_strides[i] = count;
        count *= dims[i];
    }
    for (int i = 0; i < count * (int)size; ++i) {
        in[i] = (uint8_t)(i * 31 + 7);
    }
    for (int i = 0; i < rank; ++i) {
        out_dims[i] = dims[perm[i]];
        perm_data[i] = perm[i];
    }
    const int32_t perm_dims[1] = {rank};
    harness_init(&ctx, &tflm_op_transpose, 2);
    harness_tensor(&ctx, 0, type, dims, rank, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, perm_dims, 1, perm_data, 0.0f, 0);
    ctx.tensors[1].is_constant = 1;
    harness_tensor(&ctx, 2, type, out_dims, rank, out, 0.0f, 0);
    memset(out, 0, sizeof out);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int32_t o = 0; o < count; ++o) {
        int32_t rest = o, src = 0;
        for (int k = rank - 1; k >= 0; --k) {
            src += (rest % out_dims[k]) * in_strides[perm[k]];
            rest /= out_dims[k];
        }
        CHECK(memcmp(out + (size_t)o * size, in + (size_t)src * size, size) == 0);
    }
}

static void test_all_4d_permutations(void)
{
    const int32_t dims[4] = {2, 3, 4, 5};
    const tflm_type types[4] = {TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_FLOAT32, TFLM_TYPE_INT64};
    int n = 0;
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b)
            for (int c = 0; c < 4; ++c)
                for (int d = 0; d < 4; ++d) {
                    if (a == b || a == c || a == d || b == c || b == d || c == d) {
                        continue;
                    }
                    const int32_t perm[4] = {a, b, c, d};
                    check_transpose(types[n++ % 4], dims, 4, perm);
                }
    CHECK_EQ_INT(24, n);
}

static void test_other_ranks(void)
{
    const int32_t d5[5] = {2, 3, 1, 4, 5}, p5a[5] = {4, 2, 0, 3, 1}, p5b[5] = {0, 1, 2, 4, 3};
    check_transpose(TFLM_TYPE_INT8, d5, 5, p5a);
    check_transpose(TFLM_TYPE_FLOAT32, d5, 5, p5b);
    const int32_t d2[2] = {7, 9}, p2[2] = {1, 0}, d1[1] = {6}, p1[1] = {0};
    check_transpose(TFLM_TYPE_INT16, d2, 2, p2);
    check_transpose(TFLM_TYPE_BOOL, d1, 1, p1);
    const int32_t d0[3] = {3, 0, 2}, p0[3] = {2, 0, 1};
    check_transpose(TFLM_TYPE_INT32, d0, 3, p0); /* empty */
}

/* prepare's status for a [2,3,4] float input, perm (count entries, of
 * perm_type), output dims and constness. */
static tflm_status prepare_with(tflm_type perm_type, const int32_t *perm, int count,
                                const int32_t *out_dims, int out_rank, bool constant,
                                tflm_type type)
{
    static tflm_context ctx;
    static float in[24], out[24];
    const int32_t dims[3] = {2, 3, 4}, perm_dims[1] = {count};
    memcpy(perm_data, perm, sizeof(int32_t) * (size_t)count);
    harness_init(&ctx, &tflm_op_transpose, 2);
    harness_tensor(&ctx, 0, type, dims, 3, in, 0.0f, 0);
    harness_tensor(&ctx, 1, perm_type, perm_dims, 1, perm_data, 0.0f, 0);
    ctx.tensors[1].is_constant = constant;
    harness_tensor(&ctx, 2, type, out_dims, out_rank, out, 0.0f, 0);
    return harness_prepare(&ctx);
}

static void test_rejections(void)
{
    const int32_t good[3] = {2, 0, 1}, out[3] = {4, 2, 3};
    CHECK_EQ_INT(TFLM_OK, prepare_with(TFLM_TYPE_INT32, good, 3, out, 3, true, TFLM_TYPE_FLOAT32));
    CHECK(prepare_with(TFLM_TYPE_INT32, good, 3, out, 3, false, TFLM_TYPE_FLOAT32) != TFLM_OK);
    CHECK(prepare_with(TFLM_TYPE_INT16, good, 3, out, 3, true, TFLM_TYPE_FLOAT32) != TFLM_OK);
    const int32_t repeated[3] = {2, 2, 1}, negative[3] = {-1, 0, 1}, big[3] = {3, 0, 1};
    CHECK(prepare_with(TFLM_TYPE_INT32, repeated, 3, out, 3, true, TFLM_TYPE_FLOAT32) != TFLM_OK);
    CHECK(prepare_with(TFLM_TYPE_INT32, negative, 3, out, 3, true, TFLM_TYPE_FLOAT32) != TFLM_OK);
    CHECK(prepare_with(TFLM_TYPE_INT32, big, 3, out, 3, true, TFLM_TYPE_FLOAT32) != TFLM_OK);
    CHECK(prepare_with(TFLM_TYPE_INT32, good, 2, out, 3, true, TFLM_TYPE_FLOAT32) != TFLM_OK);
    const int32_t wrong_out[3] = {4, 3, 2};
    CHECK(prepare_with(TFLM_TYPE_INT32, good, 3, wrong_out, 3, true, TFLM_TYPE_FLOAT32) != TFLM_OK);
    CHECK(prepare_with(TFLM_TYPE_INT32, good, 3, out, 3, true, TFLM_TYPE_FLOAT16) != TFLM_OK);
}

static void test_six_dims_rejected(void)
{
    static tflm_context ctx;
    static float in[64], out[64];
    const int32_t dims[6] = {2, 2, 2, 2, 2, 2}, perm_dims[1] = {6};
    for (int i = 0; i < 6; ++i) {
        perm_data[i] = 5 - i;
    }
    harness_init(&ctx, &tflm_op_transpose, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, dims, 6, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, perm_dims, 1, perm_data, 0.0f, 0);
    ctx.tensors[1].is_constant = 1;
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, dims, 6, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
}

int main(void)
{
    test_all_4d_permutations();
    test_other_ranks();
    test_rejections();
    test_six_dims_rejected();
    TEST_MAIN_END();
}
