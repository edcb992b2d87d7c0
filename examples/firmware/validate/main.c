/*
 * validate - the board half of `tflm validate`: runs the model (model_data)
 * on the inputs the desktop wrote (validate_data.h: every case's input
 * tensors, concatenated in input order) with exactly the model's kernels,
 * and prints for each case its outputs in the golden files' format, then as
 * '#' lines the arena bytes, the ticks of each invoke and, summed over the
 * cases, of each operator. The desktop compares the outputs byte for byte.
 * Under `qemu-system-arm -icount shift=0` one instruction is one nanosecond
 * of virtual time, so "ns" is an instruction count.
 *
 * Lines:
 *   case <k>
 *   output <i> <TYPE> [<shape>] <hex>           (fw_print_outputs)
 *   # invoke <k> <ticks> ticks = <ns> ns
 *   # arena <used> of <size> bytes
 *   # operator <i> <NAME> <ticks> ticks = <ns> ns
 *   # done <cases> cases
 */
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "model_data.h"
#include "tflm/tflm.h"
#include "validate_data.h"

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

/* Ticks summed per operator over every case. */
static uint64_t operator_ticks[VALIDATE_OPERATOR_COUNT > 0 ? VALIDATE_OPERATOR_COUNT : 1];

/* "<ticks> ticks = <ns> ns\n" */
static void print_ticks(uint64_t ticks)
{
    uint32_t hz = board_ticks_per_second();
    fw_print_uint(ticks);
    fw_print(" ticks = ");
    fw_print_uint(ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz);
    fw_print(" ns\n");
}

/* Copies case k's bytes into the inputs, in order. */
static int fill_inputs(tflm_interpreter *interp, uint32_t k)
{
    const uint8_t *bytes = validate_inputs + (size_t)k * VALIDATE_CASE_BYTES;
    size_t at = 0;
    for (size_t i = 0; i < tflm_interpreter_input_count(interp); ++i) {
        tflm_tensor_info in;
        if (tflm_interpreter_input(interp, i, &in) != TFLM_OK || at + in.bytes > VALIDATE_CASE_BYTES) {
            return fw_fail("inputs", "the model's inputs do not match validate_data.h");
        }
        memcpy(in.data, bytes + at, in.bytes);
        at += in.bytes;
    }
    return at == VALIDATE_CASE_BYTES ? 0 : fw_fail("inputs", "the model's inputs do not match validate_data.h");
}

/* Runs the operators one by one, timing each; the ticks of the whole. */
static int invoke_timed(tflm_interpreter *interp, uint64_t *ticks)
{
    *ticks = 0;
    for (size_t o = 0; o < tflm_interpreter_operator_count(interp); ++o) {
        uint64_t start = board_ticks();
        tflm_status status = tflm_interpreter_invoke_operator(interp, o);
        uint64_t spent = board_ticks() - start;
        operator_ticks[o] += spent;
        *ticks += spent;
        if (status == TFLM_STOPPED_EARLY) {
            break;
        }
        if (status != TFLM_OK) {
            return fw_fail("invoke", tflm_interpreter_error_message(interp));
        }
    }
    return 0;
}

int main(void)
{
    const tflm_kernel *kernels[VALIDATE_KERNEL_COUNT];
    tflm_op_resolver ops;
    if (validate_register_ops(&ops, kernels) != TFLM_OK) {
        return fw_fail("resolver", "a kernel could not be registered");
    }
    const tflm_interpreter_options options = {VALIDATE_KERNELS, TFLM_ISA_BEST};
    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create_with_options(&interp, model_data, model_data_size, &ops, arena,
                                             sizeof arena, &options, &error) != TFLM_OK) {
        return fw_fail("create", error.message);
    }
    if (tflm_interpreter_operator_count(interp) != VALIDATE_OPERATOR_COUNT) {
        return fw_fail("create", "the model's operators do not match validate_data.h");
    }
    for (uint32_t k = 0; k < VALIDATE_CASE_COUNT; ++k) {
        uint64_t ticks;
        int failed = fill_inputs(interp, k);
        if (failed || (failed = invoke_timed(interp, &ticks)) != 0) {
            return failed;
        }
        fw_print("case ");
        fw_print_uint(k);
        fw_print("\n");
        if (fw_print_outputs(interp) != TFLM_OK) {
            return fw_fail("outputs", tflm_interpreter_error_message(interp));
        }
        fw_print("# invoke ");
        fw_print_uint(k);
        fw_print(" ");
        print_ticks(ticks);
    }
    fw_print("# arena ");
    fw_print_uint(tflm_interpreter_arena_used(interp));
    fw_print(" of ");
    fw_print_uint(sizeof arena);
    fw_print(" bytes\n");
    for (size_t o = 0; o < VALIDATE_OPERATOR_COUNT; ++o) {
        fw_print("# operator ");
        fw_print_uint(o);
        fw_print(" ");
        fw_print(tflm_interpreter_operator_name(interp, o));
        fw_print(" ");
        print_ticks(operator_ticks[o]);
    }
    fw_print("# done ");
    fw_print_uint(VALIDATE_CASE_COUNT);
    fw_print(" cases\n");
    return 0;
}
