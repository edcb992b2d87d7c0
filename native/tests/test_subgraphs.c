/* Subgraphs and resource variables (kernel.h), run by the test kernels of
 * subgraph_kernels.h on the hand-built models of native/tests/models:
 * nested calls and calls from two places, a variable kept across invokes
 * and refilled by reset_state, a plan in which nothing a call runs
 * overlaps what is live at the call, exact arena figures; hostile variants
 * (a subgraph index out of range, a subgraph calling itself directly or
 * through others, calls nested too deep, a variable read before its handle
 * exists) and misuse of the kernel API, each with its message. And
 * constants not aligned for their type: the same outputs as aligned ones,
 * read from an aligned copy in the arena. */
#include "core/flatbuffer.h"
#include "core/interpreter_state.h"
#include "core/model.h"
#include "model_files.h"
#include "subgraph_kernels.h"
#include "test.h"
#include "tflm/ops.h"

enum { ARENA_SIZE = 1 << 16 };
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));

static void check_message(const char *message, const char *text)
{
    if (strstr(message, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", message, text);
        tflm_test_failures++;
    }
}

static const tflm_kernel *test_storage[TEST_SUBGRAPH_KERNEL_COUNT];

static void test_resolver(tflm_op_resolver *ops)
{
    tflm_op_resolver_init(ops, test_storage, TEST_SUBGRAPH_KERNEL_COUNT);
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(ops));
}

static void set_input(tflm_interpreter *interp, const int32_t x[4])
{
    tflm_tensor_info in;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_input(interp, 0, &in));
    CHECK_EQ_INT(16, in.bytes);
    memcpy(in.data, x, 16);
}

/* Invokes and checks y[i] = scale * (x[i] + 2) + 1 (subgraph_calls). */
static void expect_output(tflm_interpreter *interp, const int32_t x[4], int32_t scale)
{
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    tflm_tensor_info out;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, 0, &out));
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(scale * (x[i] + 2) + 1, ((const int32_t *)out.data)[i]);
    }
}

static bool in_arena(const tflm_tensor *t)
{
    return (const uint8_t *)t->data >= arena && (const uint8_t *)t->data < arena + ARENA_SIZE;
}

static bool overlap(const tflm_tensor *a, const tflm_tensor *b)
{
    const uint8_t *x = a->data, *y = b->data;
    return a->bytes > 0 && b->bytes > 0 && x < y + b->bytes && y < x + a->bytes;
}

/* Marks in reached every subgraph the calls reach from subgraph. */
static void reach(const tflm_context *ctx, uint32_t subgraph, bool *reached)
{
    reached[subgraph] = true;
    for (uint32_t c = 0; c < ctx->call_count; c++) {
        if (ctx->calls[c].subgraph == subgraph && !reached[ctx->calls[c].callee]) {
            reach(ctx, (uint32_t)ctx->calls[c].callee, reached);
        }
    }
}

/* What a call runs never overlaps the calling operator's planned tensors. */
static void check_plan(const tflm_context *ctx)
{
    for (uint32_t c = 0; c < ctx->call_count; c++) {
        const tflm_request *call = &ctx->calls[c];
        const tflm_subgraph *caller = &ctx->subgraphs[call->subgraph];
        const tflm_node *node = &caller->nodes[call->node];
        bool reached[16] = {false};
        reach(ctx, (uint32_t)call->callee, reached);
        const tflm_int_array *lists[2] = {node->inputs, node->outputs};
        for (int l = 0; l < 2; l++) {
            for (int32_t i = 0; i < lists[l]->size; i++) {
                const tflm_tensor *mine = lists[l]->data[i] >= 0 ? &caller->tensors[lists[l]->data[i]] : NULL;
                for (uint32_t s = 0; mine && in_arena(mine) && s < ctx->subgraph_count; s++) {
                    for (uint32_t t = 0; reached[s] && t < ctx->subgraphs[s].tensor_count; t++) {
                        const tflm_tensor *theirs = &ctx->subgraphs[s].tensors[t];
                        if (in_arena(theirs) && overlap(mine, theirs)) {
                            fprintf(stderr, "subgraph %u operator %d tensor %d overlaps subgraph %u tensor %u\n",
                                    call->subgraph, call->node, lists[l]->data[i], s, t);
                            tflm_test_failures++;
                        }
                    }
                }
            }
        }
    }
}

