/* rfft_common.c - rfft_common.h. */
#include "rfft_common.h"

#include "../kernel_util.h" /* tflm_type_name_of */
#include "signal_util.h"

/* Up to 2^24 samples: the twiddles' bytes stay below 2^32 (a 32-bit
 * size_t) and float holds the length exactly (SignalIrfft divides by it). */
#define RFFT_MAX_LENGTH ((int32_t)1 << 24)

tflm_status rfft_prepare_common(tflm_context *ctx, tflm_node *node, bool inverse,
                                rfft_data **data)
{
    tflm_flex options;
    int32_t type, fft_length;
    tflm_status status = tflm_custom_options(ctx, node, &options);
    if (status != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "T", 0, 255, &type)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "fft_length", 2, RFFT_MAX_LENGTH,
                                    &fft_length)) != TFLM_OK) {
        return status;
    }
    if (type != TFLM_TYPE_INT16 && type != TFLM_TYPE_INT32 && type != TFLM_TYPE_FLOAT32) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "type %s not supported; expected INT16, INT32 or FLOAT32",
                         tflm_type_name_of(type));
    }
    const signal_tensor_spec specs[] = {{(uint8_t)type, SIGNAL_ANY_RANK}};
    if ((status = signal_check_tensors(ctx, node, specs, 1, specs, 1)) != TFLM_OK) {
        return status;
    }
    if (tflm_input(ctx, node, 0)->dims->size != tflm_output(ctx, node, 0)->dims->size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input and output must have the same rank");
    }
    const int32_t n = fft_length / 2;
    int32_t stages[2 * FFT_MAX_STAGES];
    if (fft_length % 2 != 0 || !fft_factor(n, stages)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "fft_length %d must be even with a half of factors 2, 3 and 5 only "
                         "(TFLM's kiss_fft crashes on others)",
                         (int)fft_length);
    }
    rfft_data *d = tflm_alloc_persistent(ctx, sizeof *d);
    void *twiddles =
        tflm_alloc_persistent(ctx, fft_twiddle_count(n) * 2 * tflm_type_size((tflm_type)type));
    if (d == NULL || twiddles == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = d;
    d->type = (uint8_t)type;
    d->fft_length = fft_length;
    switch (type) {
    case TFLM_TYPE_INT16: fft_int16_plan_init(&d->plan.int16, n, inverse, twiddles); break;
    case TFLM_TYPE_INT32: fft_int32_plan_init(&d->plan.int32, n, inverse, twiddles); break;
    default: fft_float_plan_init(&d->plan.f32, n, inverse, twiddles); break;
    }
    *data = d;
    return TFLM_OK;
}
