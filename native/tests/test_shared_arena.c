/*
 * test_shared_arena.c - several interpreters in one arena (tflm.h, "Several
 * interpreters, one arena"), on the pair TFLM's micro_speech example runs:
 * the audio front end (audio_preprocessor_int8, whose noise reduction and
 * gain control keep state from frame to frame) and the keyword model
 * (micro_speech_quantized).
 *
 * The same audio goes through both interpreters in arenas of their own and
 * through both in one shared arena, with the keyword model invoked between
 * front-end frames there so that it overwrites the planned part the front
 * end also uses: every feature and score must be equal. Then the shared
 * figure: the largest planned part plus both persistent parts, less than
 * the two arenas, and exact (that many bytes hold both, 16 fewer do not,
 * with a message).
 */
#include <stdint.h>

#include "shared_models.h"
#include "test.h"
#include "tflm/ops.h"

enum { WINDOW = 480, FRAMES = 49, FEATURES = 40, CLIPS = 2, ARENA_BYTES = 1 << 16 };

static const tflm_kernel *kernels[TFLM_OP_COUNT];
static tflm_op_resolver ops;
static uint8_t *front_end_model, *keyword_model;
static size_t front_end_size, keyword_size;

typedef struct run {
    int8_t features[CLIPS][FRAMES * FEATURES];
    int8_t scores[CLIPS][4];
} run;

/* 480 samples of a deterministic noisy chirp for frame f of clip c. */
static void fill_window(int16_t *samples, int c, int f)
{
    uint32_t state = 2654435761u * (uint32_t)(c * FRAMES + f + 1);
    for (int i = 0; i < WINDOW; i++) {
        state = state * 1664525u + 1013904223u;
        const int tone = ((i * (f + 3)) & 63) < 32 ? 2000 : -2000;
        samples[i] = (int16_t)(tone + (int32_t)(state >> 20) - 2048);
    }
}

static int invoke(tflm_interpreter *interp)
{
    const tflm_status status = tflm_interpreter_invoke(interp);
    if (status != TFLM_OK) {
        fprintf(stderr, "invoke: %s\n", tflm_interpreter_error_message(interp));
    }
    return status == TFLM_OK;
}

/* Both clips through the front end, frame by frame, then the keyword model.
 * With clobber, the keyword model also runs after every frame (on whatever
 * its input holds), as another tenant of a shared arena would. */
static void run_clips(tflm_interpreter *front_end, tflm_interpreter *keywords, bool clobber, run *out)
{
    tflm_tensor_info in, features, kw_in, kw_out;
    CHECK(tflm_interpreter_input(front_end, 0, &in) == TFLM_OK && in.bytes == WINDOW * 2);
    CHECK(tflm_interpreter_output(front_end, 0, &features) == TFLM_OK && features.bytes == FEATURES);
    CHECK(tflm_interpreter_input(keywords, 0, &kw_in) == TFLM_OK && kw_in.bytes == FRAMES * FEATURES);
    CHECK(tflm_interpreter_output(keywords, 0, &kw_out) == TFLM_OK && kw_out.bytes == 4);
    for (int c = 0; c < CLIPS; c++) {
        for (int f = 0; f < FRAMES; f++) {
            fill_window(in.data, c, f);
            CHECK(invoke(front_end));
            memcpy(out->features[c] + f * FEATURES, features.data, FEATURES);
            if (clobber) {
                CHECK(invoke(keywords));
            }
        }
        memcpy(kw_in.data, out->features[c], FRAMES * FEATURES);
        CHECK(invoke(keywords));
        memcpy(out->scores[c], kw_out.data, 4);
    }
}

/* Creates both in a shared arena of size bytes at base. */
static tflm_status create_both(uint8_t *base, size_t size, tflm_shared_arena *shared,
                               tflm_interpreter **front_end, tflm_interpreter **keywords, tflm_error *error)
{
    tflm_shared_arena_init(shared, base, size);
    tflm_status status = tflm_interpreter_create_shared(front_end, front_end_model, front_end_size, &ops,
                                                        shared, NULL, error);
    if (status == TFLM_OK) {
        status = tflm_interpreter_create_shared(keywords, keyword_model, keyword_size, &ops, shared, NULL,
                                                error);
    }
    return status;
}

int main(void)
{
    require_shared_models();
    tflm_op_resolver_init(&ops, kernels, TFLM_OP_COUNT);
    CHECK(tflm_op_resolver_add_all(&ops) == TFLM_OK);
    front_end_model = load_shared_model("audio_preprocessor_int8", &front_end_size);
    keyword_model = load_shared_model("micro_speech_quantized", &keyword_size);
    tflm_error error;

    /* Apart: each in an arena of its own. */
    uint8_t *apart_arena = alloc_exact(2 * ARENA_BYTES);
    tflm_interpreter *front_end, *keywords;
    CHECK(tflm_interpreter_create(&front_end, front_end_model, front_end_size, &ops, apart_arena, ARENA_BYTES,
                                  &error) == TFLM_OK);
    CHECK(tflm_interpreter_create(&keywords, keyword_model, keyword_size, &ops, apart_arena + ARENA_BYTES,
                                  ARENA_BYTES, &error) == TFLM_OK);
    const size_t apart_bytes = tflm_interpreter_arena_used(front_end) + tflm_interpreter_arena_used(keywords);
    static run apart, shared_run;
    run_clips(front_end, keywords, false, &apart);

    /* Shared, with the keyword model running between the front end's frames. */
    uint8_t *arena = alloc_exact(ARENA_BYTES);
    tflm_shared_arena shared;
    CHECK(create_both(arena, ARENA_BYTES, &shared, &front_end, &keywords, &error) == TFLM_OK);
    CHECK_EQ_INT(2, shared.interpreters);
    run_clips(front_end, keywords, true, &shared_run);
    CHECK(memcmp(&apart, &shared_run, sizeof apart) == 0);
    const size_t shared_bytes = tflm_shared_arena_used(&shared);
    printf("front end + keywords: %zu bytes apart, %zu shared (planned %zu, persistent %zu)\n", apart_bytes,
           shared_bytes, shared.planned, shared.persistent);
    CHECK(shared_bytes < apart_bytes);
    CHECK_EQ_INT(shared.planned + shared.persistent, shared_bytes);

    /* The figure is exact: that many bytes hold both and give the same
     * outputs; 16 fewer do not, and the message says so. */
    uint8_t *exact = alloc_exact(shared_bytes);
    CHECK(create_both(exact, shared_bytes, &shared, &front_end, &keywords, &error) == TFLM_OK);
    CHECK_EQ_INT(shared_bytes, tflm_shared_arena_used(&shared));
    memset(&shared_run, 0, sizeof shared_run);
    run_clips(front_end, keywords, true, &shared_run);
    CHECK(memcmp(&apart, &shared_run, sizeof apart) == 0);
    free(exact);
    uint8_t *short_arena = alloc_exact(shared_bytes - 16);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL,
                 create_both(short_arena, shared_bytes - 16, &shared, &front_end, &keywords, &error));
    CHECK(strstr(error.message, "shared arena") != NULL);
    printf("%zu bytes: %s\n", shared_bytes - 16, error.message);
    CHECK_EQ_INT(1, shared.interpreters);
    free(short_arena);

    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT,
                 tflm_interpreter_create_shared(&front_end, front_end_model, front_end_size, &ops, NULL, NULL,
                                                &error));
    CHECK_EQ_INT(0, tflm_shared_arena_used(NULL));
    free(arena);
    free(apart_arena);
    free(front_end_model);
    free(keyword_model);
    TEST_MAIN_END();
}
