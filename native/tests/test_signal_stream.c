/* TFLM's streaming signal ops (native/src/kernels/signal/): SignalFramer,
 * SignalStacker, SignalOverlapAdd and SignalDelay: every case of TFLM's own tests of these kernels
 * (tflite-micro's signal/micro/kernels/<op>_test.cc) with their values and
 * option maps (<op>_flexbuffers_generated_data.cc), streams beyond them, and
 * what prepare refuses, with option maps written by flex_builder. */
#include <stdbool.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

/* ---- SignalFramer ---------------------------------------------------------- */

/* TFLM's framer option maps: frame_size 3, frame_step 1, prefill false;
 * frame_size 5, frame_step 2, prefill true. */
static const uint8_t framer_3_1_0[46] = {
    0x66, 0x72, 0x61, 0x6d, 0x65, 0x5f, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x66, 0x72, 0x61, 0x6d, 0x65,
    0x5f, 0x73, 0x74, 0x65, 0x70, 0x00, 0x70, 0x72, 0x65, 0x66, 0x69, 0x6c, 0x6c, 0x00, 0x03, 0x1f,
    0x15, 0x0b, 0x03, 0x01, 0x03, 0x03, 0x01, 0x00, 0x04, 0x04, 0x68, 0x06, 0x24, 0x01};
static const uint8_t framer_5_2_1[46] = {
    0x66, 0x72, 0x61, 0x6d, 0x65, 0x5f, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x66, 0x72, 0x61, 0x6d, 0x65,
    0x5f, 0x73, 0x74, 0x65, 0x70, 0x00, 0x70, 0x72, 0x65, 0x66, 0x69, 0x6c, 0x6c, 0x00, 0x03, 0x1f,
    0x15, 0x0b, 0x03, 0x01, 0x03, 0x05, 0x02, 0x01, 0x04, 0x04, 0x68, 0x06, 0x24, 0x01};

typedef struct framer_case {
    const uint8_t *options;
    int32_t frame_size, frame_step;
    bool prefill;
    int32_t input_dims[3], output_dims[4];
    int rank; /* the input's; the output's is one more */
    int16_t golden[7];
    int golden_length;
} framer_case;

/* TFLM's TestFramerInvoke: every row gets the golden stream after its
 * frame_size - frame_step samples of latency, an input row an invoke;
 * output_valid from the first invoke with prefill, else once the latency
 * has passed; each frame out is the golden stream from where it starts. */
static void run_framer(tflm_context *ctx, const framer_case *c, int16_t *input, int16_t *output,
                       const bool *valid)
{
    const int32_t length = c->input_dims[c->rank - 1];
    const int32_t frames = c->output_dims[c->rank - 1];
    const int32_t latency = c->frame_size - c->frame_step;
    int32_t rows = 1;
    for (int d = 0; d + 1 < c->rank; d++) {
        rows *= c->input_dims[d];
    }
    for (int32_t i = 0; i < c->golden_length - latency; i += length) {
        for (int32_t row = 0; row < rows; row++) {
            memcpy(&input[row * length], &c->golden[latency + i], (size_t)length * sizeof *input);
        }
        CHECK_EQ_INT(TFLM_OK, harness_invoke(ctx));
        CHECK_EQ_INT(i >= latency || c->prefill, *valid);
        if (!*valid) {
            continue;
        }
        for (int32_t row = 0; row < rows; row++) {
            for (int32_t frame = 0; frame < frames; frame++) {
                CHECK(memcmp(&c->golden[i + frame * c->frame_step],
                             &output[(row * frames + frame) * c->frame_size],
                             (size_t)c->frame_size * sizeof *output) == 0);
            }
        }
    }
}

/* TFLM's FramerTest cases, each also run again after a reset (TFLM's
 * TestReset does so for the first). */
