/*
 * cast.h - CAST's conversion (cast.c has the op and its rules).
 */
#ifndef TFLM_KERNELS_CAST_H
#define TFLM_KERNELS_CAST_H

#include <stdint.h>

/* count elements of type from (tflm_type) at input to type to at output. */
void tflm_cast(uint8_t from, const void *input, uint8_t to, void *output, int32_t count);

#endif /* TFLM_KERNELS_CAST_H */
