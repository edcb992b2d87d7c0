/* FILL, ZEROS_LIKE and SHAPE: outputs for each type against the
 * definitions, and the rejections (dims, value, types, shapes). */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static uint8_t output[8 * 64];
static int64_t dims64[4];

static tflm_status run_fill(tflm_type type, const void *value, tflm_type dims_type,
                            const int32_t *shape, int rank, bool constant, const int32_t *out_dims,
                            int out_rank)
{
    static tflm_context ctx;
    static uint8_t dims_data[32];
    const int32_t dims_dims[1] = {rank};
    for (int i = 0; i < rank; ++i) {
        dims64[i] = shape[i];
        const uint32_t size = tflm_type_size(dims_type);
        const int64_t v = shape[i];
        memcpy(dims_data + i * size, &v, size); /* little-endian truncation */
    }
    memset(output, 0xee, sizeof output);
    harness_init(&ctx, &tflm_op_fill, 2);
    harness_tensor(&ctx, 0, dims_type, dims_dims, 1, dims_data, 0.0f, 0);
    ctx.tensors[0].is_constant = constant;
    harness_tensor(&ctx, 1, type, NULL, 0, (void *)value, 0.0f, 0);
    harness_tensor(&ctx, 2, type, out_dims, out_rank, output, 0.0f, 0);
    tflm_status status = harness_prepare(&ctx);
    return status != TFLM_OK ? status : harness_invoke(&ctx);
}

static void test_fill(void)
{
    const int32_t shape[3] = {2, 3, 4};
    const tflm_type types[6] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT32, TFLM_TYPE_INT8,
                                TFLM_TYPE_INT16,   TFLM_TYPE_INT64, TFLM_TYPE_BOOL};
    const tflm_type dims_types[4] = {TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT32, TFLM_TYPE_INT64};
    const uint8_t value[8] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    for (int t = 0; t < 6; ++t) {
        const uint32_t size = tflm_type_size(types[t]);
        CHECK_EQ_INT(TFLM_OK, run_fill(types[t], value, dims_types[t % 4], shape, 3, true, shape, 3));
        for (int i = 0; i < 24; ++i) {
            CHECK(memcmp(output + (size_t)i * size, value, size) == 0);
        }
        CHECK_EQ_INT(0xee, output[24 * size]);
    }
    const int32_t other[3] = {2, 4, 3};
    CHECK(run_fill(TFLM_TYPE_INT8, value, TFLM_TYPE_INT32, shape, 3, true, other, 3) != TFLM_OK);
    CHECK(run_fill(TFLM_TYPE_INT8, value, TFLM_TYPE_INT32, shape, 3, false, shape, 3) != TFLM_OK);
    CHECK(run_fill(TFLM_TYPE_INT8, value, TFLM_TYPE_FLOAT32, shape, 3, true, shape, 3) != TFLM_OK);
    CHECK(run_fill(TFLM_TYPE_UINT8, value, TFLM_TYPE_INT32, shape, 3, true, shape, 3) != TFLM_OK);
    CHECK(run_fill(TFLM_TYPE_INT8, value, TFLM_TYPE_INT32, shape, 2, true, shape, 3) != TFLM_OK);
}

static void test_zeros_like(void)
{
    static tflm_context ctx;
    static uint8_t input[8 * 6];
    const int32_t dims[2] = {2, 3}, other[2] = {3, 2};
    const tflm_type types[4] = {TFLM_TYPE_INT64, TFLM_TYPE_INT32, TFLM_TYPE_INT8, TFLM_TYPE_FLOAT32};
    for (int t = 0; t < 4; ++t) {
        memset(input, 0x5a, sizeof input);
        memset(output, 0xee, sizeof output);
        harness_init(&ctx, &tflm_op_zeros_like, 1);
        harness_tensor(&ctx, 0, types[t], dims, 2, input, 0.0f, 0);
        harness_tensor(&ctx, 1, types[t], dims, 2, output, 0.0f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        const uint32_t bytes = 6 * tflm_type_size(types[t]);
        for (uint32_t i = 0; i < bytes; ++i) {
            CHECK_EQ_INT(0, output[i]);
        }
        CHECK_EQ_INT(0xee, output[bytes]);
    }
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, other, 2, output, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 2, input, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 2, output, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
}

static void test_shape(void)
{
    static tflm_context ctx;
    static uint8_t input[8];
    const int32_t dims[4] = {7, 1, 0, 65536}, four[1] = {4}, three[1] = {3};
    harness_init(&ctx, &tflm_op_shape, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, dims, 4, input, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, four, 1, output, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int32_t got32[4];
    memcpy(got32, output, sizeof got32);
    for (int i = 0; i < 4; ++i) {
        CHECK_EQ_INT(dims[i], got32[i]);
    }
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, four, 1, output, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int64_t got64[4];
    memcpy(got64, output, sizeof got64);
    for (int i = 0; i < 4; ++i) {
        CHECK_EQ_INT(dims[i], got64[i]);
    }
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, three, 1, output, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, four, 1, output, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
}

int main(void)
{
    test_fill();
    test_zeros_like();
    test_shape();
    TEST_MAIN_END();
}
