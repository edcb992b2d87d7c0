/*
 * IF, WHILE and CALL_ONCE: operators that run other subgraphs of the model
 * (TFLM's if.cc, while.cc, call_once.cc), through the subgraph API of
 * tflm/kernel.h. As in TFLM, tensors travel by copy: the node's inputs
 * into the subgraph's inputs, the subgraph's outputs into the node's
 * outputs.
 *
 * TFLM checks only tensor counts in prepare and byte counts while copying;
 * here prepare checks what every copy relies on (each pair of tensors of
 * one type and one element count, the condition a BOOL of one element),
 * so invoke cannot fail on a model prepare accepted. Out-of-range
 * subgraph indices, recursion and nesting deeper than
 * TFLM_MAX_SUBGRAPH_DEPTH are refused by the interpreter when the calls
 * are requested and planned.
 */
#include <string.h>

#include "kernel_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* Resource ids a node passes on are known in prepare (RESOURCE data is
 * persistent), so they are written into the callee's tensors right away:
 * an ASSIGN_VARIABLE prepared later in the callee then sizes its variable,
 * as it would in the caller. */
static void pass_resource_ids(const tflm_tensor *from, tflm_tensor *to)
{
    if (from->type == TFLM_TYPE_RESOURCE && from->data != NULL && to->data != NULL &&
        to->data != from->data) {
        memcpy(to->data, from->data, from->bytes);
    }
}

/* Whether a and b can be copied into each other: one type, one element
 * count. Fails naming both otherwise. */
static tflm_status same_kind(tflm_context *ctx, const char *what, int index, const tflm_tensor *a,
                             const char *subgraph_what, int32_t subgraph, int subgraph_index,
                             const tflm_tensor *b)
{
    if (a == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s %d is absent; subgraph %d needs it as its %s %d",
                         what, index, subgraph, subgraph_what, subgraph_index);
    }
    if (a->type != b->type || tflm_element_count(a) != tflm_element_count(b)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "%s %d (%s, %d elements) does not match subgraph %d %s %d (%s, %d elements)",
                         what, index, tflm_type_name_of(a->type), (int)tflm_element_count(a),
                         subgraph, subgraph_what, subgraph_index, tflm_type_name_of(b->type),
                         (int)tflm_element_count(b));
    }
    return TFLM_OK;
}

/* The node's inputs from first on are the inputs of subgraph, one for one. */
static tflm_status inputs_match(tflm_context *ctx, const tflm_node *node, int first, int32_t subgraph)
{
    const int32_t count = node->inputs->size - first;
    if (tflm_subgraph_input_count(ctx, subgraph) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "passes %d inputs; subgraph %d takes %d", (int)count,
                         subgraph, (int)tflm_subgraph_input_count(ctx, subgraph));
    }
    for (int32_t i = 0; i < count; i++) {
        const tflm_tensor *mine = tflm_input(ctx, node, first + (int)i);
        tflm_tensor *theirs = tflm_subgraph_input(ctx, subgraph, i);
        tflm_status status = same_kind(ctx, "input", first + (int)i, mine, "input", subgraph, (int)i, theirs);
        if (status != TFLM_OK) {
            return status;
        }
        if (theirs->is_constant) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "subgraph %d input %d is a constant: it cannot take input %d",
                             subgraph, (int)i, first + (int)i);
        }
        pass_resource_ids(mine, theirs);
    }
    return TFLM_OK;
}

/* The node's outputs are the outputs of subgraph, one for one. */
static tflm_status outputs_match(tflm_context *ctx, const tflm_node *node, int32_t subgraph)
{
    const int32_t count = node->outputs->size;
    if (tflm_subgraph_output_count(ctx, subgraph) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "has %d outputs; subgraph %d gives %d", (int)count,
                         subgraph, (int)tflm_subgraph_output_count(ctx, subgraph));
    }
    for (int32_t i = 0; i < count; i++) {
        const tflm_tensor *mine = tflm_output(ctx, node, (int)i);
        tflm_status status = same_kind(ctx, "output", (int)i, mine, "output", subgraph, (int)i,
                                       tflm_subgraph_output(ctx, subgraph, i));
        if (status != TFLM_OK) {
            return status;
        }
        if (mine->is_constant) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output %d is a constant", (int)i);
        }
    }
    return TFLM_OK;
}

