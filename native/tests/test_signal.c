/* TFLM's signal ops (native/src/kernels/signal/): SignalWindow,
 * SignalEnergy and SignalPCAN on the values of TFLM's own signal kernel
 * tests (tflite-micro's signal/micro/kernels/ tests, options from their
 * *_flexbuffers_generated_data.cc, written by flex_builder)) and the rejections
 * of their prepare. The other signal ops have their own files
 * (test_signal_auto_scale.c, test_signal_fft.c, test_signal_filter_bank.c,
 * test_signal_spectral_subtraction.c, test_signal_stream.c). */
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "test.h"
#include "signal_test.h"
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

/* ---- SignalEnergy ------------------------------------------------------------ */

/* bins [2 x bins] (re, im) -> energies [outputs], {end_index, start_index}
 * (TFLM's g_gen_data_start_index_<s>_end_index_<e>) */
static void energy_node(tflm_context *ctx, flex_builder *b, const int16_t *input, int32_t bins,
                        uint32_t *output, int32_t outputs, int64_t start, int64_t end)
{
    const int32_t in_dims[1] = {2 * bins}, out_dims[1] = {outputs};
    harness_init(ctx, &tflm_op_signal_energy, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, in_dims, 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_UINT32, out_dims, 1, output, 0, 0);
    flex_begin(b);
    flex_int(b, "end_index", end);
    flex_int(b, "start_index", start);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void check_energy(const int16_t *input, int32_t bins, int64_t start, int64_t end,
                         const uint32_t *expected)
{
    static tflm_context ctx;
    static flex_builder b;
    uint32_t output[8];
    memset(output, 0xA5, sizeof output); /* bins outside the range become 0 */
    energy_node(&ctx, &b, input, bins, output, bins, start, end);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, (size_t)bins * sizeof *output) == 0);
    harness_free(&ctx);
}

static void test_energy(void)
{
    const int16_t input[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    const uint32_t middle[8] = {0, 0, 61, 113, 0, 0, 0, 0};
    const uint32_t start[8] = {5, 25, 61, 113, 0, 0, 0, 0};
    const uint32_t end[8] = {0, 0, 0, 0, 181, 265, 365, 481};
    check_energy(input, 8, 2, 4, middle); /* EnergyTestMiddle */
    check_energy(input, 8, 0, 4, start);  /* EnergyTestStart */
    check_energy(input, 8, 4, 8, end);    /* EnergyTestEnd */
    /* EnergyTestMiddle with TFLM's own option bytes
     * (g_gen_data_start_index_2_end_index_4: 1-byte values) */
    static const uint8_t options[35] = {
        0x73, 0x74, 0x61, 0x72, 0x74, 0x5f, 0x69, 0x6e, 0x64, 0x65, 0x78, 0x00,
        0x65, 0x6e, 0x64, 0x5f, 0x69, 0x6e, 0x64, 0x65, 0x78, 0x00, 0x02, 0x0b,
        0x18, 0x02, 0x01, 0x02, 0x04, 0x02, 0x04, 0x04, 0x04, 0x24, 0x01};
    static tflm_context ctx;
    static flex_builder b;
    uint32_t output[8] = {0};
    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    harness_custom_options(&ctx, options, sizeof options);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, middle, sizeof middle) == 0);
    harness_free(&ctx);
    /* TFLM sums in int32: (-32768)^2 twice is 2^31, whose bits it outputs */
    const int16_t loud[4] = {-32768, -32768, 32767, -32768};
    const uint32_t power[2] = {2147483648u, 2147418113u};
    check_energy(loud, 2, 0, 2, power);
}

static void test_energy_rejections(void)
{
    static tflm_context ctx;
    static flex_builder b;
    const int16_t input[16] = {0};
    uint32_t output[8];
    const int32_t matrix[2] = {2, 8};

    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    ctx.outputs[0] = 2;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 1 inputs and 1 outputs, got 1 and 2");
    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    ctx.tensors[0].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 0 is INT32 of rank 1; expected INT16 of rank 1");
    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    signal_reshape(&ctx, 0, TFLM_TYPE_INT16, matrix, 2);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "input 0 is INT16 of rank 2");
    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    ctx.tensors[1].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "output 0 is INT32 of rank 1; expected UINT32 of rank 1");
    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    flex_begin(&b);
    flex_int(&b, "start_index", 0);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"end_index\" missing");
    energy_node(&ctx, &b, input, 8, output, 8, 0, 8);
    flex_begin(&b);
    flex_int(&b, "end_index", 8);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"start_index\" missing");
    /* the range: within the bins and the output, start at most end */
    energy_node(&ctx, &b, input, 8, output, 8, 0, 9);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"end_index\" out of range [0, 8]");
    energy_node(&ctx, &b, input, 8, output, 6, 0, 7);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"end_index\" out of range [0, 6]");
    energy_node(&ctx, &b, input, 8, output, 8, 5, 4);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"start_index\" out of range [0, 4]");
    energy_node(&ctx, &b, input, 8, output, 8, -1, 4);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"start_index\" out of range [0, 4]");
}

/* ---- SignalPCAN -------------------------------------------------------------- */

/* Mix1Ref1Case's gain table: 3 entries for noise estimates 0 to 2, then
 * per octave of the estimate 3 coefficients and a filler. */
