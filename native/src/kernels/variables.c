/*
 * VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE: resource variables
 * (TFLM's var_handle.cc, read_variable.cc, assign_variable.cc) through the
 * variable API of tflm/kernel.h. A handle is a RESOURCE tensor holding a
 * variable's id; VAR_HANDLE writes it in prepare (RESOURCE data is
 * persistent), ASSIGN_VARIABLE sizes the variable in prepare when the id
 * is known by then, READ_VARIABLE and ASSIGN_VARIABLE copy bytes at
 * invoke. A read of a variable nothing sized, or of another size than the
 * output, fails at invoke with the variable's name, as in TFLM.
 */
#include "kernel_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* Whether t holds one resource id: a RESOURCE (or, for ASSIGN_VARIABLE as
 * TFLM allows, INT32) tensor of one element. */
static bool is_handle(const tflm_tensor *t, bool int32_allowed)
{
    return t != NULL && tflm_element_count(t) == 1 &&
           (t->type == TFLM_TYPE_RESOURCE || (int32_allowed && t->type == TFLM_TYPE_INT32));
}

static int32_t id_of(const tflm_tensor *handle)
{
    int32_t id;
    __builtin_memcpy(&id, handle->data, sizeof id);
    return id;
}

/* ---- VAR_HANDLE --------------------------------------------------------------- */

static tflm_status var_handle_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *handle = tflm_output(ctx, node, 0);
    if (node->inputs->size != 0 || node->outputs->size != 1 || !is_handle(handle, false) ||
        handle->data == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "expected no inputs and one output, a RESOURCE of 1 element");
    }
    size_t container_length, name_length;
    const char *container = tflm_option_string(ctx, node, TFLM_OPTIONS_VAR_HANDLE,
                                               TFLM_VAR_HANDLE_OPTIONS_CONTAINER, &container_length);
    const char *name = tflm_option_string(ctx, node, TFLM_OPTIONS_VAR_HANDLE,
                                          TFLM_VAR_HANDLE_OPTIONS_SHARED_NAME, &name_length);
    if (name == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "VarHandleOptions have no shared_name");
    }
    int32_t *id = tflm_alloc_persistent(ctx, sizeof *id);
    if (id == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = id;
    tflm_status status = tflm_variable_handle(ctx, container, container_length, name, name_length, id);
    if (status == TFLM_OK) {
        __builtin_memcpy(handle->data, id, sizeof *id); /* for the prepares after this one */
    }
    return status;
}

static tflm_status var_handle_invoke(tflm_context *ctx, tflm_node *node)
{
    __builtin_memcpy(tflm_output(ctx, node, 0)->data, node->data, sizeof(int32_t));
    return TFLM_OK;
}

const tflm_kernel tflm_op_var_handle = {
    .builtin_code = TFLM_BUILTIN_VAR_HANDLE,
    .custom_name = NULL,
    .name = "VAR_HANDLE",
    .prepare = var_handle_prepare,
    .invoke = var_handle_invoke,
    .output_aliases_input = false,
};

/* ---- READ_VARIABLE -------------------------------------------------------------- */

static tflm_status read_variable_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (node->inputs->size != 1 || node->outputs->size != 1 ||
        !is_handle(tflm_input(ctx, node, 0), false) || output == NULL || output->is_constant) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "expected one input, a RESOURCE of 1 element, and one output tensor");
    }
    return TFLM_OK;
}

static tflm_status read_variable_invoke(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *output = tflm_output(ctx, node, 0);
    return tflm_variable_read(ctx, id_of(tflm_input(ctx, node, 0)), output->data, output->bytes);
}

const tflm_kernel tflm_op_read_variable = {
    .builtin_code = TFLM_BUILTIN_READ_VARIABLE,
    .custom_name = NULL,
    .name = "READ_VARIABLE",
    .prepare = read_variable_prepare,
    .invoke = read_variable_invoke,
    .output_aliases_input = false,
};

/* ---- ASSIGN_VARIABLE ------------------------------------------------------------ */

static tflm_status assign_variable_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *handle = tflm_input(ctx, node, 0);
    const tflm_tensor *value = tflm_input(ctx, node, 1);
    if (node->inputs->size != 2 || node->outputs->size != 0 || !is_handle(handle, true) ||
        value == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "expected two inputs, a RESOURCE (or INT32) of 1 element and a value, "
                         "and no outputs");
    }
    /* An id in a RESOURCE tensor is there from its VAR_HANDLE's prepare
     * on; an id passed in from another subgraph may come only at invoke
     * (TFLM then sizes nothing either). */
    const bool id_known = handle->data != NULL && (handle->type == TFLM_TYPE_RESOURCE || handle->is_constant);
    if (!id_known || id_of(handle) == TFLM_NO_VARIABLE) {
        return TFLM_OK;
    }
    /* TFLM fills a new variable with the value's zero point, as int8. */
    tflm_quantization q;
    tflm_tensor_quantization(ctx, value, &q);
    const int8_t fill = q.zero_point_count > 0 ? (int8_t)q.zero_points[0] : 0;
    return tflm_variable_allocate(ctx, id_of(handle), value->bytes, fill);
}

static tflm_status assign_variable_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *value = tflm_input(ctx, node, 1);
    return tflm_variable_assign(ctx, id_of(tflm_input(ctx, node, 0)), value->data, value->bytes);
}

const tflm_kernel tflm_op_assign_variable = {
    .builtin_code = TFLM_BUILTIN_ASSIGN_VARIABLE,
    .custom_name = NULL,
    .name = "ASSIGN_VARIABLE",
    .prepare = assign_variable_prepare,
    .invoke = assign_variable_invoke,
    .output_aliases_input = false,
};
