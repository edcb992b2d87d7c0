/*
 * SignalOverlapAdd (TFLM's signal/micro/kernels/overlap_add.cc and
 * signal/src/overlap_add.cc): the inverse of framing. Input [..., n_frames,
 * frame_size] holds frames frame_step apart in time; each is added into
 * its row's running sum of frame_size samples, whose first frame_step
 * samples then go out and leave room for frame_step zeros at the end.
 * Output [..., n_frames x frame_step]. T (INT16 or FLOAT32): INT16 sums
 * saturate, FLOAT32 ones round as float additions (sum + frame sample).
 * Options: T and frame_step (1 to frame_size).
 *
 * State: each row's running sum, zero after prepare and
 * tflm_interpreter_reset_state.
 */
#include <string.h>

#include "../kernel_util.h" /* tflm_type_name_of */
#include "signal_util.h"
#include "tflm/ops.h"

typedef struct overlap_add_data {
    void *sums; /* rows x frame_size samples of type */
    uint8_t type;
    int32_t frame_size, frame_step, frames, rows;
} overlap_add_data;

static tflm_status read_options(tflm_context *ctx, const tflm_node *node, overlap_add_data *data)
{
    tflm_flex options;
    int32_t type;
    tflm_status status = tflm_custom_options(ctx, node, &options);
    if (status != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "T", 0, 255, &type)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &options, "frame_step", 1, INT32_MAX,
                                    &data->frame_step)) != TFLM_OK) {
        return status;
    }
    if (type != TFLM_TYPE_INT16 && type != TFLM_TYPE_FLOAT32) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "type %s not supported; expected INT16 or "
                         "FLOAT32", tflm_type_name_of(type));
    }
    data->type = (uint8_t)type;
    return TFLM_OK;
}

static tflm_status overlap_add_reset(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    overlap_add_data *data = node->data;
    memset(data->sums, 0,
           (size_t)data->rows * (size_t)data->frame_size * tflm_type_size((tflm_type)data->type));
    return TFLM_OK;
}

static tflm_status overlap_add_prepare(tflm_context *ctx, tflm_node *node)
{
    overlap_add_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_status status = read_options(ctx, node, data);
    if (status != TFLM_OK) {
        return status;
    }
    const signal_tensor_spec specs[] = {{data->type, SIGNAL_ANY_RANK}};
    if ((status = signal_check_tensors(ctx, node, specs, 1, specs, 1)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const int32_t rank = input->dims->size;
    data->frame_size = signal_last_dim(input);
    data->frames = rank >= 2 ? input->dims->data[rank - 2] : 0;
    if (data->frame_size < data->frame_step || data->frames < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the input must be [..., n_frames >= 1, frame_size >= frame_step (%d)]",
                         (int)data->frame_step);
    }
    data->rows = tflm_element_count(input) / data->frame_size / data->frames;
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->dims->size != rank - 1 || !signal_same_leading_dims(input, output, rank - 2) ||
        output->dims->data[rank - 2] != (int64_t)data->frames * data->frame_step) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the output must be the input's shape with its last two dimensions "
                         "replaced by n_frames x frame_step (%d x %d)",
                         (int)data->frames, (int)data->frame_step);
    }
    data->sums = signal_alloc_state(ctx, (int64_t)data->rows * data->frame_size,
                                    tflm_type_size((tflm_type)data->type));
    if (data->sums == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    return overlap_add_reset(ctx, node);
}

/* The end of TFLM's OverlapAdd, the frame added: the sum's first step
 * samples out, the rest moved to the front, zeros after them. */
static void shift_out(uint8_t *sum, size_t size, size_t step, void *out)
{
    memcpy(out, sum, step);
    for (size_t i = step; i < size; i++) {
        sum[i - step] = sum[i];
    }
    memset(sum + size - step, 0, step);
}

/* TFLM's OverlapAdd of one frame, saturating in int16. */
static void add_frame_int16(const int16_t *frame, int16_t *sum, int32_t size, int16_t *out,
                            int32_t step)
{
    for (int32_t i = 0; i < size; i++) {
        const int32_t value = (int32_t)frame[i] + sum[i];
        sum[i] = (int16_t)(value < INT16_MIN ? INT16_MIN : value > INT16_MAX ? INT16_MAX : value);
    }
    shift_out((uint8_t *)sum, (size_t)size * sizeof *sum, (size_t)step * sizeof *sum, out);
}

static void add_frame_float(const float *frame, float *sum, int32_t size, float *out,
                            int32_t step)
{
    for (int32_t i = 0; i < size; i++) {
        sum[i] += frame[i];
    }
    shift_out((uint8_t *)sum, (size_t)size * sizeof *sum, (size_t)step * sizeof *sum, out);
}

static tflm_status overlap_add_invoke(tflm_context *ctx, tflm_node *node)
{
    const overlap_add_data *data = node->data;
    const void *in = tflm_input(ctx, node, 0)->data;
    void *out = tflm_output(ctx, node, 0)->data;
    const int32_t size = data->frame_size, step = data->frame_step;
    for (int32_t row = 0; row < data->rows; row++) {
        for (int32_t frame = 0; frame < data->frames; frame++) {
            const size_t index = (size_t)row * data->frames + frame;
            if (data->type == TFLM_TYPE_INT16) {
                add_frame_int16((const int16_t *)in + index * size,
                                (int16_t *)data->sums + (size_t)row * size, size,
                                (int16_t *)out + index * step, step);
            } else {
                add_frame_float((const float *)in + index * size,
                                (float *)data->sums + (size_t)row * size, size,
                                (float *)out + index * step, step);
            }
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_signal_overlap_add = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "SignalOverlapAdd",
    .name = "SignalOverlapAdd",
    .prepare = overlap_add_prepare,
    .invoke = overlap_add_invoke,
    .reset = overlap_add_reset,
};