/* Copies the node's inputs from first on into subgraph's inputs. */
static void copy_inputs_in(tflm_context *ctx, const tflm_node *node, int first, int32_t subgraph)
{
    for (int32_t i = 0; i + first < node->inputs->size; i++) {
        const tflm_tensor *from = tflm_input(ctx, node, first + (int)i);
        tflm_tensor *to = tflm_subgraph_input(ctx, subgraph, i);
        if (to->data != from->data) {
            memcpy(to->data, from->data, from->bytes);
        }
    }
}

/* Copies the node's outputs into subgraph's inputs (WHILE's loop). */
static void copy_outputs_in(tflm_context *ctx, const tflm_node *node, int32_t subgraph)
{
    for (int32_t i = 0; i < node->outputs->size; i++) {
        const tflm_tensor *from = tflm_output(ctx, node, (int)i);
        tflm_tensor *to = tflm_subgraph_input(ctx, subgraph, i);
        if (to->data != from->data) {
            memcpy(to->data, from->data, from->bytes);
        }
    }
}

/* Copies subgraph's outputs into the node's outputs. */
static void copy_outputs_out(tflm_context *ctx, const tflm_node *node, int32_t subgraph)
{
    for (int32_t i = 0; i < node->outputs->size; i++) {
        const tflm_tensor *from = tflm_subgraph_output(ctx, subgraph, i);
        tflm_tensor *to = tflm_output(ctx, node, (int)i);
        if (to->data != from->data) {
            memcpy(to->data, from->data, from->bytes);
        }
    }
}

/* Two subgraph indices, from IfOptions or WhileOptions. */
typedef struct branch_data {
    int32_t first;  /* then / cond */
    int32_t second; /* else / body */
} branch_data;

static tflm_status request_two(tflm_context *ctx, tflm_node *node, int32_t first, int32_t second)
{
    branch_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    *data = (branch_data){first, second};
    node->data = data;
    tflm_status status = tflm_request_subgraph(ctx, first);
    return status == TFLM_OK && second != first ? tflm_request_subgraph(ctx, second) : status;
}

static bool is_bool_scalar(const tflm_tensor *t)
{
    return t != NULL && t->type == TFLM_TYPE_BOOL && tflm_element_count(t) == 1;
}

/* ---- IF ------------------------------------------------------------------- */

static tflm_status if_prepare(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *cond = tflm_input(ctx, node, 0);
    if (!is_bool_scalar(cond)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input 0 (the condition) must be BOOL of 1 element, got %s",
                         cond ? tflm_type_name_of(cond->type) : "none");
    }
    const int32_t branches[2] = {tflm_if_options_then_subgraph_index(ctx, node),
                                 tflm_if_options_else_subgraph_index(ctx, node)};
    tflm_status status = request_two(ctx, node, branches[0], branches[1]);
    for (int b = 0; status == TFLM_OK && b < 2; b++) {
        status = inputs_match(ctx, node, 1, branches[b]);
        status = status == TFLM_OK ? outputs_match(ctx, node, branches[b]) : status;
    }
    return status;
}

static tflm_status if_invoke(tflm_context *ctx, tflm_node *node)
{
    const branch_data *data = node->data;
    const bool cond = *(const uint8_t *)tflm_input(ctx, node, 0)->data != 0; /* any nonzero byte */
    const int32_t branch = cond ? data->first : data->second;
    copy_inputs_in(ctx, node, 1, branch);
    tflm_status status = tflm_invoke_subgraph(ctx, branch);
    if (status == TFLM_OK) {
        copy_outputs_out(ctx, node, branch);
    }
    return status;
}

const tflm_kernel tflm_op_if = {
    .builtin_code = TFLM_BUILTIN_IF,
    .custom_name = NULL,
    .name = "IF",
    .prepare = if_prepare,
    .invoke = if_invoke,
    .output_aliases_input = false,
};

