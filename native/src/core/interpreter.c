/*
 * interpreter.c - tflm_interpreter_create: verify the model, resolve its
 * ops, build the tensor and node tables, prepare every kernel, plan the
 * activation memory, all inside the caller's arena (layout: arena.h).
 *
 * Which tensors get planned memory: the non-constant, non-variable tensors
 * of subgraph 0 that an operator or the graph's input/output lists use.
 * A tensor lives from the first to the last operator that uses it; graph
 * inputs from operator 0, graph outputs to the last operator. Scratch
 * buffers live during their operator. When a kernel declares
 * output_aliases_input (RESHAPE) and input 0 and output 0 are both planned
 * with equal byte sizes, they share one buffer whose lifetime is the union
 * of theirs; the kernel sees equal data pointers and copies nothing.
 */
#include <string.h>

#include "core/arena.h"
#include "core/builtin_names.h"
#include "core/cpu_isa.h"
#include "core/format.h"
#include "core/interpreter_state.h"
#include "core/memory_planner.h"
#include "core/model.h"
#include "core/model_verifier.h"
#include "core/resolver.h"

/* Shapes and operator tensor lists absent from the model. */
static const tflm_int_array empty_array = {0};

/* Names longer than this are cut in messages. */
#define NAME_IN_MESSAGE 32

/* What create needs to know about subgraph 0 before it has any memory. */
typedef struct graph {
    const uint8_t *buf;
    uint32_t subgraph;
    uint32_t tensor_tables;
    uint32_t tensor_count;
    uint32_t operators;
    uint32_t operator_count;
    uint32_t inputs;  /* vectors of tensor indices (positions) */
    uint32_t outputs;
} graph;

static tflm_status report(tflm_error *error, tflm_status status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    tflm_vformat(error->message, sizeof error->message, 0, format, args);
    va_end(args);
    error->status = status;
    return status;
}

static uint32_t tensor_table(const graph *g, uint32_t index)
{
    return fb_vector_table(g->buf, g->tensor_tables, index);
}

/* "tensor 7 (name)" for messages. */
static void tensor_label(const graph *g, uint32_t index, char *out, size_t capacity)
{
    uint32_t name = fb_field_vector(g->buf, tensor_table(g, index), TENSOR_NAME);
    uint32_t length = fb_vector_length(g->buf, name);
    tflm_format(out, capacity, 0, "tensor %u (%.*s)", index,
                (int)(length > NAME_IN_MESSAGE ? NAME_IN_MESSAGE : length),
                name ? (const char *)g->buf + name + 4 : "");
}

static uint32_t tensor_bytes(const graph *g, uint32_t index)
{
    uint32_t table = tensor_table(g, index);
    uint32_t shape = fb_field_vector(g->buf, table, TENSOR_SHAPE);
    uint32_t bytes = tflm_type_size((tflm_type)fb_field_u8(g->buf, table, TENSOR_TYPE, 0));
    for (uint32_t d = 0; d < fb_vector_length(g->buf, shape); d++) {
        bytes *= (uint32_t)fb_i32(g->buf, shape + 4 + 4 * d); /* verified: no overflow */
    }
    return bytes;
}

static bool is_variable(const graph *g, uint32_t index)
{
    return fb_field_u8(g->buf, tensor_table(g, index), TENSOR_IS_VARIABLE, 0) != 0;
}

static bool is_constant(const graph *g, uint32_t index)
{
    uint32_t length;
    return !is_variable(g, index) && model_tensor_data(g->buf, tensor_table(g, index), &length) != 0;
}

static const tflm_kernel *operator_kernel(const graph *g, const tflm_op_resolver *resolver,
                                          uint32_t op, int32_t *code)
{
    uint32_t opcode = model_opcode(g->buf, fb_field_u32(g->buf, op, OPERATOR_OPCODE_INDEX, 0));
    uint32_t name = fb_field_vector(g->buf, opcode, OPERATOR_CODE_CUSTOM_CODE);
    *code = model_opcode_builtin(g->buf, opcode);
    return tflm_resolver_find(resolver, *code, name ? (const char *)g->buf + name + 4 : "",
                              fb_vector_length(g->buf, name));
}

