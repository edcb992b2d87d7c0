/*
 * SignalFilterBankSpectralSubtraction (TFLM's
 * filter_bank_spectral_subtraction.cc and signal/src/): subtracts a running
 * noise estimate from each UINT32 channel. Per channel (even channels use
 * smoothing, odd ones the alternate pair):
 *
 *   noise = (x << smoothing_bits) * smoothing + noise * (1 - smoothing),
 *           >> spectral_subtraction_bits, in 64 bits
 *   out   = max(((x << smoothing_bits) - min(noise, that)) >> smoothing_bits,
 *               x * min_signal_remaining >> spectral_subtraction_bits)
 *
 * with clamping also lowering the kept noise to the signal. The estimate
 * is state: zero after prepare and tflm_interpreter_reset_state, carried
 * from invoke to invoke, and copied to output 1 each time.
 */
#include <string.h>

#include "signal_util.h"
#include "tflm/ops.h"

typedef struct spectral_subtraction_data {
    uint32_t *noise; /* channels entries */
    int32_t channels;
    uint32_t smoothing[2], one_minus_smoothing[2]; /* even, odd channels */
    uint32_t min_signal_remaining;
    int32_t smoothing_bits, subtraction_bits;
    bool clamping;
} spectral_subtraction_data;

static tflm_status read_options(tflm_context *ctx, const tflm_node *node,
                                spectral_subtraction_data *data)
{
    tflm_flex options;
    int32_t v[5];
    static const char *const keys[5] = {"smoothing", "alternate_smoothing", "one_minus_smoothing",
                                        "alternate_one_minus_smoothing", "min_signal_remaining"};
    tflm_status status = tflm_custom_options(ctx, node, &options);
    for (int i = 0; i < 5 && status == TFLM_OK; i++) {
        status = tflm_custom_option_int(ctx, &options, keys[i], INT32_MIN, INT32_MAX, &v[i]);
    }
    if (status != TFLM_OK ||
        (status = tflm_custom_option_bool(ctx, &options, "clamping", &data->clamping)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "num_channels", 1, INT32_MAX,
                                    &data->channels)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "smoothing_bits", 0, 31,
                                    &data->smoothing_bits)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "spectral_subtraction_bits", 0, 63,
                                    &data->subtraction_bits)) != TFLM_OK) {
        return status;
    }
    /* TFLM keeps the coefficients as uint32 from its int32 reads */
    data->smoothing[0] = (uint32_t)v[0];
    data->smoothing[1] = (uint32_t)v[1];
    data->one_minus_smoothing[0] = (uint32_t)v[2];
    data->one_minus_smoothing[1] = (uint32_t)v[3];
    data->min_signal_remaining = (uint32_t)v[4];
    return TFLM_OK;
}

static tflm_status spectral_subtraction_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_UINT32, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_UINT32, 1}, {TFLM_TYPE_UINT32, 1}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 1, outputs, 2);
    if (status != TFLM_OK) {
        return status;
    }
    spectral_subtraction_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if ((status = read_options(ctx, node, data)) != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(tflm_input(ctx, node, 0)) < data->channels ||
        tflm_element_count(tflm_output(ctx, node, 0)) < data->channels ||
        tflm_element_count(tflm_output(ctx, node, 1)) != data->channels) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "num_channels %d needs that many inputs and outputs, and a noise "
                         "estimate of that length",
                         (int)data->channels);
    }
    data->noise = tflm_alloc_persistent(ctx, (size_t)data->channels * sizeof *data->noise);
    return data->noise == NULL ? TFLM_ERROR_ARENA_TOO_SMALL : TFLM_OK;
}

static tflm_status spectral_subtraction_invoke(tflm_context *ctx, tflm_node *node)
{
    spectral_subtraction_data *data = node->data;
    const uint32_t *x = tflm_input(ctx, node, 0)->data;
    uint32_t *out = tflm_output(ctx, node, 0)->data;
    uint32_t *noise = data->noise;
    for (int32_t i = 0; i < data->channels; i++) {
        const uint32_t smoothing = data->smoothing[i & 1];
        const uint32_t one_minus_smoothing = data->one_minus_smoothing[i & 1];
        const uint32_t signal = x[i] << data->smoothing_bits;
        noise[i] = (uint32_t)(((uint64_t)signal * smoothing +
                               (uint64_t)noise[i] * one_minus_smoothing) >>
                              data->subtraction_bits);
        uint32_t estimate = noise[i];
        if (estimate > signal) {
            estimate = signal;
            if (data->clamping) {
                noise[i] = estimate;
            }
        }
        const uint32_t floor =
            (uint32_t)(((uint64_t)x[i] * data->min_signal_remaining) >> data->subtraction_bits);
        const uint32_t subtracted = (signal - estimate) >> data->smoothing_bits;
        out[i] = subtracted > floor ? subtracted : floor;
    }
    memcpy(tflm_output(ctx, node, 1)->data, noise, (size_t)data->channels * sizeof *noise);
    return TFLM_OK;
}

static tflm_status spectral_subtraction_reset(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    spectral_subtraction_data *data = node->data;
    memset(data->noise, 0, (size_t)data->channels * sizeof *data->noise);
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_filter_bank_spectral_subtraction = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalFilterBankSpectralSubtraction",
    .name = "SignalFilterBankSpectralSubtraction",
    .prepare = spectral_subtraction_prepare,
    .invoke = spectral_subtraction_invoke,
    .reset = spectral_subtraction_reset,
};
