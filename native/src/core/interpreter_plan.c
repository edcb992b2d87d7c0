/*
 * interpreter_plan.c - see interpreter_plan.h. The rules:
 *
 * Which tensors get planned memory: those of every subgraph that runs
 * (subgraph 0, and each one a call reaches from it) that an operator or the
 * subgraph's input/output lists use, unless create gave them memory of
 * their own (constants, variable and RESOURCE tensors: interpreter.c).
 * Subgraphs no call reaches are prepared but never run: their tensors get
 * no memory.
 *
 * The time line. Subgraph 0's operators take steps 0, 1, 2, ... in order.
 * An operator that calls subgraphs (tflm_request_subgraph) takes one step
 * of its own followed by the whole run of each subgraph it is the first to
 * call, in depth-first order of the calls: that subgraph's home run. So
 * everything a callee uses falls inside its caller's steps, and a model
 * without calls gets one step per operator.
 *
 * Lifetimes, in steps:
 *  - a tensor lives from the first step of the first operator using it to
 *    the last step of the last one; a scratch buffer over its operator's
 *    steps (a caller's steps include its callees' runs);
 *  - a subgraph's inputs from the first step of the operator whose call is
 *    its home run (the caller writes them before invoking), its outputs to
 *    that operator's last step (the caller reads them after); for
 *    subgraph 0, from step 0 and to the last step;
 *  - a subgraph called from more than one place, or by one that is, may
 *    run at steps outside its home run: every buffer of it also lives over
 *    the hull of those steps. Sound whatever the order of calls, and exact
 *    for the usual single call site (IF, WHILE and CALL_ONCE each name
 *    subgraphs of their own);
 *  - aliases: when a kernel declares output_aliases_input (RESHAPE,
 *    EXPAND_DIMS, SQUEEZE) and input 0 and output 0 are both planned
 *    with equal byte sizes, they share one buffer whose lifetime is the
 *    union of theirs; the kernel sees equal data pointers and copies
 *    nothing.
 * Two subgraphs one operator calls run at different steps, so their inner
 * tensors may share memory; their inputs and outputs, which live over the
 * whole calling operator, never do.
 *
 * The planner's buffers are the alias sets of the tensors create gave no
 * memory (their slots, in the order of their lowest tensor in the tensor
 * table), then the scratch buffers in the order requested. Constants and
 * the other tensors with memory of their own get no record: create's
 * temporary records, which can exceed a small model's plan, cost nothing
 * for them.
 */
#include "core/interpreter_plan.h"

#include <stddef.h>
#include <string.h>

#include "core/format.h"
#include "core/memory_log.h"
#include "core/memory_planner.h"

/* See plan_memory. */
#define PLAN_STEP static inline __attribute__((always_inline))

/* Planning's records in the idle message buffer start this far into it,
 * so the message stays "" (plan_memory). */
#define IDLE_MESSAGE_SKIP 8u

static uint32_t tensor_total(const tflm_context *ctx)
{
    const tflm_subgraph *last = &ctx->subgraphs[ctx->subgraph_count - 1];
    return (uint32_t)(last->tensors - ctx->subgraphs[0].tensors) + last->tensor_count;
}

/* Root of a tensor's alias set (links only point to lower set roots). */
static uint32_t alias_root(const int32_t *link, uint32_t t)
{
    while ((uint32_t)link[t] != t) {
        t = (uint32_t)link[t];
    }
    return t;
}

/* The spans of a model without calls: subgraph 0 one step per operator,
 * nothing else runs. tflm_span_fn starts from these. */
static void span_subgraph_0(const tflm_context *ctx, tflm_subgraph_span *spans)
{
    memset(spans, 0xff, (size_t)ctx->subgraph_count * sizeof *spans); /* all -1 */
    int32_t operators = (int32_t)ctx->subgraphs[0].node_count;
    spans[0].start = 0;
    spans[0].end = operators - 1;
    spans[0].call_first = 0;
    spans[0].call_last = operators > 0 ? operators - 1 : 0;
}

/* Alias sets (header comment); tensors indexed in the one tensor table.
 * Sets in subgraphs that never run are never used, so they cost nothing. */
