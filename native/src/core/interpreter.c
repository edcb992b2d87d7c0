/*
 * interpreter.c - tflm_interpreter_create: verify the model, resolve the
 * ops of every subgraph, build the tensor and node tables, give state and
 * misaligned constants their persistent memory, prepare every kernel
 * (subgraph 0 first), plan the activation memory (interpreter_plan.c), all
 * inside the caller's arena (layout: arena.h).
 *
 * Tensors whose data create sets itself, in persistent memory:
 *  - variable tensors (recurrent state), zeroed by reset_state;
 *  - RESOURCE tensors, which hold resource variable ids (kernel.h): set to
 *    TFLM_NO_VARIABLE here, written by kernels from prepare on;
 *  - constant tensors whose data in the model is not aligned for their
 *    type (converters do not always honour the schema's 16-byte alignment
 *    of buffers; int64 biases then sit 4 bytes off): copied once, so every
 *    kernel may read typed data through an aligned pointer.
 */
#include <string.h>

#include "core/arena.h"
#include "core/builtin_names.h"
#include "core/cpu_isa.h"
#include "core/format.h"
#include "core/interpreter_plan.h"
#include "core/interpreter_state.h"
#include "core/memory_log.h"
#include "core/memory_planner.h"
#include "core/model.h"
#include "core/model_verifier.h"
#include "core/resolver.h"

/* Shapes and operator tensor lists absent from the model. */
static const tflm_int_array empty_array = {0};

/* The steps create shares with tflm_check_operators: inlined into each
 * (forced: at -Os GCC would keep one shared copy), so that create compiles
 * as if the check did not exist, its problem list folded away, and
 * firmware, which never calls the check, links nothing of it. */
#define CREATE_STEP static inline __attribute__((always_inline))

/* Names longer than this are cut in messages. */
#define NAME_IN_MESSAGE 32

/* What create needs to know about one subgraph before it has any memory. */
typedef struct graph {
    const uint8_t *buf;
    uint32_t index;   /* in the model */
    uint32_t tensor_tables;
    uint32_t tensor_count;
    uint32_t operators;
    uint32_t operator_count;
    uint32_t inputs;  /* vectors of tensor indices (positions) */
    uint32_t outputs;
} graph;

/* Sizes of the interpreter's tables, all subgraphs together, and the
 * persistent bytes of the tensors create gives memory (see the top). */
typedef struct model_totals {
    uint32_t subgraphs;
    uint32_t tensors;
    uint32_t operators;
    size_t own_bytes;
} model_totals;

/* Where tflm_check_operators collects what create would stop at; NULL in
 * create, which stops at the first. */
typedef struct problem_list {
    tflm_error *items;
    size_t capacity;
    size_t count; /* found, kept or not */
} problem_list;

static void add_problem(problem_list *list, const tflm_error *problem)
{
    if (list->count < list->capacity) {
        list->items[list->count] = *problem;
    }
    list->count++;
}

/* Records a failure; about subgraph N > 0, prefixed "subgraph N " as the
 * verifier's messages are. */
static tflm_status report(tflm_error *error, uint32_t subgraph, tflm_status status,
                          const char *format, ...)
{
    size_t n = tflm_message_start(error->message, subgraph, "");
    va_list args;
    va_start(args, format);
    tflm_vformat(error->message, sizeof error->message, n, format, args);
    va_end(args);
    error->status = status;
    return status;
}

static void graph_init(graph *g, const uint8_t *buf, uint32_t index)
{
    uint32_t subgraph = model_subgraph(buf, index);
    g->buf = buf;
    g->index = index;
    g->tensor_tables = fb_field_vector(buf, subgraph, SUBGRAPH_TENSORS);
    g->tensor_count = fb_vector_length(buf, g->tensor_tables);
    g->operators = fb_field_vector(buf, subgraph, SUBGRAPH_OPERATORS);
    g->operator_count = fb_vector_length(buf, g->operators);
    g->inputs = fb_field_vector(buf, subgraph, SUBGRAPH_INPUTS);
    g->outputs = fb_field_vector(buf, subgraph, SUBGRAPH_OUTPUTS);
}

