/* The interpreter end to end with the test-only kernels of fake_kernels.h:
 * create, inputs/outputs, invoke, exact arena_used, aliasing, variable
 * state, the resolver, the message formats of every failure path. */
#include "core/interpreter_state.h"
#include "fake_kernels.h"
#include "shared_models.h"
#include "test.h"
#include "tflm/builtin_options.h"

static uint8_t arena[1 << 20] __attribute__((aligned(16)));

static void check_message(const char *message, const char *text)
{
    if (strstr(message, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", message, text);
        tflm_test_failures++;
    }
}

static void test_hello_world(void)
{
    size_t size;
    uint8_t *model = load_shared_model("hello_world_int8", &size);
    tflm_op_resolver ops;
    const tflm_kernel *storage[FAKE_KERNEL_COUNT];
    fake_resolver(&ops, storage);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    CHECK_EQ_INT(TFLM_OK, error.status);
    CHECK_EQ_INT(1, tflm_interpreter_input_count(interp));
    CHECK_EQ_INT(1, tflm_interpreter_output_count(interp));
    CHECK_EQ_INT(10, tflm_interpreter_tensor_count(interp));

    tflm_tensor_info in, out;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_input(interp, 0, &in));
    CHECK_EQ_INT(TFLM_TYPE_INT8, in.type);
    CHECK_EQ_INT(2, in.dims_count);
    CHECK_EQ_INT(1, in.dims[1]);
    CHECK_EQ_INT(1, in.bytes);
    CHECK_EQ_INT(-128, in.zero_point);
    CHECK(in.scale > 0.0244f && in.scale < 0.0245f);
    CHECK(in.name_length == strlen("serving_default_dense_input:0") &&
          memcmp(in.name, "serving_default_dense_input:0", in.name_length) == 0);
    CHECK((uint8_t *)in.data >= arena && (uint8_t *)in.data < arena + sizeof arena);
    CHECK_EQ_INT(0, ((int8_t *)in.data)[0]); /* inputs start zeroed */

    /* Three fake FULLY_CONNECTED ops each add one. */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, 0, &out));
    CHECK_EQ_INT(3, ((uint8_t *)out.data)[0]);
    ((uint8_t *)in.data)[0] = 10;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(13, ((uint8_t *)out.data)[0]);
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));

    /* Index errors name the index and the count. */
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_interpreter_input(interp, 1, &in));
    check_message(tflm_interpreter_error_message(interp), "input 1 out of range (model has 1 inputs)");
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_interpreter_tensor(interp, 10, &in));
    check_message(tflm_interpreter_error_message(interp), "tensor 10 out of range (model has 10 tensors)");
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_tensor(interp, 4, &in));
    CHECK(in.data != NULL && in.bytes == 256); /* a constant: data in the model */
    CHECK((uint8_t *)in.data > model && (uint8_t *)in.data < model + size);

    /* arena_used is exact: enough, and one byte less is not. */
    size_t used = tflm_interpreter_arena_used(interp);
    CHECK(used > 0 && used % 16 == 0);
    tflm_interpreter *exact;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&exact, model, size, &ops, arena, used, &error));
    CHECK_EQ_INT(used, tflm_interpreter_arena_used(exact));
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL,
                 tflm_interpreter_create(&exact, model, size, &ops, arena, used - 1, &error));
    CHECK(exact == NULL);
    char text[96];
    snprintf(text, sizeof text, "arena too small: model needs %s%zu bytes, %zu given",
             strstr(error.message, "at least") ? "at least " : "", used, used - 1);
    check_message(error.message, text);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL,
                 tflm_interpreter_create(&exact, model, size, &ops, arena, 100, &error));
    check_message(error.message, "arena too small: model needs at least ");

    /* A misaligned base costs its padding, counted in arena_used. */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&exact, model, size, &ops, arena + 1, used + 15, &error));
    CHECK_EQ_INT(used + 15, tflm_interpreter_arena_used(exact));
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL,
                 tflm_interpreter_create(&exact, model, size, &ops, arena + 1, used + 14, &error));

    /* Two interpreters in two arenas coexist. */
    tflm_interpreter *second;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&second, model, size, &ops, arena + (1 << 19),
                                                  1 << 19, &error));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(second));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(second, 0, &out));
    CHECK_EQ_INT(3, ((uint8_t *)out.data)[0]);
    free(model);
}

