/*
 * interpreter_plan.h - the activation memory of an interpreter being
 * created: when each tensor and scratch buffer of every subgraph is live,
 * and where it goes in the arena (interpreter_plan.c explains the rules).
 */
#ifndef TFLM_CORE_INTERPRETER_PLAN_H
#define TFLM_CORE_INTERPRETER_PLAN_H

#include "core/interpreter_state.h"

/* Plans every planned tensor and scratch buffer after prepare and, when
 * the arena of given bytes holds the plan, sets their data pointers and
 * releases the temporary memory. *needed: the exact arena bytes (padding +
 * the larger of temporary peak and plan + persistent). Failures:
 * ARENA_TOO_SMALL with *needed set when the plan does not fit, or with
 * the arena's shortfall set when planning's own records did not; a bad
 * call graph (recursion, nesting) or a plan of 4 GiB, with the message in
 * ctx->message. */
tflm_status tflm_plan_memory(tflm_context *ctx, size_t given, size_t *needed);

struct tflm_memory_log;

/* tflm_plan_memory that also records every planned buffer, the plan's
 * size and the temporary peak in log (memory_log.h): for the memory
 * report only, so firmware links none of it. */
tflm_status tflm_plan_memory_logged(tflm_context *ctx, size_t given, size_t *needed,
                                    struct tflm_memory_log *log);

#endif /* TFLM_CORE_INTERPRETER_PLAN_H */
