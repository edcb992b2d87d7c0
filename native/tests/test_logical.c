/* LOGICAL_AND and LOGICAL_OR: truth tables, broadcasting, rejections. */
#include <stdbool.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

int main(void)
{
    static tflm_context ctx;
    bool a[2][2] = {{false, false}, {true, true}}, b[2] = {false, true}, o[2][2];
    const int32_t da[2] = {2, 2}, db[1] = {2};
    for (int op = 0; op < 2; ++op) {
        harness_init(&ctx, op ? &tflm_op_logical_or : &tflm_op_logical_and, 2);
        harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, da, 2, a, 0, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_BOOL, db, 1, b, 0, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_BOOL, da, 2, o, 0, 0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        for (int i = 0; i < 2; ++i) {
            for (int j = 0; j < 2; ++j) {
                CHECK(o[i][j] == (op ? (a[i][j] || b[j]) : (a[i][j] && b[j])));
            }
        }
        harness_tensor(&ctx, 2, TFLM_TYPE_INT8, da, 2, o, 0, 0);
        CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
        harness_tensor(&ctx, 0, TFLM_TYPE_INT8, da, 2, a, 0, 0);
        CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
        harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, (const int32_t[]){2, 3}, 2, a, 0, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_BOOL, da, 2, o, 0, 0);
        CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
        harness_free(&ctx);
    }
    TEST_MAIN_END();
}
