/*
 * SpikeFilter, a user's custom op (user_op.h says what it computes): the
 * template to copy for your own op. A kernel is a const tflm_kernel naming
 * the op and up to three functions (tflm/kernel.h):
 *
 *   prepare  once, when the interpreter is created: check the tensors, read
 *            the options, take persistent memory, reserve scratch memory.
 *   invoke   every inference: compute the output from the input.
 *   reset    restore the state to what a new interpreter has: called after
 *            prepare and by tflm_interpreter_reset_state.
 *
 * The rules every kernel of the library follows hold here too: no malloc,
 * no printf, no global mutable state (several interpreters may run the op
 * at once, each with its own node->data), errors through tflm_fail.
 */
#include "user_op.h"

#include <float.h>
#include <stddef.h>
#include <stdint.h>

#include "tflm/flexbuffer.h"

/* What prepare works out once and invoke uses every time: lives in the
 * arena's persistent part, found through node->data. */
typedef struct spike_filter_data {
    float *history;      /* window frames of `elements` values: the state   */
    int32_t elements;    /* values per frame                                */
    int32_t window;      /* option "window"                                 */
    float threshold;     /* option "threshold"                              */
    int32_t held;        /* frames in history, up to window (state)         */
    int32_t next;        /* the history slot the next frame goes to (state) */
    int32_t sort_buffer; /* index of the scratch buffer invoke sorts in     */
} spike_filter_data;

/* Reads the options. custom_options holds the operator's raw bytes; the
 * FlexBuffers reader checks every read against their bounds, so a broken
 * map gives an error here, never a read outside the model. */
static tflm_status read_options(tflm_context *ctx, const tflm_node *node, spike_filter_data *data)
{
    tflm_flex map, value;
    if (node->custom_options == NULL ||
        tflm_flex_root(node->custom_options, node->custom_options_size, &map) != TFLM_OK ||
        map.type != TFLM_FLEX_MAP) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "custom options must be a FlexBuffers map: \"window\", \"threshold\"");
    }
    int64_t window;
    if (!tflm_flex_map_find(&map, "window", &value) || !tflm_flex_int(&value, &window)) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "option \"window\" missing or not a number");
    }
    if (window < 1 || window > USER_OP_MAX_WINDOW) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"window\" out of range [1, %d]",
                         USER_OP_MAX_WINDOW);
    }
    double threshold;
    if (!tflm_flex_map_find(&map, "threshold", &value) || !tflm_flex_float(&value, &threshold)) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "option \"threshold\" missing or not a number");
    }
    if (!(threshold >= 0.0 && threshold <= FLT_MAX)) { /* NaN fails too */
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "option \"threshold\" must be a finite number >= 0");
    }
    data->window = (int32_t)window;
    data->threshold = (float)threshold;
    return TFLM_OK;
}

static tflm_status spike_filter_prepare(tflm_context *ctx, tflm_node *node)
{
    /* The tensors: one FLOAT32 input, one FLOAT32 output as large. */
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (node->inputs->size != 1 || node->outputs->size != 1 || input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "needs 1 input and 1 output, has %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    if (input->type != TFLM_TYPE_FLOAT32 || output->type != TFLM_TYPE_FLOAT32) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input and output must be FLOAT32");
    }
    const int32_t elements = tflm_element_count(input);
    if (elements < 1 || tflm_element_count(output) != elements) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the output must have the input's elements (%d), and at least one",
                         (int)elements);
    }

    /* Persistent memory: lives as long as the interpreter, zeroed. NULL
     * means the arena is full; the interpreter then reports how many bytes
     * the model needs. */
    spike_filter_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_status status = read_options(ctx, node, data);
    if (status != TFLM_OK) {
        return status;
    }
    data->elements = elements;
    const size_t frame_bytes = (size_t)elements * sizeof(float);
    if (frame_bytes / sizeof(float) != (size_t)elements ||
        frame_bytes > SIZE_MAX / (size_t)data->window) {
        return TFLM_ERROR_ARENA_TOO_SMALL; /* more than the address space */
    }
    data->history = tflm_alloc_persistent(ctx, frame_bytes * (size_t)data->window);
    if (data->history == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }

    /* Scratch memory: only during this node's invoke; the planner lets
     * other operators use the same bytes at other times. The median sorts
     * a copy of one element's history there, so the history keeps its
     * order. */
    return tflm_request_scratch(ctx, (size_t)data->window * sizeof(float), &data->sort_buffer);
}

/* The median of values[0 .. count-1], count >= 1; sorts them. */
static float median(float *values, int32_t count)
{
    for (int32_t i = 1; i < count; i++) { /* insertion sort: count is small */
        const float v = values[i];
        int32_t j = i;
        for (; j > 0 && values[j - 1] > v; j--) {
            values[j] = values[j - 1];
        }
        values[j] = v;
    }
    const int32_t middle = count / 2;
    return count % 2 != 0 ? values[middle] : (values[middle - 1] + values[middle]) * 0.5f;
}

static tflm_status spike_filter_invoke(tflm_context *ctx, tflm_node *node)
{
    spike_filter_data *data = node->data;
    const float *x = tflm_input(ctx, node, 0)->data;
    float *out = tflm_output(ctx, node, 0)->data;
    float *sorted = tflm_scratch(ctx, data->sort_buffer);
    const int32_t n = data->elements;

    /* Keep this frame: the slots fill from 0 after a reset, so slots
     * 0 .. held-1 are the frames held, in whatever order. */
    float *slot = data->history + (size_t)data->next * (size_t)n;
    for (int32_t e = 0; e < n; e++) {
        slot[e] = x[e];
    }
    data->next = data->next + 1 == data->window ? 0 : data->next + 1;
    if (data->held < data->window) {
        data->held++;
    }

    for (int32_t e = 0; e < n; e++) {
        for (int32_t f = 0; f < data->held; f++) {
            sorted[f] = data->history[(size_t)f * (size_t)n + (size_t)e];
        }
        const float m = median(sorted, data->held);
        const float distance = x[e] > m ? x[e] - m : m - x[e];
        out[e] = distance > data->threshold ? m : x[e];
    }
    return TFLM_OK;
}

/* Forgets the frames held. The history's bytes need no clearing: only the
 * `held` slots written since are read. */
static tflm_status spike_filter_reset(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    spike_filter_data *data = node->data;
    data->held = 0;
    data->next = 0;
    return TFLM_OK;
}

const tflm_kernel user_op_spike_filter = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,         /* a custom op ...              */
    .custom_name = USER_OP_SPIKE_FILTER_NAME,    /* ... matched by this name     */
    .name = USER_OP_SPIKE_FILTER_NAME,           /* in messages and profiles     */
    .prepare = spike_filter_prepare,
    .invoke = spike_filter_invoke,
    .reset = spike_filter_reset,
};