static void test_framer(void)
{
    static const framer_case cases[] = {
        {framer_3_1_0, 3, 1, false, {1}, {1, 3}, 1, {0x0, 0x0, 0x1234, 0x5678, 0x4321, 0x7777}, 6},
        {framer_5_2_1, 5, 2, true, {2}, {1, 5}, 1, {0x0, 0x0, 0x0, 0x1010, 0x0202, 0x7070, 0x0606}, 7},
        {framer_5_2_1, 5, 2, true, {4}, {2, 5}, 1, {0x0, 0x0, 0x0, 0x1010, 0x0202, 0x7070, 0x0606}, 7},
        {framer_5_2_1, 5, 2, true, {2, 2, 4}, {2, 2, 2, 5}, 3,
         {0x0, 0x0, 0x0, 0x1010, 0x0202, 0x7070, 0x0606}, 7},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        static tflm_context ctx;
        const framer_case *c = &cases[k];
        int16_t input[16], output[40];
        bool valid = false;
        harness_init_outputs(&ctx, &tflm_op_signal_framer, 1, 2);
        harness_tensor(&ctx, 0, TFLM_TYPE_INT16, c->input_dims, c->rank, input, 0, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_INT16, c->output_dims, c->rank + 1, output, 0, 0);
        harness_tensor(&ctx, 2, TFLM_TYPE_BOOL, NULL, 0, &valid, 0, 0);
        harness_custom_options(&ctx, c->options, sizeof framer_3_1_0);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        run_framer(&ctx, c, input, output, &valid);
        CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
        run_framer(&ctx, c, input, output, &valid);
        harness_free(&ctx);
    }
}

static void framer_node(tflm_context *ctx, flex_builder *b, int32_t frame_size, int32_t frame_step,
                        bool prefill, const int32_t *input_dims, int rank,
                        const int32_t *output_dims, int output_rank, tflm_type valid_type)
{
    static int16_t input[64], output[64];
    static bool valid;
    flex_begin(b);
    flex_int(b, "frame_size", frame_size);
    flex_int(b, "frame_step", frame_step);
    flex_bool(b, "prefill", prefill);
    harness_init_outputs(ctx, &tflm_op_signal_framer, 1, 2);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, input_dims, rank, input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, output_dims, output_rank, output, 0, 0);
    harness_tensor(ctx, 2, valid_type, NULL, 0, &valid, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void test_framer_rejects(void)
{
    static tflm_context ctx;
    flex_builder b;
    const int32_t in4[1] = {4}, out_2x5[2] = {2, 5}, out_1x5[2] = {1, 5}, out_2x3[2] = {2, 3};
    /* TFLM would write frame_size - frame_step (negative) zeros */
    framer_node(&ctx, &b, 3, 4, true, in4, 1, out_2x3, 2, TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                          "prefill needs frame_size (3) >= frame_step (4)"));
    /* without prefill a frame shorter than its step is fine */
    framer_node(&ctx, &b, 3, 4, false, in4, 1, (const int32_t[]){1, 3}, 2, TFLM_TYPE_BOOL);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);
    framer_node(&ctx, &b, 5, 3, true, in4, 1, out_1x5, 2, TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "nonzero multiple of frame_step (3)"));
    framer_node(&ctx, &b, 5, 8, false, in4, 1, out_1x5, 2, TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "nonzero multiple of frame_step (8)"));
    framer_node(&ctx, &b, 5, 2, true, in4, 1, out_1x5, 2, TFLM_TYPE_BOOL); /* 2 frames */
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "[2 frames, frame_size 5]"));
    framer_node(&ctx, &b, 5, 2, true, in4, 1, (const int32_t[]){2, 4}, 2, TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "[2 frames, frame_size 5]"));
    framer_node(&ctx, &b, 5, 2, true, in4, 1, (const int32_t[]){10}, 1, TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "[2 frames, frame_size 5]"));
    framer_node(&ctx, &b, 5, 2, true, (const int32_t[]){2, 4}, 2, (const int32_t[]){1, 2, 5}, 3,
                TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "[2 frames, frame_size 5]"));
    framer_node(&ctx, &b, 5, 2, true, in4, 1, out_2x5, 2, TFLM_TYPE_INT8);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "output 1 is INT8 of rank 0; expected BOOL"));
    framer_node(&ctx, &b, 0, 2, true, in4, 1, out_2x5, 2, TFLM_TYPE_BOOL);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"frame_size\" out of range"));
    framer_node(&ctx, &b, 5, 2, true, in4, 1, out_2x5, 2, TFLM_TYPE_BOOL);
    ctx.outputs[0] = 1; /* output_valid missing */
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "expected 1 inputs and 2 outputs, got 1 and 1"));
    framer_node(&ctx, &b, 5, 2, true, in4, 1, out_2x5, 2, TFLM_TYPE_BOOL);
    flex_begin(&b);
    flex_int(&b, "frame_size", 5);
    flex_int(&b, "frame_step", 2);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"prefill\" missing"));
}

