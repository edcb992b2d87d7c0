/*
 * fuzz_common.h - what the libFuzzer targets share: the resolver with
 * every kernel, the kernel choice of the last input byte, exactly sized
 * buffers and the rules an invoke must keep.
 */
#ifndef TFLM_FUZZ_COMMON_H
#define TFLM_FUZZ_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "subgraph_kernels.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

static const tflm_interpreter_options fuzz_kernel_choices[] = {
    {TFLM_KERNELS_REFERENCE, TFLM_ISA_BEST},
    {TFLM_KERNELS_OPTIMIZED, TFLM_ISA_AVX2},
    {TFLM_KERNELS_OPTIMIZED, TFLM_ISA_AVX512},
    {TFLM_KERNELS_OPTIMIZED, TFLM_ISA_BEST},
};

/* The last input byte picks the kernels, so a raw .tflite file is a valid
 * input as it is and a mutation of that byte switches kernel set. */
static inline const tflm_interpreter_options *fuzz_options(const uint8_t *data, size_t size)
{
    enum { CHOICES = sizeof fuzz_kernel_choices / sizeof fuzz_kernel_choices[0] };
    return &fuzz_kernel_choices[size > 0 ? data[size - 1] % CHOICES : 0];
}

/* A failed check is a finding: abort so libFuzzer keeps the input. */
static inline void require(int condition)
{
    if (!condition) {
        abort();
    }
}

/* Exactly size bytes at a 16-aligned address: one byte past is an ASan error. */
static inline uint8_t *alloc_exact(size_t size)
{
    void *memory = NULL;
    require(posix_memalign(&memory, 16, size ? size : 1) == 0);
    return memory;
}

/* Every kernel of ops.h and the test kernels of subgraph_kernels.h, which
 * run the hand-built seeds (subgraph calls, resource variables). */
static inline const tflm_op_resolver *fuzz_resolver(void)
{
    static const tflm_kernel *storage[TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];
    static tflm_op_resolver ops;
    if (ops.count == 0) {
        tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
        require(tflm_op_resolver_add_all(&ops) == TFLM_OK);
        require(test_add_subgraph_kernels(&ops) == TFLM_OK);
    }
    return &ops;
}

/* Create's outcome: an interpreter and no message, or neither. */
static inline void fuzz_check_create(tflm_status status, const tflm_error *error,
                                     const tflm_interpreter *interp)
{
    require(status == error->status);
    if (status == TFLM_OK) {
        require(error->message[0] == '\0');
    } else {
        require(interp == NULL);
        require(error->message[0] != '\0');
        require(memchr(error->message, '\0', sizeof error->message) != NULL);
    }
}

/* Fills every input with the fuzz bytes, repeated. */
static inline void fill_inputs(tflm_interpreter *interp, const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < tflm_interpreter_input_count(interp); i++) {
        tflm_tensor_info info;
        require(tflm_interpreter_input(interp, i, &info) == TFLM_OK);
        for (size_t b = 0; b < info.bytes; b++) {
            ((uint8_t *)info.data)[b] = data[b % size];
        }
    }
}

/* Whether an invoke ran through; a failure must be a kernel's, with its
 * message (a kernel may reject the values of an input that is not
 * constant: GATHER's positions out of range, an axis). An invoke that a
 * kernel stopped early (CIRCULAR_BUFFER: TFLM_STOPPED_EARLY) is no
 * failure and has no message, but did not run through. */
static inline bool invoked(const tflm_interpreter *interp, tflm_status status)
{
    require(status == TFLM_OK || status == TFLM_STOPPED_EARLY || status == TFLM_ERROR_KERNEL);
    require((status == TFLM_ERROR_KERNEL) == (tflm_interpreter_error_message(interp)[0] != '\0'));
    return status == TFLM_OK;
}

#endif /* TFLM_FUZZ_COMMON_H */