static const int16_t pcan_gains[125] = {
    32636, 32633, 32630, -6,     0,      -21589, 32624, -12,    0,      -21589,
    32612, -23,   -2,    -21589, 32587,  -48,    0,     -21589, 32539,  -96,
    0,     -21589, 32443, -190,  0,      -21589, 32253, -378,   4,      -21589,
    31879, -739,  18,    -21589, 31158,  -1409,  62,    -21589, 29811,  -2567,
    202,   -21589, 27446, -4301, 562,    -21589, 23707, -6265,  1230,   -21589,
    18672, -7458, 1952,  -21589, 13166,  -7030,  2212,  -21589, 8348,   -5342,
    1868,  -21589, 4874,  -3459, 1282,   -21589, 2697,  -2025,  774,    -21589,
    1446,  -1120, 436,   -21589, 762,    -596,   232,   -21589, 398,    -313,
    122,   -21589, 207,   -164,  64,     -21589, 107,   -85,    34,     -21589,
    56,    -45,   18,    -21589, 29,     -22,    8,     -21589, 15,     -13,
    6,     -21589, 8,     -8,    4,      -21589, 4,     -2,     0,      -21589,
    2,     -3,    2,     -21589, 1,      0,      0,     -21589, 1,      -3,
    2,     -21589, 0,     0,     0};

/* signal [channels], noise estimate [channels], gains [125] -> [channels],
 * {snr_shift} (TFLM's g_gen_data_snr_shift_6_test: 6) */
static void pcan_node(tflm_context *ctx, flex_builder *b, const uint32_t *input,
                      const uint32_t *noise, int32_t channels, uint32_t *output, int64_t snr_shift)
{
    const int32_t dims[1] = {channels}, gains[1] = {125};
    harness_init(ctx, &tflm_op_signal_pcan, 3);
    harness_tensor(ctx, 0, TFLM_TYPE_UINT32, dims, 1, (void *)input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_UINT32, dims, 1, (void *)noise, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_INT16, gains, 1, (void *)pcan_gains, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_UINT32, dims, 1, output, 0, 0);
    flex_begin(b);
    flex_int(b, "snr_shift", snr_shift);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void check_pcan(const uint32_t *input, const uint32_t *noise, int32_t channels,
                       const uint32_t *expected)
{
    static tflm_context ctx;
    static flex_builder b;
    uint32_t output[40];
    pcan_node(&ctx, &b, input, noise, channels, output, 6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, expected, (size_t)channels * sizeof *output) == 0);
    harness_free(&ctx);
}

static void test_pcan(void)
{
    /* Mix1Ref1Case */
    static const uint32_t input[40] = {
        286, 298, 305, 291, 290, 279, 273, 257, 250, 240, 240, 233, 234, 230,
        221, 205, 183, 159, 156, 188, 239, 298, 345, 374, 380, 369, 359, 364,
        372, 354, 302, 243, 194, 135, 64,  72,  171, 245, 277, 304};
    static const uint32_t noise[40] = {
        7310, 18308, 7796, 17878, 7413, 17141, 6978, 15789, 6390, 14745,
        6135, 14314, 5981, 14130, 5649, 12594, 4677, 9768,  3987, 11550,
        6109, 18308, 8819, 22977, 9713, 22670, 9176, 22363, 9509, 21748,
        7719, 14929, 4959, 8294,  1636, 4423,  4371, 15052, 7080, 18677};
    static const uint32_t expected[40] = {
        1301, 836, 1354, 827, 1312, 811, 1263, 779, 1192, 753, 1160, 743, 1140, 738,
        1096, 698, 956,  607, 845,  667, 1157, 836, 1461, 912, 1546, 908, 1496, 904,
        1527, 895, 1346, 758, 999,  548, 378,  344, 908,  761, 1274, 843};
    check_pcan(input, noise, 40, expected);
    /* By hand from TFLM's code: estimates 0 and 2 read the table directly;
     * 3 interpolates its first octave (32630 - 6 x 1/2, rounded down);
     * 2^32 - 1 reaches the last entries (gain 0); a signal-to-noise
     * ratio below 2 takes the x^2 / 4 branch; 14's interpolation rounds
     * at 1/2 (gain 32594; rounding at 1/4 would give 32593 and 318227). */
    static const uint32_t edge_input[6] = {1000, 1000, 1000, 1000, 10, 40000};
    static const uint32_t edge_noise[6] = {0, 2, 3, 0xFFFFFFFFu, 0, 14};
    static const uint32_t edge_expected[6] = {7903, 7902, 7901, 0, 24, 318236};
    check_pcan(edge_input, edge_noise, 6, edge_expected);
}

static void test_pcan_rejections(void)
{
    static tflm_context ctx;
    static flex_builder b;
    const uint32_t input[4] = {0}, noise[4] = {0};
    uint32_t output[4];
    const int32_t three[1] = {3}, short_table[1] = {124};

    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    ctx.inputs[0] = 2;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "expected 3 inputs and 1 outputs, got 2 and 1");
    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    ctx.tensors[1].type = TFLM_TYPE_INT32;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "input 1 is INT32 of rank 1; expected UINT32 of rank 1");
    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    ctx.tensors[2].type = TFLM_TYPE_UINT16;
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "input 2 is UINT16 of rank 1; expected INT16");
    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    signal_reshape(&ctx, 1, TFLM_TYPE_UINT32, three, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL,
                        "the noise estimate and the output need the input's 4 channels");
    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    signal_reshape(&ctx, 3, TFLM_TYPE_UINT32, three, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "the noise estimate and the output need");
    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    signal_reshape(&ctx, 2, TFLM_TYPE_INT16, short_table, 1);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "the gain table needs 125 entries, has 124");
    pcan_node(&ctx, &b, input, noise, 4, output, 64);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                        "option \"snr_shift\" out of range [0, 63]");
    pcan_node(&ctx, &b, input, noise, 4, output, 6);
    flex_begin(&b);
    flex_int(&b, "snr", 6);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"snr_shift\" missing");
}

int main(void)
{
    test_window();
    test_energy();
    test_energy_rejections();
    test_pcan();
    test_pcan_rejections();
    TEST_MAIN_END();
}
