/*
 * SignalPCAN (TFLM's signal/micro/kernels/pcan.cc and
 * signal/src/pcan_argc_fixed.cc): per-channel automatic gain control. Each
 * UINT32 channel is multiplied by a gain looked up from its noise estimate
 * (a piecewise quadratic in a 125-entry INT16 table: three coefficients per
 * octave of the estimate) and shifted right by snr_shift into a Q12
 * signal-to-noise ratio, which the "shrink" curve (x^2/4 below 2, x - 1
 * above) maps to the Q6 output. Inputs: signal, noise estimate (UINT32),
 * gain table (INT16). Option: snr_shift.
 */
#include "signal_util.h"
#include "tflm/ops.h"

#define SNR_BITS 12
#define OUTPUT_BITS 6
/* The highest table entry a 32-bit estimate reaches: 4 x 32 - 6 + 2. */
#define GAIN_TABLE_MIN_LENGTH 125

typedef struct pcan_data {
    int32_t snr_shift;
} pcan_data;

static tflm_status pcan_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {
        {TFLM_TYPE_UINT32, 1}, {TFLM_TYPE_UINT32, 1}, {TFLM_TYPE_INT16, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_UINT32, 1}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 3, outputs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t channels = tflm_element_count(tflm_input(ctx, node, 0));
    if (tflm_element_count(tflm_input(ctx, node, 1)) < channels ||
        tflm_element_count(tflm_output(ctx, node, 0)) != channels) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the noise estimate and the output need the input's %d channels",
                         (int)channels);
    }
    if (tflm_element_count(tflm_input(ctx, node, 2)) < GAIN_TABLE_MIN_LENGTH) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "the gain table needs %d entries, has %d",
                         GAIN_TABLE_MIN_LENGTH, (int)tflm_element_count(tflm_input(ctx, node, 2)));
    }
    pcan_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_flex options;
    if ((status = tflm_custom_options(ctx, node, &options)) != TFLM_OK) {
        return status;
    }
    return tflm_custom_option_int(ctx, &options, "snr_shift", 0, 63, &data->snr_shift);
}

/* TFLM's WideDynamicFunction: the gain for noise estimate x, with its
 * int32 arithmetic (wrapping as TFLM's does on overflow). */
static int16_t gain_of(uint32_t x, const int16_t *table)
{
    if (x <= 2) {
        return table[x];
    }
    const int32_t octave = (int32_t)signal_msb32(x);
    table += 4 * octave - 6;
    const int32_t frac =
        (int32_t)((octave < 11 ? x << (11 - octave) : x >> (octave - 11)) & 0x3FF);
    int32_t result = ((int32_t)table[2] * frac) >> 5;
    result = (int32_t)((uint32_t)result + ((uint32_t)(int32_t)table[1] << 5));
    result = (int32_t)((uint32_t)result * (uint32_t)frac);
    result = (int32_t)((uint32_t)result + (1u << 14)) >> 15;
    return (int16_t)(uint16_t)(uint32_t)(result + table[0]);
}

/* x^2 / 4 below 2, x - 1 from there: Q12 in, Q6 out. */
static uint32_t shrink(uint32_t x)
{
    if (x < (2u << SNR_BITS)) {
        return (x * x) >> (2 + 2 * SNR_BITS - OUTPUT_BITS);
    }
    return (x >> (SNR_BITS - OUTPUT_BITS)) - (1u << OUTPUT_BITS);
}

static tflm_status pcan_invoke(tflm_context *ctx, tflm_node *node)
{
    const pcan_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const uint32_t *x = input->data;
    const uint32_t *noise = tflm_input(ctx, node, 1)->data;
    const int16_t *table = tflm_input(ctx, node, 2)->data;
    uint32_t *out = tflm_output(ctx, node, 0)->data;
    const int32_t channels = tflm_element_count(input);
    for (int32_t i = 0; i < channels; i++) {
        const uint32_t gain = (uint32_t)(int32_t)gain_of(noise[i], table);
        const uint32_t snr = (uint32_t)(((uint64_t)x[i] * gain) >> data->snr_shift);
        out[i] = shrink(snr);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_pcan = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalPCAN",
    .name = "SignalPCAN",
    .prepare = pcan_prepare,
    .invoke = pcan_invoke,
};
