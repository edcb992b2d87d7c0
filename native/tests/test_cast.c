/* CAST (cast.c): every supported pair against C's conversions (defined
 * cases), the float edge cases as x86-64 TF Lite gives them, rejections. */
#include <math.h>
#include <stdint.h>

#include "kernel_harness.h"
#include "kernels/cast.h"
#include "test.h"
#include "tflm/ops.h"

#define N 8
static const int32_t DIMS[] = {N};

static tflm_status run(tflm_type from, void *in, tflm_type to, void *out)
{
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_cast, 1);
    harness_tensor(&ctx, 0, from, DIMS, 1, in, 0, 0);
    harness_tensor(&ctx, 1, to, DIMS, 1, out, 0, 0);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    harness_free(&ctx);
    return status;
}

static void test_integers(void)
{
    int32_t in[N] = {0, 1, -1, 127, 128, -129, 65535, INT32_MIN};
    int8_t s8[N];
    uint8_t u8[N];
    int16_t s16[N];
    uint32_t u32[N];
    int64_t s64[N];
    float f[N];
    bool b[N];
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_INT8, s8));
    CHECK(s8[3] == 127 && s8[4] == -128 && s8[5] == 127 && s8[6] == -1);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_UINT8, u8));
    CHECK(u8[2] == 255 && u8[4] == 128);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_INT16, s16));
    CHECK(s16[6] == -1 && s16[5] == -129);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_UINT32, u32));
    CHECK(u32[2] == 0xffffffffu && u32[7] == 0x80000000u);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_INT64, s64));
    CHECK(s64[2] == -1 && s64[7] == INT32_MIN);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_FLOAT32, f));
    CHECK(f[5] == -129.0f && f[7] == -2147483648.0f);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT32, in, TFLM_TYPE_BOOL, b));
    CHECK(!b[0] && b[1] && b[2] && b[7]);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_UINT32, u32, TFLM_TYPE_INT64, s64));
    CHECK(s64[2] == 0xffffffffLL); /* zero-extended */
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_BOOL, b, TFLM_TYPE_FLOAT32, f));
    CHECK(f[0] == 0.0f && f[1] == 1.0f);
    int64_t big[N] = {INT64_MAX, INT64_MIN, 0x100000001LL};
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT64, big, TFLM_TYPE_INT32, in));
    CHECK(in[0] == -1 && in[1] == 0 && in[2] == 1);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_INT64, big, TFLM_TYPE_FLOAT32, f));
    CHECK(f[0] == 9223372036854775808.0f);
}

static void test_floats(void)
{
    float in[N] = {1.9f, -1.9f, 300.5f, -3e9f, 3e9f, NAN, 0.0f, 1e20f};
    int8_t s8[N];
    int32_t s32[N];
    uint32_t u32[N];
    int64_t s64[N];
    bool b[N];
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, in, TFLM_TYPE_INT32, s32));
    CHECK(s32[0] == 1 && s32[1] == -1 && s32[2] == 300 && s32[3] == INT32_MIN && s32[4] == INT32_MIN &&
          s32[5] == INT32_MIN);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, in, TFLM_TYPE_INT8, s8));
    CHECK(s8[2] == 44 && s8[3] == 0); /* 300 mod 256; INT32_MIN's low byte */
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, in, TFLM_TYPE_UINT32, u32));
    CHECK(u32[1] == 0xffffffffu && u32[4] == 3000000000u && u32[5] == 0u);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, in, TFLM_TYPE_INT64, s64));
    CHECK(s64[3] == -3000000000LL && s64[7] == INT64_MIN && s64[5] == INT64_MIN);
    CHECK_EQ_INT(TFLM_OK, run(TFLM_TYPE_FLOAT32, in, TFLM_TYPE_BOOL, b));
    CHECK(b[0] && b[5] && !b[6]);
}

static void test_rejections(void)
{
    float f[N];
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(TFLM_TYPE_FLOAT64, f, TFLM_TYPE_FLOAT32, f));
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run(TFLM_TYPE_FLOAT32, f, TFLM_TYPE_FLOAT64, f));
    static tflm_context ctx;
    harness_init(&ctx, &tflm_op_cast, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, DIMS, 1, f, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, (const int32_t[]){N - 1}, 1, f, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_integers();
    test_floats();
    test_rejections();
    TEST_MAIN_END();
}
