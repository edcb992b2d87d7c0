/*
 * interpreter_state.h - the interpreter as the core's files share it. The
 * kernels' tflm_context and the application's tflm_interpreter are the
 * same object: kernels see it through kernel.h only.
 */
#ifndef TFLM_CORE_INTERPRETER_STATE_H
#define TFLM_CORE_INTERPRETER_STATE_H

#include "core/arena.h"
#include "tflm/kernel.h"

/* A scratch buffer asked for in prepare; one arena alignment unit each so
 * the records taken from the arena's head one by one stay contiguous. */
typedef struct tflm_scratch_request {
    uint32_t bytes;
    int32_t node;
    uint32_t unused[2];
} tflm_scratch_request;

struct tflm_context {
    const uint8_t *model;
    size_t model_size;
    uint32_t tensor_tables;       /* subgraph 0's tensors vector (position) */
    tflm_tensor *tensors;
    uint32_t tensor_count;
    tflm_node *nodes;
    uint32_t node_count;
    const tflm_int_array *inputs; /* into the model */
    const tflm_int_array *outputs;
    tflm_scratch_request *scratch_requests; /* while preparing (temporary) */
    void **scratch;               /* after planning: one pointer per request */
    uint32_t scratch_count;
    int32_t current_node;         /* -1 outside prepare/invoke */
    bool preparing;
    tflm_isa isa;                 /* kernels' instruction set level (never BEST) */
    tflm_arena arena;
    size_t arena_used;
    char message[TFLM_ERROR_MESSAGE_CAPACITY];
};

struct tflm_interpreter {
    struct tflm_context context;
};

/* The model table of tensor index (subgraph 0). */
uint32_t tflm_tensor_table(const tflm_context *ctx, uint32_t index);

/* Name of a node's op for messages: the kernel's, else the schema's. */
const char *tflm_node_name(const tflm_node *node);

/* The first zero point of a tensor (0 when it has none). */
int64_t tflm_tensor_zero_point(const tflm_context *ctx, uint32_t index);

/* Fills the variable tensors with zero (int8: their zero point, as TFLM). */
void tflm_reset_variables(tflm_context *ctx);

#endif /* TFLM_CORE_INTERPRETER_STATE_H */
