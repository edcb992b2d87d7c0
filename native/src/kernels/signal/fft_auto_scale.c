/*
 * SignalFftAutoScale (TFLM's fft_auto_scale_kernel.cc and
 * signal/src/fft_auto_scale.cc): shifts an INT16 signal left by as many
 * bits as its largest magnitude allows, and outputs that count (INT32
 * scalar) so later stages can undo it. TFLM's MaxAbs16 keeps its running
 * maximum in an int16, where -(-32768) wraps to -32768: a -32768 sample
 * followed by any other yields the later samples' maximum and a shift that
 * wraps the -32768. Reproduced, for byte-exact outputs.
 */
#include "signal_util.h"
#include "tflm/ops.h"

static tflm_status fft_auto_scale_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_INT16, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_INT16, 1}, {TFLM_TYPE_INT32, 0}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 1, outputs, 2);
    if (status != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(tflm_output(ctx, node, 0)) >
        tflm_element_count(tflm_input(ctx, node, 0))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "the output is longer than the input");
    }
    return TFLM_OK;
}

/* TFLM's MaxAbs16, with its int16 wrap made explicit. */
static int16_t max_abs16(const int16_t *x, int32_t count)
{
    int16_t max = 0;
    for (int32_t i = 0; i < count; i++) {
        if (x[i] > max) {
            max = x[i];
        } else if (-x[i] > max) {
            max = (int16_t)(uint16_t)(-(int32_t)x[i]); /* -(-32768) wraps to -32768 */
        }
    }
    return max;
}

static tflm_status fft_auto_scale_invoke(tflm_context *ctx, tflm_node *node)
{
    const int16_t *x = tflm_input(ctx, node, 0)->data;
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    int16_t *out = output->data;
    const int32_t count = output->dims->data[0]; /* TFLM scales the output's length */
    const int16_t max = max_abs16(x, count);
    int32_t bits = 16 - (int32_t)signal_msb32((uint32_t)(int32_t)max) - 1;
    if (bits < 0) {
        bits = 0;
    }
    for (int32_t i = 0; i < count; i++) {
        out[i] = (int16_t)(uint16_t)((uint32_t)(int32_t)x[i] << bits);
    }
    *(int32_t *)tflm_output(ctx, node, 1)->data = bits;
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_fft_auto_scale = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalFftAutoScale",
    .name = "SignalFftAutoScale",
    .prepare = fft_auto_scale_prepare,
    .invoke = fft_auto_scale_invoke,
};
