/*
 * interpreter - (b) of the code size report: the interpreter over a model
 * with no kernels registered (create, invoke, inputs, outputs, error
 * message): the framework's own code, as in TFLM's
 * examples/memory_footprint/interpreter_memory_footprint.
 */
#include <stdint.h>

#include "board.h"
#include "model_data.h"
#include "tflm/tflm.h"

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

int main(void)
{
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, NULL, 0);
    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, model_data, model_data_size, &ops, arena, sizeof arena,
                                &error) != TFLM_OK) {
        board_debug_log(error.message);
        board_debug_log("\n");
        return 0; /* expected: no kernels */
    }
    tflm_tensor_info info;
    tflm_interpreter_input(interp, 0, &info);
    tflm_interpreter_invoke(interp);
    tflm_interpreter_output(interp, 0, &info);
    board_debug_log(tflm_interpreter_error_message(interp));
    return 0;
}
