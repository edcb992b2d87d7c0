/*
 * subgraph_kernels.h - test-only custom kernels for the subgraph and
 * resource variable mechanism of kernel.h, run by the hand-built models of
 * native/tests/models (written by the Java writer: NativeTestModels) in
 * the C tests and the fuzz target:
 *
 *   TEST_VAR_HANDLE  output 0: a RESOURCE scalar, the id of the variable
 *                    its options name, as TFLM's VAR_HANDLE. Options: byte
 *                    0 the container's length (255: no container), the
 *                    container, then the shared name.
 *   TEST_CALL        input 0: int32 x; input 1 (optional): a RESOURCE
 *                    scalar naming a variable; output 0: int32 y shaped as
 *                    x. Options: the int32 index of the subgraph to call,
 *                    or -1. y is that subgraph run on x (one int32 input
 *                    and one output, shaped as x), or x + 1 without one.
 *                    With a variable, which it sizes in prepare as
 *                    ASSIGN_VARIABLE does, the variable accumulates y and
 *                    y becomes its new value.
 *   TEST_ADD_INT64   output = input 0 + input 1, int64 of one shape; its
 *                    prepare refuses constant data at an address not
 *                    aligned for int64.
 *   TEST_BELOW       output 0, BOOL of 1 element: whether element 0 of
 *                    input 0 (int32) is below the int32 of its options (a
 *                    WHILE condition without comparison kernels).
 *
 * Prepare checks everything invoke relies on, so a model they accept
 * always invokes (the fuzz target's rule). Arithmetic wraps (unsigned).
 */
#ifndef TFLM_TESTS_SUBGRAPH_KERNELS_H
#define TFLM_TESTS_SUBGRAPH_KERNELS_H

#include <string.h>

#include "tflm/kernel.h"

enum { TEST_NO_CONTAINER = 255 };

static tflm_status test_var_handle_prepare(tflm_context *ctx, tflm_node *node)
{
    const uint8_t *options = node->custom_options;
    uint32_t size = node->custom_options_size;
    tflm_tensor *handle = tflm_output(ctx, node, 0);
    if (handle == NULL || handle->type != TFLM_TYPE_RESOURCE || handle->bytes != 4 ||
        handle->data == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output 0 must be a RESOURCE scalar");
    }
    if (size < 1 || (options[0] != TEST_NO_CONTAINER && size < 1u + options[0])) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "options must hold a container and a name");
    }
    uint32_t container_length = options[0] == TEST_NO_CONTAINER ? 0 : options[0];
    const char *container = options[0] == TEST_NO_CONTAINER ? NULL : (const char *)options + 1;
    int32_t *id = tflm_alloc_persistent(ctx, sizeof *id);
    if (id == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = id;
    tflm_status status =
        tflm_variable_handle(ctx, container, container_length, (const char *)options + 1 + container_length,
                             size - 1 - container_length, id);
    if (status == TFLM_OK) {
        memcpy(handle->data, id, sizeof *id); /* persistent: later prepares read it */
    }
    return status;
}

static tflm_status test_var_handle_invoke(tflm_context *ctx, tflm_node *node)
{
    memcpy(tflm_output(ctx, node, 0)->data, node->data, sizeof(int32_t));
    return TFLM_OK;
}

typedef struct test_call_data {
    int32_t subgraph; /* -1: none */
    int32_t variable; /* TFLM_NO_VARIABLE: none */
    int32_t scratch;  /* the variable's value while adding */
} test_call_data;

static bool test_int32_like(const tflm_tensor *t, const tflm_tensor *x)
{
    return t != NULL && t->type == TFLM_TYPE_INT32 && t->bytes == x->bytes;
}

static tflm_status test_call_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *x = tflm_input(ctx, node, 0), *y = tflm_output(ctx, node, 0);
    const tflm_tensor *handle = tflm_input(ctx, node, 1);
    if (x == NULL || x->type != TFLM_TYPE_INT32 || y == NULL || y->type != TFLM_TYPE_INT32 ||
        y->bytes != x->bytes || node->custom_options_size != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "needs int32 x and y of one shape, 4 bytes of options");
    }
    test_call_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    memcpy(&data->subgraph, node->custom_options, sizeof data->subgraph);
    data->variable = TFLM_NO_VARIABLE;
    if (data->subgraph != -1) {
        tflm_status status = tflm_request_subgraph(ctx, data->subgraph);
        if (status != TFLM_OK) {
            return status;
        }
        if (tflm_subgraph_input_count(ctx, data->subgraph) != 1 ||
            tflm_subgraph_output_count(ctx, data->subgraph) != 1 ||
            !test_int32_like(tflm_subgraph_input(ctx, data->subgraph, 0), x) ||
            !test_int32_like(tflm_subgraph_output(ctx, data->subgraph, 0), x)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "subgraph %d must map x to y", data->subgraph);
        }
    }
    if (handle == NULL) {
        return TFLM_OK;
    }
    if (handle->type != TFLM_TYPE_RESOURCE || handle->bytes != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input 1 must be a RESOURCE scalar");
    }
    memcpy(&data->variable, handle->data, sizeof data->variable); /* resource data is persistent */
    if (data->variable == TFLM_NO_VARIABLE) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input 1 names no resource variable yet");
    }
    tflm_status status = tflm_variable_allocate(ctx, data->variable, y->bytes, 0);
    return status == TFLM_OK ? tflm_request_scratch(ctx, y->bytes, &data->scratch) : status;
}

