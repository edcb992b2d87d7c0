/* IF, WHILE, CALL_ONCE, VAR_HANDLE, READ_VARIABLE and ASSIGN_VARIABLE
 * (control_flow.c, variables.c) on the hand-built models of
 * native/tests/models (NativeTestModels: control_flow, while_recursive,
 * variables, variable_misread): both branches of IF, WHILE looping zero
 * to many times, variables initialised once by CALL_ONCE, accumulating
 * across invokes and filled again by reset_state; and hostile variants,
 * each refused with its message: subgraph indices out of range, a WHILE
 * body calling itself or the main graph, a branch taking other counts,
 * types or sizes of tensors than the node passes, a condition that is not
 * BOOL, a variable read into a tensor of another size. A kernel stopping
 * the invoke (TFLM_STOPPED_EARLY) inside a subgraph stops it all. */
#include "core/flatbuffer.h"
#include "core/model.h"
#include "model_files.h"
#include "subgraph_kernels.h"
#include "test.h"
#include "tflm/ops.h"

enum { ARENA_SIZE = 1 << 15 };
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));
static const tflm_kernel *storage[TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];

static void all_kernels(tflm_op_resolver *ops)
{
    tflm_op_resolver_init(ops, storage, TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(ops));
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(ops));
}

/* An interpreter of the test model name with every kernel (the model's
 * bytes in *model, to free), or NULL after saying why. */
static tflm_interpreter *create(const char *name, uint8_t **model)
{
    size_t size;
    *model = load_test_model(name, &size);
    tflm_op_resolver ops;
    all_kernels(&ops);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, *model, size, &ops, arena, ARENA_SIZE, &error));
    if (error.status != TFLM_OK) {
        fprintf(stderr, "%s: %s\n", name, error.message);
        return NULL;
    }
    return interp;
}

static void check_message(const char *message, const char *text)
{
    if (strstr(message, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", message, text);
        tflm_test_failures++;
    }
}

static void *input_data(tflm_interpreter *interp, size_t i, size_t bytes)
{
    tflm_tensor_info info;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_input(interp, i, &info));
    CHECK_EQ_INT(bytes, info.bytes);
    return info.data;
}

static const void *output_data(tflm_interpreter *interp, size_t i)
{
    tflm_tensor_info info;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, i, &info));
    return info.data;
}

/* control_flow: y = (cond ? x + x : x + 100) * 2^(3 - i) for i < 3, and j
 * = max(i, 3). */
static void run_if_while(tflm_interpreter *interp, bool cond, int32_t i, const int32_t x[4])
{
    *(bool *)input_data(interp, 0, 1) = cond;
    memcpy(input_data(interp, 1, 4), &i, 4);
    memcpy(input_data(interp, 2, 16), x, 16);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    const int32_t *y = output_data(interp, 0), *j = output_data(interp, 1);
    const int32_t loops = i < 3 ? 3 - i : 0;
    for (int e = 0; e < 4; e++) {
        const int32_t a = cond ? x[e] + x[e] : x[e] + 100;
        CHECK_EQ_INT(a * (1 << loops), y[e]);
    }
    CHECK_EQ_INT(i < 3 ? 3 : i, j[0]);
}

static void test_if_while(void)
{
    uint8_t *model;
    tflm_interpreter *interp = create("control_flow", &model);
    if (interp == NULL) {
        free(model);
        return;
    }
    const int32_t x[4] = {1, -2, 30, 7};
    run_if_while(interp, true, 0, x);  /* then, three loops */
    run_if_while(interp, false, 2, x); /* else, one loop */
    run_if_while(interp, true, 3, x);  /* no loop: the inputs pass through */
    run_if_while(interp, false, -5, x);
    run_if_while(interp, true, 9, x);
    free(model);
}

static uint32_t operator_table(const uint8_t *model, uint32_t subgraph, uint32_t op)
{
    uint32_t operators = fb_field_vector(model, model_subgraph(model, subgraph), SUBGRAPH_OPERATORS);
    return fb_vector_table(model, operators, op);
}

/* Sets int field of the builtin options of operator op of subgraph 0 (the
 * writer writes every field that is not 0). */