CREATE_STEP uint32_t subgraph_count(const uint8_t *buf)
{
    return fb_vector_length(buf, fb_field_vector(buf, model_root(buf), MODEL_SUBGRAPHS));
}

/* What create reads of one tensor of a graph, in one pass over its table. */
typedef struct tensor_facts {
    uint32_t shape;   /* its shape vector (position), 0 when absent */
    uint32_t data;    /* its constant data in the model (position), 0: none */
    uint32_t bytes;
    uint32_t own;     /* persistent bytes create gives it itself (see the top) */
    uint8_t type;
    bool variable;
} tensor_facts;

static void read_tensor(const graph *g, uint32_t index, tensor_facts *f)
{
    const uint8_t *buf = g->buf;
    uint32_t table = fb_vector_table(buf, g->tensor_tables, index);
    f->shape = fb_field_vector(buf, table, TENSOR_SHAPE);
    f->type = fb_field_u8(buf, table, TENSOR_TYPE);
    f->variable = fb_field_u8(buf, table, TENSOR_IS_VARIABLE) != 0;
    const uint32_t size = tflm_type_size((tflm_type)f->type);
    uint32_t bytes = f->type == TFLM_TYPE_INT4 ? 1 : size;
    for (uint32_t d = 0; d < fb_vector_length(buf, f->shape); d++) {
        bytes *= (uint32_t)fb_i32(buf, f->shape + 4 + 4 * d); /* verified: no overflow */
    }
    /* INT4: two values a byte, low nibble first (TFLM's packed weights). */
    f->bytes = f->type == TFLM_TYPE_INT4 ? bytes / 2 + bytes % 2 : bytes;
    uint32_t length;
    f->data = f->variable ? 0 : model_tensor_data(buf, table, &length);
    const uint32_t alignment = size > 8 ? 8 : size ? size : 1; /* the verifier's rule for vectors */
    const bool own = f->data != 0 ? ((uintptr_t)(buf + f->data) & (alignment - 1u)) != 0
                                  : f->variable || f->type == TFLM_TYPE_RESOURCE;
    f->own = own ? f->bytes : 0;
}

/* How an operator names its op: builtin code, and a custom op's name. */
typedef struct op_name {
    int32_t code;
    const char *custom; /* "" for a builtin */
    uint32_t custom_length;
} op_name;

static const tflm_kernel *operator_kernel(const graph *g, const tflm_op_resolver *resolver,
                                          uint32_t op, op_name *n)
{
    uint32_t opcode = model_opcode(g->buf, fb_field_u32(g->buf, op, OPERATOR_OPCODE_INDEX));
    uint32_t name = fb_field_vector(g->buf, opcode, OPERATOR_CODE_CUSTOM_CODE);
    n->code = model_opcode_builtin(g->buf, opcode);
    n->custom = name ? (const char *)g->buf + name + 4 : "";
    n->custom_length = fb_vector_length(g->buf, name);
    return tflm_resolver_find(resolver, n->code, n->custom, n->custom_length);
}

/* What the verifier cannot know: a kernel for every op. With problems,
 * each op without one is added there and the check goes on. */
CREATE_STEP tflm_status check_supported(const graph *g, const tflm_op_resolver *resolver,
                                   tflm_error *error, problem_list *problems)
{
    for (uint32_t o = 0; o < g->operator_count; o++) {
        uint32_t op = fb_vector_table(g->buf, g->operators, o);
        op_name n;
        if (operator_kernel(g, resolver, op, &n) == NULL) {
            /* The op by name: a custom op's, else the builtin's, else its code. */
            char number[12];
            const char *kind = "", *text = tflm_builtin_name(n.code);
            int length = INT32_MAX;
            if (n.code == TFLM_BUILTIN_CUSTOM) {
                kind = "custom op ";
                text = n.custom;
                length = (int)(n.custom_length > NAME_IN_MESSAGE ? NAME_IN_MESSAGE : n.custom_length);
            } else if (text == NULL) {
                kind = "builtin code ";
                tflm_format(number, sizeof number, 0, "%d", n.code);
                text = number;
            }
            report(error, g->index, TFLM_ERROR_UNSUPPORTED, "operator %u: no kernel registered for %s%.*s",
                   o, kind, length, text);
            if (problems == NULL) {
                return TFLM_ERROR_UNSUPPORTED;
            }
            add_problem(problems, error);
        }
    }
    return TFLM_OK;
}

