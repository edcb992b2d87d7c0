/*
 * shared_models.h - the real models of ../shared/models for the core's
 * tests: their names, loading one (model_files.h), and the skip
 * protocol (exit 77, SKIP_RETURN_CODE in CMake) when the folder is absent.
 * TFLM_SHARED_DIR comes from CMake (tflm_add_model_test).
 */
#ifndef TFLM_TESTS_SHARED_MODELS_H
#define TFLM_TESTS_SHARED_MODELS_H

#include <stdbool.h>

#include "model_files.h"

#define TEST_SKIP_CODE 77

static const char *const shared_model_names[] = {
    "ad01_int8",           "audio_preprocessor_int8", "hello_world_float",
    "hello_world_int8",    "keyword_scrambled",       "kws_ref_model",
    "micro_speech_quantized", "person_detect",        "pretrainedResnet_quant",
    "vww_96_int8",
};
#define SHARED_MODEL_COUNT (sizeof shared_model_names / sizeof shared_model_names[0])

/* Whether the shared models are there; says so when not. */
static inline bool shared_models_present(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/hello_world_int8.tflite", TFLM_SHARED_DIR);
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        printf("skipped: %s/models not found (configure with -DTFLM_SHARED_DIR=...)\n",
               TFLM_SHARED_DIR);
        return false;
    }
    fclose(probe);
    return true;
}

/* Exits with the skip code when the shared models are not there. */
static inline void require_shared_models(void)
{
    if (!shared_models_present()) {
        exit(TEST_SKIP_CODE);
    }
}

/* The model's bytes in 16-aligned memory (free with free()); exits on error. */
static inline uint8_t *load_shared_model(const char *name, size_t *size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/models/%s.tflite", TFLM_SHARED_DIR, name);
    return read_model_file(path, size);
}

#endif /* TFLM_TESTS_SHARED_MODELS_H */
