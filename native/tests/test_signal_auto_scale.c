/* SignalFftAutoScale on the values of TFLM's signal/micro/kernels/
 * fft_test.cc, SignalRfft (INT16) on its impulse rows, and the rejections
 * of SignalFftAutoScale's prepare. TFLM's other FFT cases and SignalRfft's
 * rejections are in test_signal_fft.c. */
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "signal_auto_scale_test_data.h"
#include "test.h"
#include "signal_test.h"
#include "tflm/ops.h"

/* ---- SignalFftAutoScale ------------------------------------------------------ */

/* input [count] -> output [count], scale bits []; no options (TFLM's tests
 * pass none). */
static void auto_scale_node(tflm_context *ctx, const int16_t *input, int16_t *output,
                            int32_t count, int32_t *scale_bits)
{
    const int32_t dims[1] = {count};
    harness_init_outputs(ctx, &tflm_op_signal_fft_auto_scale, 1, 2);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, dims, 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, dims, 1, output, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_INT32, NULL, 0, scale_bits, 0, 0);
}

static void check_auto_scale(const int16_t *input, int32_t count, const int16_t *expected,
                             int32_t expected_bits)
{
    static tflm_context ctx;
    int16_t output[400];
    int32_t bits = -1;
    auto_scale_node(&ctx, input, output, count, &bits);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, (size_t)count * sizeof *output) == 0);
    CHECK_EQ_INT(expected_bits, bits);
    harness_free(&ctx);
}

static void test_auto_scale(void)
{
    /* FftAutoScaleTestSmall */
    const int16_t small[8] = {0x0000, 0x1111, 0x2222, 0x3333, 0x3333, 0x2222, 0x1111, 0x0000};
    const int16_t small_out[8] = {0x0000, 0x2222, 0x4444, 0x6666, 0x6666, 0x4444, 0x2222, 0x0000};
    check_auto_scale(small, 8, small_out, 1);
    /* FftAutoScaleTestScaleBit */
    const int16_t bit[8] = {238, 113, -88, -243, -5, -130, 159, -70};
    const int16_t bit_out[8] = {30464, 14464, -11264, -31104, -640, -16640, 20352, -8960};
    check_auto_scale(bit, 8, bit_out, 7);
    /* FftAutoScaleTestLarge: nothing to shift */
    check_auto_scale(auto_scale_400_input, 400, auto_scale_400_input, 0);

    /* TFLM's MaxAbs16 keeps its maximum in an int16: -(-32768) is -32768
     * there, so a later 100 becomes the maximum (8 bits, and -32768 << 8
     * keeps no bit) ... */
    const int16_t wrap[2] = {-32768, 100}, wrap_out[2] = {0, 25600};
    check_auto_scale(wrap, 2, wrap_out, 8);
    /* ... while -32768 last stays the maximum, whose 32 significant bits
     * as a uint32 leave no shift. */
    const int16_t last[2] = {100, -32768};
    check_auto_scale(last, 2, last, 0);
    /* All zeros: TFLM's GCC build counts 32 bits in 0, so no shift. */
    const int16_t zeros[4] = {0};
    check_auto_scale(zeros, 4, zeros, 0);

    /* TFLM scales the output's length: only the first 4 of 8 samples count. */
    static tflm_context ctx;
    const int16_t input[8] = {1, 2, 3, 4, 30000, -30000, 5, 6};
    const int16_t expected[4] = {4096, 8192, 12288, 16384};
    const int32_t four[1] = {4};
    int16_t output[4];
    int32_t bits = -1;
    auto_scale_node(&ctx, input, output, 8, &bits);
    signal_reshape(&ctx, 1, TFLM_TYPE_INT16, four, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, sizeof expected) == 0);
    CHECK_EQ_INT(12, bits);
    harness_free(&ctx);
}