/* ---- SignalStacker --------------------------------------------------------- */

/* TFLM's stacker option maps: num_channels 3, left context 1, right
 * context 0, step 1; and 10 channels, step 2. */
static const uint8_t stacker_3_channels_step_1[88] = {
    0x6e, 0x75, 0x6d, 0x5f, 0x63, 0x68, 0x61, 0x6e, 0x6e, 0x65, 0x6c, 0x73, 0x00, 0x73, 0x74,
    0x61, 0x63, 0x6b, 0x65, 0x72, 0x5f, 0x6c, 0x65, 0x66, 0x74, 0x5f, 0x63, 0x6f, 0x6e, 0x74,
    0x65, 0x78, 0x74, 0x00, 0x73, 0x74, 0x61, 0x63, 0x6b, 0x65, 0x72, 0x5f, 0x72, 0x69, 0x67,
    0x68, 0x74, 0x5f, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x78, 0x74, 0x00, 0x73, 0x74, 0x61, 0x63,
    0x6b, 0x65, 0x72, 0x5f, 0x73, 0x74, 0x65, 0x70, 0x00, 0x04, 0x46, 0x3a, 0x26, 0x11, 0x04,
    0x01, 0x04, 0x03, 0x01, 0x00, 0x01, 0x04, 0x04, 0x04, 0x04, 0x08, 0x24, 0x01};
static const uint8_t stacker_10_channels_step_2[88] = {
    0x6e, 0x75, 0x6d, 0x5f, 0x63, 0x68, 0x61, 0x6e, 0x6e, 0x65, 0x6c, 0x73, 0x00, 0x73, 0x74,
    0x61, 0x63, 0x6b, 0x65, 0x72, 0x5f, 0x6c, 0x65, 0x66, 0x74, 0x5f, 0x63, 0x6f, 0x6e, 0x74,
    0x65, 0x78, 0x74, 0x00, 0x73, 0x74, 0x61, 0x63, 0x6b, 0x65, 0x72, 0x5f, 0x72, 0x69, 0x67,
    0x68, 0x74, 0x5f, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x78, 0x74, 0x00, 0x73, 0x74, 0x61, 0x63,
    0x6b, 0x65, 0x72, 0x5f, 0x73, 0x74, 0x65, 0x70, 0x00, 0x04, 0x46, 0x3a, 0x26, 0x11, 0x04,
    0x01, 0x04, 0x0a, 0x01, 0x00, 0x02, 0x04, 0x04, 0x04, 0x04, 0x08, 0x24, 0x01};

static void stacker_node(tflm_context *ctx, const uint8_t *options, uint32_t options_size,
                         int16_t *input, int32_t channels, int16_t *output, int32_t window,
                         bool *valid)
{
    harness_init_outputs(ctx, &tflm_op_signal_stacker, 1, 2);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, &channels, 1, input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, &window, 1, output, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_BOOL, NULL, 0, valid, 0, 0);
    harness_custom_options(ctx, options, options_size);
}

/* TFLM's StackerTest cases: the first frame fills the window with its
 * left-context copy; each also run again after a reset (TFLM's
 * StackerTestReset cases). */
