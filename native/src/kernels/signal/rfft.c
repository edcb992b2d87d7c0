/*
 * SignalRfft (TFLM's signal/micro/kernels/rfft.cc): the spectrum of each
 * row of a real signal, zero-padded to fft_length, as fft_length / 2 + 1
 * complex bins (re, im interleaved) per row. INT16 runs kiss_fft's 16-bit
 * fixed-point transform (fft_int16.h), whose stages scale the result down
 * by fft_length / 2. Options: T (the TensorType of input and output) and
 * fft_length (even; its half made of the factors 2, 3 and 5).
 *
 * Memory: the twiddle factors (3/4 x fft_length complex values) are
 * persistent, computed in prepare; the padded row and the transform's work
 * buffer are scratch, shared with other nodes. TFLM keeps the work buffer
 * persistent.
 */
#include <string.h>

#include "../kernel_util.h" /* tflm_type_name_of */
#include "fft_int16.h"
#include "signal_util.h"
#include "tflm/ops.h"

typedef struct rfft_data {
    fft16_plan plan;
    int32_t fft_length, row_length, rows;
    int32_t scratch; /* fft_length samples, then fft_length / 2 work points */
} rfft_data;

static tflm_status rfft_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_flex options;
    int32_t type, fft_length;
    tflm_status status = signal_options(ctx, node, &options);
    if (status != TFLM_OK ||
        (status = signal_option_int(ctx, &options, "T", 0, 255, &type)) != TFLM_OK ||
        (status = signal_option_int(ctx, &options, "fft_length", 4, INT32_MAX, &fft_length)) !=
            TFLM_OK) {
        return status;
    }
    if (type != TFLM_TYPE_INT16) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "type %s not supported; expected INT16",
                         tflm_type_name_of(type));
    }
    const signal_tensor_spec specs[] = {{(uint8_t)type, SIGNAL_ANY_RANK}};
    if ((status = signal_check_tensors(ctx, node, specs, 1, specs, 1)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t row_length = signal_last_dim(input);
    const int32_t rows = row_length > 0 ? tflm_element_count(input) / row_length : 0;
    const int32_t n = fft_length / 2;
    int32_t stages[2 * FFT_MAX_STAGES];
    if (fft_length % 2 != 0 || !fft16_factor(n, stages)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "fft_length %d must be even with a half of factors 2, 3 and 5 only "
                         "(TFLM's kiss_fft crashes on others)",
                         (int)fft_length);
    }
    if (row_length < 1 || row_length > fft_length || output->dims->size != input->dims->size ||
        signal_last_dim(output) != 2 * (n + 1) ||
        tflm_element_count(output) != rows * 2 * (n + 1)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "rows of at most fft_length (%d) samples in, rows of %d values out",
                         (int)fft_length, (int)(2 * (n + 1)));
    }
    rfft_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    fft_cpx16 *twiddles = tflm_alloc_persistent(ctx, fft16_twiddle_count(n) * sizeof *twiddles);
    if (data == NULL || twiddles == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    data->fft_length = fft_length;
    data->row_length = row_length;
    data->rows = rows;
    fft16_plan_init(&data->plan, n, twiddles);
    return tflm_request_scratch(ctx, (size_t)fft_length * sizeof(int16_t) + (size_t)n * sizeof(fft_cpx16),
                                &data->scratch);
}

static tflm_status rfft_invoke(tflm_context *ctx, tflm_node *node)
{
    const rfft_data *data = node->data;
    const int16_t *in = tflm_input(ctx, node, 0)->data;
    fft_cpx16 *out = tflm_output(ctx, node, 0)->data;
    int16_t *padded = tflm_scratch(ctx, data->scratch);
    fft_cpx16 *work = (fft_cpx16 *)(void *)(padded + data->fft_length);
    for (int32_t row = 0; row < data->rows; row++) {
        memcpy(padded, in + (size_t)row * data->row_length, (size_t)data->row_length * sizeof *in);
        memset(padded + data->row_length, 0,
               (size_t)(data->fft_length - data->row_length) * sizeof *padded);
        fft16_real_forward(&data->plan, padded, out + (size_t)row * (data->plan.n + 1), work);
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