/* Persistent bytes known before any kernel runs. */
CREATE_STEP size_t fixed_bytes(const model_totals *totals)
{
    size_t bytes = tflm_arena_round_persistent(sizeof(tflm_interpreter));
    bytes = tflm_arena_add(bytes, tflm_arena_round_persistent((size_t)totals->subgraphs * sizeof(tflm_subgraph)));
    bytes = tflm_arena_add(bytes, tflm_arena_round_persistent((size_t)totals->tensors * sizeof(tflm_tensor)));
    bytes = tflm_arena_add(bytes, tflm_arena_round_persistent((size_t)totals->operators * sizeof(tflm_node)));
    return tflm_arena_add(bytes, totals->own_bytes);
}

CREATE_STEP tflm_status too_small(tflm_error *error, size_t needed, bool exact, size_t given)
{
    return report(error, 0, TFLM_ERROR_ARENA_TOO_SMALL, "arena too small: model needs %s%z bytes, %z given",
                  exact ? "" : "at least ", needed, given);
}

/* An honest lower bound after an allocation failed: what is in use, the
 * failed request, and never less than the tables. (Planning's links may
 * take nothing more: they may fit in the idle message buffer.) */
CREATE_STEP tflm_status too_small_at_least(const tflm_context *ctx, size_t fixed, tflm_error *error,
                                           size_t given)
{
    const tflm_arena *a = ctx->arena;
    size_t in_use = tflm_arena_add(tflm_arena_persistent_used(a), tflm_arena_temp_used(a));
    size_t needed = tflm_arena_add(tflm_arena_add(a->padding, in_use), a->shortfall);
    size_t floor = tflm_arena_add(a->padding, fixed);
    return too_small(error, needed > floor ? needed : floor, false, given);
}

static const tflm_int_array *int_array(const graph *g, uint32_t vector)
{
    return vector ? (const tflm_int_array *)(const void *)(g->buf + vector) : &empty_array;
}

/* Tensors of subgraph g into its slice of the table; data for those create
 * holds itself (see the top), the rest are planned later. */
static void build_tensors(tflm_context *ctx, tflm_subgraph *sub, const graph *g)
{
    for (uint32_t t = 0; t < g->tensor_count; t++) {
        tensor_facts f;
        read_tensor(g, t, &f);
        tflm_tensor *tensor = &sub->tensors[t];
        tensor->dims = int_array(g, f.shape);
        tensor->bytes = f.bytes;
        tensor->type = f.type;
        tensor->is_variable = f.variable;
        tensor->is_constant = f.data != 0;
        tensor->data = f.data ? (void *)(uintptr_t)(g->buf + f.data) : NULL;
        if (f.own != 0) {
            tensor->data = tflm_arena_persistent(ctx->arena, f.own); /* counted in own_bytes */
            if (f.data != 0) {
                memcpy(tensor->data, g->buf + f.data, f.own);
            } else if (f.type == TFLM_TYPE_RESOURCE) {
                memset(tensor->data, 0xff, f.own); /* TFLM_NO_VARIABLE in every id */
            }
        }
    }
}

