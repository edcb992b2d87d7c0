/* SignalFilterBank, SignalFilterBankSquareRoot and SignalFilterBankLog on
 * the values of TFLM's own tests (signal/micro/kernels/filter_bank*_test.cc,
 * options from their *_flexbuffers_generated_data.cc), and the rejections
 * of each prepare (and of invoke where the data decides).
 * SignalFilterBankSpectralSubtraction, with its state, has its own file. */
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "signal_filter_bank_test_data.h"
#include "test.h"
#include "signal_test.h"
#include "tflm/ops.h"

/* ---- SignalFilterBank -------------------------------------------------------- */

typedef struct filter_bank_case {
    int32_t channels, bins, weight_count;
    const uint32_t *spectrum;
    const int16_t *weights, *unweights;
    const int16_t *frequency_starts, *weight_starts, *widths; /* channels + 1 */
    const uint64_t *expected;
} filter_bank_case;

static const filter_bank_case fb32 = {32, 257, 117, fb32_spectrum, fb32_weights, fb32_unweights,
                                      fb32_frequency_starts, fb32_weight_starts, fb32_widths,
                                      fb32_expected};
static const filter_bank_case fb16 = {16, 129, 59, fb16_spectrum, fb16_weights, fb16_unweights,
                                      fb16_frequency_starts, fb16_weight_starts, fb16_widths,
                                      fb16_expected};

/* The six inputs of c, outputs energies, {num_channels: c->channels}
 * (TFLM's g_gen_data_filter_bank_<n>_channel); the channel tables are
 * constant when asked. */
static void filter_bank_node(tflm_context *ctx, flex_builder *b, const filter_bank_case *c,
                             int32_t outputs, uint64_t *output, bool constant_tables)
{
    const int32_t bins[1] = {c->bins}, weights[1] = {c->weight_count};
    const int32_t table[1] = {c->channels + 1}, out[1] = {outputs};
    harness_init(ctx, &tflm_op_signal_filter_bank, 6);
    harness_tensor(ctx, 0, TFLM_TYPE_UINT32, bins, 1, (void *)c->spectrum, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, weights, 1, (void *)c->weights, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_INT16, weights, 1, (void *)c->unweights, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_INT16, table, 1, (void *)c->frequency_starts, 0, 0);
    harness_tensor(ctx, 4, TFLM_TYPE_INT16, table, 1, (void *)c->weight_starts, 0, 0);
    harness_tensor(ctx, 5, TFLM_TYPE_INT16, table, 1, (void *)c->widths, 0, 0);
    harness_tensor(ctx, 6, TFLM_TYPE_UINT64, out, 1, output, 0, 0);
    for (int i = 3; i <= 5; i++) {
        ctx->tensors[i].is_constant = constant_tables;
    }
    flex_begin(b);
    flex_int(b, "num_channels", c->channels);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void check_filter_bank(const filter_bank_case *c, int32_t outputs, bool constant_tables)
{
    static tflm_context ctx;
    static flex_builder b;
    uint64_t output[32];
    filter_bank_node(&ctx, &b, c, outputs, output, constant_tables);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, c->expected, (size_t)outputs * sizeof *output) == 0);
    harness_free(&ctx);
}

static void test_filter_bank(void)
{
    for (int constant = 0; constant < 2; constant++) {
        check_filter_bank(&fb32, 32, constant); /* FilterBankTest32Channel */
        check_filter_bank(&fb16, 16, constant); /* FilterBankTest16Channel */
    }
    check_filter_bank(&fb16, 7, false); /* fewer outputs: the first channels' */

    /* TFLM's tests reach a negative weight only in channel 0, whose
     * weighted sum is dropped. One channel by hand: channel 0 carries its
     * unweighted 7 x 10; channel 1 adds -1 x 20 + 3 x 30, then -4 x 20,
     * which TFLM's uint64 sum wraps below 0. */
    static const uint32_t spectrum[3] = {10, 20, 30};
    static const int16_t unweights[3] = {7, 2, 2}, starts[2] = {0, 1}, weight_starts[2] = {0, 1};
    static const int16_t widths[2] = {1, 2}, positive[3] = {5, -1, 3}, negative[3] = {5, -4, 0};
    static const uint64_t sums[2] = {140, UINT64_MAX - 9};
    const int16_t *weights[2] = {positive, negative};
    for (int i = 0; i < 2; i++) {
        const filter_bank_case c = {1, 3, 3, spectrum, weights[i], unweights, starts,
                                    weight_starts, widths, &sums[i]};
        check_filter_bank(&c, 1, true);
    }
}

