/* The worked example of a user's custom op, SpikeFilter
 * (examples/firmware/custom_op/user_op.c), through the kernel harness: its
 * values on frames worked out by hand (odd and even counts of frames held,
 * the history wrapping around, the reset hook), its options read from
 * FlexBuffers maps, and what prepare refuses. The firmware example runs
 * it in a whole model on the host and the boards. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "test.h"
#include "user_op.h"

#define ELEMENTS 2

static float input[64 * 1024];
static float output[64 * 1024];

/* A SpikeFilter node over frames of `elements` floats with the options
 * b holds. */
static void spike_node(tflm_context *ctx, flex_builder *b, int32_t elements)
{
    const int32_t dims[2] = {1, elements};
    harness_init(ctx, &user_op_spike_filter, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_FLOAT32, dims, 2, input, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_FLOAT32, dims, 2, output, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

/* Prepare fails with status and a message containing text. */
#define CHECK_PREPARE_FAILS(ctx, status, text) \
    check_prepare_fails((ctx), __LINE__, (status), (text))

static void check_prepare_fails(tflm_context *ctx, int line, tflm_status expected, const char *text)
{
    ctx->formatted[0] = '\0';
    const tflm_status actual = harness_prepare(ctx);
    if (actual != expected) {
        fprintf(stderr, "line %d: status %d, expected %d (\"%s\")\n", line, (int)actual,
                (int)expected, ctx->formatted);
        tflm_test_failures++;
    } else if (strstr(ctx->formatted, text) == NULL) {
        fprintf(stderr, "line %d: message \"%s\" lacks \"%s\"\n", line, ctx->formatted, text);
        tflm_test_failures++;
    }
    harness_free(ctx);
}

static void options(flex_builder *b, int64_t window, double threshold)
{
    flex_begin(b);
    flex_int(b, "window", window);
    flex_float(b, "threshold", threshold);
}

/* Invokes on frame and checks the output equals expected. */
static void check_frame(tflm_context *ctx, int line, const float *frame, const float *expected)
{
    memcpy(input, frame, ELEMENTS * sizeof *frame);
    CHECK_EQ_INT(TFLM_OK, harness_invoke(ctx));
    for (int e = 0; e < ELEMENTS; e++) {
        if (output[e] != expected[e]) {
            fprintf(stderr, "line %d: element %d is %g, expected %g\n", line, e, (double)output[e],
                    (double)expected[e]);
            tflm_test_failures++;
        }
    }
}

static void test_values(void)
{
    static tflm_context ctx;
    static flex_builder b;
    /* window 3, threshold 1. Column 0: at frame 1 the median of {0, 0.5} is
     * 0.25 and 0.5 stays; at frame 2, 5 is 4.5 from the median 0.5 of
     * {0, 0.5, 5}: replaced; at frames 3 and 4 the history has wrapped
     * ({0.5, 5, 1}, then {5, 1, 1.5}) and 1 and 1.5 are their medians.
     * Column 1: -10 at frame 3 is 20 from the median 10 of {10, 10, -10};
     * 9 at frame 4 is the median of {10, -10, 9}. */
    static const float frames[5][ELEMENTS] = {{0, 10}, {0.5f, 10}, {5, 10}, {1, -10}, {1.5f, 9}};
    static const float filtered[5][ELEMENTS] = {{0, 10},  {0.5f, 10}, {0.5f, 10},
                                                {1, 10},  {1.5f, 9}};
    options(&b, 3, 1.0);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(1, ctx.scratch_count); /* the sort buffer */
    for (int f = 0; f < 5; f++) {
        check_frame(&ctx, __LINE__, frames[f], filtered[f]);
    }

    /* After the reset the history is empty: 5 is its own median and stays;
     * then the median of {5, 0} is 2.5, which replaces 0 (2.5 away). */
    CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
    static const float after_reset[2][ELEMENTS] = {{5, -10}, {0, -10}};
    static const float after_reset_filtered[2][ELEMENTS] = {{5, -10}, {2.5f, -10}};
    check_frame(&ctx, __LINE__, after_reset[0], after_reset_filtered[0]);
    check_frame(&ctx, __LINE__, after_reset[1], after_reset_filtered[1]);
    harness_free(&ctx);

    /* The same frames without the reset: column 0 then holds {1, 1.5, 5},
     * whose median 1.5 replaces 5 (3.5 away). */
    options(&b, 3, 1.0);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    for (int f = 0; f < 5; f++) {
        check_frame(&ctx, __LINE__, frames[f], filtered[f]);
    }
    static const float no_reset_filtered[ELEMENTS] = {1.5f, -10};
    check_frame(&ctx, __LINE__, after_reset[0], no_reset_filtered);
    harness_free(&ctx);

    /* window 1: every value is its own median and passes, spikes too;
     * threshold 0 with a window of 2 keeps only values equal to the mean
     * of the two frames, that is when both frames agree. */
    options(&b, 1, 0.0);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    check_frame(&ctx, __LINE__, frames[2], frames[2]);
    check_frame(&ctx, __LINE__, frames[3], frames[3]);
    harness_free(&ctx);
    options(&b, 2, 0.0);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    static const float agree[ELEMENTS] = {4, 4}, differ[ELEMENTS] = {4, 6};
    static const float mean[ELEMENTS] = {4, 5};
    check_frame(&ctx, __LINE__, agree, agree);
    check_frame(&ctx, __LINE__, differ, mean);
    harness_free(&ctx);
}

/* The options as other writers give them: an int threshold widens to a
 * float (FlexBuffers' AsFloat), keys beyond the two are ignored. */
static void test_option_forms(void)
{
    static tflm_context ctx;
    static flex_builder b;
    flex_begin(&b);
    flex_int(&b, "window", 3);
    flex_int(&b, "threshold", 1);
    flex_bool(&b, "verbose", true);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    /* 3 is replaced by the median 0; 1, exactly threshold away, is kept */
    static const float frames[3][ELEMENTS] = {{0, 0}, {0, 0}, {3, 1}};
    static const float filtered[3][ELEMENTS] = {{0, 0}, {0, 0}, {0, 1}};
    for (int f = 0; f < 3; f++) {
        check_frame(&ctx, __LINE__, frames[f], filtered[f]);
    }
    harness_free(&ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    static flex_builder b;

    flex_begin(&b);
    flex_float(&b, "threshold", 1.0);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"window\" missing");
    flex_begin(&b);
    flex_int(&b, "window", 3);
    spike_node(&ctx, &b, ELEMENTS);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"threshold\" missing");

    const int64_t windows[] = {0, -1, USER_OP_MAX_WINDOW + 1, INT64_MAX};
    for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) {
        options(&b, windows[i], 1.0);
        spike_node(&ctx, &b, ELEMENTS);
        CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                            "option \"window\" out of range [1, 64]");
    }
    const double thresholds[] = {-0.5, NAN, INFINITY, 1e39};
    for (size_t i = 0; i < sizeof thresholds / sizeof thresholds[0]; i++) {
        options(&b, 3, thresholds[i]);
        spike_node(&ctx, &b, ELEMENTS);
        CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                            "option \"threshold\" must be a finite number >= 0");
    }

    /* no options, and options that are not a map (the int 5) */
    options(&b, 3, 1.0);
    spike_node(&ctx, &b, ELEMENTS);
    harness_custom_options(&ctx, NULL, 0);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "must be a FlexBuffers map");
    static const uint8_t scalar[3] = {5, 1 << 2, 1}; /* value, INT of width 1, root width */
    spike_node(&ctx, &b, ELEMENTS);
    harness_custom_options(&ctx, scalar, sizeof scalar);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_MALFORMED_MODEL, "must be a FlexBuffers map");

    /* tensors */
    const int32_t dims[2] = {1, ELEMENTS}, three[2] = {1, 3};
    options(&b, 3, 1.0);
    spike_node(&ctx, &b, ELEMENTS);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, dims, 2, input, 0.5f, 0);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "input and output must be FLOAT32");
    spike_node(&ctx, &b, ELEMENTS);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, three, 2, output, 0, 0);
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "the output must have the input's elements (2)");
    harness_init_outputs(&ctx, &user_op_spike_filter, 1, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, dims, 2, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, dims, 2, output, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, dims, 2, output, 0, 0);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_PREPARE_FAILS(&ctx, TFLM_ERROR_KERNEL, "needs 1 input and 1 output, has 1 and 2");

    /* A history larger than the persistent memory: the interpreter turns
     * this status into "arena too small: model needs N bytes". */
    options(&b, USER_OP_MAX_WINDOW, 1.0);
    spike_node(&ctx, &b, 1024);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL, harness_prepare(&ctx));
    harness_free(&ctx);
}

int main(void)
{
    test_values();
    test_option_forms();
    test_rejections();
    TEST_MAIN_END();
}
