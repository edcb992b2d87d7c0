/*
 * SignalRfft (TFLM's signal/micro/kernels/rfft.cc): the spectrum of each
 * row of a real signal, zero-padded to fft_length, as fft_length / 2 + 1
 * complex bins (re, im interleaved) per row, by kiss_fft's real transform
 * (fft_kiss.h) in the type T of input and output: INT16 and INT32 in fixed
 * point, whose stages scale the result down by fft_length, FLOAT32
 * unscaled. Options (rfft_common.h): T and fft_length.
 *
 * Memory: the twiddle factors (3/4 x fft_length complex values) are
 * persistent, computed in prepare; the padded row and the transform's work
 * buffer are scratch, shared with other nodes. TFLM keeps the work buffer
 * persistent.
 */
#include <string.h>

#include "rfft_common.h"
#include "signal_util.h"
#include "tflm/ops.h"

static tflm_status rfft_prepare(tflm_context *ctx, tflm_node *node)
{
    rfft_data *data;
    tflm_status status = rfft_prepare_common(ctx, node, false, &data);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t row_length = signal_last_dim(input);
    const int32_t bins = data->fft_length / 2 + 1;
    data->rows = row_length > 0 ? tflm_element_count(input) / row_length : 0;
    if (row_length < 1 || row_length > data->fft_length || signal_last_dim(output) != 2 * bins ||
        tflm_element_count(output) != data->rows * 2 * bins) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "rows of 1 to fft_length (%d) samples in, as many rows of %d values out",
                         (int)data->fft_length, (int)(2 * bins));
    }
    /* fft_length samples, then fft_length / 2 work points */
    const size_t sample = tflm_type_size((tflm_type)data->type);
    return tflm_request_scratch(ctx, (size_t)data->fft_length * 2 * sample, &data->scratch);
}

static tflm_status rfft_invoke(tflm_context *ctx, tflm_node *node)
{
    const rfft_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const uint8_t *in = input->data;
    uint8_t *out = tflm_output(ctx, node, 0)->data;
    uint8_t *padded = tflm_scratch(ctx, data->scratch); /* fft_length samples, then work */
    const size_t sample = tflm_type_size((tflm_type)data->type);
    const size_t row_bytes = (size_t)signal_last_dim(input) * sample;
    const size_t fft_bytes = (size_t)data->fft_length * sample;
    const size_t bins_bytes = fft_bytes + 2 * sample; /* fft_length / 2 + 1 complex values */
    void *work = padded + fft_bytes;
    for (int32_t row = 0; row < data->rows; row++) {
        memcpy(padded, in + (size_t)row * row_bytes, row_bytes);
        memset(padded + row_bytes, 0, fft_bytes - row_bytes);
        const void *samples = padded;
        void *bins = out + (size_t)row * bins_bytes;
        switch (data->type) {
        case TFLM_TYPE_INT16: fft_int16_real_forward(&data->plan.int16, samples, bins, work); break;
        case TFLM_TYPE_INT32: fft_int32_real_forward(&data->plan.int32, samples, bins, work); break;
        default: fft_float_real_forward(&data->plan.f32, samples, bins, work); break;
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_rfft = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalRfft",
    .name = "SignalRfft",
    .prepare = rfft_prepare,
    .invoke = rfft_invoke,
};
