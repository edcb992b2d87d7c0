/* BROADCAST_TO and TILE against outputs computed element by element
 * (index modulo the input's size, or 0 along broadcast axes), for each
 * type size; the rejections (shapes, multiples, constness, types). */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static uint8_t input[8 * 64], output[8 * 1024];
static int64_t values64[6];
static int32_t values32[6];

static void fill_input(void)
{
    for (int i = 0; i < (int)sizeof input; ++i) {
        input[i] = (uint8_t)(i * 37 + 11);
    }
    memset(output, 0xee, sizeof output);
}

/* Checks every output element (out_dims, rank) against input element
 * (out coordinate mod in dim) with the input right-aligned, in rank
 * in_rank. */
static void check_repeat(uint32_t size, const int32_t *in_dims, int in_rank,
                         const int32_t *out_dims, int rank)
{
    int count = 1;
    for (int i = 0; i < rank; ++i) {
        count *= out_dims[i];
    }
    for (int o = 0; o < count; ++o) {
        int rest = o, src = 0, stride = 1;
        for (int k = rank - 1; k >= 0; --k) {
            const int c = rest % out_dims[k];
            rest /= out_dims[k];
            const int i = k - (rank - in_rank);
            if (i >= 0) {
                src += (c % in_dims[i]) * stride;
                stride *= in_dims[i];
            }
        }
        CHECK(memcmp(output + (size_t)o * size, input + (size_t)src * size, size) == 0);
    }
}

static tflm_status run(const tflm_kernel *kernel, tflm_type type, const int32_t *in_dims,
                       int in_rank, const int32_t *arg, int arg_count, bool wide, bool constant,
                       const int32_t *out_dims, int rank)
{
    static tflm_context ctx;
    const int32_t arg_dims[1] = {arg_count};
    for (int i = 0; i < arg_count; ++i) {
        values64[i] = arg[i];
        values32[i] = arg[i];
    }
    fill_input();
    harness_init(&ctx, kernel, 2);
    harness_tensor(&ctx, 0, type, in_dims, in_rank, input, 0.0f, 0);
    harness_tensor(&ctx, 1, wide ? TFLM_TYPE_INT64 : TFLM_TYPE_INT32, arg_dims, 1,
                   wide ? (void *)values64 : (void *)values32, 0.0f, 0);
    ctx.tensors[1].is_constant = constant;
    harness_tensor(&ctx, 2, type, out_dims, rank, output, 0.0f, 0);
    tflm_status status = harness_prepare(&ctx);
    return status != TFLM_OK ? status : harness_invoke(&ctx);
}

static void test_broadcast_to(void)
{
    const int32_t in[3] = {3, 1, 2}, out[5] = {2, 1, 3, 4, 2}, in2[2] = {1, 1}, out2[2] = {3, 5};
    const tflm_type types[4] = {TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_FLOAT32, TFLM_TYPE_INT64};
    for (int t = 0; t < 4; ++t) {
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_broadcast_to, types[t], in, 3, out, 5, t % 2, true, out, 5));
        check_repeat(tflm_type_size(types[t]), in, 3, out, 5);
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_broadcast_to, types[t], in2, 2, out2, 2, false, true, out2, 2));
        check_repeat(tflm_type_size(types[t]), in2, 2, out2, 2);
    }
    const int32_t bad[3] = {3, 4, 3}, six[6] = {1, 2, 3, 4, 2, 1};
    CHECK(run(&tflm_op_broadcast_to, TFLM_TYPE_INT8, in, 3, bad, 3, false, true, bad, 3) != TFLM_OK);
    CHECK(run(&tflm_op_broadcast_to, TFLM_TYPE_INT8, in, 3, out, 5, false, false, out, 5) != TFLM_OK);
    CHECK(run(&tflm_op_broadcast_to, TFLM_TYPE_INT8, in, 3, out, 5, false, true, bad, 3) != TFLM_OK);
    CHECK(run(&tflm_op_broadcast_to, TFLM_TYPE_INT8, in, 3, six, 6, false, true, six, 6) != TFLM_OK);
    CHECK(run(&tflm_op_broadcast_to, TFLM_TYPE_INT8, in, 3, in2, 2, false, true, in2, 2) != TFLM_OK);
}

static void test_tile(void)
{
    const int32_t in[3] = {2, 1, 3}, mult[3] = {2, 4, 3}, out[3] = {4, 4, 9};
    const tflm_type types[5] = {TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_FLOAT32, TFLM_TYPE_INT64,
                                TFLM_TYPE_BOOL};
    for (int t = 0; t < 5; ++t) {
        CHECK_EQ_INT(TFLM_OK, run(&tflm_op_tile, types[t], in, 3, mult, 3, t % 2, t != 2, out, 3));
        check_repeat(tflm_type_size(types[t]), in, 3, out, 3);
    }
    const int32_t in6[6] = {2, 1, 2, 1, 2, 1}, mult6[6] = {1, 2, 2, 3, 1, 2}, out6[6] = {2, 2, 4, 3, 2, 2};
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_tile, TFLM_TYPE_INT32, in6, 6, mult6, 6, false, true, out6, 6));
    check_repeat(4, in6, 6, out6, 6);
    const int32_t zero[3] = {2, 0, 3}, empty[3] = {4, 0, 9};
    CHECK_EQ_INT(TFLM_OK, run(&tflm_op_tile, TFLM_TYPE_INT8, in, 3, zero, 3, false, true, empty, 3));
    /* Multiples that disagree with the output, negative ones (also at
     * invoke), a count other than the rank, an unsupported type. */
    const int32_t wrong[3] = {2, 4, 2}, negative[3] = {-2, 4, 3};
    for (int constant = 0; constant < 2; ++constant) {
        CHECK(run(&tflm_op_tile, TFLM_TYPE_INT8, in, 3, wrong, 3, false, constant, out, 3) != TFLM_OK);
        CHECK(run(&tflm_op_tile, TFLM_TYPE_INT8, in, 3, negative, 3, false, constant, out, 3) !=
              TFLM_OK);
    }
    CHECK(run(&tflm_op_tile, TFLM_TYPE_INT8, in, 3, mult, 2, false, true, out, 3) != TFLM_OK);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED,
                 run(&tflm_op_tile, TFLM_TYPE_FLOAT16, in, 3, mult, 3, false, true, out, 3));
}

int main(void)
{
    test_broadcast_to();
    test_tile();
    TEST_MAIN_END();
}
