/*
 * quant_util.h - small helpers the node glue of the kernels shares:
 * a tensor's per-tensor quantization.
 */
#ifndef TFLM_QUANT_UTIL_H
#define TFLM_QUANT_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "float_bits.h"
#include "kernel_util.h" /* tflm_type_name_of */
#include "tflm/kernel.h"

/* The per-tensor scale and zero point TensorFlow Lite keeps in
 * tensor->params: the first entries of the quantization vectors (zero
 * when absent). Returns false when the tensor has no scale. */
static inline bool tflm_per_tensor_quantization(const tflm_context *ctx, const tflm_tensor *tensor,
                                                float *scale, int32_t *zero_point)
{
    tflm_quantization q;
    tflm_tensor_quantization(ctx, tensor, &q);
    *scale = (q.scales != NULL && q.scale_count > 0) ? q.scales[0] : 0.0f;
    *zero_point = (q.zero_points != NULL && q.zero_point_count > 0) ? (int32_t)q.zero_points[0] : 0;
    return q.scales != NULL && q.scale_count > 0;
}

/* The value range of INT8 (in *lo, *hi) and otherwise of INT16; true for
 * these two types only. */
static inline bool tflm_s8_s16_range(uint8_t type, int32_t *lo, int32_t *hi)
{
    const bool s8 = type == TFLM_TYPE_INT8;
    *lo = s8 ? INT8_MIN : INT16_MIN;
    *hi = s8 ? INT8_MAX : INT16_MAX;
    return s8 || type == TFLM_TYPE_INT16;
}

/* TFLM's CheckedLog2 of a positive normal float x: *log2 = round(log2 x),
 * and true when log2 x is within 1e-3 of it (a power of two, give or take
 * 0.07%). Read from the bits, x = 2^e (1 + f / 2^23): the fraction f is
 * within 1e-3 of an integer's log2 up to 5816 (2^0.001 = 1 + 5816.6 / 2^23)
 * and from 8376983 (2^0.999), and rounds up from sqrt(2) (0x3504f3). TFLM
 * computes logf(x) / ln 2 in float, which may judge a scale within a few
 * ulps of those edges the other way. */
static inline bool tflm_checked_log2(float x, int32_t *log2)
{
    const uint32_t bits = tflm_float_bits(x);
    const uint32_t fraction = bits & 0x7fffffu;
    *log2 = (int32_t)((bits >> 23) & 0xffu) - 127 + (fraction >= 0x3504f3u ? 1 : 0);
    return fraction <= 5816u || fraction >= 8376983u;
}

#endif /* TFLM_QUANT_UTIL_H */
