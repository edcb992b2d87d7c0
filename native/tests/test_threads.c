/*
 * test_threads.c - what tflm.h promises threads: a model's bytes and a
 * resolver may be shared, each interpreter in its own arena. 8 threads each
 * run 1,000 inferences on every shared model the runtime supports, all
 * interpreters reading the same model buffers at once; every output must
 * equal the serial run's on the same input. Inputs cycle through INPUTS
 * deterministic patterns, each thread from its own start, with the state
 * reset before each invoke so an output depends on its input alone
 * (keyword_scrambled has SVDF state).
 */
#include <pthread.h>
#include <stdint.h>

#include "shared_models.h"
#include "test.h"
#include "tflm/ops.h"

#define THREADS 8
#define INFERENCES 1000
#define INPUTS 16
#define ARENA_BYTES (1u << 20)
#define MAX_OUTPUT_BYTES 4096

/* Every shared model but this one, which uses the TFLM signal library's
 * custom ops this runtime does not implement. */
#define UNSUPPORTED_MODEL "audio_preprocessor_int8"

typedef struct shared_model {
    const uint8_t *bytes;
    size_t size;
    /* The serial run's outputs, one after another, for each input pattern. */
    uint8_t expected[INPUTS][MAX_OUTPUT_BYTES];
    size_t output_bytes;
} shared_model;

static shared_model models[SHARED_MODEL_COUNT];
static size_t model_count;
static const tflm_kernel *kernels[TFLM_OP_COUNT];
static tflm_op_resolver ops; /* read by every create at once */

/* Input pattern `pattern` for every input: bytes from a small LCG, or
 * floats in [-16, 16) for float inputs (random bytes would make NaNs). */
static void fill_inputs(tflm_interpreter *interp, unsigned pattern)
{
    uint32_t state = 2654435761u * (pattern + 1u);
    for (size_t i = 0; i < tflm_interpreter_input_count(interp); i++) {
        tflm_tensor_info in;
        tflm_interpreter_input(interp, i, &in);
        if (in.type == TFLM_TYPE_FLOAT32) {
            float *values = in.data;
            for (size_t j = 0; j < in.bytes / sizeof(float); j++) {
                state = state * 1664525u + 1013904223u;
                values[j] = (float)(int32_t)(state >> 8) / (float)(1 << 19) - 16.0f;
            }
        } else {
            uint8_t *bytes = in.data;
            for (size_t j = 0; j < in.bytes; j++) {
                state = state * 1664525u + 1013904223u;
                bytes[j] = (uint8_t)(state >> 24);
            }
        }
    }
}

/* Resets the state, sets the inputs, invokes and copies every output to
 * out; returns the bytes copied, 0 on failure. */
static size_t run(tflm_interpreter *interp, unsigned pattern, uint8_t *out)
{
    size_t used = 0;
    fill_inputs(interp, pattern);
    if (tflm_interpreter_reset_state(interp) != TFLM_OK || tflm_interpreter_invoke(interp) != TFLM_OK) {
        return 0;
    }
    for (size_t i = 0; i < tflm_interpreter_output_count(interp); i++) {
        tflm_tensor_info info;
        tflm_interpreter_output(interp, i, &info);
        if (used + info.bytes > MAX_OUTPUT_BYTES) {
            return 0;
        }
        memcpy(out + used, info.data, info.bytes);
        used += info.bytes;
    }
    return used;
}

static tflm_interpreter *create(const shared_model *model, uint8_t *arena)
{
    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, model->bytes, model->size, &ops, arena, ARENA_BYTES,
                                &error) != TFLM_OK) {
        fprintf(stderr, "create: %s\n", error.message);
        return NULL;
    }
    return interp;
}

/* One thread: an interpreter per model in arenas of its own; returns the
 * number of inferences whose outputs differ from the serial run's. */
static void *worker(void *argument)
{
    const unsigned thread = (unsigned)(uintptr_t)argument;
    uint8_t *arenas = aligned_alloc(TFLM_ARENA_ALIGNMENT, model_count * ARENA_BYTES);
    tflm_interpreter *interps[SHARED_MODEL_COUNT];
    uintptr_t mismatches = 0;
    for (size_t m = 0; m < model_count; m++) {
        interps[m] = create(&models[m], arenas + m * ARENA_BYTES);
        mismatches += interps[m] == NULL ? INFERENCES : 0;
    }
    uint8_t out[MAX_OUTPUT_BYTES];
    for (unsigned i = 0; i < INFERENCES; i++) {
        for (size_t m = 0; m < model_count; m++) {
            const unsigned pattern = (thread * 5u + i) % INPUTS;
            if (interps[m] != NULL && (run(interps[m], pattern, out) != models[m].output_bytes ||
                                       memcmp(out, models[m].expected[pattern], models[m].output_bytes) != 0)) {
                mismatches++;
            }
        }
    }
    free(arenas);
    return (void *)mismatches;
}

int main(void)
{
    require_shared_models();
    tflm_op_resolver_init(&ops, kernels, TFLM_OP_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));

    uint8_t *arena = aligned_alloc(TFLM_ARENA_ALIGNMENT, ARENA_BYTES);
    size_t varying_models = 0;
    for (size_t i = 0; i < SHARED_MODEL_COUNT; i++) {
        if (strcmp(shared_model_names[i], UNSUPPORTED_MODEL) == 0) {
            continue;
        }
        const size_t m = model_count++;
        models[m].bytes = load_shared_model(shared_model_names[i], &models[m].size);
        tflm_interpreter *interp = create(&models[m], arena);
        CHECK(interp != NULL);
        for (unsigned pattern = 0; interp != NULL && pattern < INPUTS; pattern++) {
            models[m].output_bytes = run(interp, pattern, models[m].expected[pattern]);
            CHECK(models[m].output_bytes > 0);
        }
        int varies = 0;
        for (unsigned pattern = 1; pattern < INPUTS; pattern++) {
            varies |= memcmp(models[m].expected[0], models[m].expected[pattern],
                             models[m].output_bytes) != 0;
        }
        varying_models += varies;
    }
    free(arena);
    /* A thread that mixed up inputs or outputs shows only where outputs
     * depend on inputs: on every model but keyword_scrambled, whose outputs
     * are constant (TFLM's golden output too: two halves). */
    CHECK_EQ_INT(model_count - 1, varying_models);
    if (tflm_test_failures) {
        TEST_MAIN_END();
    }

    pthread_t threads[THREADS];
    for (unsigned t = 0; t < THREADS; t++) {
        CHECK_EQ_INT(0, pthread_create(&threads[t], NULL, worker, (void *)(uintptr_t)t));
    }
    for (unsigned t = 0; t < THREADS; t++) {
        void *mismatches;
        CHECK_EQ_INT(0, pthread_join(threads[t], &mismatches));
        CHECK_EQ_INT(0, (uintptr_t)mismatches);
    }
    if (tflm_test_failures == 0) {
        printf("%d threads x %d inferences on each of %zu shared models: outputs equal the serial "
               "run's\n",
               THREADS, INFERENCES, model_count);
    }
    for (size_t m = 0; m < model_count; m++) {
        free((void *)models[m].bytes);
    }
    TEST_MAIN_END();
}