static void build_nodes(tflm_subgraph *sub, const graph *g, const tflm_op_resolver *resolver)
{
    for (uint32_t o = 0; o < g->operator_count; o++) {
        uint32_t op = fb_vector_table(g->buf, g->operators, o);
        tflm_node *node = &sub->nodes[o];
        op_name n;
        node->kernel = operator_kernel(g, resolver, op, &n);
        node->inputs = int_array(g, fb_field_vector(g->buf, op, OPERATOR_INPUTS));
        node->outputs = int_array(g, fb_field_vector(g->buf, op, OPERATOR_OUTPUTS));
        uint32_t options = fb_field_table(g->buf, op, OPERATOR_BUILTIN_OPTIONS);
        node->options = options ? g->buf + options : NULL;
        node->options_type = fb_field_u8(g->buf, op, OPERATOR_BUILTIN_OPTIONS_TYPE);
        uint32_t custom = fb_field_vector(g->buf, op, OPERATOR_CUSTOM_OPTIONS);
        node->custom_options = custom ? g->buf + custom + 4 : NULL;
        node->custom_options_size = fb_vector_length(g->buf, custom);
    }
}

/* Every subgraph's tables, slices of one tensor and one node table. */
CREATE_STEP void build_subgraphs(tflm_context *ctx, const model_totals *totals,
                            const tflm_op_resolver *resolver)
{
    tflm_tensor *tensors = tflm_arena_persistent(ctx->arena, (size_t)totals->tensors * sizeof(tflm_tensor));
    tflm_node *nodes = tflm_arena_persistent(ctx->arena, (size_t)totals->operators * sizeof(tflm_node));
    for (uint32_t s = 0; s < totals->subgraphs; s++) {
        graph g;
        graph_init(&g, ctx->model, s);
        tflm_subgraph *sub = &ctx->subgraphs[s];
        sub->tensors = tensors;
        sub->nodes = nodes;
        sub->tensor_count = g.tensor_count;
        sub->node_count = g.operator_count;
        sub->inputs = int_array(&g, g.inputs);
        sub->outputs = int_array(&g, g.outputs);
        sub->tensor_tables = g.tensor_tables;
        build_tensors(ctx, sub, &g);
        build_nodes(sub, &g, resolver);
        tensors += g.tensor_count;
        nodes += g.operator_count;
    }
}

/* The memory log's record of node index, which just took its persistent
 * bytes beyond persistent and its scratch requests beyond scratch: the
 * arena's tagged counts hold the purposes other than op data. */
static void log_node(const tflm_context *ctx, tflm_memory_log *log, size_t index, size_t persistent,
                     uint32_t scratch)
{
    if (index >= log->operator_capacity) {
        return;
    }
    tflm_memory_operator *op = &log->operators[index];
    uint64_t tagged = 0;
    for (int p = 0; p < TFLM_MEMORY_PURPOSE_COUNT; p++) {
        op->persistent[p] = (uint32_t)ctx->arena->tagged[p]; /* the node's alone: zeroed below */
        tagged += ctx->arena->tagged[p];
        ctx->arena->tagged[p] = 0;
    }
    op->persistent[TFLM_MEMORY_OP_DATA] +=
        (uint32_t)(tflm_arena_persistent_used(ctx->arena) - persistent - tagged);
    for (uint32_t r = scratch; r < ctx->scratch_count + ctx->call_count; r++) {
        const tflm_request *request = &ctx->requests[r];
        if (request->callee < 0 && request->node == ctx->current_node &&
            request->subgraph == ctx->current_subgraph) {
            op->scratch += (uint32_t)tflm_arena_round(request->bytes);
        }
    }
}

/* Prepares every node, subgraph 0 first; on failure the kernel's message
 * (or one naming the status) is in ctx->message. With problems, each
 * refusal is added there and the next node prepared; nodes without a
 * kernel are skipped (check_supported added them); only a full arena stops. */