PLAN_STEP void link_aliases(const tflm_context *ctx, uint32_t tensors, int32_t *link)
{
    for (uint32_t t = 0; t < tensors; t++) {
        link[t] = (int32_t)t;
    }
    for (uint32_t s = 0; s < ctx->subgraph_count; s++) {
        const tflm_subgraph *g = &ctx->subgraphs[s];
        uint32_t base = (uint32_t)(g->tensors - ctx->subgraphs[0].tensors);
        for (uint32_t o = 0; o < g->node_count; o++) {
            const tflm_node *node = &g->nodes[o];
            if (!node->kernel->output_aliases_input || node->inputs->size < 1 ||
                node->outputs->size < 1 || node->inputs->data[0] < 0) {
                continue;
            }
            int32_t in = node->inputs->data[0], out = node->outputs->data[0];
            if (g->tensors[in].data != NULL || g->tensors[out].data != NULL ||
                g->tensors[in].bytes != g->tensors[out].bytes) {
                continue;
            }
            uint32_t a = alias_root(link, base + (uint32_t)in), b = alias_root(link, base + (uint32_t)out);
            if (a != b) {
                link[a > b ? a : b] = (int32_t)(a < b ? a : b); /* roots stay their set's lowest */
            }
        }
    }
}

/* Turns the alias links into slots: link[t] becomes the planner buffer of
 * tensor t's alias set, or -1 for a tensor with memory of its own. Sets
 * are numbered by their root, the lowest tensor, and every other member
 * links to a lower tensor, converted before it. Returns the slot count. */
PLAN_STEP uint32_t assign_slots(const tflm_context *ctx, uint32_t tensors, int32_t *link)
{
    const tflm_tensor *table = ctx->subgraphs[0].tensors;
    uint32_t slots = 0;
    for (uint32_t t = 0; t < tensors; t++) {
        if ((uint32_t)link[t] != t) {
            link[t] = link[link[t]];
        } else {
            link[t] = table[t].data == NULL ? (int32_t)slots++ : -1;
        }
    }
    return slots;
}

/* What mark_lifetimes marks in: the planner, and the subgraph whose
 * buffers it is at (its tensors start at base in the one tensor table). */
typedef struct lifetimes {
    tflm_planner *planner;
    const int32_t *link;
    const tflm_subgraph *g;
    uint32_t base;
    const tflm_subgraph_span *span;
} lifetimes;

/* Buffer lives over steps first..last of the subgraph's home run, and
 * wherever else it may run. */
PLAN_STEP void live(const lifetimes *lt, uint32_t buffer, int32_t first, int32_t last)
{
    tflm_planner_use(lt->planner, (int32_t)buffer, first, last);
    if (lt->span->also_last >= 0) {
        tflm_planner_use(lt->planner, (int32_t)buffer, lt->span->also_first, lt->span->also_last);
    }
}

/* Steps node (s, k) takes beyond its own: the home runs it hosts. *call is
 * the index of its first call in ctx->calls, and ends past its last. */
PLAN_STEP int32_t hosted_steps(const tflm_context *ctx, const tflm_subgraph_span *spans, uint32_t s,
                            uint32_t k, uint32_t *call)
{
    int32_t steps = 0;
    for (; *call < ctx->call_count && ctx->calls[*call].subgraph == s &&
           ctx->calls[*call].node == (int32_t)k;
         (*call)++) {
        const tflm_subgraph_span *callee = &spans[ctx->calls[*call].callee];
        if (callee->host == (int32_t)*call) {
            steps += callee->end - callee->start + 1;
        }
    }
    return steps;
}

/* The buffers of a list of tensors of the subgraph live over first..last:
 * each tensor's alias set's buffer, none for an absent optional tensor or
 * one create gave memory of its own. With last < first, the list is the
 * subgraph's outputs and last..first its call: they live at its end, or
 * throughout when no operator writes them. */
static void live_list(const lifetimes *lt, const tflm_int_array *list, int32_t first, int32_t last)
{
    for (int32_t i = 0; i < list->size; i++) {
        int32_t t = list->data[i];
        if (t < 0 || lt->g->tensors[t].data != NULL) {
            continue;
        }
        uint32_t buffer = (uint32_t)lt->link[lt->base + (uint32_t)t];
        bool output = last < first;
        live(lt, buffer, output && !tflm_planner_used(lt->planner, (int32_t)buffer) ? last : first,
             output ? first : last);
    }
}