static void graph_init(graph *g, const uint8_t *buf)
{
    g->buf = buf;
    g->subgraph = model_subgraph(buf, 0);
    g->tensor_tables = fb_field_vector(buf, g->subgraph, SUBGRAPH_TENSORS);
    g->tensor_count = fb_vector_length(buf, g->tensor_tables);
    g->operators = fb_field_vector(buf, g->subgraph, SUBGRAPH_OPERATORS);
    g->operator_count = fb_vector_length(buf, g->operators);
    g->inputs = fb_field_vector(buf, g->subgraph, SUBGRAPH_INPUTS);
    g->outputs = fb_field_vector(buf, g->subgraph, SUBGRAPH_OUTPUTS);
}

/* What the verifier cannot know: kernels for every op, tensor types this
 * runtime can hold, nothing writing into the model's constant data. */
static tflm_status check_supported(const graph *g, const tflm_op_resolver *resolver,
                                   tflm_error *error)
{
    char label[32 + NAME_IN_MESSAGE];
    for (uint32_t o = 0; o < g->operator_count; o++) {
        uint32_t op = fb_vector_table(g->buf, g->operators, o);
        int32_t code;
        if (operator_kernel(g, resolver, op, &code) == NULL) {
            uint32_t opcode = model_opcode(g->buf, fb_field_u32(g->buf, op, OPERATOR_OPCODE_INDEX, 0));
            uint32_t name = fb_field_vector(g->buf, opcode, OPERATOR_CODE_CUSTOM_CODE);
            if (code == TFLM_BUILTIN_CUSTOM) {
                uint32_t length = fb_vector_length(g->buf, name);
                return report(error, TFLM_ERROR_UNSUPPORTED,
                              "operator %u: no kernel registered for custom op %.*s", o,
                              (int)(length > NAME_IN_MESSAGE ? NAME_IN_MESSAGE : length),
                              (const char *)g->buf + name + 4);
            }
            const char *builtin = tflm_builtin_name(code);
            return builtin ? report(error, TFLM_ERROR_UNSUPPORTED,
                                    "operator %u: no kernel registered for %s", o, builtin)
                           : report(error, TFLM_ERROR_UNSUPPORTED,
                                    "operator %u: no kernel registered for builtin code %d", o, code);
        }
        uint32_t outputs = fb_field_vector(g->buf, op, OPERATOR_OUTPUTS);
        for (uint32_t i = 0; i < fb_vector_length(g->buf, outputs); i++) {
            uint32_t t = (uint32_t)fb_i32(g->buf, outputs + 4 + 4 * i);
            if (is_constant(g, t)) {
                tensor_label(g, t, label, sizeof label);
                return report(error, TFLM_ERROR_MALFORMED_MODEL,
                              "operator %u output %u: %s is constant", o, i, label);
            }
        }
    }
    for (uint32_t i = 0; i < fb_vector_length(g->buf, g->inputs); i++) {
        uint32_t t = (uint32_t)fb_i32(g->buf, g->inputs + 4 + 4 * i);
        if (is_constant(g, t)) {
            tensor_label(g, t, label, sizeof label);
            return report(error, TFLM_ERROR_MALFORMED_MODEL, "input %u: %s is constant", i, label);
        }
    }
    for (uint32_t t = 0; t < g->tensor_count; t++) {
        uint8_t type = fb_field_u8(g->buf, tensor_table(g, t), TENSOR_TYPE, 0);
        if (tflm_type_size((tflm_type)type) == 0) {
            tensor_label(g, t, label, sizeof label);
            return report(error, TFLM_ERROR_UNSUPPORTED,
                          "%s: tensor type %u (no fixed element size) is not supported", label, type);
        }
    }
    return TFLM_OK;
}

