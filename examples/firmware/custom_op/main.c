/*
 * custom_op - a model with a user's own op (SpikeFilter, user_op.c) running
 * beside the library's kernels. The model, written at build time by
 * dev.tflm.examples.customop.CustomOpModel (never committed):
 *
 *   frame [1,3] -> SpikeFilter(window 5, threshold 0.5) -> filtered [1,3]
 *               -> FULLY_CONNECTED(weights [2,3], bias [2]) -> RELU -> scores [1,2]
 *
 * outputs: 0 scores, 1 filtered. Eight frames of a 3-axis sensor with a
 * spike (frame 2) and a dropout (frame 4) go through it, then
 * tflm_interpreter_reset_state (a new recording) and two more frames.
 * Each line prints the frame, the filtered frame and the scores; the
 * program then checks every value against the table below, so a wrong
 * result fails on the host and on every board, not only a difference
 * between them.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "custom_op_model.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"
#include "user_op.h"

#define ELEMENTS 3
#define SCORES 2
#define FRAMES 10
#define RESET_BEFORE 8 /* tflm_interpreter_reset_state before this frame */

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

static const float frames[FRAMES][ELEMENTS] = {
    {0.0f, 0.5f, 1.0f},  {0.25f, 0.5f, 1.0f},  {0.25f, 3.0f, 1.0f}, {0.5f, 0.5f, 0.75f},
    {0.5f, 0.25f, -2.0f}, {0.75f, 0.25f, 0.75f}, {0.75f, 0.25f, 0.5f}, {1.0f, 0.0f, 0.5f},
    {2.0f, 2.0f, 2.0f},  {2.0f, 1.75f, 2.0f},
};

/* Worked out by hand. Filtered: the median of each column over the frames
 * held (the last five; the mean of the middle two for an even count)
 * replaces a value more than 0.5 away from it. Frame 2's y = 3.0 becomes
 * 0.5, the median of {0.5, 0.5, 3.0}; frame 4's z = -2.0 becomes 1.0, the
 * median of {-2, 0.75, 1, 1, 1}. Frame 8 comes after the reset, so 2.0 is
 * its own median and passes (without the reset the median of x would be
 * 0.75 and 2.0 would be replaced). Scores: relu(W filtered + b) with
 * W = {{0.5, -0.25, 1}, {-1, 0.75, 0.5}}, b = {0.125, -0.25}. Every value
 * is a multiple of 1/16, so float arithmetic gives each of them exactly. */
static const float expected_filtered[FRAMES][ELEMENTS] = {
    {0.0f, 0.5f, 1.0f},  {0.25f, 0.5f, 1.0f},  {0.25f, 0.5f, 1.0f}, {0.5f, 0.5f, 0.75f},
    {0.5f, 0.25f, 1.0f}, {0.75f, 0.25f, 0.75f}, {0.75f, 0.25f, 0.5f}, {1.0f, 0.0f, 0.5f},
    {2.0f, 2.0f, 2.0f},  {2.0f, 1.75f, 2.0f},
};
static const float expected_scores[FRAMES][SCORES] = {
    {1.0f, 0.625f},  {1.125f, 0.375f}, {1.125f, 0.375f}, {1.0f, 0.0f},   {1.3125f, 0.0f},
    {1.1875f, 0.0f}, {0.9375f, 0.0f},  {1.125f, 0.0f},   {2.625f, 0.25f}, {2.6875f, 0.0625f},
};

static void print_values(const char *label, const float *values, int count)
{
    fw_print(label);
    for (int i = 0; i < count; i++) {
        fw_print(" ");
        fw_print_milli(values[i]);
    }
}

static int same(const float *a, const float *b, int count)
{
    for (int i = 0; i < count; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    /* The library's kernels the model uses, and the user's op: the resolver
     * finds a custom op by its name, a builtin one by its code. */
    const tflm_kernel *kernels[3];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, kernels, 3);
    if (tflm_op_resolver_add(&ops, &tflm_op_fully_connected) != TFLM_OK ||
        tflm_op_resolver_add(&ops, &tflm_op_relu) != TFLM_OK ||
        tflm_op_resolver_add(&ops, &user_op_spike_filter) != TFLM_OK) {
        return fw_fail("resolver", "could not register the kernels");
    }

    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, custom_op_model, custom_op_model_size, &ops, arena,
                                sizeof arena, &error) != TFLM_OK) {
        return fw_fail("create", error.message);
    }
    tflm_tensor_info in, scores, filtered;
    tflm_interpreter_input(interp, 0, &in);
    tflm_interpreter_output(interp, 0, &scores);
    tflm_interpreter_output(interp, 1, &filtered);
    if (in.type != TFLM_TYPE_FLOAT32 || in.bytes != sizeof frames[0] ||
        scores.type != TFLM_TYPE_FLOAT32 || scores.bytes != sizeof expected_scores[0] ||
        filtered.type != TFLM_TYPE_FLOAT32 || filtered.bytes != sizeof expected_filtered[0]) {
        return fw_fail("model", "expected float32 frame [1,3], scores [1,2] and filtered [1,3]");
    }

    int wrong = 0;
    for (int f = 0; f < FRAMES; f++) {
        if (f == RESET_BEFORE) {
            if (tflm_interpreter_reset_state(interp) != TFLM_OK) {
                return fw_fail("reset", tflm_interpreter_error_message(interp));
            }
            fw_print("reset\n");
        }
        float *x = in.data;
        for (int e = 0; e < ELEMENTS; e++) {
            x[e] = frames[f][e];
        }
        if (tflm_interpreter_invoke(interp) != TFLM_OK) {
            return fw_fail("invoke", tflm_interpreter_error_message(interp));
        }
        fw_print("frame ");
        fw_print_int(f);
        print_values(" in", frames[f], ELEMENTS);
        print_values(" filtered", filtered.data, ELEMENTS);
        print_values(" scores", scores.data, SCORES);
        if (!same(filtered.data, expected_filtered[f], ELEMENTS) ||
            !same(scores.data, expected_scores[f], SCORES)) {
            print_values(" expected filtered", expected_filtered[f], ELEMENTS);
            print_values(" scores", expected_scores[f], SCORES);
            wrong++;
        }
        fw_print("\n");
    }
    if (wrong != 0) {
        return fw_fail("check", "outputs differ from the expected values");
    }
    fw_print("check: every output as expected\n");
    fw_print("# arena ");
    fw_print_uint(tflm_interpreter_arena_used(interp));
    fw_print(" bytes\n");
    return 0;
}
