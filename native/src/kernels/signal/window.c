/*
 * SignalWindow (TFLM's signal/micro/kernels/window.cc): multiplies each
 * frame of an INT16 signal by INT16 weights, (x * w) >> shift saturated to
 * INT16. The input's elements are taken as consecutive frames of the
 * weights' length, so that length must divide them. Option: shift.
 */
#include "signal_util.h"
#include "tflm/ops.h"

typedef struct window_data {
    int32_t shift;
} window_data;

static tflm_status window_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_INT16, SIGNAL_ANY_RANK},
                                                {TFLM_TYPE_INT16, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_INT16, SIGNAL_ANY_RANK}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 2, outputs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const int32_t frame = tflm_element_count(tflm_input(ctx, node, 1));
    const int32_t count = tflm_element_count(input);
    if (frame < 1 || count % frame != 0 || tflm_element_count(tflm_output(ctx, node, 0)) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the input (%d elements) must be whole frames of the weights (%d) and "
                         "the output as large",
                         (int)count, (int)frame);
    }
    tflm_flex options;
    window_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if ((status = tflm_custom_options(ctx, node, &options)) != TFLM_OK) {
        return status;
    }
    return tflm_custom_option_int(ctx, &options, "shift", 0, 31, &data->shift);
}

static tflm_status window_invoke(tflm_context *ctx, tflm_node *node)
{
    const window_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *weights = tflm_input(ctx, node, 1);
    const int16_t *x = input->data;
    const int16_t *w = weights->data;
    int16_t *out = tflm_output(ctx, node, 0)->data;
    const int32_t count = tflm_element_count(input);
    const int32_t frame = tflm_element_count(weights);
    for (int32_t i = 0; i < count; i++) {
        const int32_t value = ((int32_t)x[i] * w[i % frame]) >> data->shift;
        out[i] = (int16_t)(value < INT16_MIN ? INT16_MIN : value > INT16_MAX ? INT16_MAX : value);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_window = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalWindow",
    .name = "SignalWindow",
    .prepare = window_prepare,
    .invoke = window_invoke,
};