static void test_stacker(void)
{
    static const struct {
        const uint8_t *options;
        int32_t channels;
        int16_t input[10];
    } cases[] = {
        {stacker_3_channels_step_1, 3, {0x1234, 0x5678, 0x4321}},
        {stacker_10_channels_step_2, 10, {252, 477, 1071, 166, 1022, 312, 1171, 1586, 1491, 145}},
        {stacker_10_channels_step_2, 10, {1060, 200, 69, 1519, 883, 1317, 182, 724, 143, 334}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        static tflm_context ctx;
        const int32_t channels = cases[k].channels;
        int16_t input[10], output[20], golden[20];
        bool valid = false;
        memcpy(input, cases[k].input, sizeof input);
        memcpy(golden, input, (size_t)channels * sizeof *input);
        memcpy(golden + channels, input, (size_t)channels * sizeof *input);
        stacker_node(&ctx, cases[k].options, sizeof stacker_3_channels_step_1, input, channels,
                     output, 2 * channels, &valid);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        for (int run = 0; run < 2; run++) {
            memset(output, 0, sizeof output);
            CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
            CHECK(valid);
            CHECK(memcmp(output, golden, (size_t)(2 * channels) * sizeof *output) == 0);
            CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
        }
        harness_free(&ctx);
    }
}

/* Beyond TFLM's cases, a stream: left context 2, right context 1, step 2
 * over frames 1, 2, 3, ... of 2 channels (frame f is {f, -f}). The window
 * holds 4 frames; the padded stream is 1 1 1 2 3 4 5 ..., so windows
 * [1 1 1 2] at frame 2, then every 2 frames [1 2 3 4], [3 4 5 6]. */
static void test_stacker_stream(void)
{
    static tflm_context ctx;
    flex_builder b;
    int16_t input[2], output[8];
    bool valid = true;
    flex_begin(&b);
    flex_int(&b, "num_channels", 2);
    flex_int(&b, "stacker_left_context", 2);
    flex_int(&b, "stacker_right_context", 1);
    flex_int(&b, "stacker_step", 2);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 2, output, 8, &valid);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    static const int16_t first_frames[7][4] = {{0}, {1, 1, 1, 2}, {0}, {1, 2, 3, 4}, {0},
                                               {3, 4, 5, 6}, {0}};
    for (int run = 0; run < 2; run++) {
        for (int16_t f = 1; f <= 7; f++) {
            input[0] = f;
            input[1] = (int16_t)-f;
            CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
            CHECK_EQ_INT(f % 2 == 0, valid);
            for (int i = 0; valid && i < 4; i++) {
                CHECK_EQ_INT(first_frames[f - 1][i], output[2 * i]);
                CHECK_EQ_INT(-first_frames[f - 1][i], output[2 * i + 1]);
            }
        }
        CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
    }
    harness_free(&ctx);
}

static void stacker_options(flex_builder *b, int64_t channels, int64_t left, int64_t right,
                            int64_t step)
{
    flex_begin(b);
    flex_int(b, "num_channels", channels);
    flex_int(b, "stacker_left_context", left);
    flex_int(b, "stacker_right_context", right);
    flex_int(b, "stacker_step", step);
}

static void test_stacker_rejects(void)
{
    static tflm_context ctx;
    static int16_t input[4], output[16];
    static bool valid;
    flex_builder b;
    /* TFLM would drop 4 frames of a 3-frame window */
    stacker_options(&b, 2, 1, 1, 4);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 2, output, 6, &valid);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                          "stacker_step (4) must be at most the window's 3 frames"));
    stacker_options(&b, 2, 1, 1, 0);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 2, output, 6, &valid);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                          "option \"stacker_step\" out of range"));
    stacker_options(&b, 2, -1, 1, 1);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 2, output, 6, &valid);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                          "option \"stacker_left_context\" out of range"));
    /* TFLM would read 4 channels from an input of 3 */
    stacker_options(&b, 4, 1, 0, 1);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 3, output, 8, &valid);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                          "num_channels (4) values in, the window's 8 values out"));
    /* and write a window of 8 into an output of 6 */
    stacker_options(&b, 4, 1, 0, 1);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 4, output, 6, &valid);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                          "num_channels (4) values in, the window's 8 values out"));
    stacker_options(&b, 4, INT32_MAX, 0, 1);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 4, output, 8, &valid);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL, harness_prepare(&ctx));
    harness_free(&ctx);
    stacker_options(&b, 2, 1, 0, 1);
    stacker_node(&ctx, b.buf, (uint32_t)flex_end(&b), input, 2, output, 4, &valid);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, (const int32_t[]){1, 2}, 2, input, 0, 0);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                          "input 0 is INT16 of rank 2; expected INT16 of rank 1"));
}

