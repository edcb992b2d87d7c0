/*
 * interpreter_state.h - the interpreter as the core's files share it. The
 * kernels' tflm_context and the application's tflm_interpreter are the
 * same object: kernels see it through kernel.h only.
 */
#ifndef TFLM_CORE_INTERPRETER_STATE_H
#define TFLM_CORE_INTERPRETER_STATE_H

#include "core/arena.h"
#include "tflm/kernel.h"

/* One subgraph of the model: its slices of the interpreter's tensor and
 * node tables (one table each for all subgraphs, in subgraph order). */
typedef struct tflm_subgraph {
    tflm_tensor *tensors;
    tflm_node *nodes;
    uint32_t tensor_count;
    uint32_t node_count;
    const tflm_int_array *inputs; /* into the model */
    const tflm_int_array *outputs;
    uint32_t tensor_tables;       /* the model's tensors vector (position) */
} tflm_subgraph;

/* What a node asked for in prepare: a scratch buffer (callee -1) or the
 * right to invoke subgraph callee. One arena alignment unit each, so the
 * records taken from the arena's head one by one stay contiguous; prepare
 * runs subgraph by subgraph, node by node, so they come sorted by
 * (subgraph, node). */
typedef struct tflm_request {
    uint32_t bytes;    /* of a scratch buffer */
    int32_t node;
    uint32_t subgraph; /* of the node */
    int32_t callee;
} tflm_request;

/* A resource variable (kernel.h): identified by container and name, which
 * point into the model; storage in the arena once a kernel sized it. */
typedef struct tflm_variable {
    struct tflm_variable *next; /* the one created before it */
    const char *container;      /* NULL: none given */
    const char *shared_name;
    uint32_t container_length;
    uint32_t shared_name_length;
    void *data;                 /* NULL until tflm_variable_allocate */
    uint32_t bytes;
    int32_t id;                 /* 0, 1, ... in the order of creation */
    int8_t fill;                /* what reset_state writes to every byte */
} tflm_variable;

/* When a subgraph's operators run on the memory planner's time line of
 * steps (interpreter_plan.c explains the time line). Steps count from 0;
 * every field is -1 for a subgraph nothing runs. */
typedef struct tflm_subgraph_span {
    int32_t start;      /* first step of its home run */
    int32_t end;        /* last step of it (start - 1 when it has no operators) */
    int32_t call_first; /* steps of the operator whose call is its home run */
    int32_t call_last;  /*   (subgraph 0: all of its own)                   */
    int32_t also_first; /* hull of the steps at which it may run besides its */
    int32_t also_last;  /*   home run; none when also_last < 0               */
    int32_t host;       /* index in ctx->calls of that call; -1 for subgraph 0 */
    int32_t height;     /* longest chain of calls below it */
} tflm_subgraph_span;

/* Fills the spans of every subgraph from the calls kernels requested, or
 * fails (recursion, nesting too deep) with a message. */
typedef tflm_status (*tflm_span_fn)(tflm_context *ctx, tflm_subgraph_span *spans);

struct tflm_context {
    const uint8_t *model;
    size_t model_size;
    tflm_subgraph *subgraphs;
    uint32_t subgraph_count;
    uint32_t current_subgraph;    /* of current_node */
    int32_t current_node;         /* -1 outside prepare/invoke */
    uint32_t scratch_count;
    tflm_request *requests;       /* while preparing (temporary): scratch_count + call_count */
    void **scratch;               /* after planning: one pointer per scratch buffer */
    tflm_request *calls;          /* from planning on: the subgraph requests, in order */
    uint32_t call_count;
    tflm_isa isa;                 /* kernels' instruction set level (never BEST) */
    tflm_variable *variables;     /* the newest first */
    /* Set by tflm_request_subgraph: only firmware whose kernels invoke
     * subgraphs links the call graph's code (call_graph.c). */
    tflm_span_fn span_subgraphs;
    tflm_arena *arena;            /* create's, while it runs; NULL afterwards */
    size_t arena_used;
    char message[TFLM_ERROR_MESSAGE_CAPACITY];
};

struct tflm_interpreter {
    struct tflm_context context;
};

/* Whether kernels are in prepare: the only time they run during create,
 * whose arena they may take memory from. */
static inline bool tflm_preparing(const tflm_context *ctx)
{
    return ctx->arena != NULL;
}

/* The model table of a tensor of the interpreter's tensor table. */
uint32_t tflm_tensor_table(const tflm_context *ctx, const tflm_tensor *tensor);

/* Name of a node's op for messages: the kernel's, else the schema's. */
const char *tflm_node_name(const tflm_node *node);

/* Fills the variable tensors with zero (int8: their zero point, as TFLM)
 * and the resource variables with their fill byte. */
void tflm_reset_variables(tflm_context *ctx);

/* Appends a request of the node preparing (temporary memory, see
 * tflm_request); false when the arena is full. */
bool tflm_add_request(tflm_context *ctx, uint32_t bytes, int32_t callee);

/* Runs node index of subgraph; on failure keeps a message naming the
 * failure (the kernel's own, if any). */
tflm_status tflm_invoke_node(tflm_context *ctx, uint32_t subgraph, uint32_t index);

#endif /* TFLM_CORE_INTERPRETER_STATE_H */
