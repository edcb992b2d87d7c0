/* SignalFilterBankSpectralSubtraction on the values of TFLM's
 * filter_bank_spectral_subtraction_test.cc (options from its
 * _flexbuffers_generated_data.cc), its noise estimate carried over several
 * invokes and restored by the reset hook, and the rejections of prepare. */
#include <stdio.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "test.h"
#include "signal_test.h"
#include "tflm/ops.h"

typedef struct subtraction_options {
    int64_t num_channels, smoothing, one_minus_smoothing, alternate_smoothing,
        alternate_one_minus_smoothing, min_signal_remaining, smoothing_bits,
        spectral_subtraction_bits;
    bool clamping;
} subtraction_options;

/* TFLM's g_gen_data_filter_bank_spectral_subtraction_<n>_channel, n = 32
 * or 16: smoothing 0.04 and min_signal_remaining 0.05 in 14 bits. */
static const subtraction_options tflm_subtraction = {32, 655, 15729, 655, 15729, 819, 0, 14, false};

/* Every key but skip (NULL: none). TFLM's maps hold clamping as an int,
 * written here the same way. */
static size_t subtraction_map(flex_builder *b, const subtraction_options *o, const char *skip)
{
    const char *keys[8] = {"num_channels", "smoothing", "one_minus_smoothing",
                           "alternate_smoothing", "alternate_one_minus_smoothing",
                           "min_signal_remaining", "smoothing_bits", "spectral_subtraction_bits"};
    const int64_t values[8] = {o->num_channels, o->smoothing, o->one_minus_smoothing,
                               o->alternate_smoothing, o->alternate_one_minus_smoothing,
                               o->min_signal_remaining, o->smoothing_bits,
                               o->spectral_subtraction_bits};
    flex_begin(b);
    for (int i = 0; i < 8; i++) {
        if (skip == NULL || strcmp(skip, keys[i]) != 0) {
            flex_int(b, keys[i], values[i]);
        }
    }
    if (skip == NULL || strcmp(skip, "clamping") != 0) {
        flex_int(b, "clamping", o->clamping);
    }
    return flex_end(b);
}

/* input [channels] -> output [channels], noise estimate [channels] */
static void subtraction_node(tflm_context *ctx, flex_builder *b, const subtraction_options *o,
                             const uint32_t *input, uint32_t *output, uint32_t *noise)
{
    const int32_t dims[1] = {(int32_t)o->num_channels};
    harness_init_outputs(ctx, &tflm_op_signal_filter_bank_spectral_subtraction, 1, 2);
    harness_tensor(ctx, 0, TFLM_TYPE_UINT32, dims, 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_UINT32, dims, 1, output, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_UINT32, dims, 1, noise, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)subtraction_map(b, o, NULL));
}

static void check_invoke(tflm_context *ctx, const uint32_t *output, const uint32_t *noise,
                         const uint32_t *expected, const uint32_t *expected_noise, int32_t count)
{
    CHECK_EQ_INT(TFLM_OK, harness_invoke(ctx));
    CHECK(memcmp(output, expected, (size_t)count * sizeof *output) == 0);
    CHECK(memcmp(noise, expected_noise, (size_t)count * sizeof *noise) == 0);
}