/* The lifetime of every buffer of the subgraphs that run (header comment). */
PLAN_STEP void mark_lifetimes(const tflm_context *ctx, const tflm_subgraph_span *spans,
                              const int32_t *link, uint32_t slots, tflm_planner *planner)
{
    uint32_t call = 0, request = 0, scratch = slots;
    lifetimes lt = {planner, link, NULL, 0, NULL};
    for (uint32_t s = 0; s < ctx->subgraph_count; s++) {
        const tflm_subgraph *g = &ctx->subgraphs[s];
        const tflm_subgraph_span *span = &spans[s];
        lt.g = g;
        lt.base = (uint32_t)(g->tensors - ctx->subgraphs[0].tensors);
        lt.span = span;
        bool runs = span->start >= 0;
        int32_t step = span->start;
        for (uint32_t k = 0; k < g->node_count; k++) {
            int32_t first = step;
            step += 1 + hosted_steps(ctx, spans, s, k, &call);
            if (runs) {
                live_list(&lt, g->nodes[k].inputs, first, step - 1);
                live_list(&lt, g->nodes[k].outputs, first, step - 1);
            }
            for (; request < ctx->scratch_count + ctx->call_count &&
                   ctx->requests[request].subgraph == s && ctx->requests[request].node == (int32_t)k;
                 request++) {
                if (ctx->requests[request].callee < 0 && runs) {
                    live(&lt, scratch, first, step - 1);
                }
                scratch += ctx->requests[request].callee < 0;
            }
        }
        if (runs) { /* inputs from the call on, outputs to its end */
            live_list(&lt, g->inputs, span->call_first, span->call_first);
            live_list(&lt, g->outputs, span->call_last, span->call_first);
        }
    }
}

PLAN_STEP tflm_status too_big(tflm_context *ctx)
{
    tflm_format(ctx->message, sizeof ctx->message, 0, "model: planned memory exceeds 4 GiB");
    return TFLM_ERROR_UNSUPPORTED;
}

/* Where operator k of subgraph s is in the node table. */
static int32_t node_index(const tflm_context *ctx, uint32_t s, int32_t k)
{
    return (int32_t)(ctx->subgraphs[s].nodes - ctx->subgraphs[0].nodes) + k;
}

/* The memory report's record of the plan (tensors own no data yet but
 * those create gave memory, which the report leaves out). */
static void log_plan(const tflm_context *ctx, const tflm_planner *planner, const int32_t *link,
                     uint32_t tensors, uint32_t slots, tflm_memory_log *log)
{
    const tflm_tensor *table = ctx->subgraphs[0].tensors;
    uint32_t b = slots;
    for (uint32_t t = 0; t < tensors; t++) {
        const int32_t slot = link[t];
        if (slot >= 0 && tflm_planner_used(planner, slot)) {
            uint32_t root = 0; /* the set's lowest tensor (tools only: quadratic is fine) */
            while (link[root] != slot) {
                root++;
            }
            const tflm_plan_buffer *p = &planner->buffers[slot];
            tflm_memory_buffer entry = {(int32_t)t, -1, root != t ? (int32_t)root : -1,
                                        table[t].bytes, p->first, p->last, p->offset};
            tflm_memory_log_buffer(log, &entry);
        }
    }
    for (uint32_t r = 0; r < ctx->scratch_count + ctx->call_count; r++) {
        const tflm_request *request = &ctx->requests[r];
        if (request->callee >= 0) {
            continue;
        }
        if (tflm_planner_used(planner, (int32_t)b)) {
            const tflm_plan_buffer *p = &planner->buffers[b];
            tflm_memory_buffer entry = {-1, node_index(ctx, request->subgraph, request->node), -1,
                                        request->bytes, p->first, p->last, p->offset};
            tflm_memory_log_buffer(log, &entry);
        }
        b++;
    }
    log->summary->planned = tflm_planner_total(planner);
    log->summary->temp_peak = tflm_arena_temp_used(ctx->arena);
}

/* The planning records taken from the idle message buffer (plan_memory)
 * are aligned for their int32 members: they start IDLE_MESSAGE_SKIP bytes
 * into it and are whole int32s each (on AVR, where an int32 needs no
 * alignment, any offset is). */
_Static_assert((offsetof(tflm_context, message) + IDLE_MESSAGE_SKIP) % _Alignof(int32_t) == 0,
               "the idle message's records are aligned");
_Static_assert(_Alignof(tflm_plan_buffer) == _Alignof(int32_t) &&
                   _Alignof(tflm_subgraph_span) == _Alignof(int32_t) &&
                   sizeof(tflm_plan_buffer) % sizeof(int32_t) == 0 &&
                   sizeof(tflm_subgraph_span) % sizeof(int32_t) == 0,
               "planning records are whole int32s");

/* Lends planning's records memory that is idle while the plan is made, so
 * that they take no arena while they fit there (arena.h): for a small model
 * they would be the largest thing in the planned area (hello_world_int8:
 * 152 bytes of records, a 32-byte plan). The message buffer is idle: a
 * failure writes it only once the records are no longer read, and they
 * start past its first bytes, so it stays "" otherwise. So is the largest
 * variable tensor, when larger: create fills the variables only after the
 * plan (tflm_reset_variables), so nothing reads them before
 * (keyword_scrambled: 800 bytes of records, 10 KB of recurrent state). */