/* ---- SignalOverlapAdd ------------------------------------------------------ */

/* TFLM's overlap-add option maps: T FLOAT32 and INT16, frame_step 1. */
static const uint8_t overlap_add_float[26] = {0x66, 0x72, 0x61, 0x6d, 0x65, 0x5f, 0x73, 0x74, 0x65,
                                              0x70, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f, 0x02, 0x01,
                                              0x02, 0x00, 0x01, 0x04, 0x04, 0x04, 0x24, 0x01};
static const uint8_t overlap_add_int16[26] = {0x66, 0x72, 0x61, 0x6d, 0x65, 0x5f, 0x73, 0x74, 0x65,
                                              0x70, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f, 0x02, 0x01,
                                              0x02, 0x07, 0x01, 0x04, 0x04, 0x04, 0x24, 0x01};

/* TFLM's TestOverlapAddInvoke: iterations of n_frames golden frames into
 * every row, the golden output out of each. */
static void run_overlap_add(tflm_context *ctx, size_t sample, const void *golden_input,
                            const void *golden_output, int iterations, int32_t rows,
                            int32_t frames, void *input, const void *output)
{
    const size_t in_bytes = (size_t)frames * 3 * sample, out_bytes = (size_t)frames * sample;
    for (int i = 0; i < iterations; i++) {
        for (int32_t row = 0; row < rows; row++) {
            memcpy((uint8_t *)input + row * in_bytes, (const uint8_t *)golden_input + i * in_bytes,
                   in_bytes);
        }
        CHECK_EQ_INT(TFLM_OK, harness_invoke(ctx));
        for (int32_t row = 0; row < rows; row++) {
            CHECK(memcmp((const uint8_t *)output + row * out_bytes,
                         (const uint8_t *)golden_output + i * out_bytes, out_bytes) == 0);
        }
    }
}

/* TFLM's OverlapAddTest cases (frame_size 3, frame_step 1), each also run
 * again after a reset (TFLM's testReset does so for the last). */
static void test_overlap_add(void)
{
    static const int16_t golden_input[12] = {125, -12, -895, 1000, 65, -212, 63, 71, 52, 1, -17, 32};
    static const int16_t golden_output[4] = {125, 988, -767, -140};
    static const float golden_input_float[12] = {12.5, -1.2, -89.5, 100.0, 6.5, -21.2,
                                                 6.3,  7.1,  5.2,   0.1,   -1.7, 3.2};
    static const float golden_output_float[4] = {12.5, 98.8, -76.7, -14.0};
    static const struct {
        bool is_float;
        int32_t input_dims[4], output_dims[3];
        int rank; /* the input's */
    } cases[] = {
        {false, {1, 3}, {1}, 2},
        {true, {1, 3}, {1}, 2},
        {false, {4, 3}, {4}, 2},
        {false, {2, 2, 4, 3}, {2, 2, 4}, 4},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        static tflm_context ctx;
        const bool is_float = cases[k].is_float;
        const int rank = cases[k].rank;
        const int32_t frames = cases[k].input_dims[rank - 2];
        const int32_t rows = rank == 4 ? 4 : 1;
        const tflm_type type = is_float ? TFLM_TYPE_FLOAT32 : TFLM_TYPE_INT16;
        const size_t sample = is_float ? sizeof(float) : sizeof(int16_t);
        float input[48], output[16];
        harness_init(&ctx, &tflm_op_signal_overlap_add, 1);
        harness_tensor(&ctx, 0, type, cases[k].input_dims, rank, input, 0, 0);
        harness_tensor(&ctx, 1, type, cases[k].output_dims, rank - 1, output, 0, 0);
        harness_custom_options(&ctx, is_float ? overlap_add_float : overlap_add_int16,
                               sizeof overlap_add_int16);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        for (int run = 0; run < 2; run++) {
            run_overlap_add(&ctx, sample, is_float ? (const void *)golden_input_float : golden_input,
                            is_float ? (const void *)golden_output_float : golden_output,
                            4 / frames, rows, frames, input, output);
            CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
        }
        harness_free(&ctx);
    }
}

