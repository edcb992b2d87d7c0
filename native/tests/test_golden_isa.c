/* Every shared model on its golden input, with the reference kernels and
 * with the SIMD kernels forced to each ISA level this CPU supports
 * (tflm_interpreter_options): integer outputs byte for byte, float32 within
 * 1e-4 x max(1, |expected|). Also: the options are validated and the chosen
 * level is reported by tflm_interpreter_isa. */
#include "golden_file.h"
#include "test.h"
#include "tflm/ops.h"

static void check_model(const char *name, const tflm_op_resolver *ops, uint8_t *arena,
                        size_t arena_size)
{
    golden_case c;
    if (golden_case_read(name, &c)) {
        tflm_test_failures++;
        return;
    }
    const tflm_isa best = tflm_cpu_isa();
    for (int level = TFLM_ISA_SCALAR - 1; level <= (int)best; level++) {
        /* level SCALAR - 1 stands for TFLM_KERNELS_REFERENCE */
        tflm_interpreter_options options = {TFLM_KERNELS_OPTIMIZED, level};
        if (level < TFLM_ISA_SCALAR) {
            options = (tflm_interpreter_options){TFLM_KERNELS_REFERENCE, TFLM_ISA_BEST};
        }
        tflm_interpreter *interp;
        tflm_error error;
        if (tflm_interpreter_create_with_options(&interp, c.model, c.model_size, ops, arena,
                                                 arena_size, &options, &error) != TFLM_OK) {
            fprintf(stderr, "%s: %s\n", name, error.message);
            tflm_test_failures++;
            continue;
        }
        const tflm_isa expected = level < TFLM_ISA_SCALAR ? TFLM_ISA_SCALAR : (tflm_isa)level;
        CHECK_EQ_INT(expected, tflm_interpreter_isa(interp));
        if (golden_set_inputs(interp, name, &c)) {
            tflm_test_failures++;
            continue;
        }
        CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
        int ok = 1;
        for (int i = 0; i < c.outputs.count; i++) {
            tflm_tensor_info out;
            CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, (size_t)c.outputs.tensors[i].index, &out));
            ok = ok && golden_output_matches(name, &out, &c.outputs.tensors[i]);
        }
        if (!ok) {
            tflm_test_failures++;
        }
        printf("%-24s %-12s arena %8zu: %s\n", name, tflm_isa_name(expected),
               tflm_interpreter_arena_used(interp), ok ? "outputs match" : "MISMATCH");
    }
    golden_case_free(&c);
}

static void check_options(const tflm_op_resolver *ops, uint8_t *arena, size_t arena_size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/hello_world_int8.tflite", TFLM_SHARED_DIR);
    size_t model_size;
    uint8_t *model = read_file_aligned(path, &model_size);
    CHECK(model != NULL);
    tflm_interpreter *interp;
    tflm_error error;
    tflm_interpreter_options bad = {7, TFLM_ISA_BEST};
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_interpreter_create_with_options(&interp, model, model_size, ops, arena,
                                                      arena_size, &bad, &error));
    bad = (tflm_interpreter_options){TFLM_KERNELS_OPTIMIZED, 99};
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_interpreter_create_with_options(&interp, model, model_size, ops, arena,
                                                      arena_size, &bad, &error));
    /* the Arm levels are another family than any host's (Cortex-M builds only) */
    bad = (tflm_interpreter_options){TFLM_KERNELS_OPTIMIZED, TFLM_ISA_ARM_DSP};
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_interpreter_create_with_options(&interp, model, model_size, ops, arena,
                                                      arena_size, &bad, &error));
    /* the default create runs the optimized kernels at the CPU's best level */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, model_size, ops, arena,
                                                  arena_size, &error));
    CHECK_EQ_INT(tflm_cpu_isa(), tflm_interpreter_isa(interp));
    CHECK(strcmp(tflm_isa_name(TFLM_ISA_AVX512_VNNI), "avx512-vnni") == 0);
    CHECK(strcmp(tflm_isa_name(TFLM_ISA_SCALAR), "scalar") == 0);
    CHECK(strcmp(tflm_isa_name(TFLM_ISA_ARM_DSP), "arm-dsp") == 0);
    CHECK(strcmp(tflm_isa_name(TFLM_ISA_ARM_MVE), "arm-mve") == 0);
    free(model);
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
    const size_t arena_size = 2u << 20;
    uint8_t *arena = aligned_alloc(16, arena_size);
    check_options(&ops, arena, arena_size);
    for (size_t i = 0; i < golden_model_count; i++) {
        check_model(golden_models[i], &ops, arena, arena_size);
    }
    free(arena);
    TEST_MAIN_END();
}