static tflm_status fail_with_message(tflm_context *ctx, tflm_node *node)
{
    (void)node;
    return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s %d %u %z %% done", "bad", -5, 7u, (size_t)123);
}

static tflm_status fail_silently(tflm_context *ctx, tflm_node *node)
{
    (void)ctx;
    (void)node;
    return TFLM_ERROR_KERNEL;
}

static tflm_status refuse_memory(tflm_context *ctx, tflm_node *node)
{
    (void)node;
    return tflm_alloc_persistent(ctx, 1 << 30) ? TFLM_OK : TFLM_ERROR_ARENA_TOO_SMALL;
}

static void test_failures(void)
{
    size_t size;
    uint8_t *model = load_shared_model("hello_world_int8", &size);
    const tflm_kernel *storage[1];
    tflm_op_resolver ops;
    tflm_interpreter *interp;
    tflm_error error;

    tflm_op_resolver_init(&ops, storage, 1);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, tflm_interpreter_create(&interp, model, size, &ops, arena,
                                                                 sizeof arena, &error));
    check_message(error.message, "operator 0: no kernel registered for FULLY_CONNECTED");

    const tflm_kernel bad_prepare = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, "FC", fail_with_message,
                                     fake_invoke, false, NULL};
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add(&ops, &bad_prepare));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, tflm_interpreter_create(&interp, model, size, &ops, arena,
                                                            sizeof arena, &error));
    CHECK_EQ_INT(0, strcmp(error.message, "operator 0 (FC): bad -5 7 123 % done"));

    const tflm_kernel silent = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, NULL, fail_silently,
                                fake_invoke, false, NULL};
    tflm_op_resolver_init(&ops, storage, 1);
    tflm_op_resolver_add(&ops, &silent);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, tflm_interpreter_create(&interp, model, size, &ops, arena,
                                                            sizeof arena, &error));
    CHECK_EQ_INT(0, strcmp(error.message, "operator 0 (FULLY_CONNECTED): prepare failed (kernel error)"));

    const tflm_kernel bad_invoke = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, "FC", NULL,
                                    fail_with_message, false, NULL};
    tflm_op_resolver_init(&ops, storage, 1);
    tflm_op_resolver_add(&ops, &bad_invoke);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(0, strcmp(tflm_interpreter_error_message(interp), "operator 0 (FC): bad -5 7 123 % done"));

    const tflm_kernel greedy = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, "FC", refuse_memory,
                                fake_invoke, false, NULL};
    tflm_op_resolver_init(&ops, storage, 1);
    tflm_op_resolver_add(&ops, &greedy);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL, tflm_interpreter_create(&interp, model, size, &ops,
                                                                     arena, sizeof arena, &error));
    check_message(error.message, "arena too small: model needs at least 1073");

    /* NULL arguments. */
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_interpreter_create(&interp, NULL, size, &ops, arena, sizeof arena, &error));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_interpreter_create(&interp, model, size, &ops, NULL, 0, NULL));
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL,
                 tflm_interpreter_create(&interp, model, 20, &ops, arena, sizeof arena, &error));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_interpreter_invoke(NULL));
    CHECK_EQ_INT(0, tflm_interpreter_arena_used(NULL));
    free(model);
}

/* One operator at a time: the same as invoke when run in order; each call
 * runs exactly one op; names come from the kernel, else the builtin table. */
