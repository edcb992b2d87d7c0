/*
 * SignalFilterBankSquareRoot (TFLM's filter_bank_square_root.cc and
 * signal/src/filter_bank_square_root.cc): the rounded integer square root
 * of each UINT64 channel energy, shifted right by scale_bits (an INT32
 * scalar input, usually SignalFftAutoScale's output), as UINT32. A shift
 * outside 0..31 fails the invoke (TFLM shifts by it regardless).
 */
#include "signal_util.h"
#include "tflm/ops.h"

static tflm_status square_root_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_UINT64, 1}, {TFLM_TYPE_INT32, 0}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_UINT32, 1}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 2, outputs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(tflm_output(ctx, node, 0)) <
        tflm_element_count(tflm_input(ctx, node, 0))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "the output is shorter than the input");
    }
    return TFLM_OK;
}

static tflm_status square_root_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const uint64_t *x = input->data;
    const int32_t shift = *(const int32_t *)tflm_input(ctx, node, 1)->data;
    uint32_t *out = tflm_output(ctx, node, 0)->data;
    if (shift < 0 || shift > 31) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "scale bits %d outside 0..31", (int)shift);
    }
    const int32_t count = tflm_element_count(input);
    for (int32_t i = 0; i < count; i++) {
        out[i] = signal_sqrt64(x[i]) >> shift;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_filter_bank_square_root = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalFilterBankSquareRoot",
    .name = "SignalFilterBankSquareRoot",
    .prepare = square_root_prepare,
    .invoke = square_root_invoke,
};