CREATE_STEP tflm_status prepare_nodes(tflm_context *ctx, problem_list *problems, tflm_memory_log *log)
{
    for (uint32_t s = 0; s < ctx->subgraph_count; s++) {
        for (uint32_t o = 0; o < ctx->subgraphs[s].node_count; o++) {
            tflm_node *node = &ctx->subgraphs[s].nodes[o];
            if (node->kernel == NULL) {
                continue;
            }
            ctx->current_subgraph = s;
            ctx->current_node = (int32_t)o;
            ctx->message[0] = '\0';
            /* Only the memory report reads these: create folds them away. */
            const size_t persistent = log != NULL ? tflm_arena_persistent_used(ctx->arena) : 0;
            const uint32_t scratch = ctx->scratch_count;
            tflm_status status = node->kernel->prepare ? node->kernel->prepare(ctx, node) : TFLM_OK;
            if (log != NULL) {
                log_node(ctx, log, (size_t)(node - ctx->subgraphs[0].nodes), persistent, scratch);
            }
            if (status != TFLM_OK || ctx->arena->shortfall != 0) {
                if (status != TFLM_OK && ctx->message[0] == '\0') {
                    tflm_fail(ctx, status, "prepare failed (%s)", tflm_status_name(status));
                }
                if (problems == NULL || ctx->arena->shortfall != 0) {
                    return status != TFLM_OK ? status : TFLM_ERROR_ARENA_TOO_SMALL;
                }
                tflm_error problem = {status, {0}};
                memcpy(problem.message, ctx->message, sizeof problem.message);
                add_problem(problems, &problem);
            }
        }
    }
    ctx->current_subgraph = 0;
    ctx->current_node = -1;
    return TFLM_OK;
}

tflm_status tflm_interpreter_create(tflm_interpreter **out, const void *model, size_t model_size,
                                    const tflm_op_resolver *resolver, void *arena,
                                    size_t arena_size, tflm_error *error)
{
    return tflm_interpreter_create_with_options(out, model, model_size, resolver, arena,
                                                arena_size, NULL, error);
}

/* Create, or with problems the check of tflm_check_operators: every
 * operator prepared, each refusal collected, no memory planned. */
