/*
 * SignalDelay (TFLM's signal/micro/kernels/delay.cc): delays each row of
 * an INT16 signal stream (the input's last dimension; the rows are
 * independent streams) by delay_length samples: the output row is the
 * row's last delay_length samples of before, then its input, cut to the
 * input's length. Output: the input's shape. Option: delay_length (0 or
 * more; longer than a row is allowed).
 *
 * State: each row's last delay_length samples, zero after prepare and
 * tflm_interpreter_reset_state. TFLM keeps each row in a circular buffer
 * of twice (delay_length + the row's length) samples.
 */
#include <string.h>

#include "signal_util.h"
#include "tflm/ops.h"

typedef struct delay_data {
    int16_t *lines; /* rows x delay samples, oldest first */
    int32_t delay, length, rows;
} delay_data;

static tflm_status delay_reset(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    delay_data *data = node->data;
    memset(data->lines, 0, (size_t)data->rows * (size_t)data->delay * sizeof *data->lines);
    return TFLM_OK;
}

static tflm_status delay_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec specs[] = {{TFLM_TYPE_INT16, SIGNAL_ANY_RANK}};
    tflm_status status = signal_check_tensors(ctx, node, specs, 1, specs, 1);
    if (status != TFLM_OK) {
        return status;
    }
    delay_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_flex options;
    if ((status = tflm_custom_options(ctx, node, &options)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "delay_length", 0, INT32_MAX,
                                    &data->delay)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    data->length = signal_last_dim(input);
    if (data->length < 1 || output->dims->size != input->dims->size ||
        !signal_same_leading_dims(input, output, input->dims->size)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the output must have the input's shape, whose last dimension must "
                         "not be 0");
    }
    data->rows = tflm_element_count(input) / data->length;
    data->lines = signal_alloc_state(ctx, (int64_t)data->rows * data->delay, sizeof *data->lines);
    if (data->lines == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    return delay_reset(ctx, node);
}

static tflm_status delay_invoke(tflm_context *ctx, tflm_node *node)
{
    const delay_data *data = node->data;
    const int16_t *in = tflm_input(ctx, node, 0)->data;
    int16_t *out = tflm_output(ctx, node, 0)->data;
    const int32_t delay = data->delay, length = data->length;
    for (int32_t row = 0; row < data->rows; row++) {
        int16_t *line = data->lines + (size_t)row * delay;
        const int16_t *x = in + (size_t)row * length;
        int16_t *y = out + (size_t)row * length;
        /* the stream line ++ x: y is its first length samples, the new line
         * its last delay (moved forward within line, so in index order) */
        for (int32_t i = 0; i < length; i++) {
            y[i] = i < delay ? line[i] : x[i - delay];
        }
        for (int32_t i = 0; i < delay; i++) {
            const int64_t from = (int64_t)length + i;
            line[i] = from < delay ? line[from] : x[from - delay];
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_delay = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalDelay",
    .name = "SignalDelay",
    .prepare = delay_prepare,
    .invoke = delay_invoke,
    .reset = delay_reset,
};
