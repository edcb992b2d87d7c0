/*
 * resource_variables.c - the resource variables of kernel.h, as TFLM's
 * MicroResourceVariables: a list of named variables in persistent memory,
 * each sized once in prepare. Linked only by kernels that use them.
 */
#include <string.h>

#include "core/arena.h"
#include "core/interpreter_state.h"

/* Names longer than this are cut in messages. */
#define NAME_IN_MESSAGE 32

static bool same_name(const char *a, uint32_t a_length, const char *b, size_t b_length)
{
    return a_length == b_length && (a_length == 0 || memcmp(a, b, a_length) == 0);
}

static tflm_variable *variable_at(const tflm_context *ctx, int32_t id)
{
    tflm_variable *v = ctx->variables;
    while (v != NULL && v->id != id) {
        v = v->next;
    }
    return v;
}

tflm_status tflm_variable_handle(tflm_context *ctx, const char *container, size_t container_length,
                                 const char *shared_name, size_t shared_name_length, int32_t *id)
{
    if (!tflm_preparing(ctx) || id == NULL || (container == NULL && container_length != 0) ||
        (shared_name == NULL && shared_name_length != 0) || container_length > UINT32_MAX ||
        shared_name_length > UINT32_MAX) {
        return tflm_fail(ctx, TFLM_ERROR_INVALID_ARGUMENT,
                         "tflm_variable_handle: prepare only, with names and an id to set");
    }
    for (tflm_variable *v = ctx->variables; v != NULL; v = v->next) {
        /* A variable created without a container has the empty one. */
        if (same_name(v->shared_name, v->shared_name_length, shared_name, shared_name_length) &&
            (container == NULL ||
             same_name(v->container, v->container_length, container, container_length))) {
            *id = v->id;
            return TFLM_OK;
        }
    }
    tflm_variable *v = tflm_alloc_persistent_for(ctx, sizeof *v, TFLM_MEMORY_VARIABLES);
    if (v == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    *v = (tflm_variable){ctx->variables, container, shared_name, (uint32_t)container_length,
                         (uint32_t)shared_name_length, NULL, 0,
                         ctx->variables ? ctx->variables->id + 1 : 0, 0};
    ctx->variables = v;
    *id = v->id;
    return TFLM_OK;
}

/* The variable of id for a kernel at the phase it may use it, or NULL
 * after recording why not. */
static tflm_variable *usable(tflm_context *ctx, int32_t id, bool in_prepare, const void *data,
                             size_t bytes, tflm_status *status)
{
    if (tflm_preparing(ctx) != in_prepare || (data == NULL && bytes != 0 && !in_prepare)) {
        *status = tflm_fail(ctx, TFLM_ERROR_INVALID_ARGUMENT, "tflm_variable_%s: %s only",
                            in_prepare ? "allocate" : "read/assign", in_prepare ? "prepare" : "invoke");
        return NULL;
    }
    tflm_variable *v = variable_at(ctx, id);
    if (v == NULL) {
        *status = tflm_fail(ctx, TFLM_ERROR_KERNEL, "no resource variable %d", id);
        return NULL;
    }
    int name_length = (int)(v->shared_name_length > NAME_IN_MESSAGE ? NAME_IN_MESSAGE
                                                                    : v->shared_name_length);
    if (v->data == NULL && !in_prepare) {
        *status = tflm_fail(ctx, TFLM_ERROR_KERNEL,
                            "resource variable %d (%.*s) has no value: nothing sized it in prepare",
                            id, name_length, v->shared_name);
        return NULL;
    }
    if (v->data != NULL && bytes != v->bytes) {
        *status = tflm_fail(ctx, TFLM_ERROR_KERNEL,
                            "resource variable %d (%.*s) holds %u bytes, not %z", id, name_length,
                            v->shared_name, v->bytes, bytes);
        return NULL;
    }
    return v;
}

tflm_status tflm_variable_allocate(tflm_context *ctx, int32_t id, size_t bytes, int8_t fill)
{
    tflm_status status = TFLM_OK;
    tflm_variable *v = usable(ctx, id, true, NULL, bytes, &status);
    if (v == NULL || v->data != NULL) {
        return status;
    }
    if (bytes > UINT32_MAX) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "resource variable %d: %z bytes", id, bytes);
    }
    v->data = tflm_alloc_persistent_for(ctx, bytes, TFLM_MEMORY_VARIABLES);
    if (v->data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    v->bytes = (uint32_t)bytes;
    v->fill = fill;
    memset(v->data, fill, bytes);
    return TFLM_OK;
}

tflm_status tflm_variable_read(tflm_context *ctx, int32_t id, void *data, size_t bytes)
{
    tflm_status status = TFLM_OK;
    tflm_variable *v = usable(ctx, id, false, data, bytes, &status);
    if (v != NULL && bytes != 0) {
        memcpy(data, v->data, bytes);
    }
    return status;
}

tflm_status tflm_variable_assign(tflm_context *ctx, int32_t id, const void *data, size_t bytes)
{
    tflm_status status = TFLM_OK;
    tflm_variable *v = usable(ctx, id, false, data, bytes, &status);
    if (v != NULL && bytes != 0) {
        memcpy(v->data, data, bytes);
    }
    return status;
}
