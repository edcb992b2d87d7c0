/*
 * shared_arena.c - several interpreters in one arena (tflm.h, "Several
 * interpreters, one arena"). Each interpreter is created by the ordinary
 * create in the arena minus what the earlier ones keep at its end: create
 * puts its persistent part at the end of the memory it is given and plans
 * from the start, so the persistent parts stack downwards while every
 * planned part starts at the same base. Firmware that never shares an
 * arena links none of this.
 */
#include <string.h>

#include "core/format.h"
#include "core/interpreter_state.h"
#include "tflm/tflm.h"

void tflm_shared_arena_init(tflm_shared_arena *shared, void *arena, size_t size)
{
    memset(shared, 0, sizeof *shared);
    shared->base = arena;
    shared->size = size;
}

/* The bytes from the base to the arena's aligned end, where the first
 * interpreter's persistent part ends (as tflm_arena_init cuts it). */
static size_t aligned_extent(const tflm_shared_arena *shared)
{
    const uintptr_t base = (uintptr_t)shared->base;
    const uintptr_t end = tflm_arena_end(base, shared->size);
    return end > base ? (size_t)(end - base) : 0;
}

tflm_status tflm_interpreter_create_shared(tflm_interpreter **out, const void *model, size_t model_size,
                                           const tflm_op_resolver *resolver, tflm_shared_arena *shared,
                                           const tflm_interpreter_options *options, tflm_error *error)
{
    tflm_error ignored;
    error = error ? error : &ignored;
    if (shared == NULL || shared->base == NULL) {
        error->status = TFLM_ERROR_INVALID_ARGUMENT;
        tflm_format(error->message, sizeof error->message, 0,
                    "tflm_interpreter_create_shared: shared and its arena must not be NULL");
        return error->status;
    }
    /* Every persistent part is a multiple of the alignment below an aligned
     * end, so the free part ends aligned and the new persistent part lies
     * right below the last one. */
    const size_t extent = aligned_extent(shared);
    const size_t free_bytes = extent > shared->persistent ? extent - shared->persistent : 0;
    tflm_status status = tflm_interpreter_create_with_options(out, model, model_size, resolver, shared->base,
                                                              free_bytes, options, error);
    if (status == TFLM_ERROR_ARENA_TOO_SMALL && shared->interpreters > 0) {
        char own[TFLM_ERROR_MESSAGE_CAPACITY];
        memcpy(own, error->message, sizeof own);
        size_t at = tflm_format(error->message, sizeof error->message, 0,
                                "shared arena of %z bytes: the %u interpreter(s) created before keep %z; ",
                                shared->size, (unsigned)shared->interpreters, shared->persistent);
        tflm_format(error->message, sizeof error->message, at, "%s", own);
    }
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_context *ctx = &(*out)->context;
    /* Create's last persistent allocation, the scratch pointer table (even
     * of no entries), starts the persistent part, which ends at free_bytes. */
    const size_t persistent = (size_t)(shared->base + free_bytes - (const uint8_t *)ctx->scratch);
    const size_t planned = ctx->arena_used - persistent; /* padding included */
    const size_t largest = planned > shared->planned ? planned : shared->planned;
    /* Create kept the new persistent part clear of the new plan; it must
     * also stay clear of the earlier interpreters' plans. */
    if (free_bytes < shared->planned || free_bytes - shared->planned < persistent) {
        *out = NULL;
        error->status = TFLM_ERROR_ARENA_TOO_SMALL;
        tflm_format(error->message, sizeof error->message, 0,
                    "shared arena too small: its %u interpreters need %z bytes together, %z given",
                    (unsigned)shared->interpreters + 1u,
                    largest + shared->persistent + persistent, shared->size);
        return error->status;
    }
    shared->persistent += persistent;
    shared->planned = largest;
    shared->interpreters++;
    return TFLM_OK;
}

size_t tflm_shared_arena_used(const tflm_shared_arena *shared)
{
    return shared != NULL ? shared->planned + shared->persistent : 0;
}
