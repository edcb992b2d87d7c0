/* Runs every shared model on its golden input and compares every output
 * with TFLM's reference output: integers byte for byte, float32 within
 * 1e-4 x max(1, |expected|) (summation order differs). */
#include "golden_file.h"
#include "test.h"
#include "tflm/ops.h"

static void check_model(const char *name, tflm_op_resolver *ops)
{
    golden_case c;
    if (golden_case_read(name, &c)) {
        tflm_test_failures++;
        return;
    }
    size_t arena_size = 1 << 20;
    uint8_t *arena = aligned_alloc(16, arena_size);
    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, c.model, c.model_size, ops, arena, arena_size, &error) !=
        TFLM_OK) {
        fprintf(stderr, "%s: %s\n", name, error.message);
        tflm_test_failures++;
    } else if (golden_set_inputs(interp, name, &c)) {
        tflm_test_failures++;
    } else if (tflm_interpreter_invoke(interp) != TFLM_OK) {
        fprintf(stderr, "%s: %s\n", name, tflm_interpreter_error_message(interp));
        tflm_test_failures++;
    } else {
        for (int i = 0; i < c.outputs.count; i++) {
            tflm_tensor_info out;
            CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, (size_t)c.outputs.tensors[i].index, &out));
            if (!golden_output_matches(name, &out, &c.outputs.tensors[i])) {
                tflm_test_failures++;
            }
        }
        printf("%-24s arena %7zu bytes: outputs match\n", name, tflm_interpreter_arena_used(interp));
    }
    free(arena);
    golden_case_free(&c);
}

int main(void)
{
    if (!golden_data_present()) {
        return 77;
    }
    const tflm_kernel *storage[TFLM_OP_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    for (size_t i = 0; i < golden_model_count; i++) {
        check_model(golden_models[i], &ops);
    }
    TEST_MAIN_END();
}