static void overlap_add_node(tflm_context *ctx, flex_builder *b, int64_t type, int64_t frame_step,
                             tflm_type tensor_type, const int32_t *input_dims, int rank,
                             const int32_t *output_dims, int output_rank)
{
    static float input[64], output[64];
    flex_begin(b);
    flex_int(b, "T", type);
    flex_int(b, "frame_step", frame_step);
    harness_init(ctx, &tflm_op_signal_overlap_add, 1);
    harness_tensor(ctx, 0, tensor_type, input_dims, rank, input, 0, 0);
    harness_tensor(ctx, 1, tensor_type, output_dims, output_rank, output, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void test_overlap_add_rejects(void)
{
    static tflm_context ctx;
    flex_builder b;
    const int32_t in_4x3[2] = {4, 3}, out_8[1] = {8}, out_4[1] = {4};
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 2, TFLM_TYPE_INT16, in_4x3, 2, out_8, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT32, 1, TFLM_TYPE_INT32, in_4x3, 2, out_4, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_UNSUPPORTED,
                          "type INT32 not supported; expected INT16 or FLOAT32"));
    overlap_add_node(&ctx, &b, TFLM_TYPE_FLOAT32, 1, TFLM_TYPE_INT16, in_4x3, 2, out_4, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "input 0 is INT16 of rank 2; expected FLOAT32"));
    /* TFLM would move a negative count of samples */
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 4, TFLM_TYPE_INT16, in_4x3, 2,
                     (const int32_t[]){16}, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "frame_size >= frame_step (4)"));
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 1, TFLM_TYPE_INT16, (const int32_t[]){0, 3}, 2,
                     (const int32_t[]){0}, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "n_frames >= 1"));
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 1, TFLM_TYPE_INT16, (const int32_t[]){3}, 1, out_4,
                     1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "n_frames >= 1"));
    /* TFLM would write 8 samples into 4 */
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 2, TFLM_TYPE_INT16, in_4x3, 2, out_4, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "n_frames x frame_step (4 x 2)"));
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 2, TFLM_TYPE_INT16, in_4x3, 2,
                     (const int32_t[]){1, 8}, 2);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "n_frames x frame_step (4 x 2)"));
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 2, TFLM_TYPE_INT16, (const int32_t[]){2, 4, 3}, 3,
                     (const int32_t[]){1, 8}, 2);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "n_frames x frame_step (4 x 2)"));
    overlap_add_node(&ctx, &b, TFLM_TYPE_INT16, 0, TFLM_TYPE_INT16, in_4x3, 2, out_4, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"frame_step\" out of range"));
}

/* ---- SignalDelay ----------------------------------------------------------- */

/* TFLM's delay option maps: delay_length 3 and 5. */
static const uint8_t delay_3[23] = {0x64, 0x65, 0x6c, 0x61, 0x79, 0x5f, 0x6c, 0x65,
                                    0x6e, 0x67, 0x74, 0x68, 0x00, 0x01, 0x0e, 0x01,
                                    0x01, 0x01, 0x03, 0x04, 0x02, 0x24, 0x01};
static const uint8_t delay_5[23] = {0x64, 0x65, 0x6c, 0x61, 0x79, 0x5f, 0x6c, 0x65,
                                    0x6e, 0x67, 0x74, 0x68, 0x00, 0x01, 0x0e, 0x01,
                                    0x01, 0x01, 0x05, 0x04, 0x02, 0x24, 0x01};

/* TFLM's DelayTest cases, each also run again after a reset (TFLM's
 * DelayTestReset cases do so for the single-dimension ones). */
