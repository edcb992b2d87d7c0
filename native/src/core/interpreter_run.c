/*
 * interpreter_run.c - everything after tflm_interpreter_create: invoke,
 * variable state, tensor access for the application, error messages.
 */
#include <string.h>

#include "core/builtin_names.h"
#include "core/flatbuffer.h"
#include "core/interpreter_state.h"
#include "core/model.h"

uint32_t tflm_tensor_table(const tflm_context *ctx, const tflm_tensor *tensor)
{
    for (uint32_t s = 0; s < ctx->subgraph_count; s++) {
        const tflm_subgraph *g = &ctx->subgraphs[s];
        if (tensor >= g->tensors && tensor < g->tensors + g->tensor_count) {
            return fb_vector_table(ctx->model, g->tensor_tables, (uint32_t)(tensor - g->tensors));
        }
    }
    return 0;
}

const char *tflm_node_name(const tflm_node *node)
{
    const char *name = node->kernel->name;
    if (name == NULL) {
        name = tflm_builtin_name(node->kernel->builtin_code);
    }
    return name ? name : "?";
}

void tflm_reset_variables(tflm_context *ctx)
{
    const tflm_subgraph *last = &ctx->subgraphs[ctx->subgraph_count - 1];
    for (tflm_tensor *tensor = ctx->subgraphs[0].tensors; tensor < last->tensors + last->tensor_count;
         tensor++) { /* every subgraph's: one table */
        if (tensor->is_variable && tensor->data != NULL) { /* NULL: no operator uses it */
            int value = 0;
            if (tensor->type == TFLM_TYPE_INT8) {
                tflm_quantization q;
                tflm_tensor_quantization(ctx, tensor, &q);
                value = q.zero_point_count ? (int8_t)q.zero_points[0] : 0;
            }
            memset(tensor->data, value, tensor->bytes);
        }
    }
    for (const tflm_variable *v = ctx->variables; v != NULL; v = v->next) {
        if (v->data != NULL) {
            memset(v->data, v->fill, v->bytes);
        }
    }
    for (uint32_t s = 0; s < ctx->subgraph_count; s++) {
        const tflm_subgraph *subgraph = &ctx->subgraphs[s];
        for (tflm_node *node = subgraph->nodes; node < subgraph->nodes + subgraph->node_count;
             node++) {
            if (node->kernel->reset != NULL) {
                (void)node->kernel->reset(ctx, node); /* restores prepared state: cannot fail */
            }
        }
    }
}

tflm_isa tflm_interpreter_isa(const tflm_interpreter *interp)
{
    return interp ? interp->context.isa : TFLM_ISA_SCALAR;
}

size_t tflm_interpreter_arena_used(const tflm_interpreter *interp)
{
    return interp ? interp->context.arena_used : 0;
}

tflm_status tflm_invoke_node(tflm_context *ctx, uint32_t subgraph, uint32_t index)
{
    tflm_node *node = &ctx->subgraphs[subgraph].nodes[index];
    ctx->current_subgraph = subgraph;
    ctx->current_node = (int32_t)index;
    tflm_status status = node->kernel->invoke(ctx, node);
    if (status != TFLM_OK && status != TFLM_STOPPED_EARLY && ctx->message[0] == '\0') {
        tflm_fail(ctx, status, "invoke failed (%s)", tflm_status_name(status));
    }
    ctx->current_subgraph = 0;
    ctx->current_node = -1;
    return status;
}

