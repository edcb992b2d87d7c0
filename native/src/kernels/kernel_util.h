/*
 * kernel_util.h - small pieces several kernels share: fused activation
 * ranges, SAME/VALID padding, and the schema enums they read from options.
 */
#ifndef TFLM_KERNEL_UTIL_H
#define TFLM_KERNEL_UTIL_H

#include <stdint.h>

/* ActivationFunctionType of the schema. */
enum {
    TFLM_ACTIVATION_NONE = 0,
    TFLM_ACTIVATION_RELU = 1,
    TFLM_ACTIVATION_RELU_N1_TO_1 = 2,
    TFLM_ACTIVATION_RELU6 = 3,
    TFLM_ACTIVATION_TANH = 4,
    TFLM_ACTIVATION_SIGN_BIT = 5
};

/* Padding of the schema. */
enum { TFLM_PADDING_SAME = 0, TFLM_PADDING_VALID = 1 };

/* Clamp range of a fused activation for a float output. */
void tflm_activation_range_float(int activation, float *min, float *max);

/* Clamp range of a fused activation for a quantized output with the given
 * scale and zero point, inside [type_min, type_max]; TensorFlow Lite's
 * CalculateActivationRangeQuantized (round(x / scale) + zero_point). */
void tflm_activation_range_quantized(int activation, float scale, int32_t zero_point,
                                     int32_t type_min, int32_t type_max,
                                     int32_t *min, int32_t *max);

/* Output size along one axis (ComputeOutSize) and the padding before the
 * first element (ComputePaddingWithOffset; *offset gets the odd remainder). */
int32_t tflm_conv_output_size(int padding, int32_t in, int32_t filter, int32_t stride,
                              int32_t dilation);
int32_t tflm_conv_padding(int32_t stride, int32_t dilation, int32_t in, int32_t filter,
                          int32_t out, int32_t *offset);

#endif /* TFLM_KERNEL_UTIL_H */