/* Temporary bytes planning needs beyond the scratch requests: per tensor a
 * lifetime and an alias link, plus the planner's workspace. */
static size_t planning_bytes(uint32_t tensor_count, uint32_t scratch_count)
{
    size_t per_tensor = tflm_arena_round((size_t)tensor_count * 3 * sizeof(int32_t));
    return tflm_arena_add(per_tensor, tflm_arena_round(tflm_planner_workspace_bytes(
                                          tensor_count + scratch_count)));
}

/* Persistent bytes known before any kernel runs. */
static size_t fixed_bytes(const graph *g)
{
    size_t bytes = tflm_arena_round(sizeof(tflm_interpreter));
    bytes = tflm_arena_add(bytes, tflm_arena_round((size_t)g->tensor_count * sizeof(tflm_tensor)));
    bytes = tflm_arena_add(bytes, tflm_arena_round((size_t)g->operator_count * sizeof(tflm_node)));
    for (uint32_t t = 0; t < g->tensor_count; t++) {
        if (is_variable(g, t)) {
            bytes = tflm_arena_add(bytes, tflm_arena_round(tensor_bytes(g, t)));
        }
    }
    return bytes;
}

static tflm_status too_small(tflm_error *error, size_t needed, bool exact, size_t given)
{
    return report(error, TFLM_ERROR_ARENA_TOO_SMALL, "arena too small: model needs %s%z bytes, %z given",
                  exact ? "" : "at least ", needed, given);
}

/* An honest lower bound after an allocation failed: what is in use, the
 * failed request, and never less than the tables plus planning. */
static tflm_status too_small_at_least(tflm_context *ctx, const graph *g, tflm_error *error,
                                      size_t given)
{
    const tflm_arena *a = &ctx->arena;
    size_t in_use = tflm_arena_add(tflm_arena_persistent_used(a), tflm_arena_temp_used(a));
    size_t needed = tflm_arena_add(tflm_arena_add(a->padding, in_use), a->shortfall);
    size_t floor = tflm_arena_add(tflm_arena_add(a->padding, fixed_bytes(g)),
                                  planning_bytes(g->tensor_count, ctx->scratch_count));
    return too_small(error, needed > floor ? needed : floor, false, given);
}

static void build_tensors(tflm_context *ctx, const graph *g)
{
    for (uint32_t t = 0; t < g->tensor_count; t++) {
        uint32_t table = tensor_table(g, t);
        uint32_t shape = fb_field_vector(g->buf, table, TENSOR_SHAPE);
        uint32_t length;
        uint32_t data = model_tensor_data(g->buf, table, &length);
        tflm_tensor *tensor = &ctx->tensors[t];
        tensor->dims = shape ? (const tflm_int_array *)(const void *)(g->buf + shape) : &empty_array;
        tensor->bytes = tensor_bytes(g, t);
        tensor->type = fb_field_u8(g->buf, table, TENSOR_TYPE, 0);
        tensor->is_variable = is_variable(g, t);
        tensor->is_constant = !tensor->is_variable && data != 0;
        tensor->data = tensor->is_constant ? (void *)(uintptr_t)(g->buf + data) : NULL;
    }
}

static const tflm_int_array *int_array(const graph *g, uint32_t vector)
{
    return vector ? (const tflm_int_array *)(const void *)(g->buf + vector) : &empty_array;
}

