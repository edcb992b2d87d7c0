/*
 * main.c - a program of its own that links the tflm library: runs a model
 * of y = f(x) with one int8 input and one int8 output (the sine model of
 * tflm's hello_world, TFLM's hello_world_int8) on 20 points of [0, 2pi] and
 * prints x and y. board.h, from the board port, gives the debug log and the
 * exit: stdout on the host, semihosting under QEMU.
 */
#include <stdint.h>

#include "board.h"
#include "model_data.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

#define POINTS 20
#define TWO_PI 6.28318531f
#define ARENA_BYTES 8192

static uint8_t arena[ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

static int8_t quantize(float real, const tflm_tensor_info *tensor)
{
    float scaled = real / tensor->scale;
    int32_t q = (int32_t)(scaled < 0.0f ? scaled - 0.5f : scaled + 0.5f) + tensor->zero_point;
    return (int8_t)(q < -128 ? -128 : q > 127 ? 127 : q);
}

/* Logs label, a space and value / 10^decimals with that many decimals
 * ("x -0.157"). No printf: on a board it would pull in newlib's malloc. */
static void print_fixed(const char *label, long value, int decimals)
{
    unsigned long magnitude = value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
    char text[32];
    char *p = text + sizeof text;
    *--p = '\0';
    for (int digit = 0; digit <= decimals || magnitude != 0; ++digit, magnitude /= 10) {
        if (digit == decimals && decimals > 0) {
            *--p = '.';
        }
        *--p = (char)('0' + magnitude % 10);
    }
    if (value < 0) {
        *--p = '-';
    }
    *--p = ' ';
    board_debug_log(label);
    board_debug_log(p);
}

/* value rounded to thousandths, half away from zero. */
static long milli(float value)
{
    return (long)(value < 0.0f ? value * 1000.0f - 0.5f : value * 1000.0f + 0.5f);
}

static int fail(const char *what, const char *message)
{
    board_debug_log(what);
    board_debug_log(": ");
    board_debug_log(message);
    board_debug_log("\n");
    return 1;
}

int main(void)
{
    const tflm_kernel *kernels[1]; /* room for the only op the model uses */
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, kernels, 1);
    tflm_op_resolver_add(&ops, &tflm_op_fully_connected);

    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, model_data, model_data_size, &ops, arena, sizeof arena,
                                &error) != TFLM_OK) {
        return fail("create", error.message);
    }
    tflm_tensor_info in, out;
    tflm_interpreter_input(interp, 0, &in);
    tflm_interpreter_output(interp, 0, &out);
    if (in.type != TFLM_TYPE_INT8 || out.type != TFLM_TYPE_INT8 || in.bytes != 1 || out.bytes != 1) {
        return fail("model", "expected one int8 input and one int8 output");
    }
    for (int i = 0; i < POINTS; ++i) {
        float x = TWO_PI * (float)i / (float)(POINTS - 1);
        *(int8_t *)in.data = quantize(x, &in);
        if (tflm_interpreter_invoke(interp) != TFLM_OK) {
            return fail("invoke", tflm_interpreter_error_message(interp));
        }
        float y = (float)(*(const int8_t *)out.data - out.zero_point) * out.scale;
        print_fixed("x", milli(x), 3);
        print_fixed(" y", milli(y), 3);
        board_debug_log("\n");
    }
    /* '#' lines differ between builds: 64-bit pointers take more arena. */
    print_fixed("# arena", (long)tflm_interpreter_arena_used(interp), 0);
    board_debug_log(" bytes\n");
    return 0;
}
