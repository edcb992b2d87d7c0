/*
 * SignalFilterBank (TFLM's signal/micro/kernels/filter_bank.cc and
 * signal/src/filter_bank.cc): mel filter bank energies. Each of the
 * num_channels + 1 channels sums a run of UINT32 spectrum bins (from its
 * frequency start, channel_widths long) times its weights and, separately,
 * times its unweights; a channel's output is its weighted sum plus the
 * previous channel's unweighted one, in UINT64. Channel 0 only feeds
 * channel 1 and is not output. Inputs: spectrum, weights, unweights,
 * channel frequency starts, channel weight starts, channel widths (INT16).
 * Option: num_channels.
 *
 * Every run must lie inside the spectrum and the weights: checked in
 * prepare when the channel tables are constant (as converters write them),
 * else at each invoke. TFLM checks neither and reads outside.
 */
#include "signal_util.h"
#include "tflm/ops.h"

enum { SPECTRUM, WEIGHTS, UNWEIGHTS, FREQUENCY_STARTS, WEIGHT_STARTS, WIDTHS };

typedef struct filter_bank_data {
    int32_t channels;   /* num_channels + 1, channel 0 included */
    bool tables_checked;
} filter_bank_data;

static tflm_status check_tables(tflm_context *ctx, const tflm_node *node, int32_t channels)
{
    const int32_t bins = tflm_element_count(tflm_input(ctx, node, SPECTRUM));
    const int32_t weights = tflm_element_count(tflm_input(ctx, node, WEIGHTS));
    const int16_t *frequency_starts = tflm_input(ctx, node, FREQUENCY_STARTS)->data;
    const int16_t *weight_starts = tflm_input(ctx, node, WEIGHT_STARTS)->data;
    const int16_t *widths = tflm_input(ctx, node, WIDTHS)->data;
    for (int32_t i = 0; i < channels; i++) {
        const int32_t width = widths[i];
        if (frequency_starts[i] < 0 || weight_starts[i] < 0 || width < 0 ||
            frequency_starts[i] + width > bins || weight_starts[i] + width > weights) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "channel %d (start %d, weight start %d, width %d) reaches outside the "
                             "%d spectrum bins or %d weights",
                             (int)i, (int)frequency_starts[i], (int)weight_starts[i], (int)width,
                             (int)bins, (int)weights);
        }
    }
    return TFLM_OK;
}

static tflm_status filter_bank_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {
        {TFLM_TYPE_UINT32, 1}, {TFLM_TYPE_INT16, 1}, {TFLM_TYPE_INT16, 1},
        {TFLM_TYPE_INT16, 1},  {TFLM_TYPE_INT16, 1}, {TFLM_TYPE_INT16, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_UINT64, 1}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 6, outputs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    filter_bank_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_flex options;
    int32_t num_channels;
    if ((status = tflm_custom_options(ctx, node, &options)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "num_channels", 1, INT16_MAX, &num_channels)) !=
            TFLM_OK) {
        return status;
    }
    data->channels = num_channels + 1;
    if (tflm_element_count(tflm_input(ctx, node, WEIGHTS)) !=
            tflm_element_count(tflm_input(ctx, node, UNWEIGHTS)) ||
        tflm_element_count(tflm_input(ctx, node, FREQUENCY_STARTS)) < data->channels ||
        tflm_element_count(tflm_input(ctx, node, WEIGHT_STARTS)) < data->channels ||
        tflm_element_count(tflm_input(ctx, node, WIDTHS)) < data->channels ||
        tflm_element_count(tflm_output(ctx, node, 0)) > num_channels) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "for %d channels: weights and unweights of one length, %d channel "
                         "starts and widths, and at most %d outputs",
                         (int)num_channels, (int)data->channels, (int)num_channels);
    }
    data->tables_checked = tflm_input(ctx, node, FREQUENCY_STARTS)->is_constant &&
                           tflm_input(ctx, node, WEIGHT_STARTS)->is_constant &&
                           tflm_input(ctx, node, WIDTHS)->is_constant;
    return data->tables_checked ? check_tables(ctx, node, data->channels) : TFLM_OK;
}

static tflm_status filter_bank_invoke(tflm_context *ctx, tflm_node *node)
{
    const filter_bank_data *data = node->data;
    if (!data->tables_checked) {
        tflm_status status = check_tables(ctx, node, data->channels);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const uint32_t *spectrum = tflm_input(ctx, node, SPECTRUM)->data;
    const int16_t *weights = tflm_input(ctx, node, WEIGHTS)->data;
    const int16_t *unweights = tflm_input(ctx, node, UNWEIGHTS)->data;
    const int16_t *frequency_starts = tflm_input(ctx, node, FREQUENCY_STARTS)->data;
    const int16_t *weight_starts = tflm_input(ctx, node, WEIGHT_STARTS)->data;
    const int16_t *widths = tflm_input(ctx, node, WIDTHS)->data;
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    uint64_t *out = output->data;
    const int32_t outputs = tflm_element_count(output);
    uint64_t carried = 0; /* the previous channel's unweighted sum */
    for (int32_t i = 0; i < data->channels; i++) {
        uint64_t weighted = carried, unweighted = 0;
        const uint32_t *bin = spectrum + frequency_starts[i];
        const int32_t w = weight_starts[i];
        for (int32_t j = 0; j < widths[i]; j++) {
            /* TFLM: int16 weight times uint64, so a negative weight wraps */
            weighted += (uint64_t)(int64_t)weights[w + j] * bin[j];
            unweighted += (uint64_t)(int64_t)unweights[w + j] * bin[j];
        }
        if (i > 0 && i <= outputs) {
            out[i - 1] = weighted;
        }
        carried = unweighted;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_filter_bank = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalFilterBank",
    .name = "SignalFilterBank",
    .prepare = filter_bank_prepare,
    .invoke = filter_bank_invoke,
};
