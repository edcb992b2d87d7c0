/*
 * call_graph.h - the subgraphs kernels call (tflm_request_subgraph, in
 * ctx->calls) as a graph from subgraph 0: checked for recursion and depth,
 * and laid out on the memory planner's time line (interpreter_plan.c).
 */
#ifndef TFLM_CORE_CALL_GRAPH_H
#define TFLM_CORE_CALL_GRAPH_H

#include "core/interpreter_state.h"

/* A tflm_span_fn: keeps the requested calls in ctx->calls (persistent),
 * then the spans of every subgraph they reach from subgraph 0, which spans
 * holds as for a model without calls. Fails with ARENA_TOO_SMALL (the
 * arena's shortfall set) when the calls do not fit, with
 * MALFORMED_MODEL when a call recurses (reaches a subgraph that is running)
 * and UNSUPPORTED when calls nest deeper than TFLM_MAX_SUBGRAPH_DEPTH, the
 * message naming the calling operator. */
tflm_status tflm_span_calls(tflm_context *ctx, tflm_subgraph_span *spans);

#endif /* TFLM_CORE_CALL_GRAPH_H */