PLAN_STEP void take_idle_memory(tflm_context *ctx, const tflm_tensor *table, uint32_t tensors)
{
    uint8_t *idle = (uint8_t *)ctx->message + IDLE_MESSAGE_SKIP;
    uint32_t bytes = sizeof ctx->message - IDLE_MESSAGE_SKIP;
    for (const tflm_tensor *t = table; t != table + tensors; t++) {
        if (t->is_variable && t->bytes > bytes) { /* create gave it memory: data is set */
            idle = t->data;
            bytes = t->bytes;
        }
    }
    ctx->arena->idle = idle;
    ctx->arena->idle_end = idle + bytes;
}

/* Both entry points' body, the log folded away in tflm_plan_memory's. It
 * and the steps only it calls are inlined into each (forced: at -Os GCC
 * would otherwise keep them as functions shared by the two, 44 bytes more
 * for firmware, which links only tflm_plan_memory). */
PLAN_STEP tflm_status
plan_memory(tflm_context *ctx, size_t given, size_t *needed, tflm_memory_log *log)
{
    tflm_arena *arena = ctx->arena;
    tflm_tensor *table = ctx->subgraphs[0].tensors;
    uint32_t tensors = tensor_total(ctx);
    take_idle_memory(ctx, table, tensors);
    tflm_subgraph_span *spans = tflm_arena_temp(arena, (size_t)ctx->subgraph_count * sizeof *spans);
    int32_t *link = tflm_arena_temp(arena, (size_t)tensors * sizeof(int32_t));
    if (arena->shortfall != 0) { /* link or spans did not fit */
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    span_subgraph_0(ctx, spans);
    tflm_status status = ctx->span_subgraphs ? ctx->span_subgraphs(ctx, spans) : TFLM_OK;
    if (status != TFLM_OK) {
        return status;
    }
    link_aliases(ctx, tensors, link);
    const uint32_t slots = assign_slots(ctx, tensors, link);
    const uint32_t buffers = slots + ctx->scratch_count;
    void *workspace = tflm_arena_temp(arena, tflm_planner_workspace_bytes(buffers));
    if (workspace == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }

    /* Buffers: the slots (each sized by its set's root), then the scratch
     * buffers. Those of subgraphs that never run are never used, so they
     * take no space. */
    tflm_planner planner;
    tflm_planner_init(&planner, workspace, buffers);
    for (uint32_t t = 0; t < tensors; t++) { /* a set's root is the first tensor with its slot */
        if (link[t] == (int32_t)planner.count && tflm_planner_add_unused(&planner, table[t].bytes) < 0) {
            return too_big(ctx);
        }
    }
    for (uint32_t r = 0; r < ctx->scratch_count + ctx->call_count; r++) {
        if (ctx->requests[r].callee < 0 &&
            tflm_planner_add_unused(&planner, ctx->requests[r].bytes) < 0) {
            return too_big(ctx);
        }
    }
    mark_lifetimes(ctx, spans, link, slots, &planner);
    if (!tflm_planner_plan(&planner)) {
        return too_big(ctx);
    }
    if (log != NULL) {
        log_plan(ctx, &planner, link, tensors, slots, log);
    }
    const size_t planned = tflm_planner_total(&planner), temp = tflm_arena_temp_used(arena);
    *needed = tflm_arena_add(tflm_arena_add(arena->padding, planned > temp ? planned : temp),
        tflm_arena_persistent_used(arena));
    if (*needed > given) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    /* Data for every used buffer (others keep NULL: unused tensors, and
     * everything of subgraphs that never run). */
    for (uint32_t t = 0; t < tensors; t++) {
        if (link[t] >= 0) {
            table[t].data = tflm_planner_data(&planner, link[t], arena->start);
        }
    }
    for (uint32_t i = 0; i < ctx->scratch_count; i++) {
        ctx->scratch[i] = tflm_planner_data(&planner, (int32_t)(slots + i), arena->start);
    }
    ctx->requests = NULL;
    tflm_arena_release_temp(arena);
    return TFLM_OK;
}

tflm_status tflm_plan_memory(tflm_context *ctx, size_t given, size_t *needed)
{
    return plan_memory(ctx, given, needed, NULL);
}

tflm_status tflm_plan_memory_logged(tflm_context *ctx, size_t given, size_t *needed,
                                    tflm_memory_log *log)
{
    return plan_memory(ctx, given, needed, log);
}
