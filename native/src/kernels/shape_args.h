/*
 * shape_args.h - what the node glue of the data-movement kernels shares:
 * tensor counts, types, and the small integer tensors these ops take as
 * arguments (axis, perm, paddings, begin/end/strides, multiples, shapes),
 * read into int32 with their range checked, and the output shape compared
 * with the one the arguments imply. Every check fails through tflm_fail
 * with what was found and what is supported.
 */
#ifndef TFLM_KERNELS_SHAPE_ARGS_H
#define TFLM_KERNELS_SHAPE_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "tflm/kernel.h"

/* A mask of tensor types for tflm_check_type: TFLM_TYPES(FLOAT32) | ... */
#define TFLM_TYPES(t) (1u << TFLM_TYPE_##t)

/* Between min_inputs and max_inputs inputs, the first min_inputs present
 * (not -1), and between min_outputs and max_outputs outputs, all present. */
tflm_status tflm_check_tensor_counts(tflm_context *ctx, const tflm_node *node, int min_inputs,
                                     int max_inputs, int min_outputs, int max_outputs);

/* type in mask, or "<what> type INT64 not supported; expected <names>". */
tflm_status tflm_check_type(tflm_context *ctx, const char *what, int type, uint32_t mask,
                            const char *names);

/* The same type as the first tensor: "<what> type A differs from input type B". */
tflm_status tflm_check_same_type(tflm_context *ctx, const char *what, const tflm_tensor *tensor,
                                 const tflm_tensor *input);

/* Fails unless tensor holds constant data, as TFLM requires of the
 * arguments it needs to know the output's shape at prepare. */
tflm_status tflm_check_constant(tflm_context *ctx, const char *what, const tflm_tensor *tensor);

/* Reads the elements of an integer tensor (INT8, INT16, INT32 or INT64,
 * those in mask, named in names) as int32 into values: at most max_count
 * of them, *count set. Fails for another type, more than max_count
 * elements, or a value outside int32. The data must be valid: at prepare,
 * only a constant's is. */
tflm_status tflm_read_int_tensor(tflm_context *ctx, const char *what, const tflm_tensor *tensor,
                                 uint32_t mask, const char *names, int32_t *values,
                                 int32_t max_count, int32_t *count);

/* Element i of an INT8, INT16, INT32 or INT64 tensor (INT64 for any
 * other type: check the type first). */
int64_t tflm_int_tensor_value(const tflm_tensor *tensor, int32_t i);

/* Fails unless tensor has rank dims equal to dims: "<what> shape [2,3]
 * differs from [2,4] (expected)". */
tflm_status tflm_check_shape(tflm_context *ctx, const char *what, const tflm_tensor *tensor,
                             const int32_t *dims, int32_t rank);

/* axis in [-rank, rank) made non-negative, or fails naming what. */
tflm_status tflm_resolve_axis(tflm_context *ctx, const char *what, int32_t axis, int32_t rank,
                              int32_t *resolved);

#endif /* TFLM_KERNELS_SHAPE_ARGS_H */
