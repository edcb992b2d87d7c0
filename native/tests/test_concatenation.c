/* CONCATENATION and PACK against coordinates computed one by one, along
 * every axis, for each type size; TFLM's quantization rules and the
 * rejections (axis, shapes, counts, types, activation). */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static uint8_t in_data[3][8 * 64], out_data[8 * 192];

/* Fills input i with bytes that differ from every other input's. */
static void fill_inputs(void)
{
    for (int i = 0; i < 3; ++i) {
        for (int b = 0; b < 8 * 64; ++b) {
            in_data[i][b] = (uint8_t)(i * 85 + b * 7 + 1);
        }
    }
}

/* Concatenates three [2,a,3]-like inputs of rank 3 along axis (axis dims
 * sizes[i]) and checks every output element. */
static void check_concat(tflm_type type, int axis, const int32_t sizes[3])
{
    static tflm_context ctx;
    const int32_t base[3] = {2, 3, 4};
    const uint32_t size = tflm_type_size(type);
    int32_t in_dims[3][3], out_dims[3];
    memcpy(out_dims, base, sizeof base);
    out_dims[axis] = sizes[0] + sizes[1] + sizes[2];
    fill_inputs();
    memset(out_data, 0, sizeof out_data);
    harness_init(&ctx, &tflm_op_concatenation, 3);
    for (int i = 0; i < 3; ++i) {
        memcpy(in_dims[i], base, sizeof base);
        in_dims[i][axis] = sizes[i];
        harness_tensor(&ctx, i, type, in_dims[i], 3, in_data[i], 0.5f, 0);
    }
    harness_tensor(&ctx, 3, type, out_dims, 3, out_data, 0.5f, 0);
    HARNESS_OPTION_INT(&ctx, CONCATENATION, AXIS, axis - (axis % 2) * 3); /* 1 as -2 */
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int a = 0; a < out_dims[0]; ++a)
        for (int b = 0; b < out_dims[1]; ++b)
            for (int c = 0; c < out_dims[2]; ++c) {
                int idx[3] = {a, b, c}, which = 0;
                while (idx[axis] >= sizes[which]) {
                    idx[axis] -= sizes[which++];
                }
                const int32_t *d = in_dims[which];
                const int src = (idx[0] * d[1] + idx[1]) * d[2] + idx[2];
                const int dst = (a * out_dims[1] + b) * out_dims[2] + c;
                CHECK(memcmp(out_data + (size_t)dst * size, in_data[which] + (size_t)src * size,
                             size) == 0);
            }
}

static void test_concat_axes_and_types(void)
{
    const int32_t sizes[3][3] = {{1, 2, 3}, {2, 0, 1}, {1, 1, 2}};
    const tflm_type types[6] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16,
                                TFLM_TYPE_INT32,   TFLM_TYPE_INT64, TFLM_TYPE_BOOL};
    for (int t = 0; t < 6; ++t) {
        for (int axis = 0; axis < 3; ++axis) {
            check_concat(types[t], axis, sizes[(t + axis) % 3]);
        }
    }
}

/* Two [2,2] int8/int16 inputs into [4,2] with the given quantization. */
static tflm_status concat_quantized(tflm_type type, float scale1, int32_t zero1, float out_scale,
                                    int32_t out_zero)
{
    static tflm_context ctx;
    const int32_t in_dims[2] = {2, 2}, out_dims[2] = {4, 2};
    harness_init(&ctx, &tflm_op_concatenation, 2);
    harness_tensor(&ctx, 0, type, in_dims, 2, in_data[0], scale1, zero1);
    harness_tensor(&ctx, 1, type, in_dims, 2, in_data[1], out_scale, out_zero);
    harness_tensor(&ctx, 2, type, out_dims, 2, out_data, out_scale, out_zero);
    return harness_prepare(&ctx);
}

static void test_concat_quantization(void)
{
    CHECK_EQ_INT(TFLM_OK, concat_quantized(TFLM_TYPE_INT8, 0.1f, 3, 0.1f, 3));
    CHECK(concat_quantized(TFLM_TYPE_INT8, 0.1f, 4, 0.1f, 3) != TFLM_OK);
    CHECK(concat_quantized(TFLM_TYPE_INT8, 0.2f, 3, 0.1f, 3) != TFLM_OK);
    CHECK_EQ_INT(TFLM_OK, concat_quantized(TFLM_TYPE_INT16, 0.2f, 0, 0.1f, 0));
    CHECK(concat_quantized(TFLM_TYPE_INT16, 0.2f, 1, 0.1f, 0) != TFLM_OK);
    CHECK(concat_quantized(TFLM_TYPE_INT16, 0.1f, 0, 0.1f, 2) != TFLM_OK);
}

