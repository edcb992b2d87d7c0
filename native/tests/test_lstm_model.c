/* UNIDIRECTIONAL_SEQUENCE_LSTM through the interpreter, on TFLM's int8
 * test case written as a model (native/tests/models/lstm_int8.tflite,
 * NativeTestModels.lstmInt8): its options read from the flatbuffer, the
 * absent optional inputs, the hidden and cell states as variable tensors
 * starting at their zero points. Output, hidden and cell state against
 * TFLM's float goldens within its tolerance (1e-2); a second invoke goes
 * on from the kept state; reset_state starts over, to the same bytes. */
#include <math.h>

#include "model_files.h"
#include "test.h"
#include "tflm/ops.h"

enum { ARENA_SIZE = 1 << 14, HIDDEN_TENSOR = 13, CELL_TENSOR = 14 };
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));

static const float kInput[12] = {0.2f, 0.3f, 0.2f, 0.3f, 0.2f, 0.3f, -0.98f, 0.62f, 0.01f, 0.99f, 0.49f, -0.32f};
static const float kOutput[12] = {0.26455893f,      0.26870455f,      0.47935803f, 0.47937014f,
                                  0.58013272f,      0.58013278f,      -1.41184672e-3f, -1.43329117e-5f,
                                  0.46887168f,      0.46891281f,      0.50054074f, 0.50054148f};
static const float kHidden[4] = {0.58013272f, 0.58013278f, 0.50054074f, 0.50054148f};
static const float kCell[4] = {0.89740515f, 0.8974053f, 0.80327607f, 0.80327785f};
static const float kHiddenScale = 0.004705882165580988f, kInputScale = 0.00784313725490196f;

static void check_near(const char *what, int i, float expected, float got)
{
    if (!(fabsf(expected - got) <= 1e-2f)) {
        fprintf(stderr, "%s[%d]: expected %f, got %f\n", what, i, expected, got);
        tflm_test_failures++;
    }
}

static void invoke(tflm_interpreter *interp, int8_t out[12])
{
    tflm_tensor_info in, output;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_input(interp, 0, &in));
    CHECK_EQ_INT(12, in.bytes);
    for (int i = 0; i < 12; i++) { /* TFLM's test quantizer: round(x / scale) */
        ((int8_t *)in.data)[i] = (int8_t)lroundf(kInput[i] / kInputScale);
    }
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_invoke(interp));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, 0, &output));
    memcpy(out, output.data, 12);
}

int main(void)
{
    size_t size;
    uint8_t *model = load_test_model("lstm_int8", &size);
    const tflm_kernel *storage[TFLM_OP_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    tflm_interpreter *interp;
    tflm_error error;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_create(&interp, model, size, &ops, arena, ARENA_SIZE, &error));
    if (error.status != TFLM_OK) {
        fprintf(stderr, "%s\n", error.message);
        free(model);
        TEST_MAIN_END();
    }
    int8_t first[12], second[12], again[12];
    invoke(interp, first);
    for (int i = 0; i < 12; i++) {
        check_near("output", i, kOutput[i], (float)(first[i] + 21) * kHiddenScale);
    }
    tflm_tensor_info hidden, cell;
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_tensor(interp, HIDDEN_TENSOR, &hidden));
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_tensor(interp, CELL_TENSOR, &cell));
    CHECK_EQ_INT(4, hidden.bytes);
    CHECK_EQ_INT(8, cell.bytes);
    for (int i = 0; i < 4; i++) {
        check_near("hidden", i, kHidden[i], (float)(((const int8_t *)hidden.data)[i] + 21) * kHiddenScale);
        check_near("cell", i, kCell[i], (float)((const int16_t *)cell.data)[i] / 4096.0f);
        CHECK_EQ_INT(first[6 * (i / 2) + 4 + i % 2], ((const int8_t *)hidden.data)[i]); /* the last step's */
    }
    invoke(interp, second);
    CHECK(memcmp(first, second, sizeof first) != 0);
    CHECK_EQ_INT(TFLM_OK, tflm_interpreter_reset_state(interp));
    invoke(interp, again);
    CHECK(memcmp(first, again, sizeof first) == 0);
    free(model);
    TEST_MAIN_END();
}
