/*
 * strided_copy.h - moving elements without looking at them: an n-d walk
 * whose every axis has an element stride in the source and one in the
 * destination. A stride of 0 repeats an element (BROADCAST_TO, TILE), a
 * negative one walks backwards (REVERSE_V2, MIRROR_PAD), a permuted one
 * transposes, a destination stride wider than the source's writes into a
 * window of a larger tensor (PAD, CONCATENATION) and the reverse reads one
 * (SLICE, STRIDED_SLICE, SPLIT). The data-movement kernels describe their
 * work as one or a few such copies, checked at prepare, so the walk itself
 * needs no checks.
 *
 *     tflm_strided_copy copy;
 *     tflm_strided_copy_init(&copy, tflm_type_size(type));
 *     for (each output axis, outermost first)
 *         tflm_strided_copy_axis(&copy, size, src_stride, dst_stride);
 *     tflm_strided_copy_run(&copy, input->data, output->data);
 *
 * Axes of size 1 are dropped and an axis that continues the one outside it
 * in both tensors merges with it, so a copy of contiguous elements becomes
 * one memcpy whatever the rank it was described in.
 */
#ifndef TFLM_KERNELS_STRIDED_COPY_H
#define TFLM_KERNELS_STRIDED_COPY_H

#include <stdbool.h>
#include <stdint.h>

#include "tflm/kernel.h"

/* Twice a tensor's rank: TILE walks each input axis as (copy, element). */
#define TFLM_STRIDED_COPY_MAX_DIMS (2 * TFLM_MAX_DIMS)

/* Element i of the walk (indices i[0..rank) along its axes) is copied from
 * source element src_offset + sum i[k] * src_stride[k] to destination
 * element dst_offset + sum i[k] * dst_stride[k]. Strides and offsets count
 * elements of element_size bytes. */
typedef struct tflm_strided_copy {
    int32_t rank;
    int32_t dims[TFLM_STRIDED_COPY_MAX_DIMS];
    int32_t src_stride[TFLM_STRIDED_COPY_MAX_DIMS];
    int32_t dst_stride[TFLM_STRIDED_COPY_MAX_DIMS];
    int32_t src_offset;
    int32_t dst_offset;
    uint32_t element_size;
    bool empty; /* an axis of size 0: nothing to copy */
} tflm_strided_copy;

/* An empty walk (one element, both offsets 0) of elements of element_size
 * bytes (1, 2, 4 or 8 are copied element by element, any size works). */
void tflm_strided_copy_init(tflm_strided_copy *copy, uint32_t element_size);

/* Adds an axis inside those added before. Returns false when the walk
 * already has TFLM_STRIDED_COPY_MAX_DIMS axes that cannot merge. */
bool tflm_strided_copy_axis(tflm_strided_copy *copy, int32_t size, int32_t src_stride,
                            int32_t dst_stride);

/* Performs the copy. The regions read and written must not overlap. */
void tflm_strided_copy_run(const tflm_strided_copy *copy, const void *src, void *dst);

/* The rows of a tensor cut along an axis: outer rows of `whole` elements,
 * of which part is `part` elements from `at` on in each row. With to_whole
 * the part (contiguous, outer * part elements) is written into the whole
 * tensor (CONCATENATION, PACK), else read out of it (SPLIT, UNPACK). */
void tflm_copy_part(const void *src, void *dst, uint32_t element_size, int32_t outer,
                    int32_t part, int32_t whole, int32_t at, bool to_whole);

/* strides[i]: elements between neighbours along axis i of a row-major
 * tensor of the given dims (the product of the dims after i). */
void tflm_row_major_strides(const tflm_int_array *dims, int32_t *strides);

/* Writes count copies of the element_size bytes at value to dst. */
void tflm_fill_elements(void *dst, const void *value, uint32_t element_size, int32_t count);

#endif /* TFLM_KERNELS_STRIDED_COPY_H */
