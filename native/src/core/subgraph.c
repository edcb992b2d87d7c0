/*
 * subgraph.c - the subgraph functions kernel.h gives kernels: counts,
 * inputs and outputs of a subgraph, requesting one in prepare, invoking it.
 * Only kernels that call subgraphs (IF, WHILE, CALL_ONCE) link this file,
 * and through it the call graph (call_graph.c).
 */
#include "core/call_graph.h"
#include "core/interpreter_state.h"

static const tflm_subgraph *subgraph_at(const tflm_context *ctx, int32_t subgraph)
{
    return subgraph >= 0 && (uint32_t)subgraph < ctx->subgraph_count ? &ctx->subgraphs[subgraph]
                                                                    : NULL;
}

int32_t tflm_subgraph_count(const tflm_context *ctx)
{
    return (int32_t)ctx->subgraph_count;
}

int32_t tflm_subgraph_input_count(const tflm_context *ctx, int32_t subgraph)
{
    const tflm_subgraph *g = subgraph_at(ctx, subgraph);
    return g ? g->inputs->size : 0;
}

int32_t tflm_subgraph_output_count(const tflm_context *ctx, int32_t subgraph)
{
    const tflm_subgraph *g = subgraph_at(ctx, subgraph);
    return g ? g->outputs->size : 0;
}

/* Tensor i of a subgraph's input or output list (indices verified). */
static tflm_tensor *listed(const tflm_subgraph *g, const tflm_int_array *list, int32_t i)
{
    return g && i >= 0 && i < list->size ? &g->tensors[list->data[i]] : NULL;
}

tflm_tensor *tflm_subgraph_input(tflm_context *ctx, int32_t subgraph, int32_t i)
{
    const tflm_subgraph *g = subgraph_at(ctx, subgraph);
    return listed(g, g ? g->inputs : NULL, i);
}

tflm_tensor *tflm_subgraph_output(tflm_context *ctx, int32_t subgraph, int32_t i)
{
    const tflm_subgraph *g = subgraph_at(ctx, subgraph);
    return listed(g, g ? g->outputs : NULL, i);
}

tflm_status tflm_request_subgraph(tflm_context *ctx, int32_t subgraph)
{
    if (!tflm_preparing(ctx)) {
        return tflm_fail(ctx, TFLM_ERROR_INVALID_ARGUMENT, "tflm_request_subgraph: prepare only");
    }
    if (subgraph_at(ctx, subgraph) == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "subgraph %d out of range (model has %u subgraphs)", subgraph,
                         ctx->subgraph_count);
    }
    if (!tflm_add_request(ctx, 0, subgraph)) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    ctx->call_count++;
    ctx->span_subgraphs = tflm_span_calls;
    return TFLM_OK;
}

/* Whether node (subgraph, node) requested callee in prepare. */
static bool requested(const tflm_context *ctx, uint32_t subgraph, int32_t node, int32_t callee)
{
    for (uint32_t c = 0; c < ctx->call_count; c++) {
        if (ctx->calls[c].subgraph == subgraph && ctx->calls[c].node == node &&
            ctx->calls[c].callee == callee) {
            return true;
        }
    }
    return false;
}

tflm_status tflm_invoke_subgraph(tflm_context *ctx, int32_t subgraph)
{
    if (tflm_preparing(ctx) || ctx->current_node < 0) {
        return tflm_fail(ctx, TFLM_ERROR_INVALID_ARGUMENT, "tflm_invoke_subgraph: invoke only");
    }
    uint32_t caller = ctx->current_subgraph;
    int32_t node = ctx->current_node;
    if (!requested(ctx, caller, node, subgraph)) {
        return tflm_fail(ctx, TFLM_ERROR_INVALID_ARGUMENT,
                         "invokes subgraph %d, which it did not request in prepare", subgraph);
    }
    tflm_status status = TFLM_OK;
    for (uint32_t o = 0; status == TFLM_OK && o < ctx->subgraphs[subgraph].node_count; o++) {
        status = tflm_invoke_node(ctx, (uint32_t)subgraph, o);
    }
    ctx->current_subgraph = caller;
    ctx->current_node = node;
    return status;
}
