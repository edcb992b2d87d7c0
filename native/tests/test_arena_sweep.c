/* Arena sweep with the real kernels (tflm_op_resolver_add_all): for every
 * shared model but audio_preprocessor_int8 (its TFLM signal ops are not in
 * ops.h), every arena size from 0 up to the reported requirement fails
 * cleanly with TFLM_ERROR_ARENA_TOO_SMALL, and the requirement itself
 * succeeds. Each arena is allocated with exactly its size, so under
 * TFLM_SANITIZE a write past it is caught. */
#include "shared_models.h"
#include "test.h"
#include "tflm/ops.h"

static size_t requirement(const uint8_t *model, size_t size, const tflm_op_resolver *ops)
{
    size_t big = 8u << 20;
    uint8_t *arena = alloc_exact(big);
    tflm_interpreter *interp;
    tflm_error error;
    size_t used = 0;
    if (tflm_interpreter_create(&interp, model, size, ops, arena, big, &error) == TFLM_OK) {
        used = tflm_interpreter_arena_used(interp);
        CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    } else {
        fprintf(stderr, "create failed: %s\n", error.message);
        tflm_test_failures++;
    }
    free(arena);
    return used;
}

static void sweep(const char *name, const tflm_op_resolver *ops)
{
    size_t size;
    uint8_t *model = load_shared_model(name, &size);
    size_t used = requirement(model, size, ops);
    int exact_messages = 0;
    for (size_t arena_size = 0; used > 0 && arena_size <= used; arena_size++) {
        uint8_t *arena = alloc_exact(arena_size);
        tflm_interpreter *interp;
        tflm_error error;
        tflm_status status = tflm_interpreter_create(&interp, model, size, ops, arena, arena_size, &error);
        if (arena_size < used) {
            if (status != TFLM_ERROR_ARENA_TOO_SMALL) {
                fprintf(stderr, "%s: arena %zu: %s\n", name, arena_size, error.message);
                tflm_test_failures++;
                free(arena);
                break;
            }
            exact_messages += strstr(error.message, "at least") == NULL;
        } else {
            CHECK_EQ_INT(TFLM_OK, status);
            CHECK_EQ_INT(used, tflm_interpreter_arena_used(interp));
            CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
        }
        free(arena);
    }
    printf("%-24s arena_used %7zu bytes (%d sizes below it got the exact figure)\n", name, used,
           exact_messages);
    free(model);
}

int main(void)
{
    require_shared_models();
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    for (size_t m = 0; m < SHARED_MODEL_COUNT; m++) {
        if (strcmp(shared_model_names[m], "audio_preprocessor_int8") != 0) {
            sweep(shared_model_names[m], &ops);
        }
    }
    TEST_MAIN_END();
}
