/* CIRCULAR_BUFFER (circular_buffer.c): every case of TFLM's
 * circular_buffer_test.cc, on its values and its options bytes, with the
 * frames in the kernel's memory (a plain output, as TFLM's test tensors)
 * and in a variable output (as in models); cycles_max and TFLM's periods
 * from the output's shape; the reset hook; and the rejections, each with
 * its message. The interpreter's side of TFLM_STOPPED_EARLY is
 * test_custom_op_models.c's. */
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

/* TFLM's circular_buffer_flexbuffers_generated_data.cc: {cycles_max: 1}. */
static const uint8_t tflm_cycles_max_1[21] = {
    0x63, 0x79, 0x63, 0x6c, 0x65, 0x73, 0x5f, 0x6d, 0x61, 0x78, 0x00,
    0x01, 0x0c, 0x01, 0x01, 0x01, 0x01, 0x04, 0x02, 0x24, 0x01,
};

static int8_t input[192], output[192 * 13];

/* A node of input [1, 1, w, c] into output [1, slots, w, c]; variable:
 * the output is a variable tensor. */
static void setup(tflm_context *ctx, int32_t slots, int32_t w, int32_t c, bool variable)
{
    const int32_t in_dims[4] = {1, 1, w, c}, out_dims[4] = {1, slots, w, c};
    harness_init(ctx, &tflm_op_circular_buffer, 1);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, in_dims, 4, input, 1.0f, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, out_dims, 4, output, 1.0f, 0);
    ctx->tensors[1].is_variable = variable;
    memset(output, 0, sizeof output);
}

/* TFLM's OutputTensorLength4 (no options: period 2 for 4 frames) and
 * OutputTensorOnEveryIterationLength4 (cycles_max 1): depth 3, invoke i
 * writes i * 3 + 1 ... i * 3 + 3. */
static void length4(bool options, bool variable)
{
    static tflm_context ctx;
    static const int8_t goldens[5][12] = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3},
                                          {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6},
                                          {0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                                          {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                                          {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}};
    setup(&ctx, 4, 1, 3, variable);
    if (options) {
        harness_custom_options(&ctx, tflm_cycles_max_1, sizeof tflm_cycles_max_1);
    }
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 3; j++) {
            input[j] = (int8_t)(i * 3 + j + 1);
        }
        const tflm_status status = harness_invoke(&ctx);
        CHECK(memcmp(output, goldens[i], 12) == 0);
        CHECK_EQ_INT(options || i % 2 == 1 ? TFLM_OK : TFLM_STOPPED_EARLY, status);
    }
    harness_free(&ctx);
}

/* TFLM's OutputTensorLength5: no options, 5 frames: period 1. */
static void length5(bool variable)
{
    static tflm_context ctx;
    static const int8_t goldens[6][20] = {
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4},
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8},
        {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
        {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
        {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
        {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}};
    setup(&ctx, 5, 1, 4, variable);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 4; j++) {
            input[j] = (int8_t)(i * 4 + j + 1);
        }
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        CHECK(memcmp(output, goldens[i], 20) == 0);
    }
    harness_free(&ctx);
}

