/*
 * SignalIrfft (TFLM's signal/micro/kernels/irfft.cc and signal/src/irfft_*.cc):
 * the real signal of fft_length samples whose spectrum is each row's
 * fft_length / 2 + 1 complex bins (re, im interleaved), by kiss_fft's
 * inverse real transform (kiss_fftri, fft_kiss.h) in the type T of input
 * and output: INT16 and INT32 in fixed point, the normalized inverse DFT;
 * FLOAT32 divides kiss_fft's unscaled result by fft_length, as TFLM does.
 * Options (rfft_common.h): T and fft_length.
 *
 * Memory: the twiddle factors (3/4 x fft_length complex values) are
 * persistent, computed in prepare; the transform's work buffer is scratch,
 * shared with other nodes. TFLM keeps it persistent.
 */
#include "rfft_common.h"
#include "signal_util.h"
#include "tflm/ops.h"

static tflm_status irfft_prepare(tflm_context *ctx, tflm_node *node)
{
    rfft_data *data;
    tflm_status status = rfft_prepare_common(ctx, node, true, &data);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t bins = data->fft_length / 2 + 1;
    data->rows = tflm_element_count(input) / (2 * bins);
    if (signal_last_dim(input) != 2 * bins || signal_last_dim(output) != data->fft_length ||
        tflm_element_count(output) != data->rows * data->fft_length) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "rows of %d values (fft_length / 2 + 1 complex bins) in, as many rows "
                         "of fft_length (%d) samples out",
                         (int)(2 * bins), (int)data->fft_length);
    }
    /* fft_length / 2 work points */
    const size_t sample = tflm_type_size((tflm_type)data->type);
    return tflm_request_scratch(ctx, (size_t)data->fft_length * sample, &data->scratch);
}

static tflm_status irfft_invoke(tflm_context *ctx, tflm_node *node)
{
    const rfft_data *data = node->data;
    const uint8_t *in = tflm_input(ctx, node, 0)->data;
    uint8_t *out = tflm_output(ctx, node, 0)->data;
    void *work = tflm_scratch(ctx, data->scratch);
    const size_t sample = tflm_type_size((tflm_type)data->type);
    const size_t samples_bytes = (size_t)data->fft_length * sample;
    const size_t bins_bytes = samples_bytes + 2 * sample; /* fft_length / 2 + 1 complex values */
    for (int32_t row = 0; row < data->rows; row++) {
        const void *bins = in + (size_t)row * bins_bytes;
        void *samples = out + (size_t)row * samples_bytes;
        switch (data->type) {
        case TFLM_TYPE_INT16: fft_int16_real_inverse(&data->plan.int16, bins, samples, work); break;
        case TFLM_TYPE_INT32: fft_int32_real_inverse(&data->plan.int32, bins, samples, work); break;
        default: {
            fft_float_real_inverse(&data->plan.f32, bins, samples, work);
            float *x = samples;
            for (int32_t i = 0; i < data->fft_length; i++) {
                x[i] /= (float)data->fft_length; /* kiss_fft's inverse is fft_length times larger */
            }
            break;
        }
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_irfft = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalIrfft",
    .name = "SignalIrfft",
    .prepare = irfft_prepare,
    .invoke = irfft_invoke,
};
