/* Runs every shared model on its golden input and compares every output
 * with TFLM's reference output: integers byte for byte, float32 within
 * 1e-4 x max(1, |expected|) (summation order differs). */
#include <math.h>

#include "golden_file.h"
#include "test.h"
#include "tflm/ops.h"

static const char *const models[] = {
    "hello_world_int8", "hello_world_float", "micro_speech_quantized", "keyword_scrambled",
    "person_detect", "kws_ref_model", "vww_96_int8", "pretrainedResnet_quant", "ad01_int8",
};

static int outputs_match(const char *model, const tflm_tensor_info *out, const golden_tensor *expected)
{
    if (out->bytes != expected->size) {
        fprintf(stderr, "%s output %d: %zu bytes, golden has %zu\n", model, expected->index,
                out->bytes, expected->size);
        return 0;
    }
    if (out->type != TFLM_TYPE_FLOAT32) {
        for (size_t i = 0; i < out->bytes; i++) {
            if (((uint8_t *)out->data)[i] != expected->bytes[i]) {
                fprintf(stderr, "%s output %d: byte %zu is %02x, golden %02x\n", model,
                        expected->index, i, ((uint8_t *)out->data)[i], expected->bytes[i]);
                return 0;
            }
        }
        return 1;
    }
    for (size_t i = 0; i < out->bytes / 4; i++) {
        float got, want;
        memcpy(&got, (uint8_t *)out->data + 4 * i, 4);
        memcpy(&want, expected->bytes + 4 * i, 4);
        if (fabsf(got - want) > 1e-4f * fmaxf(1.0f, fabsf(want))) {
            fprintf(stderr, "%s output %d: element %zu is %g, golden %g\n", model, expected->index,
                    i, got, want);
            return 0;
        }
    }
    return 1;
}

static void check_model(const char *name, tflm_op_resolver *ops)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/%s.tflite", TFLM_SHARED_DIR, name);
    size_t model_size;
    uint8_t *model = read_file_aligned(path, &model_size);
    golden_file inputs, outputs;
    char in_path[1024], out_path[1024];
    snprintf(in_path, sizeof in_path, "%s/golden/%s.input.txt", TFLM_SHARED_DIR, name);
    snprintf(out_path, sizeof out_path, "%s/golden/%s.output.txt", TFLM_SHARED_DIR, name);
    CHECK(model != NULL);
    if (!model || golden_read(in_path, &inputs) || golden_read(out_path, &outputs)) {
        tflm_test_failures++;
        free(model);
        return;
    }
    size_t arena_size = 1 << 20;
    uint8_t *arena = aligned_alloc(16, arena_size);
    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, model, model_size, ops, arena, arena_size, &error) != TFLM_OK) {
        fprintf(stderr, "%s: %s\n", name, error.message);
        tflm_test_failures++;
    } else {
        for (int i = 0; i < inputs.count; i++) {
            tflm_tensor_info in;
            CHECK_EQ_INT(TFLM_OK, tflm_interpreter_input(interp, (size_t)inputs.tensors[i].index, &in));
            CHECK_EQ_INT(in.bytes, inputs.tensors[i].size);
            memcpy(in.data, inputs.tensors[i].bytes, in.bytes < inputs.tensors[i].size ? in.bytes : inputs.tensors[i].size);
        }
        tflm_status status = tflm_interpreter_invoke(interp);
        if (status != TFLM_OK) {
            fprintf(stderr, "%s: %s\n", name, tflm_interpreter_error_message(interp));
            tflm_test_failures++;
        } else {
            for (int i = 0; i < outputs.count; i++) {
                tflm_tensor_info out;
                CHECK_EQ_INT(TFLM_OK, tflm_interpreter_output(interp, (size_t)outputs.tensors[i].index, &out));
                if (!outputs_match(name, &out, &outputs.tensors[i])) {
                    tflm_test_failures++;
                }
            }
            printf("%-24s arena %7zu bytes: outputs match\n", name, tflm_interpreter_arena_used(interp));
        }
    }
    free(arena);
    free(model);
    golden_free(&inputs);
    golden_free(&outputs);
}

int main(void)
{
    FILE *probe = fopen(TFLM_SHARED_DIR "/golden/README.md", "r");
    if (!probe) {
        printf("skipped: %s/golden not found (set -DTFLM_SHARED_DIR)\n", TFLM_SHARED_DIR);
        return 77;
    }
    fclose(probe);
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        check_model(models[i], &ops);
    }
    TEST_MAIN_END();
}
