/* Arena sweep with the real kernels (tflm_op_resolver_add_all): for every
 * shared model but audio_preprocessor_int8 (its TFLM signal ops are not in
 * ops.h), and for the hand-built models of native/tests/models (several
 * subgraphs and a resource variable; constants aligned and not, with the
 * test kernels of subgraph_kernels.h added), arena sizes from 0 up to the
 * reported requirement fail cleanly with TFLM_ERROR_ARENA_TOO_SMALL, and
 * the requirement itself succeeds.
 * Each arena is allocated with exactly its size, so under TFLM_SANITIZE a
 * write past it is caught.
 *
 * Which sizes: every one for models needing up to FULL_SWEEP_LIMIT bytes.
 * Above it (kws_ref_model, ResNet-8, vww, person_detect: a create costs up
 * to ~1.7 ms there, verification and every prepare included, and every
 * size took 10 minutes on a CI-like VM), every size in the first HEAD_SIZES
 * (the interpreter's own tables) and in the last WINDOW_SIZES below the
 * requirement (the edge: the last allocations and the plan, at every
 * alignment residue), and about MIDDLE_SIZES sizes in between at an odd
 * stride, so they fall on every residue modulo 16 and fail inside each
 * op's prepare in turn. The cut keeps the edge whole and samples only the
 * middle, where neighbouring sizes fail in the same allocation. */
#include "shared_models.h"
#include "subgraph_kernels.h"
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

enum {
    FULL_SWEEP_LIMIT = 32 * 1024,
    HEAD_SIZES = 2048,
    WINDOW_SIZES = 4096,
    MIDDLE_SIZES = 2048,
};

/* The next arena size to try after arena_size (see the top comment). */
static size_t next_size(size_t arena_size, size_t used)
{
    if (used <= FULL_SWEEP_LIMIT || arena_size + 1 < HEAD_SIZES ||
        arena_size + 1 + WINDOW_SIZES >= used) {
        return arena_size + 1;
    }
    const size_t middle = used - WINDOW_SIZES - HEAD_SIZES;
    const size_t stride = (middle / MIDDLE_SIZES) | 1;
    const size_t next = arena_size + stride;
    return next < used - WINDOW_SIZES ? next : used - WINDOW_SIZES;
}

static void sweep(const char *name, const uint8_t *model, size_t size, const tflm_op_resolver *ops)
{
    size_t used = requirement(model, size, ops);
    int exact_messages = 0, tried = 0;
    for (size_t arena_size = 0; used > 0 && arena_size <= used;
         arena_size = next_size(arena_size, used), tried++) {
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
    printf("%-24s arena_used %7zu bytes: %d sizes tried, %d below it got the exact figure\n",
           name, used, tried, exact_messages);
}

int main(void)
{
    const tflm_kernel *storage[TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(&ops));
    static const char *const test_models[] = {"subgraph_calls", "constants_aligned",
                                              "constants_misaligned"};
    for (size_t m = 0; m < sizeof test_models / sizeof test_models[0]; m++) {
        size_t size;
        uint8_t *model = load_test_model(test_models[m], &size);
        sweep(test_models[m], model, size, &ops);
        free(model);
    }
    bool shared = shared_models_present();
    for (size_t m = 0; shared && m < SHARED_MODEL_COUNT; m++) {
        if (strcmp(shared_model_names[m], "audio_preprocessor_int8") != 0) {
            size_t size;
            uint8_t *model = load_shared_model(shared_model_names[m], &size);
            sweep(shared_model_names[m], model, size, &ops);
            free(model);
        }
    }
    TEST_MAIN_END();
}
