/*
 * model_files.h - model files for the core's tests: read into 16-aligned
 * memory of exactly their size, and the hand-built models of
 * native/tests/models by name (TFLM_TEST_MODELS_DIR comes from CMake:
 * tflm_add_model_test). Inline: not every test uses each. The models are
 * written by the Java writer
 * (NativeTestModels), which NativeTestModelsTest keeps them equal to.
 */
#ifndef TFLM_TESTS_MODEL_FILES_H
#define TFLM_TESTS_MODEL_FILES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* size bytes (any size, 0 included) at a 16-aligned address, with nothing
 * addressable after them: AddressSanitizer flags a read one byte past.
 * posix_memalign (tflm_add_model_test defines _POSIX_C_SOURCE) because
 * C11 aligned_alloc wants a multiple of the alignment. */
static inline uint8_t *alloc_exact(size_t size)
{
    void *memory = NULL;
    if (posix_memalign(&memory, 16, size ? size : 1) != 0) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return memory;
}

/* The bytes of the file at path in 16-aligned memory (free with free());
 * exits on error. */
static inline uint8_t *read_model_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    uint8_t *bytes = alloc_exact((size_t)length);
    if (fread(bytes, 1, (size_t)length, file) != (size_t)length) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    fclose(file);
    *size = (size_t)length;
    return bytes;
}

/* A model of native/tests/models by its name without ".tflite". */
static inline uint8_t *load_test_model(const char *name, size_t *size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.tflite", TFLM_TEST_MODELS_DIR, name);
    return read_model_file(path, size);
}

#endif /* TFLM_TESTS_MODEL_FILES_H */