static void set_option(uint8_t *model, uint32_t op, unsigned field, int32_t value)
{
    uint32_t options = fb_field_table(model, operator_table(model, 0, op), OPERATOR_BUILTIN_OPTIONS);
    uint32_t at = fb_field(model, options, field);
    CHECK(at != 0);
    memcpy(model + at, &value, 4);
}

enum { IF_OP = 0, WHILE_OP = 1, THEN = 0, ELSE = 1, COND = 0, BODY = 1 };

typedef void (*patch_fn)(uint8_t *model);

static void then_out_of_range(uint8_t *m) { set_option(m, IF_OP, THEN, 7); }
static void else_negative(uint8_t *m) { set_option(m, IF_OP, ELSE, -1); }
static void then_takes_two(uint8_t *m) { set_option(m, IF_OP, THEN, 3); }
static void then_float(uint8_t *m) { set_option(m, IF_OP, THEN, 5); }
static void else_short(uint8_t *m) { set_option(m, IF_OP, ELSE, 6); }
static void body_is_main(uint8_t *m) { set_option(m, WHILE_OP, BODY, 0); }
static void cond_is_body(uint8_t *m) { set_option(m, WHILE_OP, COND, 4); }
static void body_is_cond(uint8_t *m) { set_option(m, WHILE_OP, BODY, 3); }
static void no_patch(uint8_t *m) { (void)m; }

/* Makes the condition tensor (tensor 0 of subgraph 0) INT32. */
static void cond_int32(uint8_t *m)
{
    uint32_t tensors = fb_field_vector(m, model_subgraph(m, 0), SUBGRAPH_TENSORS);
    uint32_t at = fb_field(m, fb_vector_table(m, tensors, 0), TENSOR_TYPE);
    CHECK(at != 0);
    m[at] = TFLM_TYPE_INT32;
}

typedef struct hostile_case {
    const char *model;
    patch_fn patch;
    tflm_status status;
    const char *message;
} hostile_case;

static const hostile_case hostile_cases[] = {
    {"control_flow", then_out_of_range, TFLM_ERROR_MALFORMED_MODEL,
     "operator 0 (IF): subgraph 7 out of range (model has 7 subgraphs)"},
    {"control_flow", else_negative, TFLM_ERROR_MALFORMED_MODEL, "operator 0 (IF): subgraph -1 out of range"},
    {"control_flow", then_takes_two, TFLM_ERROR_KERNEL, "operator 0 (IF): passes 1 inputs; subgraph 3 takes 2"},
    {"control_flow", then_float, TFLM_ERROR_KERNEL,
     "operator 0 (IF): input 1 (INT32, 4 elements) does not match subgraph 5 input 0 (FLOAT32, 4 elements)"},
    {"control_flow", else_short, TFLM_ERROR_KERNEL,
     "operator 0 (IF): input 1 (INT32, 4 elements) does not match subgraph 6 input 0 (INT32, 2 elements)"},
    {"control_flow", cond_int32, TFLM_ERROR_KERNEL,
     "operator 0 (IF): input 0 (the condition) must be BOOL of 1 element, got INT32"},
    {"control_flow", body_is_main, TFLM_ERROR_KERNEL, "operator 1 (WHILE): passes 2 inputs; subgraph 0 takes 3"},
    {"control_flow", cond_is_body, TFLM_ERROR_KERNEL,
     "operator 1 (WHILE): cond subgraph 4 must give one output, BOOL of 1 element"},
    {"control_flow", body_is_cond, TFLM_ERROR_KERNEL, "operator 1 (WHILE): has 2 outputs; subgraph 3 gives 1"},
    {"while_recursive", no_patch, TFLM_ERROR_MALFORMED_MODEL,
     "subgraph 2 operator 0 (WHILE): calls subgraph 2, which is running: recursion"},
};

