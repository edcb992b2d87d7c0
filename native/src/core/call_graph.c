/*
 * call_graph.c - see call_graph.h. A depth-first walk of the calls from
 * subgraph 0 with its own stack of at most TFLM_MAX_SUBGRAPH_DEPTH + 1
 * frames, so a hostile model cannot make it recurse. It runs the subgraphs
 * as invoke would, minus the repetitions: each operator takes a step, and a
 * call to a subgraph not met before runs that subgraph right there (its
 * home run); a call to one met before only records that the callee may also
 * run at the caller's steps. Linked only through tflm_request_subgraph, as
 * is the persistent table of calls it starts with.
 */
#include "core/call_graph.h"

#include "core/arena.h"

/* Where the walk is in one subgraph. */
typedef struct frame {
    uint32_t subgraph;
    uint32_t node;       /* the operator running */
    uint32_t call;       /* its next call to follow (index in ctx->calls) */
    uint32_t node_calls; /* its first call */
    int32_t node_start;  /* its first step; INT32_MIN until it starts */
} frame;

static frame enter(const tflm_context *ctx, uint32_t subgraph)
{
    uint32_t call = 0;
    while (call < ctx->call_count && ctx->calls[call].subgraph < subgraph) {
        call++; /* calls are sorted by subgraph, then node */
    }
    return (frame){subgraph, 0, call, call, INT32_MIN};
}

static bool is_call_of(const tflm_context *ctx, uint32_t call, const frame *f)
{
    return call < ctx->call_count && ctx->calls[call].subgraph == f->subgraph &&
           ctx->calls[call].node == (int32_t)f->node;
}

/* Widens span's other steps by first..last (none when last < 0); whether
 * that changed them. */
static bool run_also(tflm_subgraph_span *span, int32_t first, int32_t last)
{
    bool none = span->also_last < 0;
    if (last < 0 || (!none && first >= span->also_first && last <= span->also_last)) {
        return false;
    }
    span->also_first = none || first < span->also_first ? first : span->also_first;
    span->also_last = last > span->also_last ? last : span->also_last;
    return true;
}

/* Operator f->node took steps node_start..last: its callees ran in them. */
static void end_node(const tflm_context *ctx, tflm_subgraph_span *spans, const frame *f,
                     int32_t last)
{
    tflm_subgraph_span *caller = &spans[f->subgraph];
    for (uint32_t c = f->node_calls; c < f->call; c++) {
        tflm_subgraph_span *callee = &spans[ctx->calls[c].callee];
        if (callee->host == (int32_t)c) {
            callee->call_first = f->node_start;
            callee->call_last = last;
        } else {
            run_also(callee, f->node_start, last);
        }
        caller->height = callee->height + 1 > caller->height ? callee->height + 1 : caller->height;
    }
}

/* Fails naming the operator of frame f. */
static tflm_status refuse(tflm_context *ctx, const frame *f, tflm_status status, uint32_t callee,
                          bool recursion)
{
    ctx->current_subgraph = f->subgraph;
    ctx->current_node = (int32_t)f->node;
    return recursion ? tflm_fail(ctx, status, "calls subgraph %u, which is running: recursion",
                                 callee)
                     : tflm_fail(ctx, status, "calls subgraph %u: calls nest deeper than %d levels",
                                 callee, TFLM_MAX_SUBGRAPH_DEPTH);
}

/* The subgraph requests, out of the temporary request records into the
 * persistent table invoke checks them in. */
static bool keep_calls(tflm_context *ctx)
{
    ctx->calls = tflm_arena_persistent(ctx->arena, (size_t)ctx->call_count * sizeof(tflm_request));
    uint32_t c = 0;
    for (uint32_t r = 0; ctx->calls != NULL && r < ctx->scratch_count + ctx->call_count; r++) {
        if (ctx->requests[r].callee >= 0) {
            ctx->calls[c++] = ctx->requests[r];
        }
    }
    return ctx->calls != NULL;
}

tflm_status tflm_span_calls(tflm_context *ctx, tflm_subgraph_span *spans)
{
    if (!keep_calls(ctx)) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    frame stack[TFLM_MAX_SUBGRAPH_DEPTH + 1];
    int depth = 0;
    int32_t step = 0;
    stack[0] = enter(ctx, 0);
    spans[0].height = 0;
    while (depth >= 0) {
        frame *f = &stack[depth];
        if (f->node == ctx->subgraphs[f->subgraph].node_count) {
            spans[f->subgraph].end = step - 1;
            depth--;
            continue;
        }
        if (f->node_start == INT32_MIN) {
            f->node_start = step++;
            f->node_calls = f->call;
        }
        if (!is_call_of(ctx, f->call, f)) {
            end_node(ctx, spans, f, step - 1);
            f->node++;
            f->node_start = INT32_MIN;
            continue;
        }
        uint32_t c = f->call++;
        uint32_t callee = (uint32_t)ctx->calls[c].callee;
        tflm_subgraph_span *span = &spans[callee];
        for (int d = 0; d <= depth; d++) {
            if (stack[d].subgraph == callee) {
                return refuse(ctx, f, TFLM_ERROR_MALFORMED_MODEL, callee, true);
            }
        }
        if (depth + 1 + (span->start >= 0 ? span->height : 0) > TFLM_MAX_SUBGRAPH_DEPTH) {
            return refuse(ctx, f, TFLM_ERROR_UNSUPPORTED, callee, false);
        }
        if (span->start < 0) {
            span->start = step;
            span->host = (int32_t)c;
            span->height = 0;
            stack[++depth] = enter(ctx, callee);
        }
    }
    spans[0].call_last = spans[0].end > 0 ? spans[0].end : 0;
    /* A callee runs wherever its caller may run besides its home run. The
     * calls from subgraph 0 form a graph without cycles, so this settles
     * after at most TFLM_MAX_SUBGRAPH_DEPTH + 1 rounds. */
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t c = 0; c < ctx->call_count; c++) {
            const tflm_subgraph_span *caller = &spans[ctx->calls[c].subgraph];
            if (caller->start >= 0 &&
                run_also(&spans[ctx->calls[c].callee], caller->also_first, caller->also_last)) {
                changed = true;
            }
        }
    }
    return TFLM_OK;
}
