/*
 * SignalFilterBankLog (TFLM's filter_bank_log.cc and
 * signal/src/filter_bank_log.cc): ln(x << input_correction_bits) x
 * output_scale for each UINT32 channel, through TFLM's integer Log32,
 * capped at INT16_MAX; 0 where the shifted value is 0 or 1. Options:
 * input_correction_bits, output_scale.
 */
#include "signal_util.h"
#include "tflm/ops.h"

typedef struct log_data {
    int32_t correction_bits, output_scale;
} log_data;

static tflm_status log_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_UINT32, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_INT16, 1}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 1, outputs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(tflm_output(ctx, node, 0)) <
        tflm_element_count(tflm_input(ctx, node, 0))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "the output is shorter than the input");
    }
    log_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_flex options;
    if ((status = tflm_custom_options(ctx, node, &options)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "input_correction_bits", 0, 31,
                                    &data->correction_bits)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "output_scale", INT32_MIN, INT32_MAX,
                                    &data->output_scale)) != TFLM_OK) {
        return status;
    }
    return TFLM_OK;
}

static tflm_status log_invoke(tflm_context *ctx, tflm_node *node)
{
    const log_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const uint32_t *x = input->data;
    int16_t *out = tflm_output(ctx, node, 0)->data;
    const int32_t count = tflm_element_count(input);
    for (int32_t i = 0; i < count; i++) {
        const uint32_t scaled = x[i] << data->correction_bits;
        uint32_t value = 0;
        if (scaled > 1) {
            value = signal_log32(scaled, (uint32_t)data->output_scale);
            value = value < INT16_MAX ? value : INT16_MAX;
        }
        out[i] = (int16_t)value;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_filter_bank_log = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalFilterBankLog",
    .name = "SignalFilterBankLog",
    .prepare = log_prepare,
    .invoke = log_invoke,
};
