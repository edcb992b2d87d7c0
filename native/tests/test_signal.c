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

int main(void)
{
    test_window();
    test_framer();
    test_framer_rejects();
    TEST_MAIN_END();
}
