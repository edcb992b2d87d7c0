/*
 * SignalStacker (TFLM's signal/micro/kernels/stacker.cc): stacks
 * consecutive INT16 frames of num_channels values (one per invoke) into a
 * window of stacker_left_context + 1 + stacker_right_context frames, and
 * moves the window on by stacker_step frames each time it is full. The
 * first frame counts left_context + 1 times, as padding on the left.
 * Output: the window, and output_valid (a BOOL scalar), false while the
 * window is not full; the output then keeps what it held, as in TFLM.
 *
 * State: the frames of the window seen so far; prepare and
 * tflm_interpreter_reset_state empty it.
 */
#include <string.h>

#include "signal_util.h"
#include "tflm/ops.h"

typedef struct stacker_data {
    int16_t *window;     /* window_size values, oldest frame first     */
    int32_t count;       /* values of the window filled                */
    int32_t channels;    /* a frame's values                           */
    int32_t left;        /* copies of the first frame added before it  */
    int32_t window_size; /* channels x (left + 1 + right context)      */
    int32_t step_size;   /* channels x stacker_step                    */
    bool has_first_frame;
} stacker_data;

static tflm_status read_options(tflm_context *ctx, const tflm_node *node, stacker_data *data)
{
    tflm_flex options;
    int32_t right, step;
    tflm_status status = tflm_custom_options(ctx, node, &options);
    if (status != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "num_channels", 1, INT32_MAX,
                                    &data->channels)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "stacker_left_context", 0, INT32_MAX,
                                    &data->left)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "stacker_right_context", 0, INT32_MAX,
                                    &right)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "stacker_step", 1, INT32_MAX, &step)) !=
            TFLM_OK) {
        return status;
    }
    const int64_t frames = (int64_t)data->left + 1 + right;
    if (step > frames) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "stacker_step (%d) must be at most the window's %d frames: TFLM would "
                         "drop frames it does not hold",
                         (int)step, (int)(frames > INT32_MAX ? INT32_MAX : frames));
    }
    const int64_t window_size = frames * data->channels;
    if (window_size > INT32_MAX / (int32_t)sizeof(int16_t)) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->window_size = (int32_t)window_size;
    data->step_size = step * data->channels; /* at most window_size */
    return TFLM_OK;
}

static tflm_status stacker_reset(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    stacker_data *data = node->data;
    memset(data->window, 0, (size_t)data->window_size * sizeof *data->window);
    data->count = 0;
    data->has_first_frame = false;
    return TFLM_OK;
}

static tflm_status stacker_prepare(tflm_context *ctx, tflm_node *node)
{
    static const signal_tensor_spec inputs[] = {{TFLM_TYPE_INT16, 1}};
    static const signal_tensor_spec outputs[] = {{TFLM_TYPE_INT16, 1}, {TFLM_TYPE_BOOL, 0}};
    tflm_status status = signal_check_tensors(ctx, node, inputs, 1, outputs, 2);
    if (status != TFLM_OK) {
        return status;
    }
    stacker_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if ((status = read_options(ctx, node, data)) != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(tflm_input(ctx, node, 0)) != data->channels ||
        tflm_element_count(tflm_output(ctx, node, 0)) != data->window_size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "num_channels (%d) values in, the window's %d values out",
                         (int)data->channels, (int)data->window_size);
    }
    data->window = signal_alloc_state(ctx, data->window_size, sizeof *data->window);
    if (data->window == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    return stacker_reset(ctx, node);
}

static tflm_status stacker_invoke(tflm_context *ctx, tflm_node *node)
{
    stacker_data *data = node->data;
    const size_t frame_bytes = (size_t)data->channels * sizeof *data->window;
    /* count + channels <= window_size: count is a multiple of channels below
     * window_size, or window_size - step_size after a full window */
    memcpy(data->window + data->count, tflm_input(ctx, node, 0)->data, frame_bytes);
    data->count += data->channels;
    if (!data->has_first_frame) {
        for (int32_t i = 0; i < data->left; i++) { /* (left + 1) x channels fit */
            memcpy(data->window + data->count, data->window, frame_bytes);
            data->count += data->channels;
        }
        data->has_first_frame = true;
    }
    const bool full = data->count >= data->window_size;
    if (full) {
        memcpy(tflm_output(ctx, node, 0)->data, data->window,
               (size_t)data->window_size * sizeof *data->window);
        data->count -= data->step_size;
        for (int32_t i = 0; i < data->count; i++) {
            data->window[i] = data->window[i + data->step_size];
        }
    }
    *(bool *)tflm_output(ctx, node, 1)->data = full;
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_stacker = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalStacker",
    .name = "SignalStacker",
    .prepare = stacker_prepare,
    .invoke = stacker_invoke,
    .reset = stacker_reset,
};