/* ---- WHILE ------------------------------------------------------------------ */

static tflm_status while_prepare(tflm_context *ctx, tflm_node *node)
{
    const int32_t cond = tflm_while_options_cond_subgraph_index(ctx, node);
    const int32_t body = tflm_while_options_body_subgraph_index(ctx, node);
    if (node->inputs->size != node->outputs->size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "has %d inputs and %d outputs; the loop needs as many of each",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    tflm_status status = request_two(ctx, node, cond, body);
    status = status == TFLM_OK ? inputs_match(ctx, node, 0, cond) : status;
    status = status == TFLM_OK ? inputs_match(ctx, node, 0, body) : status;
    status = status == TFLM_OK ? outputs_match(ctx, node, body) : status;
    for (int32_t i = 0; status == TFLM_OK && i < node->inputs->size; i++) {
        /* Input i starts in output i; ids go along. The checks above made
         * both of the kind of body input i. */
        pass_resource_ids(tflm_input(ctx, node, (int)i), tflm_output(ctx, node, (int)i));
    }
    if (status == TFLM_OK && (tflm_subgraph_output_count(ctx, cond) != 1 ||
                              !is_bool_scalar(tflm_subgraph_output(ctx, cond, 0)))) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "cond subgraph %d must give one output, BOOL of 1 element",
                         cond);
    }
    return status;
}

static bool condition(tflm_context *ctx, int32_t cond, tflm_status *status)
{
    *status = tflm_invoke_subgraph(ctx, cond);
    return *status == TFLM_OK && *(const uint8_t *)tflm_subgraph_output(ctx, cond, 0)->data != 0;
}

/* As TFLM: the inputs go to cond and to the outputs; while cond holds, the
 * outputs go through body and back, and to cond again. A condition that
 * never turns false loops forever, in TFLM too. */
static tflm_status while_invoke(tflm_context *ctx, tflm_node *node)
{
    const branch_data *data = node->data;
    const int32_t cond = data->first, body = data->second;
    copy_inputs_in(ctx, node, 0, cond);
    for (int32_t i = 0; i < node->inputs->size; i++) {
        const tflm_tensor *in = tflm_input(ctx, node, (int)i);
        tflm_tensor *out = tflm_output(ctx, node, (int)i);
        if (out->data != in->data) {
            memcpy(out->data, in->data, in->bytes);
        }
    }
    tflm_status status;
    while (condition(ctx, cond, &status)) {
        copy_outputs_in(ctx, node, body);
        status = tflm_invoke_subgraph(ctx, body);
        if (status != TFLM_OK) {
            return status;
        }
        copy_outputs_out(ctx, node, body);
        copy_outputs_in(ctx, node, cond);
    }
    return status;
}

const tflm_kernel tflm_op_while = {
    .builtin_code = TFLM_BUILTIN_WHILE,
    .custom_name = NULL,
    .name = "WHILE",
    .prepare = while_prepare,
    .invoke = while_invoke,
    .output_aliases_input = false,
};

/* ---- CALL_ONCE -------------------------------------------------------------- */

typedef struct call_once_data {
    int32_t subgraph;
    bool has_run; /* as TFLM: not reset by tflm_interpreter_reset_state */
} call_once_data;

static tflm_status call_once_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 0 || node->outputs->size != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected no inputs and no outputs, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    call_once_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->subgraph = tflm_call_once_options_init_subgraph_index(ctx, node);
    node->data = data;
    return tflm_request_subgraph(ctx, data->subgraph);
}

static tflm_status call_once_invoke(tflm_context *ctx, tflm_node *node)
{
    call_once_data *data = node->data;
    if (data->has_run) {
        return TFLM_OK;
    }
    tflm_status status = tflm_invoke_subgraph(ctx, data->subgraph);
    data->has_run = status == TFLM_OK;
    return status;
}

const tflm_kernel tflm_op_call_once = {
    .builtin_code = TFLM_BUILTIN_CALL_ONCE,
    .custom_name = NULL,
    .name = "CALL_ONCE",
    .prepare = call_once_prepare,
    .invoke = call_once_invoke,
    .output_aliases_input = false,
};