static void test_filter_bank_rejections(void)
{
    static tflm_context ctx;
    static flex_builder b;
    uint64_t output[17];
    int16_t starts[17], weight_starts[17], widths[17];
    const int32_t sixteen[1] = {16}, seventeen[1] = {17}, matrix[2] = {1, 59};

    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.inputs[0] = 5;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 6 inputs and 1 outputs, got 5 and 1");
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.tensors[0].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 0 is INT32 of rank 1; expected UINT32 of rank 1");
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    signal_reshape(&ctx, 1, TFLM_TYPE_INT16, matrix, 2);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "input 1 is INT16 of rank 2; expected INT16");
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.tensors[5].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "input 5 is INT32 of rank 1; expected INT16");
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.tensors[6].type = TFLM_TYPE_UINT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "output 0 is UINT32 of rank 1; expected UINT64 of rank 1");

    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    flex_begin(&b);
    flex_int(&b, "num_channel", 16);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"num_channels\" missing");
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    flex_begin(&b);
    flex_int(&b, "num_channels", 0);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"num_channels\" out of range");

    /* sizes against num_channels */
    const char *sizes = "for 16 channels: weights and unweights of one length, 17 channel starts "
                        "and widths, and at most 16 outputs";
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    signal_reshape(&ctx, 2, TFLM_TYPE_INT16, sixteen, 1); /* unweights */
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, sizes);
    for (int i = 3; i <= 5; i++) {
        filter_bank_node(&ctx, &b, &fb16, 16, output, true);
        signal_reshape(&ctx, i, TFLM_TYPE_INT16, sixteen, 1);
        CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, sizes);
    }
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    signal_reshape(&ctx, 6, TFLM_TYPE_UINT64, seventeen, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, sizes);

    /* Channel tables reaching outside the spectrum or the weights: prepare
     * fails when they are constant, invoke when they are not. */
    memcpy(starts, fb16_frequency_starts, sizeof starts);
    memcpy(weight_starts, fb16_weight_starts, sizeof weight_starts);
    memcpy(widths, fb16_widths, sizeof widths);
    starts[16] = 127; /* 127 + 3 > 129 bins */
    for (int constant = 0; constant < 2; constant++) {
        filter_bank_node(&ctx, &b, &fb16, 16, output, constant);
        ctx.tensors[3].data = starts;
        const char *outside =
            "channel 16 (start 127, weight start 33, width 3) reaches outside the 129 spectrum "
            "bins or 59 weights";
        if (constant) {
            CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, outside);
        } else {
            CHECK_INVOKE_FAILS(&ctx, TFLM_ERROR_KERNEL, outside);
        }
    }
    starts[16] = fb16_frequency_starts[16];
    weight_starts[8] = 57; /* 57 + 2 = 59 fits ... */
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.tensors[4].data = weight_starts;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);
    weight_starts[8] = 58; /* ... 58 + 2 does not */
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.tensors[4].data = weight_starts;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "channel 8 (start 18, weight start 58, width 2)");
    weight_starts[8] = fb16_weight_starts[8];
    widths[2] = -1;
    filter_bank_node(&ctx, &b, &fb16, 16, output, false);
    ctx.tensors[5].data = widths;
    CHECK_INVOKE_FAILS(&ctx, TFLM_ERROR_KERNEL, "channel 2 (start 7, weight start 2, width -1)");
    starts[0] = -1;
    widths[2] = fb16_widths[2];
    filter_bank_node(&ctx, &b, &fb16, 16, output, true);
    ctx.tensors[3].data = starts;
    ctx.tensors[5].is_constant = false; /* not all constant: checked at invoke */
    CHECK_INVOKE_FAILS(&ctx, TFLM_ERROR_KERNEL, "channel 0 (start -1, weight start 0, width 1)");
}

/* ---- SignalFilterBankSquareRoot ---------------------------------------------- */

/* energies [count] and scale bits [] -> roots [count]; no options. */
static void square_root_node(tflm_context *ctx, const uint64_t *input, int32_t count,
                             const int32_t *scale_bits, uint32_t *output)
{
    const int32_t dims[1] = {count};
    harness_init(ctx, &tflm_op_signal_filter_bank_square_root, 2);
    harness_tensor(ctx, 0, TFLM_TYPE_UINT64, dims, 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT32, NULL, 0, (void *)scale_bits, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_UINT32, dims, 1, output, 0, 0);
}

