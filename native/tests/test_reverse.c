/* REVERSE_V2 against coordinates computed one by one, for every subset
 * of the axes of a 3-d input and each type size; the rejections. */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static uint8_t input[8 * 60], output[8 * 60];
static int32_t axes[4];

static tflm_status run(tflm_type type, const int32_t *list, int count, bool constant,
                       tflm_type axis_type)
{
    static tflm_context ctx;
    const int32_t dims[3] = {3, 4, 5}, axis_dims[1] = {count};
    memcpy(axes, list, sizeof(int32_t) * (size_t)count);
    for (int i = 0; i < (int)sizeof input; ++i) {
        input[i] = (uint8_t)(i * 13 + 7);
    }
    memset(output, 0xee, sizeof output);
    harness_init(&ctx, &tflm_op_reverse_v2, 2);
    harness_tensor(&ctx, 0, type, dims, 3, input, 0.0f, 0);
    harness_tensor(&ctx, 1, axis_type, axis_dims, 1, axes, 0.0f, 0);
    ctx.tensors[1].is_constant = constant;
    harness_tensor(&ctx, 2, type, dims, 3, output, 0.0f, 0);
    tflm_status status = harness_prepare(&ctx);
    return status != TFLM_OK ? status : harness_invoke(&ctx);
}

static void test_every_subset(void)
{
    const tflm_type types[4] = {TFLM_TYPE_INT8, TFLM_TYPE_INT16, TFLM_TYPE_FLOAT32, TFLM_TYPE_INT64};
    const int32_t dims[3] = {3, 4, 5};
    for (int mask = 0; mask < 8; ++mask) {
        int32_t list[3];
        int count = 0;
        for (int a = 2; a >= 0; --a) { /* any order, negative too */
            if (mask >> a & 1) {
                list[count++] = a == 1 ? -2 : a;
            }
        }
        const tflm_type type = types[mask % 4];
        const uint32_t size = tflm_type_size(type);
        CHECK_EQ_INT(TFLM_OK, run(type, list, count, mask % 3 != 0, TFLM_TYPE_INT32));
        for (int x = 0; x < 3; ++x)
            for (int y = 0; y < 4; ++y)
                for (int z = 0; z < 5; ++z) {
                    const int sx = mask & 1 ? dims[0] - 1 - x : x;
                    const int sy = mask & 2 ? dims[1] - 1 - y : y;
                    const int sz = mask & 4 ? dims[2] - 1 - z : z;
                    const int o = (x * 4 + y) * 5 + z, s = (sx * 4 + sy) * 5 + sz;
                    CHECK(memcmp(output + (size_t)o * size, input + (size_t)s * size, size) == 0);
                }
    }
}

static void test_rejections(void)
{
    const int32_t repeated[2] = {1, -2}, out_of_range[1] = {3}, too_many[4] = {0, 1, 2, 0};
    for (int constant = 0; constant < 2; ++constant) {
        CHECK(run(TFLM_TYPE_INT8, repeated, 2, constant, TFLM_TYPE_INT32) != TFLM_OK);
        CHECK(run(TFLM_TYPE_INT8, out_of_range, 1, constant, TFLM_TYPE_INT32) != TFLM_OK);
    }
    CHECK(run(TFLM_TYPE_INT8, too_many, 4, true, TFLM_TYPE_INT32) != TFLM_OK);
    CHECK(run(TFLM_TYPE_INT8, repeated, 1, true, TFLM_TYPE_INT64) != TFLM_OK);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(TFLM_TYPE_FLOAT16, repeated, 1, true, TFLM_TYPE_INT32));
}

int main(void)
{
    test_every_subset();
    test_rejections();
    TEST_MAIN_END();
}