tflm_status tflm_interpreter_invoke(tflm_interpreter *interp)
{
    if (interp == NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    tflm_context *ctx = &interp->context;
    ctx->message[0] = '\0';
    for (uint32_t o = 0; o < ctx->subgraphs[0].node_count; o++) {
        tflm_status status = tflm_invoke_node(ctx, 0, o);
        if (status != TFLM_OK) {
            return status; /* a failure, or TFLM_STOPPED_EARLY: the run ends here */
        }
    }
    return TFLM_OK;
}

size_t tflm_interpreter_operator_count(const tflm_interpreter *interp)
{
    return interp ? interp->context.subgraphs[0].node_count : 0;
}

size_t tflm_interpreter_subgraph_count(const tflm_interpreter *interp)
{
    return interp ? interp->context.subgraph_count : 0;
}

tflm_status tflm_interpreter_reset_state(tflm_interpreter *interp)
{
    if (interp == NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    tflm_reset_variables(&interp->context);
    return TFLM_OK;
}

size_t tflm_interpreter_input_count(const tflm_interpreter *interp)
{
    return interp ? (size_t)interp->context.subgraphs[0].inputs->size : 0;
}

size_t tflm_interpreter_output_count(const tflm_interpreter *interp)
{
    return interp ? (size_t)interp->context.subgraphs[0].outputs->size : 0;
}

size_t tflm_interpreter_tensor_count(const tflm_interpreter *interp)
{
    return interp ? interp->context.subgraphs[0].tensor_count : 0;
}

static tflm_status fail(tflm_context *ctx, const char *what, size_t index, size_t count)
{
    ctx->current_node = -1;
    return tflm_fail(ctx, TFLM_ERROR_INVALID_ARGUMENT, "%s %z out of range (model has %z %ss)",
                     what, index, count, what);
}

tflm_status tflm_interpreter_invoke_operator(tflm_interpreter *interp, size_t index)
{
    if (interp == NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    tflm_context *ctx = &interp->context;
    ctx->message[0] = '\0';
    if (index >= ctx->subgraphs[0].node_count) {
        return fail(ctx, "operator", index, ctx->subgraphs[0].node_count);
    }
    return tflm_invoke_node(ctx, 0, (uint32_t)index);
}

const char *tflm_interpreter_operator_name(const tflm_interpreter *interp, size_t index)
{
    if (interp == NULL || index >= interp->context.subgraphs[0].node_count) {
        return NULL;
    }
    return tflm_node_name(&interp->context.subgraphs[0].nodes[index]);
}

static void describe(const tflm_context *ctx, const tflm_tensor *tensor, tflm_tensor_info *info)
{
    memset(info, 0, sizeof *info);
    info->data = tensor->data;
    info->bytes = tensor->bytes;
    info->type = (tflm_type)tensor->type;
    info->dims_count = tensor->dims->size;
    memcpy(info->dims, tensor->dims->data, (size_t)tensor->dims->size * sizeof info->dims[0]);
    tflm_quantization q;
    tflm_tensor_quantization(ctx, tensor, &q);
    if (q.scale_count > 0) {
        info->scale = q.scales[0];
    }
    if (q.zero_point_count > 0) {
        info->zero_point = (int32_t)q.zero_points[0];
    }
    uint32_t name = fb_field_vector(ctx->model, tflm_tensor_table(ctx, tensor), TENSOR_NAME);
    info->name = name ? (const char *)ctx->model + name + 4 : "";
    info->name_length = fb_vector_length(ctx->model, name);
}

/* Input or output index of subgraph 0, described into info. */
static tflm_status graph_tensor(tflm_interpreter *interp, bool output, size_t index,
                                tflm_tensor_info *info)
{
    if (interp == NULL || info == NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    tflm_context *ctx = &interp->context;
    const tflm_int_array *list = output ? ctx->subgraphs[0].outputs : ctx->subgraphs[0].inputs;
    if (index >= (size_t)list->size) {
        return fail(ctx, output ? "output" : "input", index, (size_t)list->size);
    }
    describe(ctx, &ctx->subgraphs[0].tensors[list->data[index]], info);
    return TFLM_OK;
}

tflm_status tflm_interpreter_input(tflm_interpreter *interp, size_t index, tflm_tensor_info *info)
{
    return graph_tensor(interp, false, index, info);
}

tflm_status tflm_interpreter_output(tflm_interpreter *interp, size_t index, tflm_tensor_info *info)
{
    return graph_tensor(interp, true, index, info);
}

tflm_status tflm_interpreter_tensor(tflm_interpreter *interp, size_t index, tflm_tensor_info *info)
{
    if (interp == NULL || info == NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    tflm_context *ctx = &interp->context;
    if (index >= ctx->subgraphs[0].tensor_count) {
        return fail(ctx, "tensor", index, ctx->subgraphs[0].tensor_count);
    }
    describe(ctx, &ctx->subgraphs[0].tensors[index], info);
    return TFLM_OK;
}

const char *tflm_interpreter_error_message(const tflm_interpreter *interp)
{
    return interp ? interp->context.message : "";
}