static void test_delay(void)
{
    static const struct {
        const uint8_t *options;
        int32_t dims[2];
        int rank, invokes;
        int16_t input[48], golden[48];
    } cases[] = {
        {delay_3, {8}, 1, 2,
         {0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8},
         {0x0, 0x0, 0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x0, 0x0, 0x0, 0x0, 0x0}},
        {delay_5, {3}, 1, 3,
         {0x1, 0x2, 0x3, 0x4},
         {0x0, 0x0, 0x0, 0x0, 0x0, 0x1, 0x2, 0x3, 0x4}},
        {delay_3, {4, 4}, 2, 2,
         {0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xA, 0xB, 0xC, 0xD, 0xE, 0xF},
         {0x0, 0x0, 0x0, 0x1, 0x0, 0x0, 0x0, 0x5, 0x0, 0x0, 0x0, 0x9, 0x0, 0x0, 0x0, 0xD,
          0x2, 0x3, 0x4, 0x0, 0x6, 0x7, 0x8, 0x0, 0xA, 0xB, 0xC, 0x0, 0xE, 0xF, 0x0, 0x0}},
        {delay_5, {4, 4}, 2, 3,
         {0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xA, 0xB, 0xC, 0xD, 0xE, 0xF},
         {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0,
          0x0, 0x1, 0x2, 0x3, 0x0, 0x5, 0x6, 0x7, 0x0, 0x9, 0xA, 0xB, 0x0, 0xD, 0xE, 0xF,
          0x4, 0x0, 0x0, 0x0, 0x8, 0x0, 0x0, 0x0, 0xC, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        static tflm_context ctx;
        const int32_t size = cases[k].rank == 1 ? cases[k].dims[0] : 16;
        int16_t input[16], output[16];
        harness_init(&ctx, &tflm_op_signal_delay, 1);
        harness_tensor(&ctx, 0, TFLM_TYPE_INT16, cases[k].dims, cases[k].rank, input, 0, 0);
        harness_tensor(&ctx, 1, TFLM_TYPE_INT16, cases[k].dims, cases[k].rank, output, 0, 0);
        harness_custom_options(&ctx, cases[k].options, sizeof delay_3);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        for (int run = 0; run < 2; run++) {
            for (int i = 0; i < cases[k].invokes; i++) {
                memcpy(input, &cases[k].input[i * size], (size_t)size * sizeof *input);
                CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
                CHECK(memcmp(output, &cases[k].golden[i * size], (size_t)size * sizeof *output) == 0);
            }
            CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
        }
        harness_free(&ctx);
    }
}

static void delay_node(tflm_context *ctx, flex_builder *b, int64_t delay, const int32_t *input_dims,
                       int rank, const int32_t *output_dims, int output_rank)
{
    static int16_t input[64], output[64];
    flex_begin(b);
    flex_int(b, "delay_length", delay);
    harness_init(ctx, &tflm_op_signal_delay, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, input_dims, rank, input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT16, output_dims, output_rank, output, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void test_delay_rejects(void)
{
    static tflm_context ctx;
    flex_builder b;
    const int32_t d8[1] = {8}, d2x4[2] = {2, 4};
    delay_node(&ctx, &b, 0, d8, 1, d8, 1); /* no delay: a copy */
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);
    delay_node(&ctx, &b, -1, d8, 1, d8, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                          "option \"delay_length\" out of range"));
    /* TFLM would write 8 samples into 4 */
    delay_node(&ctx, &b, 3, d8, 1, (const int32_t[]){4}, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "the output must have the input's shape"));
    delay_node(&ctx, &b, 3, d8, 1, d2x4, 2);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "the output must have the input's shape"));
    /* TFLM would divide by the zero row length */
    delay_node(&ctx, &b, 3, (const int32_t[]){2, 0}, 2, (const int32_t[]){2, 0}, 2);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "last dimension must not be 0"));
    delay_node(&ctx, &b, 3, d8, 0, d8, 0);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                          "input 0 is INT16 of rank 0; expected INT16 of rank 1 or more"));
    delay_node(&ctx, &b, INT32_MAX, d2x4, 2, d2x4, 2);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL, harness_prepare(&ctx));
    harness_free(&ctx);
}
int main(void)
{
    test_framer();
    test_framer_rejects();
    test_stacker();
    test_stacker_stream();
    test_stacker_rejects();
    test_overlap_add();
    test_overlap_add_rejects();
    test_delay();
    test_delay_rejects();
    TEST_MAIN_END();
}
