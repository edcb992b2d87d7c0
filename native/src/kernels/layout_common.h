/*
 * layout_common.h - checks shared by the kernels that move elements without
 * arithmetic on them (GATHER, DEPTH_TO_SPACE, SPACE_TO_BATCH_ND, RESIZE_*,
 * ...): a type among a set, an output shape against the one the op
 * computes (shapes are static here: TFLM's prepare would rewrite the output
 * dims, this runtime checks the model's), and index tensors of INT32 or
 * INT64 read as one type.
 */
#ifndef TFLM_KERNELS_LAYOUT_COMMON_H
#define TFLM_KERNELS_LAYOUT_COMMON_H

#include <stdint.h>

#include "tflm/kernel.h"

/* A set of tflm_type values, for tflm_layout_check_type. */
#define TFLM_TYPE_BIT(type) (1u << (type))

/* Fails with "<what> type INT64 not supported; expected <expected>" unless
 * the tensor's type is in types (a set of TFLM_TYPE_BIT). */
tflm_status tflm_layout_check_type(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                   uint32_t types, const char *expected);

/* Fails unless output has input's type and exactly the shape expected
 * (rank dims): "output dimension 2 is 5; expected 6". */
tflm_status tflm_layout_check_output(tflm_context *ctx, const tflm_tensor *input,
                                     const tflm_tensor *output, const int64_t *expected,
                                     int rank);

/* a * b for dimensions (a, b >= 0), capped at 2^31: a product no int32
 * dimension can equal, so a shape check against it fails instead of
 * overflowing. */
static inline int64_t tflm_dim_product(int64_t a, int64_t b)
{
    const int64_t cap = (int64_t)1 << 31;
    if (a == 0 || b == 0) {
        return 0;
    }
    return a > cap || b > cap || a * b > cap ? cap : a * b;
}

/* A tensor's dims around one axis: the product of those before it, its
 * own size and the product of those after it. In a non-empty tensor the
 * products cannot overflow. */
typedef struct tflm_axis_sizes {
    int32_t outer, axis_size, inner;
} tflm_axis_sizes;

tflm_axis_sizes tflm_layout_axis_sizes(const tflm_int_array *dims, int axis);

/* *axis = value, or value + rank when negative; fails with "axis 3
 * outside [-3, 3) for a 3-d input" unless that lies in [0, rank). */
tflm_status tflm_layout_axis(tflm_context *ctx, int64_t value, int rank, int *axis);

/* Element i of an INT32 or INT64 index tensor. */
static inline int64_t tflm_index_at(const tflm_tensor *tensor, int32_t i)
{
    return tensor->type == TFLM_TYPE_INT64 ? ((const int64_t *)tensor->data)[i]
                                           : ((const int32_t *)tensor->data)[i];
}

/* An index for a message's %d: clamped to the int range. */
static inline int tflm_index_for_message(int64_t value)
{
    return value < -2147483647 ? -2147483647 : value > 2147483647 ? 2147483647 : (int)value;
}

#endif /* TFLM_KERNELS_LAYOUT_COMMON_H */