CREATE_STEP tflm_status build(tflm_interpreter **out, const void *model, size_t model_size,
                         const tflm_op_resolver *resolver, void *arena, size_t arena_size,
                         const tflm_interpreter_options *options, tflm_error *error, problem_list *problems,
                         tflm_memory_log *log)
{
    const tflm_interpreter_options defaults = {TFLM_KERNELS_OPTIMIZED, TFLM_ISA_BEST};
    options = options ? options : &defaults;
    if ((options->kernels != TFLM_KERNELS_OPTIMIZED && options->kernels != TFLM_KERNELS_REFERENCE) ||
        !tflm_build_knows_isa(options->max_isa)) {
        return report(error, 0, TFLM_ERROR_INVALID_ARGUMENT,
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
#if TFLM_VERIFY_BUILD_TIME
    tflm_status status = tflm_check_verified_model(model, model_size, error->message);
#else
    tflm_status status = tflm_verify_model(model, model_size, error->message);
#endif
    if (status != TFLM_OK) {
        error->status = status;
        return status;
    }
    model_totals totals = {subgraph_count(model), 0, 0, 0};
    for (uint32_t s = 0; s < totals.subgraphs; s++) {
        graph g;
        graph_init(&g, model, s);
        status = check_supported(&g, resolver, error, problems);
        if (status != TFLM_OK) {
            return status;
        }
        totals.tensors += g.tensor_count; /* each below 2^29: the model is under 4 GiB */
        totals.operators += g.operator_count;
        for (uint32_t t = 0; t < g.tensor_count; t++) {
            tensor_facts f;
            read_tensor(&g, t, &f);
            totals.own_bytes = tflm_arena_add(totals.own_bytes, tflm_arena_round_persistent(f.own));
        }
    }

    tflm_arena space;
    tflm_arena_init(&space, arena, arena_size);
    if (log != NULL) {
        space.tagged = log->tagged;
    }
    size_t fixed = fixed_bytes(&totals);
    size_t at_least = tflm_arena_add(space.padding, fixed);
    if (at_least > arena_size) {
        return too_small(error, at_least, false, arena_size);
    }
    /* Everything up to prepare fits: at_least covers the tables. */
    tflm_interpreter *interp = tflm_arena_persistent(&space, sizeof *interp);
    tflm_context *ctx = &interp->context;
    ctx->arena = &space;
    ctx->model = model;
    ctx->isa = isa;
    ctx->model_size = model_size;
    ctx->subgraph_count = totals.subgraphs;
    ctx->current_node = -1;
    ctx->subgraphs = tflm_arena_persistent(&space, (size_t)totals.subgraphs * sizeof(tflm_subgraph));
    build_subgraphs(ctx, &totals, resolver);

    status = prepare_nodes(ctx, problems, log);
    if (problems != NULL && space.shortfall == 0) {
        return status;
    }
    size_t needed = 0;
    if (status == TFLM_OK) {
        /* The last persistent allocation: where the persistent part starts
         * (shared_arena.c reads it there). */
        ctx->scratch = tflm_arena_persistent(&space, (size_t)ctx->scratch_count * sizeof(void *));
        if (space.shortfall == 0) {
            status = log != NULL ? tflm_plan_memory_logged(ctx, arena_size, &needed, log)
                                 : tflm_plan_memory(ctx, arena_size, &needed);
        }
    }
    if (space.shortfall != 0) {
        return too_small_at_least(ctx, fixed, error, arena_size);
    }
    if (status == TFLM_ERROR_ARENA_TOO_SMALL && needed != 0) {
        return too_small(error, needed, true, arena_size);
    }
    if (status != TFLM_OK) {
        memcpy(error->message, ctx->message, sizeof error->message);
        error->status = status;
        return status;
    }
    ctx->arena_used = needed;
    ctx->arena = NULL;
    const tflm_subgraph *main = &ctx->subgraphs[0];
    for (int32_t i = 0; i < main->inputs->size; i++) {
        tflm_tensor *input = &main->tensors[main->inputs->data[i]];
        if (!input->is_variable && input->type != TFLM_TYPE_RESOURCE) {
            memset(input->data, 0, input->bytes);
        }
    }
    tflm_reset_variables(ctx);
    ctx->message[0] = '\0';
    *out = interp;
    return TFLM_OK;
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
        return report(error, 0, TFLM_ERROR_INVALID_ARGUMENT,
                      "tflm_interpreter_create: out, model, resolver and arena must not be NULL");
    }
    return build(out, model, model_size, resolver, arena, arena_size, options, error, NULL, NULL);
}

tflm_status tflm_create_logged(tflm_interpreter **out, const void *model, size_t model_size,
                               const tflm_op_resolver *resolver, void *arena, size_t arena_size,
                               const tflm_interpreter_options *options, tflm_error *error,
                               tflm_memory_log *log)
{
    return build(out, model, model_size, resolver, arena, arena_size, options, error, NULL, log);
}

tflm_status tflm_check_operators(const void *model, size_t model_size, const tflm_op_resolver *resolver,
                                 void *arena, size_t arena_size, tflm_error *problems, size_t capacity,
                                 size_t *count, tflm_error *error)
{
    tflm_error ignored;
    error = error ? error : &ignored;
    error->status = TFLM_OK;
    error->message[0] = '\0';
    if (model == NULL || resolver == NULL || arena == NULL || count == NULL || (problems == NULL && capacity > 0)) {
        return report(error, 0, TFLM_ERROR_INVALID_ARGUMENT,
                      "tflm_check_operators: model, resolver, arena, count and problems must not be NULL");
    }
    problem_list list = {problems, capacity, 0};
    const tflm_interpreter_options reference = {TFLM_KERNELS_REFERENCE, TFLM_ISA_SCALAR};
    tflm_interpreter *unused;
    const tflm_status status =
        build(&unused, model, model_size, resolver, arena, arena_size, &reference, error, &list, NULL);
    *count = list.count;
    if (status == TFLM_OK) {
        error->message[0] = '\0'; /* check_supported reports there too */
    }
    return status == TFLM_OK ? (error->status = TFLM_OK) : status;
}