static void test_calls_and_variable(void)
{
    size_t size;
    uint8_t *model = load_test_model("subgraph_calls", &size);
    tflm_op_resolver ops;
    test_resolver(&ops);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
    if (error.status != TFLM_OK) {
        fprintf(stderr, "%s\n", error.message);
        free(model);
        return;
    }
    CHECK_EQ_INT(3, tflm_interpreter_subgraph_count(interp));
    CHECK_EQ_INT(0, tflm_interpreter_subgraph_count(NULL));
    CHECK_EQ_INT(3, tflm_interpreter_operator_count(interp)); /* subgraph 0's */
    CHECK_EQ_INT(4, tflm_interpreter_tensor_count(interp));
    CHECK_EQ_INT(1, tflm_interpreter_input_count(interp));
    CHECK_EQ_INT(1, tflm_interpreter_output_count(interp));
    check_plan(&interp->context);

    const int32_t x[4] = {1, 2, -3, 100}, other[4] = {5, 0, 7, -100};
    for (int32_t n = 1; n <= 3; n++) { /* the variable accumulates x + 2 */
        set_input(interp, x);
        expect_output(interp, x, n);
    }
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_reset_state(interp));
    set_input(interp, x);
    expect_output(interp, x, 1);
    set_input(interp, other);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    tflm_tensor_info out;
    tflm_interpreter_output(interp, 0, &out);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(x[i] + 2 + other[i] + 2 + 1, ((const int32_t *)out.data)[i]);
    }

    /* The figure is exact: enough, and one byte less is not. */
    size_t used = tflm_interpreter_arena_used(interp);
    tflm_interpreter *exact;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&exact, model, size, &ops, arena, used, &error));
    set_input(exact, x);
    expect_output(exact, x, 1);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL,
                 tflm_interpreter_create(&exact, model, size, &ops, arena, used - 1, &error));
    check_message(error.message, "arena too small: model needs ");
    free(model);
}

static uint32_t operator_table(const uint8_t *model, uint32_t subgraph, uint32_t op)
{
    uint32_t operators = fb_field_vector(model, model_subgraph(model, subgraph), SUBGRAPH_OPERATORS);
    return fb_vector_table(model, operators, op);
}

/* Sets the subgraph TEST_CALL operator op of subgraph calls (its options). */
static void set_callee(uint8_t *model, uint32_t subgraph, uint32_t op, int32_t callee)
{
    uint32_t options = fb_field_vector(model, operator_table(model, subgraph, op), OPERATOR_CUSTOM_OPTIONS);
    memcpy(model + options + 4, &callee, sizeof callee);
}

/* Swaps operators a and b of subgraph: their offsets count from where
 * each is stored. */
static void swap_operators(uint8_t *model, uint32_t subgraph, uint32_t a, uint32_t b)
{
    uint32_t operators = fb_field_vector(model, model_subgraph(model, subgraph), SUBGRAPH_OPERATORS);
    uint32_t at_a = operators + 4 + 4 * a, at_b = operators + 4 + 4 * b;
    uint32_t table_a = operator_table(model, subgraph, a), table_b = operator_table(model, subgraph, b);
    uint32_t to_b = table_b - at_a, to_a = table_a - at_b;
    memcpy(model + at_a, &to_b, 4);
    memcpy(model + at_b, &to_a, 4);
}

typedef void (*patch_fn)(uint8_t *model);

static void call_out_of_range(uint8_t *m) { set_callee(m, 0, 1, 3); }
static void call_negative(uint8_t *m) { set_callee(m, 0, 1, -5); }
static void call_itself(uint8_t *m) { set_callee(m, 0, 1, 0); }
static void leaf_calls_itself(uint8_t *m) { set_callee(m, 2, 0, 2); }
static void leaf_calls_caller(uint8_t *m) { set_callee(m, 2, 0, 1); }
static void handle_after_use(uint8_t *m) { swap_operators(m, 0, 0, 1); }
static void no_patch(uint8_t *m) { (void)m; }
static void chain_shortened(uint8_t *m) { set_callee(m, 8, 0, -1); }