static void test_hostile(void)
{
    tflm_op_resolver ops;
    all_kernels(&ops);
    for (size_t c = 0; c < sizeof hostile_cases / sizeof hostile_cases[0]; c++) {
        const hostile_case *hostile = &hostile_cases[c];
        size_t size;
        uint8_t *model = load_test_model(hostile->model, &size);
        hostile->patch(model);
        tflm_interpreter *interp;
        tflm_error error;
        CHECK_EQ_INT(hostile->status, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
        check_message(error.message, hostile->message);
        free(model);
    }
}

/* variables: s = [100, 200, 300, 400] + the sum of every x so far; r8 the
 * x8 of the invoke before (its zero point -3 at first). */
static void run_variables(tflm_interpreter *interp, const int32_t x[4], const int8_t x8[2],
                          const int32_t s[4], const int8_t r8[2])
{
    memcpy(input_data(interp, 0, 16), x, 16);
    memcpy(input_data(interp, 1, 2), x8, 2);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    const int32_t *out = output_data(interp, 0);
    const int8_t *out8 = output_data(interp, 1);
    for (int e = 0; e < 4; e++) {
        CHECK_EQ_INT(s[e], out[e]);
    }
    CHECK_EQ_INT(r8[0], out8[0]);
    CHECK_EQ_INT(r8[1], out8[1]);
}

static void test_variables(void)
{
    uint8_t *model;
    tflm_interpreter *interp = create("variables", &model);
    if (interp == NULL) {
        free(model);
        return;
    }
    const int32_t x[4] = {1, 2, 3, -4}, once[4] = {101, 202, 303, 396}, twice[4] = {102, 204, 306, 392};
    const int8_t a8[2] = {5, -128}, b8[2] = {127, 0}, zero_point[2] = {-3, -3};
    run_variables(interp, x, a8, once, zero_point);
    run_variables(interp, x, b8, twice, a8);
    /* reset_state fills the variables again (acc with 0: s has no zero
     * point); CALL_ONCE has run and, as in TFLM, does not run again. */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_reset_state(interp));
    run_variables(interp, x, a8, x, zero_point);
    free(model);

    interp = create("variable_misread", &model);
    CHECK(interp != NULL && tflm_interpreter_invoke(interp) == TFLM_ERROR_KERNEL);
    check_message(tflm_interpreter_error_message(interp),
                  "operator 2 (READ_VARIABLE): resource variable 0 (w) holds 16 bytes, not 8");
    free(model);
}

/* A condition that stops the invoke (TFLM_STOPPED_EARLY, as a
 * CIRCULAR_BUFFER in a subgraph would). */
static tflm_status stop_invoke(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    (void)node;
    return TFLM_STOPPED_EARLY;
}

static const tflm_kernel stopping_below = {TFLM_BUILTIN_CUSTOM, "TEST_BELOW", "TEST_BELOW", NULL,
                                           stop_invoke, false, NULL};

/* A kernel of a subgraph that stops the invoke stops it all: WHILE's
 * condition returns TFLM_STOPPED_EARLY through tflm_invoke_subgraph and
 * WHILE to the caller, with no message; IF, before it, ran. */
static void test_stopped_in_subgraph(void)
{
    size_t size;
    uint8_t *model = load_test_model("control_flow", &size);
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT + 1);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add(&ops, &stopping_below));
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
    if (error.status != TFLM_OK) {
        fprintf(stderr, "control_flow: %s\n", error.message);
        free(model);
        return;
    }
    const int32_t x[4] = {1, -2, 30, 7}, i = 0;
    *(bool *)input_data(interp, 0, 1) = true;
    memcpy(input_data(interp, 1, 4), &i, 4);
    memcpy(input_data(interp, 2, 16), x, 16);
    CHECK_EQ_INT(TFLM_STOPPED_EARLY, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));
    tflm_tensor_info a; /* tensor 3 of subgraph 0: IF's output, x + x */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_tensor(interp, 3, &a));
    for (int e = 0; e < 4; e++) {
        CHECK_EQ_INT(2 * x[e], ((const int32_t *)a.data)[e]);
    }
    CHECK_EQ_INT(TFLM_STOPPED_EARLY, tflm_interpreter_invoke_operator(interp, 1));
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));
    free(model);
}

int main(void)
{
    test_if_while();
    test_stopped_in_subgraph();
    test_hostile();
    test_variables();
    TEST_MAIN_END();
}
