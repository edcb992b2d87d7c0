/* hostile.h - what the hostile-model tests share: create from an exact
 * copy of a (mutated) model and check that it fails cleanly, or gives an
 * interpreter whose invoke succeeds or refuses a non-constant input's
 * values with KERNEL. */
#ifndef TFLM_TESTS_HOSTILE_H
#define TFLM_TESTS_HOSTILE_H

#include "model_files.h" /* alloc_exact */
#include "test.h"
#include "tflm/tflm.h"

typedef struct hostile_counts {
    int accepted, rejected;
} hostile_counts;

/* The copy is exactly size bytes, so reading past it is an AddressSanitizer
 * error; invoke = false creates only (models whose loops may not end). */
static inline void hostile_try(const uint8_t *bytes, size_t size, const tflm_op_resolver *ops, void *arena,
                               size_t arena_size, bool invoke, hostile_counts *counts)
{
    uint8_t *copy = alloc_exact(size);
    memcpy(copy, bytes, size);
    tflm_interpreter *interp;
    tflm_error error;
    tflm_status status = tflm_interpreter_create(&interp, copy, size, ops, arena, arena_size, &error);
    CHECK_EQ_INT(status, error.status);
    if (status == TFLM_OK) {
        counts->accepted++;
        CHECK(error.message[0] == '\0');
        tflm_status run = invoke ? tflm_interpreter_invoke(interp) : TFLM_OK;
        if (run != TFLM_OK && run != TFLM_ERROR_KERNEL) {
            fprintf(stderr, "invoke: %s (%s)\n", tflm_status_name(run), tflm_interpreter_error_message(interp));
            tflm_test_failures++;
        }
    } else {
        counts->rejected++;
        CHECK(error.message[0] != '\0');
        CHECK(strlen(error.message) < TFLM_ERROR_MESSAGE_CAPACITY);
        CHECK(interp == NULL);
    }
    free(copy);
}

#endif /* TFLM_TESTS_HOSTILE_H */
