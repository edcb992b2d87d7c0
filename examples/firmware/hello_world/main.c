/*
 * hello_world - the project's own sine model (trained and quantized in Java,
 * dev.tflm.examples.sine.SineModel) on 20 points of [0, 2pi]: quantize x, invoke,
 * dequantize y, print both with three decimals.
 */
#include <stdint.h>

#include "board.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "sine_model.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

#define POINTS 20
#define TWO_PI 6.28318531f

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

static int8_t quantize(float real, float scale, int32_t zero_point)
{
    float scaled = real / scale;
    int32_t q = (int32_t)(scaled < 0.0f ? scaled - 0.5f : scaled + 0.5f) + zero_point;
    return (int8_t)(q < -128 ? -128 : q > 127 ? 127 : q);
}

int main(void)
{
    const tflm_kernel *kernels[1];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, kernels, 1);
    tflm_op_resolver_add(&ops, &tflm_op_fully_connected);

    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, sine_model, sine_model_size, &ops, arena, sizeof arena,
                                &error) != TFLM_OK) {
        return fw_fail("create", error.message);
    }
    tflm_tensor_info in, out;
    tflm_interpreter_input(interp, 0, &in);
    tflm_interpreter_output(interp, 0, &out);
    if (in.type != TFLM_TYPE_INT8 || out.type != TFLM_TYPE_INT8) {
        return fw_fail("model", "expected int8 input and output");
    }
    for (int i = 0; i < POINTS; ++i) {
        float x = TWO_PI * (float)i / (float)(POINTS - 1);
        *(int8_t *)in.data = quantize(x, in.scale, in.zero_point);
        if (tflm_interpreter_invoke(interp) != TFLM_OK) {
            return fw_fail("invoke", tflm_interpreter_error_message(interp));
        }
        float y = (float)(*(const int8_t *)out.data - out.zero_point) * out.scale;
        fw_print("x ");
        fw_print_milli(x);
        fw_print(" y ");
        fw_print_milli(y);
        fw_print("\n");
    }
    fw_print("# arena ");
    fw_print_uint(tflm_interpreter_arena_used(interp));
    fw_print(" bytes\n");
    return 0;
}
