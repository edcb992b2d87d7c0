/*
 * memory_report.c - tflm_memory_report: creates the interpreter with a
 * memory log (memory_log.h), then accounts for every byte of the arena it
 * used, from the interpreter's own tables: nothing is estimated, and the
 * persistent bytes by purpose add up to what the allocator took.
 */
#include <string.h>

#include "core/arena.h"
#include "core/interpreter_state.h"
#include "core/memory_log.h"

void tflm_memory_log_buffer(tflm_memory_log *log, const tflm_memory_buffer *buffer)
{
    if (log->summary->buffer_count < log->buffer_capacity) {
        log->buffers[log->summary->buffer_count] = *buffer;
    }
    log->summary->buffer_count++;
}

/* Variables and aligned constant copies: the tensors whose data create put
 * in the persistent part, [end - persistent, end). */
static void own_tensor_bytes(const tflm_context *ctx, const uint8_t *end, uint64_t persistent,
                             uint64_t *by_purpose, uint64_t *variables)
{
    uint64_t summary_variables = 0;
    const tflm_subgraph *last = &ctx->subgraphs[ctx->subgraph_count - 1];
    for (const tflm_tensor *t = ctx->subgraphs[0].tensors; t < last->tensors + last->tensor_count; t++) {
        const uint8_t *data = t->data;
        summary_variables += t->is_variable ? t->bytes : 0;
        if (data != NULL && data < end && (uint64_t)(end - data) <= persistent && !t->is_constant) {
            by_purpose[TFLM_MEMORY_VARIABLES] += tflm_arena_round_persistent(t->bytes);
        } else if (data != NULL && data < end && (uint64_t)(end - data) <= persistent) {
            by_purpose[TFLM_MEMORY_CONSTANT_COPIES] += tflm_arena_round_persistent(t->bytes);
        }
    }
    *variables = summary_variables;
}

/* Bytes of the planned tensors live at step (alias sets once). */
static uint64_t live_bytes(const tflm_memory_buffer *buffers, size_t count, int32_t step)
{
    uint64_t bytes = 0;
    for (size_t i = 0; i < count; i++) {
        const tflm_memory_buffer *b = &buffers[i];
        if (b->tensor >= 0 && b->alias_of < 0 && b->first_step <= step && step <= b->last_step) {
            bytes += b->bytes;
        }
    }
    return bytes;
}

/* Whether node uses tensor t. */
static bool uses(const tflm_node *node, int32_t t)
{
    for (int32_t i = 0; i < node->inputs->size; i++) {
        if (node->inputs->data[i] == t) {
            return true;
        }
    }
    for (int32_t i = 0; i < node->outputs->size; i++) {
        if (node->outputs->data[i] == t) {
            return true;
        }
    }
    return false;
}

/* Bytes of subgraph 0's variable tensors used at a step at or before step
 * and at one at or after it (its operators are steps 0, 1, ... when no
 * operator calls a subgraph; the bound counts them so then). */
static uint64_t variable_live_bytes(const tflm_context *ctx, int32_t step)
{
    const tflm_subgraph *g = &ctx->subgraphs[0];
    uint64_t bytes = 0;
    for (uint32_t t = 0; t < g->tensor_count && ctx->call_count == 0; t++) {
        bool before = false, after = false;
        for (uint32_t k = 0; g->tensors[t].is_variable && k < g->node_count; k++) {
            bool used = uses(&g->nodes[k], (int32_t)t);
            before |= used && (int32_t)k <= step;
            after |= used && (int32_t)k >= step;
        }
        bytes += before && after ? g->tensors[t].bytes : 0;
    }
    return bytes;
}

/* Highest end of the plan's buffers live at step. */
static uint64_t plan_top(const tflm_memory_buffer *buffers, size_t count, int32_t step)
{
    uint64_t top = 0;
    for (size_t i = 0; i < count; i++) {
        const tflm_memory_buffer *b = &buffers[i];
        uint64_t end = (uint64_t)b->offset + tflm_arena_round(b->bytes);
        if (b->alias_of < 0 && b->first_step <= step && step <= b->last_step && end > top) {
            top = end;
        }
    }
    return top;
}

