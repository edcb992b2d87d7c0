/* DYNAMIC_UPDATE_SLICE: the operand with the update written at clamped
 * start indices, against placement written out here, every type, INT32
 * and INT64 indices, scalar and empty updates, and the rejections of
 * prepare. */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_context ctx;

/* operand [3, 4] (x 2 for the 3-d case), update [2, 2] at a clamped start. */
static void test_update_f32(void)
{
    const int32_t o_dims[2] = {3, 4}, u_dims[2] = {2, 2}, s_dims[1] = {2};
    float operand[12], update[4] = {-1, -2, -3, -4}, out[12];
    int32_t start[2];
    static const int32_t starts[4][2] = {{1, 1}, {5, -3}, {0, 2}, {2, 3}};
    static const int32_t clamped[4][2] = {{1, 1}, {1, 0}, {0, 2}, {1, 2}};
    for (int i = 0; i < 12; ++i) {
        operand[i] = (float)i;
    }
    for (int t = 0; t < 4; ++t) {
        start[0] = starts[t][0];
        start[1] = starts[t][1];
        harness_init(&ctx, &tflm_op_dynamic_update_slice, 3);
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, o_dims, 2, operand, 0.0f, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, u_dims, 2, update, 0.0f, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_INT32, s_dims, 1, start, 0.0f, 0);
        harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, o_dims, 2, out, 0.0f, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int y = 0; y < 3; ++y) {
            for (int x = 0; x < 4; ++x) {
                const int uy = y - clamped[t][0], ux = x - clamped[t][1];
                const float want = uy >= 0 && uy < 2 && ux >= 0 && ux < 2 ? update[uy * 2 + ux]
                                                                          : operand[y * 4 + x];
                CHECK(out[y * 4 + x] == want);
            }
        }
    }
}

/* Integer types, 3-d, INT64 start: operand [2, 3, 2], update [1, 2, 2] at [1, 1, 0]. */
#define CHECK_3D(T, TYPE)                                                                   \
    do {                                                                                    \
        const int32_t o_dims[3] = {2, 3, 2}, u_dims[3] = {1, 2, 2}, s_dims[1] = {3};        \
        T operand[12], update[4], out[12];                                                  \
        int64_t start[3] = {1, 1, 0};                                                       \
        for (int i = 0; i < 12; ++i) {                                                      \
            operand[i] = (T)(i + 1);                                                        \
        }                                                                                   \
        for (int i = 0; i < 4; ++i) {                                                       \
            update[i] = (T)(-100 - i);                                                      \
        }                                                                                   \
        harness_init(&ctx, &tflm_op_dynamic_update_slice, 3);                               \
        harness_tensor(&ctx, 0, TYPE, o_dims, 3, operand, 0.0f, 0);                         \
        harness_tensor(&ctx, 1, TYPE, u_dims, 3, update, 0.0f, 0);                          \
        harness_tensor(&ctx, 2, TFLM_TYPE_INT64, s_dims, 1, start, 0.0f, 0);                \
        harness_tensor(&ctx, 3, TYPE, o_dims, 3, out, 0.0f, 0);                             \
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));                                       \
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));                                        \
        for (int i = 0; i < 12; ++i) {                                                      \
            const int b = i / 6, y = (i / 2) % 3, x = i % 2;                                \
            const int inside = b == 1 && y >= 1;                                            \
            CHECK_EQ_INT(inside ? update[(y - 1) * 2 + x] : operand[i], out[i]);            \
        }                                                                                   \
    } while (0)

static void test_update_integers(void)
{
    CHECK_3D(int8_t, TFLM_TYPE_INT8);
    CHECK_3D(int16_t, TFLM_TYPE_INT16);
    CHECK_3D(int32_t, TFLM_TYPE_INT32);
}

/* A scalar operand is replaced; an empty update leaves the operand. */
static void test_update_edges(void)
{
    const int32_t none[1] = {0}, o_dims[1] = {3}, u_dims[1] = {0};
    float operand[3] = {1, 2, 3}, update[1] = {9}, out[3];
    int32_t start[1] = {1};
    harness_init(&ctx, &tflm_op_dynamic_update_slice, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, none, 0, operand, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, none, 0, update, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, none, 1, start, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, none, 0, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 9.0f);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, o_dims, 1, operand, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, u_dims, 1, update, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){1}, 1, start, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, o_dims, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(out, operand, sizeof out) == 0);
}

static void test_update_rejections(void)
{
    const int32_t o_dims[2] = {3, 4}, u_dims[2] = {2, 2}, s_dims[1] = {2};
    float buf[12];
    int32_t start[2] = {0, 0};
#define DUS_NODE()                                                                     \
    do {                                                                               \
        harness_init(&ctx, &tflm_op_dynamic_update_slice, 3);                          \
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, o_dims, 2, buf, 0.0f, 0);           \
        harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, u_dims, 2, buf, 0.0f, 0);           \
        harness_tensor(&ctx, 2, TFLM_TYPE_INT32, s_dims, 1, start, 0.0f, 0);           \
        harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, o_dims, 2, buf, 0.0f, 0);           \
    } while (0)
    DUS_NODE();
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, u_dims, 2, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){4, 1}, 2, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, u_dims, 1, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){3}, 1, start, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){1, 2}, 2, start, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, s_dims, 1, start, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, u_dims, 2, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    DUS_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, o_dims, 2, buf, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_BOOL, u_dims, 2, buf, 0.0f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_BOOL, o_dims, 2, buf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
#undef DUS_NODE
}

int main(void)
{
    test_update_f32();
    test_update_integers();
    test_update_edges();
    test_update_rejections();
    TEST_MAIN_END();
}
