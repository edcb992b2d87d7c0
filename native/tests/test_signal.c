/* TFLM's signal ops (native/src/kernels/signal/): the values of TFLM's own
 * signal kernel tests (tflite-micro's signal/micro/kernels/ tests), the
 * option maps written by flex_builder, and the kiss_fft twiddle factors
 * against the C library's double arithmetic. */
#include <math.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "kernels/signal/fft_twiddle.h"
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

/* Every twiddle and super twiddle of kiss_fft for the real FFT lengths up
 * to 1024, and of lengths divisible by 6 up to 2048 (where cos = +-1/2
 * makes the double roundings decide), in 16 and 32-bit scale, equal
 * floor(.5 + scale * cos(phase)) computed in double as kiss_fft does. */
static void test_twiddles(void)
{
    const double pi = 3.14159265358979323846264338327950288;
    const uint32_t scales[2] = {32767u, 2147483647u};
    int mismatches = 0;
    for (int length = 2; length <= 2048; length += 2) {
        if (length > 1024 && length % 6 != 0) {
            continue;
        }
        const int n = length / 2;
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < n; i++) {
                const double phase = -2 * pi * i / n;
                int64_t re, im;
                fft_twiddle(fft_twiddle_phase((uint32_t)i, (uint32_t)n), true, scales[s], &re, &im);
                mismatches += re != (int64_t)floor(.5 + scales[s] * cos(phase)) ||
                              im != (int64_t)floor(.5 + scales[s] * sin(phase));
            }
            for (int i = 0; i < n / 2; i++) {
                const double phase = -pi * ((double)(i + 1) / n + .5);
                int64_t re, im;
                fft_twiddle(fft_super_twiddle_phase((uint32_t)i, (uint32_t)n), true, scales[s], &re,
                            &im);
                mismatches += re != (int64_t)floor(.5 + scales[s] * cos(phase)) ||
                              im != (int64_t)floor(.5 + scales[s] * sin(phase));
            }
        }
    }
    CHECK_EQ_INT(0, mismatches);
}

int main(void)
{
    test_window();
    test_twiddles();
    TEST_MAIN_END();
}
