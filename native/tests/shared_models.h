/*
 * shared_models.h - the real models of ../shared/models for the core's
 * tests: their names, loading one into 16-aligned memory, and the skip
 * protocol (exit 77, SKIP_RETURN_CODE in CMake) when the folder is absent.
 * TFLM_SHARED_DIR comes from CMake (tflm_add_model_test).
 */
#ifndef TFLM_TESTS_SHARED_MODELS_H
#define TFLM_TESTS_SHARED_MODELS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_SKIP_CODE 77

static const char *const shared_model_names[] = {
    "ad01_int8",           "audio_preprocessor_int8", "hello_world_float",
    "hello_world_int8",    "keyword_scrambled",       "kws_ref_model",
    "micro_speech_quantized", "person_detect",        "pretrainedResnet_quant",
    "vww_96_int8",
};
#define SHARED_MODEL_COUNT (sizeof shared_model_names / sizeof shared_model_names[0])

/* size bytes (any size, 0 included) at a 16-aligned address, with nothing
 * addressable after them: AddressSanitizer flags a read one byte past.
 * posix_memalign (tflm_add_model_test defines _POSIX_C_SOURCE) because
 * C11 aligned_alloc wants a multiple of the alignment. */
static uint8_t *alloc_exact(size_t size)
{
    void *memory = NULL;
    if (posix_memalign(&memory, 16, size ? size : 1) != 0) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return memory;
}

/* Exits with the skip code when the shared models are not there. */
static void require_shared_models(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/hello_world_int8.tflite", TFLM_SHARED_DIR);
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        printf("skipped: %s/models not found (configure with -DTFLM_SHARED_DIR=...)\n",
               TFLM_SHARED_DIR);
        exit(TEST_SKIP_CODE);
    }
    fclose(probe);
}

/* The model's bytes in 16-aligned memory (free with free()); exits on error. */
static uint8_t *load_shared_model(const char *name, size_t *size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/%s.tflite", TFLM_SHARED_DIR, name);
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

#endif /* TFLM_TESTS_SHARED_MODELS_H */