/* A patched copy of a test model and what create must say about it. */
typedef struct hostile_case {
    const char *model;
    patch_fn patch;
    tflm_status status;
    const char *message;
} hostile_case;

static const hostile_case hostile_cases[] = {
    {"subgraph_calls", call_out_of_range, TFLM_ERROR_MALFORMED_MODEL,
     "operator 1 (TEST_CALL): subgraph 3 out of range (model has 3 subgraphs)"},
    {"subgraph_calls", call_negative, TFLM_ERROR_MALFORMED_MODEL,
     "operator 1 (TEST_CALL): subgraph -5 out of range"},
    {"subgraph_calls", call_itself, TFLM_ERROR_MALFORMED_MODEL,
     "operator 1 (TEST_CALL): calls subgraph 0, which is running: recursion"},
    {"subgraph_calls", leaf_calls_itself, TFLM_ERROR_MALFORMED_MODEL,
     "subgraph 2 operator 0 (TEST_CALL): calls subgraph 2, which is running: recursion"},
    {"subgraph_calls", leaf_calls_caller, TFLM_ERROR_MALFORMED_MODEL,
     "subgraph 2 operator 0 (TEST_CALL): calls subgraph 1, which is running: recursion"},
    {"subgraph_calls", handle_after_use, TFLM_ERROR_KERNEL,
     "operator 0 (TEST_CALL): input 1 names no resource variable yet"},
    /* Subgraphs 5..9 are met first from subgraph 0, so only their height
     * says that 0 -> 1 -> ... -> 9 nests nine deep. */
    {"subgraph_chain", no_patch, TFLM_ERROR_UNSUPPORTED,
     "subgraph 4 operator 0 (TEST_CALL): calls subgraph 5: calls nest deeper than 8 levels"},
};

