/*
 * benchmark - runs one model (compiled in as model_data) on the golden input
 * of ../shared/golden, prints its outputs in the golden files' format, then
 * as '#' lines the arena bytes and the time of one invoke, with the default
 * kernels (the core's Arm variants where it has them), the time of each
 * operator run alone (tflm_interpreter_invoke_operator, after that invoke,
 * so on the same data), and again the invoke with the reference kernels
 * alone, in the same arena. Under
 * `qemu-system-arm -icount shift=0` one instruction is one nanosecond of
 * virtual time, so "ns" is the instruction count of the invoke.
 */
#include <stdint.h>

#include "board.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "model_data.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

/* Creates an interpreter in the arena (options NULL: the defaults), fills
 * the golden inputs and invokes once; *ticks: the invoke's board ticks.
 * Returns main's exit status, 0 on success. */
static int run(const tflm_op_resolver *ops, const tflm_interpreter_options *options,
               tflm_interpreter **interp, uint64_t *ticks)
{
    tflm_error error;
    if (tflm_interpreter_create_with_options(interp, model_data, model_data_size, ops, arena,
                                             sizeof arena, options, &error) != TFLM_OK) {
        return fw_fail("create", error.message);
    }
    if (fw_fill_golden_inputs(*interp) != TFLM_OK) {
        return fw_fail("inputs", tflm_interpreter_error_message(*interp));
    }
    uint64_t start = board_ticks();
    tflm_status status = tflm_interpreter_invoke(*interp);
    *ticks = board_ticks() - start;
    if (status != TFLM_OK) {
        return fw_fail("invoke", tflm_interpreter_error_message(*interp));
    }
    return 0;
}

/* " <ticks> ticks at <hz> Hz = <ns> ns\n" */
static void print_ticks(uint64_t ticks)
{
    uint32_t hz = board_ticks_per_second();
    fw_print(" ");
    fw_print_uint(ticks);
    fw_print(" ticks at ");
    fw_print_uint(hz);
    fw_print(" Hz = ");
    fw_print_uint(ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz);
    fw_print(" ns\n");
}

/* "# <what> <ticks> ticks at <hz> Hz = <ns> ns\n" */
static void print_time(const char *what, uint64_t ticks)
{
    fw_print("# ");
    fw_print(what);
    print_ticks(ticks);
}

/* "# operator <index> <name> <ticks> ticks at <hz> Hz = <ns> ns" for each
 * operator, run alone; 0 on success. */
static int print_operator_times(tflm_interpreter *interp)
{
    for (size_t i = 0; i < tflm_interpreter_operator_count(interp); i++) {
        uint64_t start = board_ticks();
        tflm_status status = tflm_interpreter_invoke_operator(interp, i);
        uint64_t ticks = board_ticks() - start;
        if (status != TFLM_OK) {
            return fw_fail("invoke operator", tflm_interpreter_error_message(interp));
        }
        fw_print("# operator ");
        fw_print_uint(i);
        fw_print(" ");
        fw_print(tflm_interpreter_operator_name(interp, i));
        print_ticks(ticks);
    }
    return 0;
}

int main(void)
{
    /* The kernels the shared models use, not tflm_op_resolver_add_all:
     * every kernel of the library would not fit a 64 KB board's flash. */
    static const tflm_kernel *const used[] = {
        &tflm_op_add,     &tflm_op_average_pool_2d, &tflm_op_conv_2d, &tflm_op_depthwise_conv_2d,
        &tflm_op_dequantize, &tflm_op_fully_connected, &tflm_op_max_pool_2d, &tflm_op_mul,
        &tflm_op_quantize, &tflm_op_reshape,        &tflm_op_softmax, &tflm_op_svdf,
    };
    enum { USED = sizeof used / sizeof used[0] };
    const tflm_kernel *kernels[USED];
    tflm_op_resolver ops;
    if (fw_resolver_of(&ops, kernels, used, USED) != TFLM_OK) {
        return 1;
    }

    tflm_interpreter *interp;
    uint64_t ticks;
    int failed = run(&ops, NULL, &interp, &ticks);
    if (failed) {
        return failed;
    }
    fw_print("model " FW_MODEL_NAME "\n");
    fw_print_outputs(interp);
    fw_print("# arena ");
    fw_print_uint(tflm_interpreter_arena_used(interp));
    fw_print(" of ");
    fw_print_uint(sizeof arena);
    fw_print(" bytes\n");
    print_time("invoke", ticks);
    if ((failed = print_operator_times(interp)) != 0) {
        return failed;
    }

    const tflm_interpreter_options reference = {TFLM_KERNELS_REFERENCE, TFLM_ISA_BEST};
    if ((failed = run(&ops, &reference, &interp, &ticks)) != 0) {
        return failed;
    }
    print_time("reference invoke", ticks);
    return 0;
}
