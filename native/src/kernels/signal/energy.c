/*
 * SignalEnergy (TFLM's signal/micro/kernels/energy.cc): the power
 * re^2 + im^2 of each complex INT16 bin (interleaved re, im) from
 * start_index up to, not including, end_index, as UINT32. TFLM leaves the
 * other output elements as the arena held them; this kernel writes 0 there,
 * so the output is defined. Options: end_index, start_index.
 */
#include <string.h>

#include "signal_util.h"
#include "tflm/ops.h"

typedef struct energy_data {
    int32_t start, end;
} energy_data;

static tflm_status energy_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_INT16, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_UINT32, 1}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 1, outputs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    energy_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_flex options;
    const int32_t bins = tflm_element_count(tflm_input(ctx, node, 0)) / 2;
    const int32_t outputs_count = tflm_element_count(tflm_output(ctx, node, 0));
    const int32_t limit = bins < outputs_count ? bins : outputs_count;
    if ((status = tflm_custom_options(ctx, node, &options)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "end_index", 0, limit, &data->end)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "start_index", 0, data->end, &data->start)) !=
            TFLM_OK) {
        return status;
    }
    return TFLM_OK;
}

static tflm_status energy_invoke(tflm_context *ctx, tflm_node *node)
{
    const energy_data *data = node->data;
    const int16_t *bins = tflm_input(ctx, node, 0)->data;
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    uint32_t *out = output->data;
    memset(out, 0, output->bytes);
    for (int32_t i = data->start; i < data->end; i++) {
        const int32_t re = bins[2 * i], im = bins[2 * i + 1];
        out[i] = (uint32_t)(re * re) + (uint32_t)(im * im); /* TFLM's int32 sum, as its bits */
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_energy = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalEnergy",
    .name = "SignalEnergy",
    .prepare = energy_prepare,
    .invoke = energy_invoke,
};