static void summarize_steps(const tflm_context *ctx, tflm_memory_summary *summary,
                            const tflm_memory_buffer *buffers, size_t kept)
{
    int32_t steps = (int32_t)ctx->subgraphs[0].node_count;
    for (size_t i = 0; i < kept; i++) {
        steps = buffers[i].last_step + 1 > steps ? buffers[i].last_step + 1 : steps;
    }
    summary->step_count = (uint32_t)steps;
    summary->live_bound_step = -1;
    summary->plan_peak_step = -1;
    uint64_t top = 0;
    for (int32_t step = 0; step < steps; step++) {
        uint64_t live = variable_live_bytes(ctx, step) + live_bytes(buffers, kept, step), high = plan_top(buffers, kept, step);
        if (live > summary->live_bound || (live > 0 && summary->live_bound_step < 0)) {
            summary->live_bound = live;
            summary->live_bound_step = step;
        }
        if (high > top) {
            top = high;
            summary->plan_peak_step = step;
        }
    }
}

tflm_status tflm_memory_report(const void *model, size_t model_size,
                               const tflm_op_resolver *resolver, void *arena, size_t arena_size,
                               const tflm_interpreter_options *options,
                               tflm_memory_summary *summary,
                               tflm_memory_operator *operators, size_t operator_capacity,
                               tflm_memory_buffer *buffers, size_t buffer_capacity,
                               tflm_error *error)
{
    tflm_error ignored;
    error = error ? error : &ignored;
    if (summary == NULL || (operators == NULL && operator_capacity > 0) ||
        (buffers == NULL && buffer_capacity > 0)) {
        error->status = TFLM_ERROR_INVALID_ARGUMENT;
        strcpy(error->message, "tflm_memory_report: summary, operators and buffers must not be NULL");
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    memset(summary, 0, sizeof *summary);
    if (operator_capacity > 0) {
        memset(operators, 0, operator_capacity * sizeof *operators);
    }
    tflm_memory_log log = {summary, operators, operator_capacity, buffers, buffer_capacity, {0}};
    tflm_interpreter *interp;
    tflm_status status = tflm_create_logged(&interp, model, model_size, resolver, arena,
                                            arena_size, options, error, &log);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_context *ctx = &interp->context;
    const uintptr_t base = (uintptr_t)arena;
    const uint8_t *end = (const uint8_t *)tflm_arena_end(base, arena_size);
    summary->arena_used = ctx->arena_used;
    summary->padding = (TFLM_ARENA_ALIGNMENT - base % TFLM_ARENA_ALIGNMENT) % TFLM_ARENA_ALIGNMENT;
    const uint64_t area = summary->planned > summary->temp_peak ? summary->planned : summary->temp_peak;
    summary->persistent = summary->arena_used - summary->padding - area;
    const tflm_subgraph *last = &ctx->subgraphs[ctx->subgraph_count - 1];
    summary->tensor_count = (uint32_t)(last->tensors - ctx->subgraphs[0].tensors) + last->tensor_count;
    summary->operator_count = (uint32_t)(last->nodes - ctx->subgraphs[0].nodes) + last->node_count;

    uint64_t *by = summary->persistent_by_purpose;
    for (size_t i = 0; i < operator_capacity && i < summary->operator_count; i++) {
        for (int p = 0; p < TFLM_MEMORY_PURPOSE_COUNT; p++) {
            by[p] += operators[i].persistent[p];
        }
    }
    by[TFLM_MEMORY_TENSOR_TABLE] = tflm_arena_round_persistent((size_t)summary->tensor_count * sizeof(tflm_tensor));
    by[TFLM_MEMORY_NODE_TABLE] = tflm_arena_round_persistent((size_t)summary->operator_count * sizeof(tflm_node));
    own_tensor_bytes(ctx, end, summary->persistent, by, &summary->variable_bytes);
    uint64_t known = 0;
    for (int p = 0; p < TFLM_MEMORY_PURPOSE_COUNT; p++) {
        known += p == TFLM_MEMORY_INTERPRETER ? 0 : by[p];
    }
    by[TFLM_MEMORY_INTERPRETER] = summary->persistent - known;
    const size_t kept = summary->buffer_count < buffer_capacity ? summary->buffer_count : buffer_capacity;
    summarize_steps(ctx, summary, buffers, kept);
    return TFLM_OK;
}