static void test_concat_rejections(void)
{
    static tflm_context ctx;
    const int32_t a[2] = {2, 3}, b[2] = {2, 4}, out[2] = {2, 7}, wrong[2] = {2, 8}, r3[3] = {2, 3, 1};
    /* Fine, then one change at a time. */
    harness_init(&ctx, &tflm_op_concatenation, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, a, 2, in_data[0], 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, b, 2, in_data[1], 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out, 2, out_data, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, CONCATENATION, AXIS, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, CONCATENATION, AXIS, 2);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, CONCATENATION, AXIS, -3);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, CONCATENATION, AXIS, 0); /* other axes differ */
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, CONCATENATION, AXIS, -1);
    HARNESS_OPTION_INT(&ctx, CONCATENATION, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, CONCATENATION, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_NONE);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, wrong, 2, out_data, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* sizes add up to 7 */
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out, 2, out_data, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, b, 2, in_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* mixed types */
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, r3, 3, in_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* mixed ranks */
    harness_tensor(&ctx, 0, TFLM_TYPE_UINT8, a, 2, in_data[0], 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_UINT8, b, 2, in_data[1], 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_UINT8, out, 2, out_data, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_absent_input(&ctx, 1);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
}

/* Packs three [2,3] inputs of type along axis (of the rank-3 output). */
static void check_pack(tflm_type type, int axis)
{
    static tflm_context ctx;
    const int32_t in_dims[2] = {2, 3};
    const uint32_t size = tflm_type_size(type);
    int32_t out_dims[3];
    for (int d = 0, i = 0; d < 3; ++d) {
        out_dims[d] = d == axis ? 3 : in_dims[i++];
    }
    fill_inputs();
    memset(out_data, 0, sizeof out_data);
    harness_init(&ctx, &tflm_op_pack, 3);
    for (int i = 0; i < 3; ++i) {
        harness_tensor(&ctx, i, type, in_dims, 2, in_data[i], 0.0f, 0);
    }
    harness_tensor(&ctx, 3, type, out_dims, 3, out_data, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, PACK, VALUES_COUNT, 3);
    HARNESS_OPTION_INT(&ctx, PACK, AXIS, axis == 2 ? -1 : axis);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int a = 0; a < out_dims[0]; ++a)
        for (int b = 0; b < out_dims[1]; ++b)
            for (int c = 0; c < out_dims[2]; ++c) {
                const int idx[3] = {a, b, c};
                int rest[2], r = 0;
                for (int d = 0; d < 3; ++d) {
                    if (d != axis) {
                        rest[r++] = idx[d];
                    }
                }
                const int src = rest[0] * 3 + rest[1];
                const int dst = (a * out_dims[1] + b) * out_dims[2] + c;
                CHECK(memcmp(out_data + (size_t)dst * size, in_data[idx[axis]] + (size_t)src * size,
                             size) == 0);
            }
}

static void test_pack(void)
{
    const tflm_type types[5] = {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_INT32,
                                TFLM_TYPE_INT64};
    for (int t = 0; t < 5; ++t) {
        for (int axis = 0; axis < 3; ++axis) {
            check_pack(types[t], axis);
        }
    }
    static tflm_context ctx;
    const int32_t in_dims[2] = {2, 3}, other[2] = {3, 2}, out_dims[3] = {2, 2, 3};
    harness_init(&ctx, &tflm_op_pack, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 2, in_data[0], 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, in_dims, 2, in_data[1], 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, out_dims, 3, out_data, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, PACK, VALUES_COUNT, 2);
    HARNESS_OPTION_INT(&ctx, PACK, AXIS, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, PACK, VALUES_COUNT, 3);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, PACK, VALUES_COUNT, 2);
    HARNESS_OPTION_INT(&ctx, PACK, AXIS, 3);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    HARNESS_OPTION_INT(&ctx, PACK, AXIS, 1); /* output would be [2,2,3]: fine by chance */
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, PACK, AXIS, 2);
    CHECK(harness_prepare(&ctx) != TFLM_OK); /* expects [2,3,2] */
    HARNESS_OPTION_INT(&ctx, PACK, AXIS, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, other, 2, in_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, in_dims, 2, in_data[1], 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
}

int main(void)
{
    test_concat_axes_and_types();
    test_concat_quantization();
    test_concat_rejections();
    test_pack();
    TEST_MAIN_END();
}