/* TFLM's Reset: 2 frames of 1 (period 2): stopped, reset, stopped, ok. */
static void reset_counts_again(bool variable)
{
    static tflm_context ctx;
    setup(&ctx, 2, 1, 1, variable);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_STOPPED_EARLY, harness_invoke(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
    CHECK_EQ_INT(TFLM_STOPPED_EARLY, harness_invoke(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    harness_free(&ctx);
}

static void test_tflm_cases(void)
{
    for (int variable = 0; variable < 2; variable++) {
        length4(false, variable);
        length4(true, variable);
        length5(variable);
        reset_counts_again(variable);
    }
}

/* Runs invokes and returns the statuses as a string: '.' OK, 's' stopped. */
static void pattern(tflm_context *ctx, int invokes, char *out)
{
    for (int i = 0; i < invokes; i++) {
        const tflm_status status = harness_invoke(ctx);
        out[i] = status == TFLM_OK ? '.' : status == TFLM_STOPPED_EARLY ? 's' : '!';
    }
    out[invokes] = '\0';
}

static void expect_pattern(int32_t slots, int32_t w, int32_t c, const uint8_t *options,
                           size_t size, const char *expected)
{
    static tflm_context ctx;
    char got[16];
    setup(&ctx, slots, w, c, true);
    if (options != NULL) {
        harness_custom_options(&ctx, options, (uint32_t)size);
    }
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    pattern(&ctx, (int)strlen(expected), got);
    if (strcmp(got, expected) != 0) {
        fprintf(stderr, "[1, %d, %d, %d]: statuses %s, expected %s\n", slots, w, c, got, expected);
        tflm_test_failures++;
    }
    harness_free(&ctx);
}

/* cycles_max read by key from maps of any width; <= 0 or no options:
 * TFLM's shape rule (1 for 5, 13, 25 frames, else 2; a [.., 2, 96]
 * buffer gets 2, since TFLM's fifth-instance case needs its global
 * counter). */
static void test_periods(void)
{
    flex_builder b;
    flex_begin(&b);
    flex_int(&b, "cycles_max", 3);
    size_t size = flex_end(&b);
    expect_pattern(4, 1, 3, b.buf, size, "ss.ss.ss.");
    flex_begin(&b);
    flex_int(&b, "cycles_max", 0);
    size = flex_end(&b);
    expect_pattern(13, 1, 2, b.buf, size, "......");
    flex_begin(&b);
    flex_int(&b, "cycles_max", -4);
    size = flex_end(&b);
    expect_pattern(7, 1, 2, b.buf, size, "s.s.s.");
    expect_pattern(25, 1, 2, NULL, 0, "......");
    expect_pattern(5, 2, 3, NULL, 0, "......");
    expect_pattern(3, 2, 96, NULL, 0, "s.s.s.");
    expect_pattern(1, 1, 8, NULL, 0, "s.s.s.");
}

/* The frames the kernel keeps itself (a plain output) are refilled with
 * the output's zero point by the reset hook, as the interpreter refills a
 * variable output; prepare leaves them so too. */
static void test_reset_frames(void)
{
    static tflm_context ctx;
    const int32_t in_dims[4] = {1, 1, 1, 2}, out_dims[4] = {1, 3, 1, 2};
    harness_init(&ctx, &tflm_op_circular_buffer, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 4, input, 0.5f, -7);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, out_dims, 4, output, 0.5f, -7);
    harness_custom_options(&ctx, tflm_cycles_max_1, sizeof tflm_cycles_max_1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    input[0] = 1;
    input[1] = 2;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const int8_t first[6] = {-7, -7, -7, -7, 1, 2};
    CHECK(memcmp(output, first, 6) == 0);
    input[0] = 3;
    input[1] = 4;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const int8_t second[6] = {-7, -7, 1, 2, 3, 4};
    CHECK(memcmp(output, second, 6) == 0);
    memset(output, 99, 6); /* the planner may reuse a plain output's bytes */
    CHECK_EQ_INT(TFLM_OK, harness_reset(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const int8_t after_reset[6] = {-7, -7, -7, -7, 3, 4};
    CHECK(memcmp(output, after_reset, 6) == 0);
    harness_free(&ctx);
}

static void expect_refused(tflm_context *ctx, tflm_status status, const char *text)
{
    CHECK_EQ_INT(status, harness_prepare(ctx));
    if (strstr(ctx->formatted, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", ctx->formatted, text);
        tflm_test_failures++;
    }
    harness_free(ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    const char *shape = "input must be [1, 1, w, c] and output [1, frames >= 1, w, c]";
    const int32_t in2[4] = {1, 2, 1, 3}, batch2[4] = {2, 1, 1, 3}, rank3[3] = {1, 1, 3};
    const int32_t other_depth[4] = {1, 4, 1, 4}, no_frames[4] = {1, 0, 1, 3};

    setup(&ctx, 4, 1, 3, true);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in2, 4, input, 1.0f, 0);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, shape);
    setup(&ctx, 4, 1, 3, true);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, batch2, 4, input, 1.0f, 0);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, shape);
    setup(&ctx, 4, 1, 3, true);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, rank3, 3, input, 1.0f, 0);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, shape);
    setup(&ctx, 4, 1, 3, true);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, other_depth, 4, output, 1.0f, 0);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, shape);
    setup(&ctx, 4, 1, 3, true);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, no_frames, 4, output, 1.0f, 0);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, shape);

    const int32_t dims[4] = {1, 4, 1, 3};
    setup(&ctx, 4, 1, 3, true);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, dims, 4, output, 1.0f, 0);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "input and output must be INT8");
    setup(&ctx, 4, 1, 3, true);
    ctx.inputs[0] = 0;
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got 0 and 1");

    flex_builder b;
    flex_begin(&b);
    flex_int(&b, "cycles", 2);
    size_t size = flex_end(&b);
    setup(&ctx, 4, 1, 3, true);
    harness_custom_options(&ctx, b.buf, (uint32_t)size);
    expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"cycles_max\" missing");
    static const uint8_t not_a_map[3] = {2, 4, 1};
    setup(&ctx, 4, 1, 3, true);
    harness_custom_options(&ctx, not_a_map, sizeof not_a_map);
    expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, "custom options must be a FlexBuffers map");
}

int main(void)
{
    test_tflm_cases();
    test_periods();
    test_reset_frames();
    test_rejections();
    TEST_MAIN_END();
}
