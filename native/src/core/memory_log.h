/*
 * memory_log.h - what tflm_memory_report (memory_report.c) collects while
 * an interpreter is created: filled by create's steps only when a log is
 * given, which tflm_interpreter_create never does, so its code folds away
 * and firmware links none of it.
 */
#ifndef TFLM_CORE_MEMORY_LOG_H
#define TFLM_CORE_MEMORY_LOG_H

#include "core/interpreter_state.h"

typedef struct tflm_memory_log {
    tflm_memory_summary *summary;
    tflm_memory_operator *operators; /* one per node of the node table (capacity kept) */
    size_t operator_capacity;
    tflm_memory_buffer *buffers;
    size_t buffer_capacity;
    uint32_t tagged[TFLM_MEMORY_PURPOSE_COUNT]; /* the arena's counts (arena.h), per node */
} tflm_memory_log;

/* Create with a log: as tflm_interpreter_create_with_options, with every
 * node's persistent bytes and the plan recorded in log (interpreter.c). */
tflm_status tflm_create_logged(tflm_interpreter **out, const void *model, size_t model_size,
                               const tflm_op_resolver *resolver, void *arena, size_t arena_size,
                               const tflm_interpreter_options *options, tflm_error *error,
                               tflm_memory_log *log);

/* Adds a plan entry (kept while capacity lasts; counted always). */
void tflm_memory_log_buffer(tflm_memory_log *log, const tflm_memory_buffer *buffer);

#endif /* TFLM_CORE_MEMORY_LOG_H */