static void test_operators(void)
{
    size_t size;
    uint8_t *model = load_shared_model("hello_world_int8", &size);
    tflm_op_resolver ops;
    const tflm_kernel *storage[FAKE_KERNEL_COUNT];
    fake_resolver(&ops, storage);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    CHECK_EQ_INT(3, tflm_interpreter_operator_count(interp));
    CHECK_EQ_INT(0, strcmp(tflm_interpreter_operator_name(interp, 2), "9"));
    CHECK(tflm_interpreter_operator_name(interp, 3) == NULL);

    tflm_tensor_info in, out;
    tflm_interpreter_input(interp, 0, &in);
    tflm_interpreter_output(interp, 0, &out);
    ((uint8_t *)in.data)[0] = 20;
    /* Each fake FULLY_CONNECTED adds one: the output moves only when the last op runs. */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 0));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 1));
    CHECK(((uint8_t *)out.data)[0] != 23);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 2));
    CHECK_EQ_INT(23, ((uint8_t *)out.data)[0]);
    /* Running the last op again reads the same intermediate tensor: the same result. */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 2));
    CHECK_EQ_INT(23, ((uint8_t *)out.data)[0]);

    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_interpreter_invoke_operator(interp, 3));
    check_message(tflm_interpreter_error_message(interp), "operator 3 out of range (model has 3 operators)");
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 0));
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_interpreter_invoke_operator(NULL, 0));
    CHECK_EQ_INT(0, tflm_interpreter_operator_count(NULL));
    CHECK(tflm_interpreter_operator_name(NULL, 0) == NULL);

    /* A kernel without a name of its own is named by its builtin code; failures
     * keep the kernel's message, as invoke does. */
    const tflm_kernel unnamed = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, NULL, NULL, fail_with_message, false, NULL};
    tflm_op_resolver_init(&ops, storage, 1);
    tflm_op_resolver_add(&ops, &unnamed);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    CHECK_EQ_INT(0, strcmp(tflm_interpreter_operator_name(interp, 0), "FULLY_CONNECTED"));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, tflm_interpreter_invoke_operator(interp, 1));
    CHECK_EQ_INT(0, strcmp(tflm_interpreter_error_message(interp),
                           "operator 1 (FULLY_CONNECTED): bad -5 7 123 % done"));
    free(model);
}

static void test_resolver(void)
{
    tflm_op_resolver ops;
    const tflm_kernel *storage[FAKE_KERNEL_COUNT];
    fake_resolver(&ops, storage);
    CHECK_EQ_INT(27, ops.count);
    CHECK(tflm_op_resolver_supports(&ops, TFLM_BUILTIN_CONV_2D, NULL));
    CHECK(tflm_op_resolver_supports(&ops, TFLM_BUILTIN_CUSTOM, "SignalRfft"));
    CHECK(!tflm_op_resolver_supports(&ops, TFLM_BUILTIN_CUSTOM, "SignalRff"));
    CHECK(!tflm_op_resolver_supports(&ops, TFLM_BUILTIN_TANH, NULL));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_op_resolver_add(&ops, &fake_kernels[3]));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_op_resolver_add(&ops, NULL));
    static const tflm_kernel extra[3] = {{100, NULL, "A", NULL, fake_invoke, false, NULL},
                                         {101, NULL, "B", NULL, fake_invoke, false, NULL},
                                         {102, NULL, "C", NULL, fake_invoke, false, NULL}};
    CHECK_EQ_INT(TFLM_ERROR_RESOLVER_FULL, tflm_op_resolver_add(&ops, &extra[0]));
    /* The caller's storage bounds the resolver, whatever its size. */
    const tflm_kernel *two[2];
    tflm_op_resolver_init(&ops, two, 2);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add(&ops, &extra[0]));
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add(&ops, &extra[1]));
    CHECK_EQ_INT(TFLM_ERROR_RESOLVER_FULL, tflm_op_resolver_add(&ops, &extra[2]));
    CHECK(two[1] == &extra[1] && tflm_op_resolver_supports(&ops, 101, NULL));
    tflm_op_resolver_init(&ops, NULL, 5); /* no storage, no room */
    CHECK_EQ_INT(TFLM_ERROR_RESOLVER_FULL, tflm_op_resolver_add(&ops, &extra[0]));
    CHECK_EQ_INT(0, strcmp(tflm_status_name(TFLM_ERROR_RESOLVER_FULL), "resolver full"));
    CHECK_EQ_INT(0, strcmp(tflm_status_name(TFLM_ERROR_ARENA_TOO_SMALL), "arena too small"));
    CHECK_EQ_INT(0, strcmp(tflm_version(), "0.1.0"));
}

