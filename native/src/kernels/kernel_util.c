#include "kernel_util.h"

/* round() for the small values activation bounds take, half away from zero. */
static int32_t round_to_int(float x)
{
    return (int32_t)(x >= 0.0f ? x + 0.5f : x - 0.5f);
}

static int32_t clamp_int(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

void tflm_activation_range_float(int activation, float *min, float *max)
{
    *min = -3.402823466e+38f;
    *max = 3.402823466e+38f;
    if (activation == TFLM_ACTIVATION_RELU) {
        *min = 0.0f;
    } else if (activation == TFLM_ACTIVATION_RELU6) {
        *min = 0.0f;
        *max = 6.0f;
    } else if (activation == TFLM_ACTIVATION_RELU_N1_TO_1) {
        *min = -1.0f;
        *max = 1.0f;
    }
}

void tflm_activation_range_quantized(int activation, float scale, int32_t zero_point,
                                     int32_t type_min, int32_t type_max,
                                     int32_t *min, int32_t *max)
{
    int32_t lo = type_min;
    int32_t hi = type_max;
    if (activation == TFLM_ACTIVATION_RELU) {
        lo = clamp_int(zero_point, type_min, type_max);
    } else if (activation == TFLM_ACTIVATION_RELU6) {
        lo = clamp_int(zero_point, type_min, type_max);
        hi = clamp_int(zero_point + round_to_int(6.0f / scale), type_min, type_max);
    } else if (activation == TFLM_ACTIVATION_RELU_N1_TO_1) {
        lo = clamp_int(zero_point + round_to_int(-1.0f / scale), type_min, type_max);
        hi = clamp_int(zero_point + round_to_int(1.0f / scale), type_min, type_max);
    }
    *min = lo;
    *max = hi;
}

int32_t tflm_conv_output_size(int padding, int32_t in, int32_t filter, int32_t stride,
                              int32_t dilation)
{
    int32_t effective = (filter - 1) * dilation + 1;
    if (stride <= 0) {
        return 0;
    }
    if (padding == TFLM_PADDING_SAME) {
        return (in + stride - 1) / stride;
    }
    return (in - effective + stride) / stride;
}

int32_t tflm_conv_padding(int32_t stride, int32_t dilation, int32_t in, int32_t filter,
                          int32_t out, int32_t *offset)
{
    int32_t effective = (filter - 1) * dilation + 1;
    int32_t total = (out - 1) * stride + effective - in;
    if (total < 0) {
        total = 0;
    }
    *offset = total % 2;
    return total / 2;
}
