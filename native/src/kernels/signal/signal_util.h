/*
 * signal_util.h - what TFLM's signal ops (native/src/kernels/signal/) share:
 * checking a node's tensors against a table, the options reader they use
 * (tflm_custom_option_*, custom_options.h), and the integer arithmetic of TFLM's
 * signal/src (most significant bit, square roots, logarithm) with its exact
 * rounding.
 *
 * TFLM reads signal options by position in the map (the keys' alphabetical
 * order); these ops read them by name (custom_options.h), which gives the
 * same values on the maps TensorFlow writes and a clear error, instead of
 * another option's value, on a map that lacks one.
 */
#ifndef TFLM_SIGNAL_UTIL_H
#define TFLM_SIGNAL_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "../custom_options.h" /* tflm_custom_options, tflm_custom_option_* */
#include "tflm/flexbuffer.h"
#include "tflm/kernel.h"

/* A tensor the op expects: its type and rank (SIGNAL_ANY_RANK: 1 or more). */
typedef struct signal_tensor_spec {
    uint8_t type;
    int8_t rank;
} signal_tensor_spec;

#define SIGNAL_ANY_RANK (-1)

/* Checks the node's input and output counts, then each tensor's presence,
 * type and rank against the specs; a message naming the first mismatch. */
tflm_status signal_check_tensors(tflm_context *ctx, const tflm_node *node,
                                 const signal_tensor_spec *inputs, int input_count,
                                 const signal_tensor_spec *outputs, int output_count);

/* Persistent memory for a kernel's state of count elements of size bytes
 * (zeroed); NULL when the arena lacks it or it would exceed 2^31 bytes,
 * which the kernel reports as TFLM_ERROR_ARENA_TOO_SMALL. */
void *signal_alloc_state(tflm_context *ctx, int64_t count, size_t size);

/* Whether a and b have count dimensions or more, the first count equal. */
bool signal_same_leading_dims(const tflm_tensor *a, const tflm_tensor *b, int32_t count);

/* The last dimension of a tensor (rank 1 or more), and its elements. */
int32_t signal_last_dim(const tflm_tensor *tensor);

/* TFLM's MostSignificantBit32/64 as GCC builds them: the 1-based position
 * of the highest set bit, and 32 (64) for 0, which FFT_AUTO_SCALE sees. */
uint32_t signal_msb32(uint32_t x);
uint32_t signal_msb64(uint64_t x);

/* TFLM's Sqrt32 and Sqrt64: bit-by-bit integer square roots rounded up
 * when the remainder exceeds the root; Sqrt64 takes Sqrt32's path when the
 * upper word is clear, as TFLM does. */
uint16_t signal_sqrt32(uint32_t x);
uint32_t signal_sqrt64(uint64_t x);

/* TFLM's Log32: ln(x) x out_scale in Q16 steps from a piecewise-linear
 * log2 table; x > 1. */
uint32_t signal_log32(uint32_t x, uint32_t out_scale);

#endif /* TFLM_SIGNAL_UTIL_H */
