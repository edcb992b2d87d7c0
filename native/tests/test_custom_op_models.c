/* TFLM's CIRCULAR_BUFFER and TFLite_Detection_PostProcess in the
 * interpreter, on the hand-built models of native/tests/models
 * (NativeTestModels: streaming, detection_postprocess). streaming: an
 * invoke that a CIRCULAR_BUFFER stops returns TFLM_STOPPED_EARLY with no
 * message, after the operators before it and none after; a plain output's
 * frames survive the planner's reuse of its bytes; reset_state refills
 * the frames (a variable output's and the kernel's own) and restarts the
 * count; running operator by operator stops where an invoke does.
 * detection_postprocess: TFLM's case, with its scratch in the arena. */
#include "kernels/detection_postprocess.h"
#include "model_files.h"
#include "test.h"
#include "tflm/ops.h"

enum { ARENA_SIZE = 1 << 14 };
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));
static const tflm_kernel *storage[TFLM_OP_COUNT];

static tflm_interpreter *create(const char *name, uint8_t **model, size_t arena_size,
                                tflm_error *error)
{
    size_t size;
    *model = load_test_model(name, &size);
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    tflm_interpreter *interp = NULL;
    if (tflm_interpreter_create(&interp, *model, size, &ops, arena, arena_size, error) != TFLM_OK) {
        return NULL;
    }
    return interp;
}

static void *tensor_data(tflm_interpreter *interp, bool input, size_t i)
{
    tflm_tensor_info info;
    CHECK_EQ_INT(TFLM_OK, input ? tflm_interpreter_input(interp, i, &info)
                                : tflm_interpreter_output(interp, i, &info));
    return info.data;
}

/* Writes x, invokes, and checks the status, y (6 values; NULL after a
 * stopped invoke, which leaves it unspecified) and z (4). */
static void step(tflm_interpreter *interp, int8_t x0, int8_t x1, tflm_status status,
                 const int32_t y[6], const int32_t z[4])
{
    int8_t *x = tensor_data(interp, true, 0);
    x[0] = x0;
    x[1] = x1;
    CHECK_EQ_INT(status, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));
    const int32_t *got_y = tensor_data(interp, false, 0), *got_z = tensor_data(interp, false, 1);
    for (int i = 0; y != NULL && i < 6; i++) {
        CHECK_EQ_INT(y[i], got_y[i]);
    }
    for (int i = 0; i < 4; i++) {
        CHECK_EQ_INT(z[i], got_z[i]);
    }
}

static void test_streaming(void)
{
    uint8_t *model;
    tflm_error error;
    tflm_interpreter *interp = create("streaming", &model, ARENA_SIZE, &error);
    CHECK(interp != NULL);
    if (interp == NULL) {
        fprintf(stderr, "streaming: %s\n", error.message);
        free(model);
        return;
    }
    CHECK_EQ_INT(0, strcmp(tflm_status_name(TFLM_STOPPED_EARLY), "stopped early"));
    /* the frames start at the zero point, -5; buf runs every other invoke */
    step(interp, 1, 2, TFLM_STOPPED_EARLY, NULL, (const int32_t[4]){-5, -5, 1, 2});
    step(interp, 3, 4, TFLM_OK, (const int32_t[6]){-5, -5, 1, 2, 3, 4},
         (const int32_t[4]){1, 2, 3, 4});
    step(interp, 5, 6, TFLM_STOPPED_EARLY, NULL, (const int32_t[4]){3, 4, 5, 6});
    step(interp, 7, 8, TFLM_OK, (const int32_t[6]){3, 4, 5, 6, 7, 8},
         (const int32_t[4]){5, 6, 7, 8});

    /* reset: zero points again, and the count restarts */
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_reset_state(interp));
    step(interp, 9, 10, TFLM_STOPPED_EARLY, NULL, (const int32_t[4]){-5, -5, 9, 10});
    step(interp, 11, 12, TFLM_OK, (const int32_t[6]){-5, -5, 9, 10, 11, 12},
         (const int32_t[4]){9, 10, 11, 12});

    /* operator by operator: the second buffer (operator 2) stops every
     * other time, and its caller stops there too */
    int8_t *x = tensor_data(interp, true, 0);
    x[0] = 13;
    x[1] = 14;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 0));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke_operator(interp, 1));
    CHECK_EQ_INT(TFLM_STOPPED_EARLY, tflm_interpreter_invoke_operator(interp, 2));
    CHECK_EQ_INT(0, strlen(tflm_interpreter_error_message(interp)));
    step(interp, 15, 16, TFLM_OK, (const int32_t[6]){11, 12, 13, 14, 15, 16},
         (const int32_t[4]){13, 14, 15, 16});
    free(model);
}

/* TFLM's fast NMS case (detection_postprocess_test.cc), whose scratch
 * counts in the arena: create fails in one byte less than it reports. */
static void test_detection(void)
{
    static const float boxes[24] = {0, 0, 0, 0, 0, 1, 0, 0, 0, -1, 0, 0,
                                    0, 0, 0, 0, 0, 1, 0, 0, 0, 0,  0, 0};
    static const float scores[18] = {0.f, .9f, .8f,  0.f, .75f, .72f, 0.f, .6f, .5f,
                                     0.f, .93f, .95f, 0.f, .5f, .4f,  0.f, .3f, .2f};
    static const float golden_boxes[12] = {0, 10, 1, 11, 0, 0, 1, 1, 0, 100, 1, 101};
    static const float golden_classes[3] = {1, 0, 0}, golden_scores[3] = {.95f, .9f, .3f};
    uint8_t *model;
    tflm_error error;
    tflm_interpreter *interp = create("detection_postprocess", &model, ARENA_SIZE, &error);
    CHECK(interp != NULL);
    if (interp == NULL) {
        fprintf(stderr, "detection_postprocess: %s\n", error.message);
        free(model);
        return;
    }
    memcpy(tensor_data(interp, true, 0), boxes, sizeof boxes);
    memcpy(tensor_data(interp, true, 1), scores, sizeof scores);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    CHECK(memcmp(tensor_data(interp, false, 0), golden_boxes, sizeof golden_boxes) == 0);
    CHECK(memcmp(tensor_data(interp, false, 1), golden_classes, sizeof golden_classes) == 0);
    CHECK(memcmp(tensor_data(interp, false, 2), golden_scores, sizeof golden_scores) == 0);
    CHECK(*(const float *)tensor_data(interp, false, 3) == 3.0f);

    const tflm_detection_params params = {.boxes = 6, .classes = 2, .max_detections = 3,
                                          .max_classes_per_detection = 1};
    const size_t used = tflm_interpreter_arena_used(interp);
    CHECK(used > tflm_detection_postprocess_scratch_size(&params) + sizeof boxes + sizeof scores);
    free(model);
    CHECK(create("detection_postprocess", &model, used, &error) != NULL);
    free(model);
    CHECK(create("detection_postprocess", &model, used - 1, &error) == NULL);
    CHECK_EQ_INT(TFLM_ERROR_ARENA_TOO_SMALL, error.status);
    free(model);
}

int main(void)
{
    test_streaming();
    test_detection();
    TEST_MAIN_END();
}