static void check_square_root(const uint64_t *input, int32_t count, int32_t scale_bits,
                              const uint32_t *expected)
{
    static tflm_context ctx;
    uint32_t output[32];
    square_root_node(&ctx, input, count, &scale_bits, output);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, (size_t)count * sizeof *output) == 0);
    harness_free(&ctx);
}

static void test_square_root(void)
{
    /* FilterBankSquareRoot32Channel */
    static const uint64_t in32[32] = {
        10528000193, 28362909357, 47577133750, 8466055850, 5842710800, 2350911449,
        2989811430,  2646718839,  515262774,   276394561,  469831522,  55815334,
        28232446,    11591835,    40329249,    67658028,   183446654,  323189165,
        117473797,   41339272,    25846050,    12428673,   18670978,   22521722,
        78477733,    54207503,    25150296,    43098592,   28211625,   15736687,
        20990296,    17907031};
    static const uint32_t out32[32] = {801, 1315, 1704, 718, 597, 378, 427, 401, 177, 129, 169,
                                       58,  41,   26,   49,  64,  105, 140, 84,  50,  39,  27,
                                       33,  37,   69,   57,  39,  51,  41,  30,  35,  33};
    check_square_root(in32, 32, 7, out32);
    /* FilterBankSquareRoot16Channel */
    static const uint64_t in16[16] = {
        13051415151, 14932650877, 18954728418, 8730126017, 6529665275, 12952546517,
        10314975609, 8919697835,  8053663348,  17231208421, 7366899760, 1372112200,
        19953434807, 17012385332, 4710443222,  17765594053};
    static const uint32_t out16[16] = {3570, 3818, 4302, 2919, 2525, 3556, 3173, 2951,
                                       2804, 4102, 2682, 1157, 4414, 4076, 2144, 4165};
    check_square_root(in16, 16, 5, out16);
    /* TFLM's Sqrt64 rounds up when the remainder exceeds the root, but
     * never past the root's width, and takes Sqrt32 (capped at 0xFFFF)
     * below 2^32: sqrt(2^32 - 1) gives 65535 where the 64-bit path would
     * round to 65536. */
    static const uint64_t edges[7] = {0, 1, 2, 3, 0xFFFFFFFFu, 0x100000000u, UINT64_MAX};
    static const uint32_t roots[7] = {0, 1, 1, 2, 65535, 65536, 0xFFFFFFFFu};
    check_square_root(edges, 7, 0, roots);
}

static void test_square_root_rejections(void)
{
    static tflm_context ctx;
    const uint64_t input[4] = {0};
    uint32_t output[4];
    int32_t bits = 0;
    const int32_t one[1] = {1}, three[1] = {3};

    square_root_node(&ctx, input, 4, &bits, output);
    ctx.inputs[0] = 1;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 2 inputs and 1 outputs, got 1 and 1");
    square_root_node(&ctx, input, 4, &bits, output);
    ctx.tensors[0].type = TFLM_TYPE_UINT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 0 is UINT32 of rank 1; expected UINT64 of rank 1");
    square_root_node(&ctx, input, 4, &bits, output);
    signal_reshape(&ctx, 1, TFLM_TYPE_INT32, one, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 1 is INT32 of rank 1; expected INT32 of rank 0");
    square_root_node(&ctx, input, 4, &bits, output);
    ctx.tensors[2].type = TFLM_TYPE_UINT64;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "output 0 is UINT64 of rank 1; expected UINT32");
    square_root_node(&ctx, input, 4, &bits, output);
    signal_reshape(&ctx, 2, TFLM_TYPE_UINT32, three, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "the output is shorter than the input");
    /* the shift is data: checked at invoke */
    bits = 32;
    square_root_node(&ctx, input, 4, &bits, output);
    CHECK_INVOKE_FAILS(&ctx, TFLM_ERROR_KERNEL, "scale bits 32 outside 0..31");
    bits = -1;
    square_root_node(&ctx, input, 4, &bits, output);
    CHECK_INVOKE_FAILS(&ctx, TFLM_ERROR_KERNEL, "scale bits -1 outside 0..31");
}

