/*
 * micro_speech - TFLM's keyword model (labels silence, unknown, yes, no)
 * with exactly its four ops registered, run on a fixed input: the golden
 * LCG features of ../shared/golden. The audio front end (signal ops) comes
 * later; this firmware is also the (c) build of the code size report.
 */
#include <stdint.h>

#include "board.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "micro_speech_model.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

static const char *const labels[] = {"silence", "unknown", "yes", "no"};

int main(void)
{
    const tflm_kernel *kernels[4];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, kernels, 4);
    tflm_op_resolver_add(&ops, &tflm_op_depthwise_conv_2d_int8);
    tflm_op_resolver_add(&ops, &tflm_op_fully_connected_int8);
    tflm_op_resolver_add(&ops, &tflm_op_reshape);
    tflm_op_resolver_add(&ops, &tflm_op_softmax_int8);

    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, micro_speech_model, micro_speech_model_size, &ops, arena,
                                sizeof arena, &error) != TFLM_OK) {
        return fw_fail("create", error.message);
    }
    fw_fill_golden_inputs(interp);
    uint64_t start = board_time_us();
    if (tflm_interpreter_invoke(interp) != TFLM_OK) {
        return fw_fail("invoke", tflm_interpreter_error_message(interp));
    }
    uint64_t elapsed = board_time_us() - start;
    fw_print_outputs(interp);

    tflm_tensor_info out;
    tflm_interpreter_output(interp, 0, &out);
    const int8_t *scores = out.data;
    size_t best = 0;
    for (size_t i = 1; i < out.bytes && i < sizeof labels / sizeof labels[0]; ++i) {
        if (scores[i] > scores[best]) {
            best = i;
        }
    }
    fw_print("heard ");
    fw_print(labels[best]);
    fw_print("\n# arena ");
    fw_print_uint(tflm_interpreter_arena_used(interp));
    fw_print(" bytes, invoke ");
    fw_print_uint(elapsed);
    fw_print(" us\n");
    return 0;
}