static void build_nodes(tflm_context *ctx, const graph *g, const tflm_op_resolver *resolver)
{
    for (uint32_t o = 0; o < g->operator_count; o++) {
        uint32_t op = fb_vector_table(g->buf, g->operators, o);
        tflm_node *node = &ctx->nodes[o];
        int32_t code;
        node->kernel = operator_kernel(g, resolver, op, &code);
        node->inputs = int_array(g, fb_field_vector(g->buf, op, OPERATOR_INPUTS));
        node->outputs = int_array(g, fb_field_vector(g->buf, op, OPERATOR_OUTPUTS));
        uint32_t options = fb_field_table(g->buf, op, OPERATOR_BUILTIN_OPTIONS);
        node->options = options ? g->buf + options : NULL;
        node->options_type = fb_field_u8(g->buf, op, OPERATOR_BUILTIN_OPTIONS_TYPE, 0);
        uint32_t custom = fb_field_vector(g->buf, op, OPERATOR_CUSTOM_OPTIONS);
        node->custom_options = custom ? g->buf + custom + 4 : NULL;
        node->custom_options_size = fb_vector_length(g->buf, custom);
    }
}

static tflm_status prepare_nodes(tflm_context *ctx, const graph *g, tflm_error *error,
                                 size_t given)
{
    ctx->preparing = true;
    for (uint32_t o = 0; o < ctx->node_count; o++) {
        tflm_node *node = &ctx->nodes[o];
        ctx->current_node = (int32_t)o;
        ctx->message[0] = '\0';
        tflm_status status = node->kernel->prepare ? node->kernel->prepare(ctx, node) : TFLM_OK;
        if (ctx->arena.shortfall != 0) {
            return too_small_at_least(ctx, g, error, given);
        }
        if (status != TFLM_OK) {
            if (ctx->message[0] == '\0') {
                tflm_fail(ctx, status, "prepare failed (%s)", tflm_status_name(status));
            }
            memcpy(error->message, ctx->message, sizeof error->message);
            error->status = status;
            return status;
        }
    }
    ctx->preparing = false;
    ctx->current_node = -1;
    return TFLM_OK;
}

/* Root of a tensor's alias set (links only point to lower set roots). */
static uint32_t alias_root(const int32_t *link, uint32_t t)
{
    while ((uint32_t)link[t] != t) {
        t = (uint32_t)link[t];
    }
    return t;
}

/* Lifetimes, alias sets and the plan; on success every planned tensor and
 * scratch buffer has its data pointer. Temporary memory is released. */