static void test_auto_scale_rejections(void)
{
    static tflm_context ctx;
    int16_t input[8] = {0}, output[8];
    int32_t bits;
    const int32_t rows[2] = {2, 4}, one[1] = {1}, nine[1] = {9};

    auto_scale_node(&ctx, input, output, 8, &bits);
    ctx.outputs[0] = 1;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 1 inputs and 2 outputs, got 1 and 1");
    auto_scale_node(&ctx, input, output, 8, &bits);
    ctx.inputs[0] = 2;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 1 inputs and 2 outputs, got 2 and 2");
    auto_scale_node(&ctx, input, output, 8, &bits);
    ctx.tensors[0].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 0 is INT32 of rank 1; expected INT16 of rank 1");
    auto_scale_node(&ctx, input, output, 8, &bits);
    signal_reshape(&ctx, 0, TFLM_TYPE_INT16, rows, 2);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 0 is INT16 of rank 2; expected INT16 of rank 1");
    auto_scale_node(&ctx, input, output, 8, &bits);
    ctx.tensors[1].type = TFLM_TYPE_FLOAT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "output 0 is FLOAT32");
    auto_scale_node(&ctx, input, output, 8, &bits);
    signal_reshape(&ctx, 2, TFLM_TYPE_INT32, one, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "output 1 is INT32 of rank 1; expected INT32 of rank 0");
    auto_scale_node(&ctx, input, output, 8, &bits);
    ctx.tensors[2].type = TFLM_TYPE_INT16;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "output 1 is INT16 of rank 0; expected INT32");
    auto_scale_node(&ctx, input, output, 8, &bits);
    signal_reshape(&ctx, 1, TFLM_TYPE_INT16, nine, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "the output is longer than the input");
}

/* ---- SignalRfft -------------------------------------------------------------- */

/* TFLM's g_gen_data_fft_length_<n>_int16: {T: 7 (INT16), fft_length: n}. */
static size_t rfft_options(flex_builder *b, int64_t type, int64_t fft_length)
{
    flex_begin(b);
    flex_int(b, "T", type);
    flex_int(b, "fft_length", fft_length);
    return flex_end(b);
}

/* input [rows..., in_length] -> output [rows..., out_length], INT16. */
static void rfft_node(tflm_context *ctx, flex_builder *b, int32_t fft_length, const int32_t *rows,
                      int row_rank, int32_t in_length, int32_t out_length, const int16_t *input,
                      int16_t *output)
{
    int32_t in_dims[4], out_dims[4];
    for (int d = 0; d < row_rank; d++) {
        in_dims[d] = out_dims[d] = rows[d];
    }
    in_dims[row_rank] = in_length;
    out_dims[row_rank] = out_length;
    harness_init(ctx, &tflm_op_signal_rfft, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, in_dims, row_rank + 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, out_dims, row_rank + 1, output, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)rfft_options(b, TFLM_TYPE_INT16, fft_length));
}

/* An impulse of 16384 at the start of each row: its spectrum is flat,
 * 16384 / 64 = 256 in every bin (kiss_fft divides by the length). */
static void check_impulse_rows(const int32_t *rows, int row_rank, int32_t row_length)
{
    static tflm_context ctx;
    static flex_builder b;
    static int16_t input[4 * 64], output[4 * 66];
    int32_t count = 1;
    for (int d = 0; d < row_rank; d++) {
        count *= rows[d];
    }
    memset(input, 0, sizeof input);
    for (int32_t r = 0; r < count; r++) {
        input[r * row_length] = 16384;
    }
    rfft_node(&ctx, &b, 64, rows, row_rank, row_length, 66, input, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int mismatches = 0;
    for (int32_t i = 0; i < count * 66; i++) {
        mismatches += output[i] != (i % 2 == 0 ? 256 : 0);
    }
    CHECK_EQ_INT(0, mismatches);
    harness_free(&ctx);
}

static void test_rfft(void)
{
    /* RfftTestSize64Int16 */
    const int32_t one_row[1] = {1};
    check_impulse_rows(one_row, 1, 64);
    /* RfftTestSize64Int32OuterDims4's [2, 2, 64] rows, in INT16 */
    const int32_t two_by_two[2] = {2, 2};
    check_impulse_rows(two_by_two, 2, 64);
    /* Rows shorter than fft_length are zero-padded (over the scratch's
     * garbage): 50 samples give the 64-sample impulse's spectrum. */
    check_impulse_rows(two_by_two, 2, 50);
}

int main(void)
{
    test_auto_scale();
    test_auto_scale_rejections();
    test_rfft();
    TEST_MAIN_END();
}