static bool overlap(const tflm_tensor *a, const tflm_tensor *b)
{
    const uint8_t *x = a->data, *y = b->data;
    return a->bytes > 0 && b->bytes > 0 && x < y + b->bytes && y < x + a->bytes;
}

/* RESHAPE's input 0 and output 0 share a buffer; other tensors of one
 * operator never overlap. Reads the node table (interpreter_state.h). */
static void test_alias_and_overlap(const char *name, int expected_aliases)
{
    size_t size;
    uint8_t *model = load_shared_model(name, &size);
    tflm_op_resolver ops;
    const tflm_kernel *storage[FAKE_KERNEL_COUNT];
    fake_resolver(&ops, storage);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    tflm_context *ctx = &interp->context;
    const tflm_subgraph *main = &ctx->subgraphs[0];
    int aliases = 0;
    for (uint32_t o = 0; o < main->node_count; o++) {
        const tflm_node *node = &main->nodes[o];
        const tflm_tensor *in0 = tflm_input(ctx, node, 0), *out0 = tflm_output(ctx, node, 0);
        bool aliased = node->kernel->output_aliases_input && in0 && !in0->is_constant;
        if (aliased) {
            CHECK(in0->data == out0->data);
            aliases++;
        }
        int n = node->inputs->size + node->outputs->size;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                const tflm_int_array *li = i < node->inputs->size ? node->inputs : node->outputs;
                const tflm_int_array *lj = j < node->inputs->size ? node->inputs : node->outputs;
                int32_t ti = li->data[i < node->inputs->size ? i : i - node->inputs->size];
                int32_t tj = lj->data[j < node->inputs->size ? j : j - node->inputs->size];
                if (ti < 0 || tj < 0 || ti == tj || main->tensors[ti].is_constant ||
                    main->tensors[tj].is_constant || (aliased && i == 0 && j == node->inputs->size)) {
                    continue;
                }
                if (overlap(&main->tensors[ti], &main->tensors[tj])) {
                    fprintf(stderr, "%s: operator %u tensors %d and %d overlap\n", name, o, ti, tj);
                    tflm_test_failures++;
                }
            }
        }
    }
    CHECK_EQ_INT(expected_aliases, aliases);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    free(model);
}

/* SVDF state: persistent, zeroed at create, kept across invokes, zeroed by
 * reset_state. */
static void test_variable_state(void)
{
    size_t size;
    uint8_t *model = load_shared_model("keyword_scrambled", &size);
    tflm_op_resolver ops;
    const tflm_kernel *storage[FAKE_KERNEL_COUNT];
    fake_resolver(&ops, storage);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    tflm_tensor_info state;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_tensor(interp, 4, &state)); /* int16 [1, 512] */
    CHECK_EQ_INT(1024, state.bytes);
    CHECK_EQ_INT(0, ((uint8_t *)state.data)[1023]);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(0x55, ((uint8_t *)state.data)[1023]);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_reset_state(interp));
    CHECK_EQ_INT(0, ((uint8_t *)state.data)[0]);
    CHECK_EQ_INT(0, ((uint8_t *)state.data)[1023]);
    free(model);
}

/* Options of hello_world's FULLY_CONNECTED: its FullyConnectedOptions, read
 * as a SoftmaxOptions table, and a field beyond the table's. */