/* ---- SignalFilterBankLog ----------------------------------------------------- */

/* input [count] -> output [count], {input_correction_bits, output_scale} */
static void log_node(tflm_context *ctx, flex_builder *b, const uint32_t *input, int16_t *output,
                     int32_t count, int64_t correction_bits, int64_t output_scale)
{
    const int32_t dims[1] = {count};
    harness_init(ctx, &tflm_op_signal_filter_bank_log, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_UINT32, dims, 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, dims, 1, output, 0, 0);
    flex_begin(b);
    flex_int(b, "input_correction_bits", correction_bits);
    flex_int(b, "output_scale", output_scale);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void check_log(const uint32_t *input, int32_t count, int64_t correction_bits,
                      int64_t output_scale, const int16_t *expected)
{
    static tflm_context ctx;
    static flex_builder b;
    int16_t output[32];
    log_node(&ctx, &b, input, output, count, correction_bits, output_scale);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, (size_t)count * sizeof *output) == 0);
    harness_free(&ctx);
}

static void test_log(void)
{
    /* FilterBankLogTest32Channel: scale 1600, 3 correction bits */
    static const uint32_t in32[32] = {29, 21, 29, 40, 19, 11, 13, 23, 13, 11, 25,
                                      17, 5,  4,  46, 14, 17, 14, 20, 14, 10, 10,
                                      15, 11, 17, 12, 15, 16, 19, 18, 6,  2};
    static const int16_t out32[32] = {8715, 8198, 8715, 9229, 8038, 7164, 7431, 8344,
                                      7431, 7164, 8477, 7860, 5902, 5545, 9453, 7550,
                                      7860, 7550, 8120, 7550, 7011, 7011, 7660, 7164,
                                      7860, 7303, 7660, 7763, 8038, 7952, 6194, 4436};
    check_log(in32, 32, 3, 1600, out32);
    /* FilterBankLogTest16Channel: scale 32768, 5 bits, many capped */
    static const uint32_t in16[16] = {48, 20, 19, 24, 35, 47, 23, 30,
                                      31, 10, 48, 21, 46, 14, 18, 27};
    static const int16_t out16[16] = {32767, 15121, 13440, 21095, 32767, 32767, 19701, 28407,
                                      29482, 32767, 32767, 16720, 32767, 3434,  11669, 24955};
    check_log(in16, 16, 5, 32768, out16);
    /* 0 where the shifted value is 0 or 1, here also where the shift
     * wraps it to 0; ln 2 and ln 4 x 1600 round down from .53 and .56. */
    static const uint32_t small[5] = {0, 1, 2, 0x80000000u, 0x80000001u};
    static const int16_t logs[5] = {0, 1109, 2218, 0, 1109};
    check_log(small, 5, 1, 1600, logs);
}

static void test_log_rejections(void)
{
    static tflm_context ctx;
    static flex_builder b;
    const uint32_t input[4] = {0};
    int16_t output[4];
    const int32_t three[1] = {3};

    log_node(&ctx, &b, input, output, 4, 3, 1600);
    ctx.inputs[0] = 2;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 1 inputs and 1 outputs, got 2 and 1");
    log_node(&ctx, &b, input, output, 4, 3, 1600);
    ctx.tensors[0].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "input 0 is INT32 of rank 1; expected UINT32");
    log_node(&ctx, &b, input, output, 4, 3, 1600);
    ctx.tensors[1].type = TFLM_TYPE_UINT16;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "output 0 is UINT16 of rank 1; expected INT16");
    log_node(&ctx, &b, input, output, 4, 3, 1600);
    signal_reshape(&ctx, 1, TFLM_TYPE_INT16, three, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "the output is shorter than the input");
    log_node(&ctx, &b, input, output, 4, 32, 1600);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"input_correction_bits\" out of range [0, 31]");
    log_node(&ctx, &b, input, output, 4, 3, 1600);
    flex_begin(&b);
    flex_int(&b, "input_correction_bits", 3);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"output_scale\" missing");
    log_node(&ctx, &b, input, output, 4, 3, 1600);
    harness_custom_options(&ctx, NULL, 0);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "custom options must be a FlexBuffers map");
}

int main(void)
{
    test_filter_bank();
    test_filter_bank_rejections();
    test_square_root();
    test_square_root_rejections();
    test_log();
    test_log_rejections();
    TEST_MAIN_END();
}