static tflm_status plan_memory(tflm_context *ctx, const graph *g, tflm_error *error, size_t given)
{
    uint32_t n = ctx->tensor_count;
    int32_t *first = tflm_arena_temp(&ctx->arena, (size_t)n * 3 * sizeof(int32_t));
    size_t workspace_bytes = tflm_planner_workspace_bytes(n + ctx->scratch_count);
    void *workspace = first ? tflm_arena_temp(&ctx->arena, workspace_bytes) : NULL;
    if (workspace == NULL) {
        return too_small_at_least(ctx, g, error, given);
    }
    int32_t *last = first + n, *link = last + n;
    int32_t end = ctx->node_count ? (int32_t)ctx->node_count - 1 : 0;
    for (uint32_t t = 0; t < n; t++) {
        first[t] = INT32_MAX;
        last[t] = -1;
        link[t] = (int32_t)t;
    }
    for (int32_t i = 0; i < ctx->inputs->size; i++) {
        first[ctx->inputs->data[i]] = 0;
        last[ctx->inputs->data[i]] = 0;
    }
    for (uint32_t o = 0; o < ctx->node_count; o++) {
        const tflm_int_array *lists[2] = {ctx->nodes[o].inputs, ctx->nodes[o].outputs};
        for (int l = 0; l < 2; l++) {
            for (int32_t i = 0; i < lists[l]->size; i++) {
                int32_t t = lists[l]->data[i];
                if (t >= 0) {
                    first[t] = first[t] < (int32_t)o ? first[t] : (int32_t)o;
                    last[t] = last[t] > (int32_t)o ? last[t] : (int32_t)o;
                }
            }
        }
    }
    for (int32_t i = 0; i < ctx->outputs->size; i++) {
        int32_t t = ctx->outputs->data[i];
        first[t] = first[t] == INT32_MAX ? 0 : first[t];
        last[t] = end;
    }
#define PLANNED(t) (last[t] >= 0 && !ctx->tensors[t].is_constant && !ctx->tensors[t].is_variable)
    for (uint32_t o = 0; o < ctx->node_count; o++) {
        const tflm_node *node = &ctx->nodes[o];
        if (!node->kernel->output_aliases_input || node->inputs->size < 1 || node->outputs->size < 1) {
            continue;
        }
        int32_t in = node->inputs->data[0], out = node->outputs->data[0];
        if (in < 0 || !PLANNED(in) || !PLANNED(out) ||
            ctx->tensors[in].bytes != ctx->tensors[out].bytes) {
            continue;
        }
        uint32_t a = alias_root(link, (uint32_t)in), b = alias_root(link, (uint32_t)out);
        if (a == b) {
            continue;
        }
        if (b < a) { /* keep roots the lowest index of their set */
            uint32_t swap = a;
            a = b;
            b = swap;
        }
        link[b] = (int32_t)a;
        first[a] = first[a] < first[b] ? first[a] : first[b];
        last[a] = last[a] > last[b] ? last[a] : last[b];
    }

    tflm_planner planner;
    tflm_planner_init(&planner, workspace, n + ctx->scratch_count);
    for (uint32_t t = 0; t < n; t++) {
        bool own_buffer = PLANNED(t) && alias_root(link, t) == t;
        tflm_planner_add(&planner, own_buffer ? ctx->tensors[t].bytes : 0,
                         own_buffer ? first[t] : 0, own_buffer ? last[t] : 0);
    }
    for (uint32_t s = 0; s < ctx->scratch_count; s++) {
        const tflm_scratch_request *request = &ctx->scratch_requests[s];
        tflm_planner_add(&planner, request->bytes, request->node, request->node);
    }
    if (!tflm_planner_plan(&planner)) {
        return report(error, TFLM_ERROR_UNSUPPORTED, "model: planned memory exceeds 4 GiB");
    }
    const tflm_arena *a = &ctx->arena;
    size_t planned = tflm_planner_total(&planner);
    size_t needed = tflm_arena_add(
        tflm_arena_add(a->padding, planned > a->temp_peak ? planned : a->temp_peak),
        tflm_arena_persistent_used(a));
    if (needed > given) {
        return too_small(error, needed, true, given);
    }
    ctx->arena_used = needed;
    for (uint32_t t = 0; t < n; t++) {
        if (PLANNED(t)) {
            ctx->tensors[t].data = a->start + tflm_planner_offset(&planner, (int32_t)alias_root(link, t));
        }
    }
#undef PLANNED
    for (uint32_t s = 0; s < ctx->scratch_count; s++) {
        ctx->scratch[s] = a->start + tflm_planner_offset(&planner, (int32_t)(n + s));
    }
    ctx->scratch_requests = NULL;
    tflm_arena_release_temp(&ctx->arena);
    return TFLM_OK;
}

tflm_status tflm_interpreter_create(tflm_interpreter **out, const void *model, size_t model_size,
                                    const tflm_op_resolver *resolver, void *arena,
                                    size_t arena_size, tflm_error *error)
{
    return tflm_interpreter_create_with_options(out, model, model_size, resolver, arena,
                                                arena_size, NULL, error);
}

