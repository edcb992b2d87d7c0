/*
 * SignalFramer (TFLM's signal/micro/kernels/framer.cc): cuts each row of
 * an INT16 signal stream (the input's last dimension; the rows are
 * independent streams) into frames of frame_size samples, frame_step
 * apart. An invoke takes n_frames steps of frame_step samples from each
 * row and writes a frame per step, output [..., n_frames, frame_size]:
 * frame k of a row is its stream's samples k x frame_step to
 * k x frame_step + frame_size - 1, written by the step that completes it.
 * output_valid (a BOOL scalar) is false when a step completed no frame;
 * its place in the output keeps what it held, as in TFLM. prefill starts
 * the streams with frame_size - frame_step zeros, so that every step
 * completes a frame.
 *
 * State: each row's samples not yet dropped, at most frame_size rounded up
 * to a multiple of frame_step (TFLM's circular buffers hold twice that);
 * prepare and tflm_interpreter_reset_state restore the start.
 */
#include <string.h>

#include "signal_util.h"
#include "tflm/ops.h"

typedef struct framer_data {
    int16_t *pending;    /* rows x capacity: each row's kept samples, oldest first */
    int32_t capacity;    /* samples a row keeps at most                          */
    int32_t count;       /* samples each row keeps now (the same for every row)  */
    int32_t frame_size, frame_step, frames, rows;
    bool prefill;
} framer_data;

static tflm_status read_options(tflm_context *ctx, const tflm_node *node, framer_data *data)
{
    tflm_flex options;
    tflm_status status = tflm_custom_options(ctx, node, &options);
    if (status != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "frame_size", 1, INT32_MAX,
                                    &data->frame_size)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "frame_step", 1, INT32_MAX,
                                    &data->frame_step)) != TFLM_OK ||
        (status = tflm_custom_option_bool(ctx, &options, "prefill", &data->prefill)) != TFLM_OK) {
        return status;
    }
    if (data->prefill && data->frame_size < data->frame_step) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "prefill needs frame_size (%d) >= frame_step (%d): TFLM would prefill "
                         "a negative count of zeros",
                         (int)data->frame_size, (int)data->frame_step);
    }
    return TFLM_OK;
}

static tflm_status framer_reset(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    framer_data *data = node->data;
    memset(data->pending, 0, (size_t)data->rows * (size_t)data->capacity * sizeof *data->pending);
    data->count = data->prefill ? data->frame_size - data->frame_step : 0;
    return TFLM_OK;
}

static tflm_status framer_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_INT16, SIGNAL_ANY_RANK}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_INT16, SIGNAL_ANY_RANK},
                                                 {TFLM_TYPE_BOOL, 0}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 1, outputs, 2);
    if (status != TFLM_OK) {
        return status;
    }
    framer_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if ((status = read_options(ctx, node, data)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const int32_t length = signal_last_dim(input);
    if (length < data->frame_step || length % data->frame_step != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the input's last dimension (%d) must be a nonzero multiple of "
                         "frame_step (%d)",
                         (int)length, (int)data->frame_step);
    }
    data->frames = length / data->frame_step;
    data->rows = tflm_element_count(input) / length;
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t rank = input->dims->size;
    if (output->dims->size != rank + 1 || !signal_same_leading_dims(input, output, rank - 1) ||
        output->dims->data[rank - 1] != data->frames ||
        output->dims->data[rank] != data->frame_size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the output must be the input's shape with its last dimension "
                         "replaced by [%d frames, frame_size %d]",
                         (int)data->frames, (int)data->frame_size);
    }
    const int64_t steps = ((int64_t)data->frame_size + data->frame_step - 1) / data->frame_step;
    const int64_t capacity = steps * data->frame_step;
    data->capacity = capacity > INT32_MAX ? INT32_MAX : (int32_t)capacity;
    data->pending = signal_alloc_state(ctx, data->rows * capacity, sizeof *data->pending);
    if (capacity > INT32_MAX || data->pending == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    return framer_reset(ctx, node);
}

static tflm_status framer_invoke(tflm_context *ctx, tflm_node *node)
{
    framer_data *data = node->data;
    const int16_t *in = tflm_input(ctx, node, 0)->data;
    int16_t *out = tflm_output(ctx, node, 0)->data;
    const int32_t size = data->frame_size, step = data->frame_step;
    bool valid = true;
    int32_t count = data->count;
    for (int32_t row = 0; row < data->rows; row++) {
        int16_t *pending = data->pending + (size_t)row * data->capacity;
        count = data->count;
        for (int32_t frame = 0; frame < data->frames; frame++) {
            const size_t index = (size_t)row * data->frames + frame;
            /* count + step <= capacity: count stays below frame_size and,
             * without prefill, a multiple of frame_step */
            memcpy(pending + count, in + index * step, (size_t)step * sizeof *in);
            count += step;
            if (count < size) {
                valid = false; /* TFLM leaves this frame of the output as it was */
                continue;
            }
            memcpy(out + index * size, pending, (size_t)size * sizeof *out);
            count -= step;
            for (int32_t i = 0; i < count; i++) {
                pending[i] = pending[i + step];
            }
        }
    }
    data->count = count;
    *(bool *)tflm_output(ctx, node, 1)->data = valid;
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_framer = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalFramer",
    .name = "SignalFramer",
    .prepare = framer_prepare,
    .invoke = framer_invoke,
    .reset = framer_reset,
};
