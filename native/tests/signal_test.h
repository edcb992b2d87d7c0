/* signal_test.h - what the tests of TFLM's signal ops share (test_signal*.c):
 * checks that a node's prepare or invoke fails with a status and a
 * message naming the problem. Include after test.h and kernel_harness.h. */
#ifndef TFLM_SIGNAL_TEST_H
#define TFLM_SIGNAL_TEST_H

#include <stdio.h>
#include <string.h>

static void signal_check_failure(tflm_context *ctx, int line, tflm_status expected,
                                 tflm_status actual, const char *text)
{
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

/* Tensor i's type and shape changed, its data kept. */
static void signal_reshape(tflm_context *ctx, int i, tflm_type type, const int32_t *dims, int rank)
{
    harness_tensor(ctx, i, type, dims, rank, ctx->tensors[i].data, 0, 0);
}

/* Prepare fails with status and a message containing text. */
#define CHECK_PREPARE_FAILS(ctx, status, text)                                      \
    signal_check_failure((ctx), __LINE__, (status),                                 \
                         ((ctx)->formatted[0] = '\0', harness_prepare(ctx)), (text))

/* Prepare succeeds, then invoke fails with status and text. */
#define CHECK_INVOKE_FAILS(ctx, status, text)                                       \
    do {                                                                            \
        CHECK_EQ_INT(TFLM_OK, harness_prepare(ctx));                                \
        (ctx)->formatted[0] = '\0';                                                 \
        signal_check_failure((ctx), __LINE__, (status), harness_invoke(ctx), (text)); \
    } while (0)

#endif
