#include "golden_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int parse_line(char *line, golden_tensor *tensor)
{
    char kind[8];
    int consumed = 0;
    if (sscanf(line, "%7s %d %15s %n", kind, &tensor->index, tensor->type, &consumed) != 3) {
        return -1;
    }
    char *p = line + consumed;
    char *shape_end = strchr(p, ']'); /* skip "[1,2,3]" */
    if (*p != '[' || !shape_end) {
        return -1;
    }
    p = shape_end + 1;
    while (*p == ' ') p++;
    size_t digits = strcspn(p, " \r\n");
    if (digits % 2) {
        return -1;
    }
    tensor->size = digits / 2;
    tensor->bytes = malloc(tensor->size ? tensor->size : 1);
    for (size_t i = 0; i < tensor->size; i++) {
        int hi = hex_value(p[2 * i]), lo = hex_value(p[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        tensor->bytes[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

int golden_read(const char *path, golden_file *file)
{
    memset(file, 0, sizeof *file);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    static char line[1 << 20];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\n' || line[0] == '\0') continue;
        if (file->count == GOLDEN_MAX_TENSORS || parse_line(line, &file->tensors[file->count])) {
            fprintf(stderr, "%s: bad line %d\n", path, file->count + 1);
            fclose(f);
            return -1;
        }
        file->count++;
    }
    fclose(f);
    return 0;
}

void golden_free(golden_file *file)
{
    for (int i = 0; i < file->count; i++) {
        free(file->tensors[i].bytes);
    }
    file->count = 0;
}

uint8_t *read_file_aligned(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = aligned_alloc(16, ((size_t)length + 15) & ~(size_t)15);
    if (data && fread(data, 1, (size_t)length, f) != (size_t)length) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)length;
    return data;
}

const char *const golden_models[] = {
    "hello_world_int8", "hello_world_float", "micro_speech_quantized", "keyword_scrambled",
    "person_detect", "kws_ref_model", "vww_96_int8", "pretrainedResnet_quant", "ad01_int8",
    "audio_preprocessor_int8",
};
const size_t golden_model_count = sizeof golden_models / sizeof golden_models[0];

int golden_data_present(void)
{
    FILE *probe = fopen(TFLM_SHARED_DIR "/golden/README.md", "r");
    if (!probe) {
        printf("skipped: %s/golden not found (set -DTFLM_SHARED_DIR)\n", TFLM_SHARED_DIR);
        return 0;
    }
    fclose(probe);
    return 1;
}

int golden_case_read(const char *name, golden_case *c)
{
    char path[1024];
    memset(c, 0, sizeof *c);
    snprintf(path, sizeof path, "%s/models/%s.tflite", TFLM_SHARED_DIR, name);
    c->model = read_file_aligned(path, &c->model_size);
    if (!c->model) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    snprintf(path, sizeof path, "%s/golden/%s.input.txt", TFLM_SHARED_DIR, name);
    if (golden_read(path, &c->inputs) == 0) {
        snprintf(path, sizeof path, "%s/golden/%s.output.txt", TFLM_SHARED_DIR, name);
        if (golden_read(path, &c->outputs) == 0) {
            return 0;
        }
    }
    golden_case_free(c);
    return -1;
}

void golden_case_free(golden_case *c)
{
    free(c->model);
    c->model = NULL;
    golden_free(&c->inputs);
    golden_free(&c->outputs);
}

int golden_set_inputs(tflm_interpreter *interp, const char *name, const golden_case *c)
{
    for (int i = 0; i < c->inputs.count; i++) {
        const golden_tensor *g = &c->inputs.tensors[i];
        tflm_tensor_info in;
        if (tflm_interpreter_input(interp, (size_t)g->index, &in) != TFLM_OK || in.bytes != g->size) {
            fprintf(stderr, "%s input %d: missing or not %zu bytes\n", name, g->index, g->size);
            return -1;
        }
        memcpy(in.data, g->bytes, g->size);
    }
    return 0;
}

int golden_output_matches(const char *name, const tflm_tensor_info *out,
                          const golden_tensor *expected)
{
    if (out->bytes != expected->size) {
        fprintf(stderr, "%s output %d: %zu bytes, golden has %zu\n", name, expected->index,
                out->bytes, expected->size);
        return 0;
    }
    if (out->type != TFLM_TYPE_FLOAT32) {
        for (size_t i = 0; i < out->bytes; i++) {
            if (((uint8_t *)out->data)[i] != expected->bytes[i]) {
                fprintf(stderr, "%s output %d: byte %zu is %02x, golden %02x\n", name,
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
            fprintf(stderr, "%s output %d: element %zu is %g, golden %g\n", name, expected->index,
                    i, got, want);
            return 0;
        }
    }
    return 1;
}