static tflm_status read_options(tflm_context *ctx, tflm_node *node)
{
    enum { BEYOND_THE_TABLE = 40 };
    const uint8_t fc = TFLM_OPTIONS_FULLY_CONNECTED;
    const int activation_field = TFLM_FULLY_CONNECTED_OPTIONS_FUSED_ACTIVATION_FUNCTION;
    int8_t activation = tflm_option_int8(ctx, node, fc, activation_field, 0); /* RELU, then NONE */
    int8_t wrong_type = tflm_option_int8(ctx, node, TFLM_OPTIONS_SOFTMAX, activation_field, -1);
    int8_t absent = tflm_option_int8(ctx, node, fc, BEYOND_THE_TABLE, -7);
    if (activation < 0 || activation > 5 || wrong_type != -1 || absent != -7 ||
        activation != tflm_fully_connected_options_fused_activation_function(ctx, node) ||
        tflm_option_int_vector(ctx, node, fc, activation_field) != NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "options %d %d %d", activation, wrong_type, absent);
    }
    return TFLM_OK;
}

static void test_options(void)
{
    size_t size;
    uint8_t *model = load_shared_model("hello_world_int8", &size);
    const tflm_kernel fc = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, "FC", read_options, fake_invoke, false, NULL};
    const tflm_kernel *storage[1];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, 1);
    tflm_op_resolver_add(&ops, &fc);
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, sizeof arena, &error));
    if (error.status != TFLM_OK) {
        fprintf(stderr, "%s\n", error.message);
    }
    free(model);
}

/* tflm_check_operators: every refusal, where create stops at the first. */
static void test_check_operators(void)
{
    size_t size, count;
    uint8_t *model = load_shared_model("hello_world_int8", &size);
    const tflm_kernel *storage[FAKE_KERNEL_COUNT];
    tflm_op_resolver ops;
    tflm_error problems[4], error;

    tflm_op_resolver_init(&ops, storage, 1);
    CHECK_EQ_INT(TFLM_OK, tflm_check_operators(model, size, &ops, arena, sizeof arena, problems, 4, &count, &error));
    CHECK_EQ_INT(3, (int)count);
    CHECK_EQ_INT(TFLM_OK, error.status);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, problems[2].status);
    CHECK_EQ_INT(0, strcmp(problems[2].message, "operator 2: no kernel registered for FULLY_CONNECTED"));
    /* Counted beyond capacity, kept up to it. */
    problems[1].status = TFLM_OK;
    CHECK_EQ_INT(TFLM_OK, tflm_check_operators(model, size, &ops, arena, sizeof arena, problems, 1, &count, &error));
    CHECK_EQ_INT(3, (int)count);
    CHECK_EQ_INT(TFLM_OK, problems[1].status);

    const tflm_kernel bad_prepare = {TFLM_BUILTIN_FULLY_CONNECTED, NULL, "FC", fail_with_message,
                                     fake_invoke, false, NULL};
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add(&ops, &bad_prepare));
    CHECK_EQ_INT(TFLM_OK, tflm_check_operators(model, size, &ops, arena, sizeof arena, problems, 4, &count, &error));
    CHECK_EQ_INT(3, (int)count);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, problems[1].status);
    CHECK_EQ_INT(0, strcmp(problems[1].message, "operator 1 (FC): bad -5 7 123 % done"));

    fake_resolver(&ops, storage);
    CHECK_EQ_INT(TFLM_OK, tflm_check_operators(model, size, &ops, arena, sizeof arena, problems, 4, &count, &error));
    CHECK_EQ_INT(0, (int)count);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL,
                 tflm_check_operators(model, size, &ops, arena, 64, problems, 4, &count, &error));
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL,
                 tflm_check_operators(model, size / 2, &ops, arena, sizeof arena, problems, 4, &count, &error));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_check_operators(model, size, &ops, arena, sizeof arena, NULL, 4, &count, &error));
    free(model);
}

int main(void)
{
    require_shared_models();
    test_hello_world();
    test_failures();
    test_check_operators();
    test_operators();
    test_resolver();
    test_options();
    test_variable_state();
    test_alias_and_overlap("micro_speech_quantized", 1);
    test_alias_and_overlap("kws_ref_model", 1);
    test_alias_and_overlap("person_detect", 1);
    TEST_MAIN_END();
}