static void test_spectral_subtraction(void)
{
    static tflm_context ctx;
    static flex_builder b;
    uint32_t output[32], noise[32];
    subtraction_options o = tflm_subtraction;

    /* FilterBankSpectralSubtractionTest32Channel, then its Reset test: the
     * same values after harness_reset; the later invokes' values follow
     * TFLM's FilterbankSpectralSubtraction by hand (the noise estimate
     * keeps growing toward the steady input). */
    static const uint32_t in32[32] = {322, 308, 210, 212, 181, 251, 403, 259, 65, 48, 76,
                                      48,  50,  46,  53,  52,  112, 191, 136, 59, 70, 51,
                                      39,  64,  33,  44,  41,  49,  74,  107, 262, 479};
    static const uint32_t out32[3][32] = {
        {310, 296, 202, 204, 174, 241, 387, 249, 63, 47, 73, 47, 49, 45,  51,  50,
         108, 184, 131, 57,  68,  49,  38,  62,  32, 43, 40, 48, 72, 103, 252, 460},
        {298, 285, 194, 196, 168, 232, 372, 240, 61, 46, 71, 46, 48, 44, 49,  49,
         104, 177, 126, 55,  66,  48,  37,  60,  31, 42, 39, 47, 70, 99, 242, 442},
        {287, 274, 187, 189, 162, 223, 358, 231, 59, 45, 69, 45, 47, 43, 48,  48,
         100, 170, 121, 53,  64,  47,  36,  58,  30, 41, 38, 46, 68, 96, 233, 425}};
    static const uint32_t noise32[3][32] = {
        {12, 12, 8, 8, 7, 10, 16, 10, 2, 1, 3, 1, 1, 1, 2, 2,
         4,  7,  5, 2, 2, 2,  1,  2,  1, 1, 1, 1, 2, 4, 10, 19},
        {24, 23, 16, 16, 13, 19, 31, 19, 4, 2, 5, 2, 2, 2, 4, 3,
         8,  14, 10, 4,  4,  3,  2,  4,  2, 2, 2, 2, 4, 8, 20, 37},
        {35, 34, 23, 23, 19, 28, 45, 28, 6, 3, 7, 3, 3, 3, 5,  4,
         12, 21, 15, 6,  6,  4,  3,  6,  3, 3, 3, 3, 6, 11, 29, 54}};
    subtraction_node(&ctx, &b, &o, in32, output, noise);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    for (int i = 0; i < 3; i++) {
        check_invoke(&ctx, output, noise, out32[i], noise32[i], 32);
    }
    CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
    check_invoke(&ctx, output, noise, out32[0], noise32[0], 32);
    check_invoke(&ctx, output, noise, out32[1], noise32[1], 32);
    harness_free(&ctx);

    /* FilterBankSpectralSubtractionTest16Channel and its Reset test */
    static const uint32_t in16[16] = {393, 213, 408, 1,   361, 385, 386, 326,
                                      170, 368, 368, 305, 152, 322, 213, 319};
    static const uint32_t out16[16] = {378, 205, 392, 1,   347, 370, 371, 313,
                                       164, 354, 354, 293, 146, 310, 205, 307};
    static const uint32_t noise16[16] = {15, 8, 16, 0, 14, 15, 15, 13, 6, 14, 14, 12, 6, 12, 8, 12};
    o.num_channels = 16;
    subtraction_node(&ctx, &b, &o, in16, output, noise);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    check_invoke(&ctx, output, noise, out16, noise16, 16);
    CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
    check_invoke(&ctx, output, noise, out16, noise16, 16);
    harness_free(&ctx);

    /* What TFLM's tests leave at 0: smoothing bits, alternate smoothing on
     * odd channels (0.25 against 0.5), and clamping, which lowers the kept
     * estimate to a signal that drops below it (channel 0 at the second
     * invoke, channel 1 at the third). Values by hand from TFLM's code. */
    static const uint32_t in4[3][4] = {{1000, 2000, 300, 5}, {100, 2500, 300, 0}, {1000, 10, 301, 7}};
    static const uint32_t out4[2][3][4] = {
        {{500, 1500, 150, 3}, {9, 1500, 75, 0}, {450, 0, 38, 5}},  /* clamping */
        {{500, 1500, 150, 3}, {9, 1500, 75, 0}, {350, 0, 38, 4}}}; /* not */
    static const uint32_t noise4[2][3][4] = {
        {{8000, 8000, 2400, 20}, {1600, 16000, 3600, 0}, {8800, 160, 4208, 28}},
        {{8000, 8000, 2400, 20}, {4800, 16000, 3600, 15}, {10400, 12040, 4208, 39}}};
    const subtraction_options own = {4, 8192, 8192, 4096, 12288, 1638, 4, 14, true};
    for (int clamping = 1; clamping >= 0; clamping--) {
        uint32_t input[4];
        o = own;
        o.clamping = clamping;
        subtraction_node(&ctx, &b, &o, input, output, noise);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        for (int i = 0; i < 3; i++) {
            memcpy(input, in4[i], sizeof input);
            check_invoke(&ctx, output, noise, out4[!clamping][i], noise4[!clamping][i], 4);
        }
        harness_free(&ctx);
    }
}

static void test_spectral_subtraction_rejections(void)
{
    static tflm_context ctx;
    static flex_builder b;
    const uint32_t input[32] = {0};
    uint32_t output[32], noise[32];
    const int32_t thirty_one[1] = {31};
    subtraction_options o = tflm_subtraction;

    subtraction_node(&ctx, &b, &o, input, output, noise);
    ctx.outputs[0] = 1;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 1 inputs and 2 outputs, got 1 and 1");
    subtraction_node(&ctx, &b, &o, input, output, noise);
    ctx.tensors[2].type = TFLM_TYPE_UINT64;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "output 1 is UINT64 of rank 1; expected UINT32 of rank 1");
    static const char *const keys[9] = {
        "num_channels",        "smoothing",          "one_minus_smoothing",
        "alternate_smoothing", "alternate_one_minus_smoothing", "min_signal_remaining",
        "smoothing_bits",      "spectral_subtraction_bits",     "clamping"};
    for (int i = 0; i < 9; i++) {
        char text[64];
        subtraction_node(&ctx, &b, &o, input, output, noise);
        harness_custom_options(&ctx, b.buf, (uint32_t)subtraction_map(&b, &o, keys[i]));
        snprintf(text, sizeof text, "option \"%s\" missing", keys[i]);
        CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, text);
    }
    o.smoothing_bits = 32;
    subtraction_node(&ctx, &b, &o, input, output, noise);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"smoothing_bits\" out of range [0, 31]");
    o = tflm_subtraction;
    o.spectral_subtraction_bits = 64;
    subtraction_node(&ctx, &b, &o, input, output, noise);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"spectral_subtraction_bits\" out of range [0, 63]");
    o = tflm_subtraction;
    o.smoothing = (int64_t)1 << 32; /* TFLM reads the coefficients as int32 */
    subtraction_node(&ctx, &b, &o, input, output, noise);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"smoothing\" out of range");

    const char *sizes = "num_channels 32 needs that many inputs and outputs, and a noise estimate "
                        "of that length";
    for (int i = 0; i < 3; i++) {
        o = tflm_subtraction;
        subtraction_node(&ctx, &b, &o, input, output, noise);
        signal_reshape(&ctx, i, TFLM_TYPE_UINT32, thirty_one, 1);
        CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, sizes);
    }
    /* num_channels from the options, not the tensors: 0 is refused */
    o.num_channels = 0;
    subtraction_node(&ctx, &b, &o, input, output, noise);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"num_channels\" out of range");
}

int main(void)
{
    test_spectral_subtraction();
    test_spectral_subtraction_rejections();
    TEST_MAIN_END();
}
