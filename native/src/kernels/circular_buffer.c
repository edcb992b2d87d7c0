/*
 * CIRCULAR_BUFFER (TFLM's kernels/circular_buffer.cc and
 * circular_buffer_common.cc), the op of strided streaming models: each
 * invoke shifts the INT8 output [1, n, 1, d] (or [1, n, w, c], d = w * c)
 * one frame towards its start, dropping the oldest, and writes the input
 * [1, 1, 1, d] (or [1, 1, w, c]) as its last frame. Then it lets the
 * graph go on only every cycles_max invokes: otherwise it returns
 * TFLM_STOPPED_EARLY (TFLM's kTfLiteAbort), which ends the interpreter's
 * invoke after this node without an error (tflm.h), so the layers after it
 * run at 1 / cycles_max of the input's rate. The count restarts at
 * prepare and at tflm_interpreter_reset_state, so the first run through
 * is the cycles_max-th invoke.
 *
 * Options: a FlexBuffers map with "cycles_max" (TFLM reads the map's first
 * value), or none. cycles_max <= 0 or no options picks the period from the
 * output's shape, TFLM's rule for the two streaming models it was written
 * for: 1 when n is 5, 13 or 25, else 2. TFLM also gives 1 to a buffer of
 * w = 2, c = 96 when it is the fifth such buffer its process has prepared
 * since the last match: a function-static counter, which this runtime
 * (no global state, any number of interpreters) cannot keep, so such a
 * buffer gets 2 here; give it cycles_max.
 *
 * State: the frames. In the models TFLM's tools write, the output is a
 * variable tensor: the frames stay there between invokes and
 * tflm_interpreter_reset_state fills them with the output's zero point.
 * When it is not variable (the planner may then reuse its bytes between
 * invokes) the kernel keeps the frames in persistent memory, with the same
 * reset, and copies them to the output each invoke. Batch 1 is required
 * here (TFLM only compares the two batches and copies one frame); the
 * quantization is not compared (TFLM neither: the bytes are copied).
 */
#include <string.h>

#include "custom_options.h"
#include "tflm/ops.h"

typedef struct circular_buffer_data {
    int32_t cycles_max;       /* the period, >= 1 */
    int32_t cycles_until_run; /* invokes left before the next run through */
    int32_t slots, depth;     /* frames n and bytes per frame d */
    int8_t *frames;           /* n * d bytes: persistent when the output is not variable, else NULL */
    int8_t zero_point;        /* the frames' value after reset */
} circular_buffer_data;

/* TFLM's period for a buffer without cycles_max (see the top). */
static int32_t period_from_shape(int32_t slots)
{
    return slots == 5 || slots == 13 || slots == 25 ? 1 : 2;
}

static tflm_status read_cycles_max(tflm_context *ctx, const tflm_node *node, int32_t *cycles_max)
{
    *cycles_max = 0;
    if (node->custom_options == NULL || node->custom_options_size == 0) {
        return TFLM_OK; /* as TFLM: no options, no period */
    }
    tflm_flex map;
    tflm_status status = tflm_custom_options(ctx, node, &map);
    return status == TFLM_OK
               ? tflm_custom_option_int(ctx, &map, "cycles_max", INT32_MIN, INT32_MAX, cycles_max)
               : status;
}

static tflm_status circular_buffer_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (node->inputs->size != 1 || node->outputs->size != 1 || input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    if (input->type != TFLM_TYPE_INT8 || output->type != TFLM_TYPE_INT8) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input and output must be INT8");
    }
    const tflm_int_array *in = input->dims, *out = output->dims;
    if (in->size != 4 || out->size != 4 || in->data[0] != 1 || out->data[0] != 1 ||
        in->data[1] != 1 || out->data[1] < 1 || in->data[2] != out->data[2] ||
        in->data[3] != out->data[3]) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input must be [1, 1, w, c] and output [1, frames >= 1, w, c]");
    }
    circular_buffer_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_status status = read_cycles_max(ctx, node, &data->cycles_max);
    if (status != TFLM_OK) {
        return status;
    }
    data->slots = out->data[1];
    data->depth = (int32_t)input->bytes;
    if (data->cycles_max <= 0) {
        data->cycles_max = period_from_shape(data->slots);
    }
    data->cycles_until_run = data->cycles_max;
    tflm_quantization q;
    tflm_tensor_quantization(ctx, output, &q);
    data->zero_point = q.zero_point_count > 0 ? (int8_t)q.zero_points[0] : 0;
    if (!output->is_variable) {
        data->frames = tflm_alloc_persistent(ctx, output->bytes);
        if (data->frames == NULL) {
            return TFLM_ERROR_ARENA_TOO_SMALL;
        }
        memset(data->frames, data->zero_point, output->bytes);
    }
    return TFLM_OK;
}

static tflm_status circular_buffer_invoke(tflm_context *ctx, tflm_node *node)
{
    circular_buffer_data *data = node->data;
    tflm_tensor *output = tflm_output(ctx, node, 0);
    int8_t *frames = data->frames != NULL ? data->frames : output->data;
    const size_t depth = (size_t)data->depth, kept = (size_t)(data->slots - 1) * depth;
    memmove(frames, frames + depth, kept);
    memcpy(frames + kept, tflm_input(ctx, node, 0)->data, depth);
    if (data->frames != NULL) {
        memcpy(output->data, frames, output->bytes);
    }
    if (--data->cycles_until_run != 0) {
        return TFLM_STOPPED_EARLY;
    }
    data->cycles_until_run = data->cycles_max;
    return TFLM_OK;
}

/* The count starts again; a variable output's frames are refilled by
 * tflm_interpreter_reset_state itself, the kernel's own here. */
static tflm_status circular_buffer_reset(tflm_context *ctx, tflm_node *node)
{
    circular_buffer_data *data = node->data;
    data->cycles_until_run = data->cycles_max;
    if (data->frames != NULL) {
        memset(data->frames, data->zero_point, (size_t)data->slots * (size_t)data->depth);
    }
    (void)ctx;
    return TFLM_OK;
}

const tflm_kernel tflm_op_circular_buffer = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "CIRCULAR_BUFFER",
    .name = "CIRCULAR_BUFFER",
    .prepare = circular_buffer_prepare,
    .invoke = circular_buffer_invoke,
    .reset = circular_buffer_reset,
};