static void test_hostile(void)
{
    tflm_op_resolver ops;
    test_resolver(&ops);
    tflm_interpreter *interp;
    tflm_error error;
    for (size_t c = 0; c < sizeof hostile_cases / sizeof hostile_cases[0]; c++) {
        const hostile_case *hostile = &hostile_cases[c];
        size_t size;
        uint8_t *model = load_test_model(hostile->model, &size);
        hostile->patch(model);
        CHECK_EQ_INT(hostile->status,
                     tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
        check_message(error.message, hostile->message);
        free(model);
    }

    size_t size;
    uint8_t *model = load_test_model("subgraph_chain", &size);
    chain_shortened(model);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
    const int32_t x[4] = {0, 1, 2, 3};
    set_input(interp, x);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    tflm_tensor_info out;
    tflm_interpreter_output(interp, 0, &out);
    CHECK_EQ_INT(2, ((const int32_t *)out.data)[0]); /* one from each of two leaf calls */
    CHECK_EQ_INT(5, ((const int32_t *)out.data)[3]);
    check_plan(&interp->context);
    free(model);
}

/* Reads and clears the message a kernel API call left. */
static void expect_api(tflm_context *ctx, tflm_status expected, tflm_status got, const char *text)
{
    CHECK_EQ_INT(expected, got);
    check_message(ctx->message, text);
    ctx->message[0] = '\0';
}

static int32_t unsized_variable;

/* TEST_VAR_HANDLE with the misuse of the kernel API checked around it. */
static tflm_status api_prepare(tflm_context *ctx, tflm_node *node)
{
    int8_t buffer[16];
    int32_t id;
    CHECK_EQ_INT(3, tflm_subgraph_count(ctx));
    CHECK_EQ_INT(1, tflm_subgraph_input_count(ctx, 1));
    CHECK_EQ_INT(0, tflm_subgraph_input_count(ctx, 3));
    CHECK_EQ_INT(0, tflm_subgraph_output_count(ctx, -1));
    CHECK(tflm_subgraph_input(ctx, 1, 1) == NULL && tflm_subgraph_output(ctx, 7, 0) == NULL);
    CHECK(tflm_subgraph_output(ctx, 2, 0)->type == TFLM_TYPE_INT32);
    expect_api(ctx, TFLM_ERROR_INVALID_ARGUMENT, tflm_invoke_subgraph(ctx, 1), "invoke only");
    expect_api(ctx, TFLM_ERROR_INVALID_ARGUMENT, tflm_variable_read(ctx, 0, buffer, 16), "invoke only");
    expect_api(ctx, TFLM_ERROR_KERNEL, tflm_variable_allocate(ctx, 99, 4, 0),
               "operator 0 (TEST_VAR_HANDLE): no resource variable 99");

    tflm_status status = test_var_handle_prepare(ctx, node); /* "acc" in "test": id 0 */
    CHECK_EQ_INT(0, *(const int32_t *)node->data);
    CHECK_EQ_INT(TFLM_OK, tflm_variable_handle(ctx, NULL, 0, "acc", 3, &id));
    CHECK_EQ_INT(0, id); /* no container: any container */
    CHECK_EQ_INT(TFLM_OK, tflm_variable_handle(ctx, "other", 5, "acc", 3, &id));
    CHECK_EQ_INT(1, id);
    CHECK_EQ_INT(TFLM_OK, tflm_variable_handle(ctx, "test", 4, "acc", 3, &id));
    CHECK_EQ_INT(0, id);
    CHECK_EQ_INT(TFLM_OK, tflm_variable_handle(ctx, "test", 4, "unsized", 7, &unsized_variable));
    CHECK_EQ_INT(2, unsized_variable);
    CHECK_EQ_INT(TFLM_OK, tflm_variable_allocate(ctx, 1, 4, -1));
    expect_api(ctx, TFLM_ERROR_KERNEL, tflm_variable_allocate(ctx, 1, 8, 0),
               "resource variable 1 (acc) holds 4 bytes, not 8");
    return status;
}

static tflm_status api_invoke(tflm_context *ctx, tflm_node *node)
{
    int8_t buffer[16];
    int32_t id;
    expect_api(ctx, TFLM_ERROR_INVALID_ARGUMENT, tflm_request_subgraph(ctx, 1), "prepare only");
    expect_api(ctx, TFLM_ERROR_INVALID_ARGUMENT, tflm_invoke_subgraph(ctx, 1),
               "operator 0 (TEST_VAR_HANDLE): invokes subgraph 1, which it did not request in prepare");
    expect_api(ctx, TFLM_ERROR_INVALID_ARGUMENT, tflm_variable_handle(ctx, NULL, 0, "x", 1, &id),
               "prepare only");
    expect_api(ctx, TFLM_ERROR_INVALID_ARGUMENT, tflm_variable_allocate(ctx, 0, 16, 0), "prepare only");
    expect_api(ctx, TFLM_ERROR_KERNEL, tflm_variable_read(ctx, unsized_variable, buffer, 4),
               "resource variable 2 (unsized) has no value: nothing sized it in prepare");
    expect_api(ctx, TFLM_ERROR_KERNEL, tflm_variable_read(ctx, 0, buffer, 8),
               "resource variable 0 (acc) holds 16 bytes, not 8");
    expect_api(ctx, TFLM_ERROR_KERNEL, tflm_variable_assign(ctx, 77, buffer, 4), "no resource variable 77");
    CHECK_EQ_INT(TFLM_OK, tflm_variable_read(ctx, 1, buffer, 4));
    CHECK_EQ_INT(-1, buffer[3]); /* its fill, written at create and by reset_state */
    return test_var_handle_invoke(ctx, node);
}

/* TEST_CALL failing in subgraph 2: the innermost message wins. */
static tflm_status fail_in_leaf(tflm_context *ctx, tflm_node *node)
{
    return ctx->current_subgraph == 2 ? tflm_fail(ctx, TFLM_ERROR_KERNEL, "boom") : test_call_invoke(ctx, node);
}

static void test_kernel_api(void)
{
    size_t size;
    uint8_t *model = load_test_model("subgraph_calls", &size);
    const tflm_kernel api = {TFLM_BUILTIN_CUSTOM, "TEST_VAR_HANDLE", "TEST_VAR_HANDLE", api_prepare,
                             api_invoke, false, NULL};
    const tflm_kernel failing = {TFLM_BUILTIN_CUSTOM, "TEST_CALL", "TEST_CALL", test_call_prepare,
                                 fail_in_leaf, false, NULL};
    const tflm_kernel *storage[2];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, 2);
    tflm_op_resolver_add(&ops, &api);
    tflm_op_resolver_add(&ops, &test_call);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
    const int32_t x[4] = {1, 1, 1, 1};
    set_input(interp, x);
    expect_output(interp, x, 1);
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));

    tflm_op_resolver_init(&ops, storage, 2);
    tflm_op_resolver_add(&ops, &test_var_handle);
    tflm_op_resolver_add(&ops, &failing);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(0, strcmp(tflm_interpreter_error_message(interp), "subgraph 2 operator 0 (TEST_CALL): boom"));
    free(model);
}