static tflm_status test_call_invoke(tflm_context *ctx, tflm_node *node)
{
    const test_call_data *data = node->data;
    const tflm_tensor *x = tflm_input(ctx, node, 0);
    tflm_tensor *y = tflm_output(ctx, node, 0);
    int32_t count = (int32_t)(x->bytes / 4);
    if (data->subgraph != -1) {
        memcpy(tflm_subgraph_input(ctx, data->subgraph, 0)->data, x->data, x->bytes);
        tflm_status status = tflm_invoke_subgraph(ctx, data->subgraph);
        if (status != TFLM_OK) {
            return status;
        }
        memcpy(y->data, tflm_subgraph_output(ctx, data->subgraph, 0)->data, y->bytes);
    } else {
        for (int32_t i = 0; i < count; i++) {
            ((uint32_t *)y->data)[i] = ((const uint32_t *)x->data)[i] + 1u;
        }
    }
    if (data->variable == TFLM_NO_VARIABLE) {
        return TFLM_OK;
    }
    uint32_t *sum = tflm_scratch(ctx, data->scratch);
    tflm_status status = tflm_variable_read(ctx, data->variable, sum, y->bytes);
    for (int32_t i = 0; status == TFLM_OK && i < count; i++) {
        ((uint32_t *)y->data)[i] += sum[i];
    }
    return status == TFLM_OK ? tflm_variable_assign(ctx, data->variable, y->data, y->bytes) : status;
}

static bool test_int64_aligned(const tflm_tensor *t)
{
    return t->data != NULL && ((uintptr_t)t->data & 7u) == 0;
}

static tflm_status test_add_int64_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *a = tflm_input(ctx, node, 0), *b = tflm_input(ctx, node, 1);
    const tflm_tensor *out = tflm_output(ctx, node, 0);
    if (a == NULL || b == NULL || out == NULL || a->type != TFLM_TYPE_INT64 ||
        b->type != TFLM_TYPE_INT64 || out->type != TFLM_TYPE_INT64 || a->bytes != out->bytes ||
        b->bytes != out->bytes) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "needs int64 a, b and output of one shape");
    }
    if ((a->is_constant && !test_int64_aligned(a)) || (b->is_constant && !test_int64_aligned(b))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "constant int64 data at a misaligned address");
    }
    return TFLM_OK;
}

static tflm_status test_add_int64_invoke(tflm_context *ctx, tflm_node *node)
{
    const uint64_t *a = tflm_input(ctx, node, 0)->data, *b = tflm_input(ctx, node, 1)->data;
    tflm_tensor *out = tflm_output(ctx, node, 0);
    for (uint32_t i = 0; i < out->bytes / 8; i++) {
        ((uint64_t *)out->data)[i] = a[i] + b[i];
    }
    return TFLM_OK;
}

static tflm_status test_below_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *x = tflm_input(ctx, node, 0), *out = tflm_output(ctx, node, 0);
    if (x == NULL || x->type != TFLM_TYPE_INT32 || x->bytes < 4 || out == NULL ||
        out->type != TFLM_TYPE_BOOL || out->bytes != 1 || node->custom_options_size != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "needs int32 x, a BOOL of 1 element, 4 bytes of options");
    }
    return TFLM_OK;
}

static tflm_status test_below_invoke(tflm_context *ctx, tflm_node *node)
{
    int32_t x, limit;
    memcpy(&x, tflm_input(ctx, node, 0)->data, 4);
    memcpy(&limit, node->custom_options, 4);
    *(bool *)tflm_output(ctx, node, 0)->data = x < limit;
    return TFLM_OK;
}

static const tflm_kernel test_var_handle = {TFLM_BUILTIN_CUSTOM, "TEST_VAR_HANDLE", "TEST_VAR_HANDLE",
                                            test_var_handle_prepare, test_var_handle_invoke, false, NULL};
static const tflm_kernel test_call = {TFLM_BUILTIN_CUSTOM, "TEST_CALL", "TEST_CALL",
                                      test_call_prepare, test_call_invoke, false, NULL};
static const tflm_kernel test_add_int64 = {TFLM_BUILTIN_CUSTOM, "TEST_ADD_INT64", "TEST_ADD_INT64",
                                           test_add_int64_prepare, test_add_int64_invoke, false, NULL};

static const tflm_kernel test_below = {TFLM_BUILTIN_CUSTOM, "TEST_BELOW", "TEST_BELOW",
                                       test_below_prepare, test_below_invoke, false, NULL};

enum { TEST_SUBGRAPH_KERNEL_COUNT = 4 };

/* Adds the kernels to a resolver with room for TEST_SUBGRAPH_KERNEL_COUNT
 * more. */
static tflm_status test_add_subgraph_kernels(tflm_op_resolver *resolver)
{
    tflm_status status = tflm_op_resolver_add(resolver, &test_var_handle);
    status = status == TFLM_OK ? tflm_op_resolver_add(resolver, &test_call) : status;
    status = status == TFLM_OK ? tflm_op_resolver_add(resolver, &test_add_int64) : status;
    return status == TFLM_OK ? tflm_op_resolver_add(resolver, &test_below) : status;
}

#endif /* TFLM_TESTS_SUBGRAPH_KERNELS_H */