tflm_status tflm_interpreter_create_with_options(tflm_interpreter **out, const void *model,
                                                 size_t model_size,
                                                 const tflm_op_resolver *resolver, void *arena,
                                                 size_t arena_size,
                                                 const tflm_interpreter_options *options,
                                                 tflm_error *error)
{
    tflm_error ignored;
    error = error ? error : &ignored;
    error->status = TFLM_OK;
    error->message[0] = '\0';
    if (out == NULL || model == NULL || resolver == NULL || arena == NULL) {
        return report(error, TFLM_ERROR_INVALID_ARGUMENT,
                      "tflm_interpreter_create: out, model, resolver and arena must not be NULL");
    }
    const tflm_interpreter_options defaults = {TFLM_KERNELS_OPTIMIZED, TFLM_ISA_BEST};
    options = options ? options : &defaults;
    if ((options->kernels != TFLM_KERNELS_OPTIMIZED && options->kernels != TFLM_KERNELS_REFERENCE) ||
        !tflm_build_knows_isa(options->max_isa)) {
        return report(error, TFLM_ERROR_INVALID_ARGUMENT,
                      "tflm_interpreter_create: unknown kernels or max_isa option");
    }
    /* max_isa is one of this build's levels, and within a family a lower
       value is a lower level. */
    tflm_isa isa = tflm_machine_isa();
    if (options->kernels == TFLM_KERNELS_REFERENCE) {
        isa = TFLM_ISA_SCALAR;
    } else if (options->max_isa != TFLM_ISA_BEST && (tflm_isa)options->max_isa < isa) {
        isa = (tflm_isa)options->max_isa;
    }
    *out = NULL;
    tflm_status status = tflm_verify_model(model, model_size, error->message);
    if (status != TFLM_OK) {
        error->status = status;
        return status;
    }
    graph g;
    graph_init(&g, model);
    status = check_supported(&g, resolver, error);
    if (status != TFLM_OK) {
        return status;
    }

    tflm_arena space;
    tflm_arena_init(&space, arena, arena_size);
    size_t at_least = tflm_arena_add(tflm_arena_add(space.padding, fixed_bytes(&g)),
                                     planning_bytes(g.tensor_count, 0));
    if (at_least > arena_size) {
        return too_small(error, at_least, false, arena_size);
    }
    /* Everything below fits: at_least covers the tables. */
    tflm_interpreter *interp = tflm_arena_persistent(&space, sizeof *interp);
    tflm_context *ctx = &interp->context;
    ctx->arena = space;
    ctx->model = model;
    ctx->isa = isa;
    ctx->model_size = model_size;
    ctx->tensor_tables = g.tensor_tables;
    ctx->tensor_count = g.tensor_count;
    ctx->node_count = g.operator_count;
    ctx->inputs = int_array(&g, g.inputs);
    ctx->outputs = int_array(&g, g.outputs);
    ctx->current_node = -1;
    ctx->tensors = tflm_arena_persistent(&ctx->arena, (size_t)g.tensor_count * sizeof(tflm_tensor));
    ctx->nodes = tflm_arena_persistent(&ctx->arena, (size_t)g.operator_count * sizeof(tflm_node));
    build_tensors(ctx, &g);
    build_nodes(ctx, &g, resolver);
    for (uint32_t t = 0; t < g.tensor_count; t++) {
        if (ctx->tensors[t].is_variable) {
            ctx->tensors[t].data = tflm_arena_persistent(&ctx->arena, ctx->tensors[t].bytes);
        }
    }

    status = prepare_nodes(ctx, &g, error, arena_size);
    if (status != TFLM_OK) {
        return status;
    }
    ctx->scratch = tflm_arena_persistent(&ctx->arena, (size_t)ctx->scratch_count * sizeof(void *));
    if (ctx->arena.shortfall != 0) {
        return too_small_at_least(ctx, &g, error, arena_size);
    }
    status = plan_memory(ctx, &g, error, arena_size);
    if (status != TFLM_OK) {
        return status;
    }
    for (int32_t i = 0; i < ctx->inputs->size; i++) {
        tflm_tensor *input = &ctx->tensors[ctx->inputs->data[i]];
        if (!input->is_variable) {
            memset(input->data, 0, input->bytes);
        }
    }
    tflm_reset_variables(ctx);
    ctx->message[0] = '\0';
    *out = interp;
    return TFLM_OK;
}