/* The model with constants 4 bytes off 16-byte boundaries gives the bytes
 * of the aligned one; only its int64 constant is copied (32 bytes). */
static void test_misaligned_constants(void)
{
    const char *names[2] = {"constants_aligned", "constants_misaligned"};
    uint8_t *models[2];
    size_t sizes[2], used[2];
    uint8_t outputs[2][4 + 12 + 32];
    const tflm_kernel *storage[TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(&ops));
    const int8_t in8[8] = {-128, -7, 0, 3, 9, 50, 101, 127};
    const float in_f[6] = {1.0f, -2.5f, 0.25f, 3.0f, -0.125f, 8.0f};
    const int64_t in64[4] = {5, -5, INT64_MAX, 1};
    const void *inputs[3] = {in8, in_f, in64};
    for (int m = 0; m < 2; m++) {
        models[m] = load_test_model(names[m], &sizes[m]);
        tflm_interpreter *interp;
        tflm_error error;
        CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, models[m], sizes[m], &ops,
                                                      arena + m * (ARENA_SIZE / 2), ARENA_SIZE / 2, &error));
        if (error.status != TFLM_OK) {
            fprintf(stderr, "%s: %s\n", names[m], error.message);
            return;
        }
        used[m] = tflm_interpreter_arena_used(interp);
        for (size_t i = 0; i < 3; i++) {
            tflm_tensor_info in;
            tflm_interpreter_input(interp, i, &in);
            memcpy(in.data, inputs[i], in.bytes);
        }
        CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
        size_t at = 0;
        for (size_t o = 0; o < 3; o++) {
            tflm_tensor_info out;
            tflm_interpreter_output(interp, o, &out);
            memcpy(outputs[m] + at, out.data, out.bytes);
            at += out.bytes;
        }
        CHECK_EQ_INT(sizeof outputs[m], at);
        tflm_tensor_info c64;
        CHECK_EQ_INT(TFLM_OK, tflm_interpreter_tensor(interp, 9, &c64));
        bool in_model = (uint8_t *)c64.data >= models[m] && (uint8_t *)c64.data < models[m] + sizes[m];
        CHECK(in_model == (m == 0));
        CHECK_EQ_INT(0, (uintptr_t)c64.data % 8);
        CHECK_EQ_INT(0x0102030405060708LL, ((const int64_t *)c64.data)[2]);
    }
    CHECK(memcmp(outputs[0], outputs[1], sizeof outputs[0]) == 0);
    CHECK_EQ_INT(used[0] + 32, used[1]);
    uint64_t out64[4];
    memcpy(out64, outputs[1] + 16, sizeof out64);
    CHECK(out64[0] == (1ULL << 40) + 5);
    CHECK(out64[2] == (uint64_t)INT64_MAX + 0x0102030405060708ULL); /* wraps */
    free(models[0]);
    free(models[1]);
}

int main(void)
{
    test_calls_and_variable();
    test_hostile();
    test_kernel_api();
    test_misaligned_constants();
    TEST_MAIN_END();
}
