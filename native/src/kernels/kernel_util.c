#include "kernel_util.h"

#include <string.h>

#include "exact_f64.h"
#include "fixed_point.h"

/* roundf() (half away from zero) as an integer, saturated to int32; NaN
 * gives 0. Adding 0.5f and truncating would be wrong for 0.49999997f
 * (the sum rounds up to 1) and for odd values at or above 2^23. */
static int64_t round_to_int(float x)
{
    if (x != x) {
        return 0;
    }
    if (x >= 2147483648.0f) {
        return INT32_MAX;
    }
    if (x <= -2147483648.0f) {
        return INT32_MIN;
    }
    float magnitude = x < 0.0f ? -x : x;
    /* magnitude < 2^31: a 32-bit conversion (a 64-bit one goes through
     * soft-double helpers on cores without an FPU). */
    int64_t whole = (uint32_t)magnitude;           /* truncation, exact */
    if (magnitude - (float)(uint32_t)whole >= 0.5f) { /* exact below 2^24 */
        ++whole;
    }
    return x < 0.0f ? -whole : whole;
}

/* zero_point + round(real / scale): TensorFlow Lite's Quantize() of an
 * activation bound, widened so the sum cannot overflow. */
static int64_t quantize_bound(float real, float scale, int32_t zero_point)
{
    return (int64_t)zero_point + round_to_int(real / scale);
}

static int32_t clamp_int(int64_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : (int32_t)x);
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
        lo = clamp_int(quantize_bound(0.0f, scale, zero_point), type_min, type_max);
    } else if (activation == TFLM_ACTIVATION_RELU6) {
        lo = clamp_int(quantize_bound(0.0f, scale, zero_point), type_min, type_max);
        hi = clamp_int(quantize_bound(6.0f, scale, zero_point), type_min, type_max);
    } else if (activation == TFLM_ACTIVATION_RELU_N1_TO_1) {
        lo = clamp_int(quantize_bound(-1.0f, scale, zero_point), type_min, type_max);
        hi = clamp_int(quantize_bound(1.0f, scale, zero_point), type_min, type_max);
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

const char *tflm_type_name_of(int type)
{
    static const char *const names[] = {
        "FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL", "INT16",
        "COMPLEX64", "INT8", "FLOAT64", "COMPLEX128", "UINT64", "RESOURCE", "VARIANT",
        "UINT32", "UINT16", "INT4"};
    if (type < 0 || type >= (int)(sizeof names / sizeof names[0])) {
        return "UNKNOWN";
    }
    return names[type];
}

double tflm_conv_effective_scale(float input_scale, float filter_scale, float output_scale)
{
    return tflm_f64_to_double(
        tflm_f64_div(tflm_f64_mul(tflm_f64_from_float(input_scale), tflm_f64_from_float(filter_scale)),
                     tflm_f64_from_float(output_scale)));
}

double tflm_fc_effective_scale(float input_scale, float filter_scale, float output_scale)
{
    float product = input_scale * filter_scale; /* float, as TFLM computes it */
    return tflm_f64_to_double(
        tflm_f64_div(tflm_f64_from_float(product), tflm_f64_from_float(output_scale)));
}

bool tflm_conv_per_channel_multipliers(float input_scale, const float *filter_scales,
                                       uint32_t scale_count, float output_scale,
                                       int32_t channels, int32_t *multiplier, int32_t *shift)
{
    bool usable = true;
    for (int32_t i = 0; i < channels; ++i) {
        float filter_scale = scale_count > 1 ? filter_scales[i] : filter_scales[0];
        int exponent;
        usable &= tflm_quantize_multiplier(
            tflm_conv_effective_scale(input_scale, filter_scale, output_scale), &multiplier[i],
            &exponent);
        shift[i] = exponent;
    }
    return usable;
}

int tflm_bias_scale_matches(float input_scale, float filter_scale, float bias_scale,
                            float output_scale)
{
    const tflm_f64 product = tflm_f64_mul(tflm_f64_from_float(input_scale), tflm_f64_from_float(filter_scale));
    /* input and filter scales are positive (checked before); the bias
     * scale is whatever the model says: NaN and infinities fail below. */
    uint32_t bias_bits;
    memcpy(&bias_bits, &bias_scale, sizeof bias_bits);
    const tflm_f64 bias = tflm_f64_from_float(bias_scale);
    const tflm_f64 diff = (bias_bits >> 31) ? tflm_f64_add(product, bias) : tflm_f64_abs_diff(product, bias);
    return tflm_f64_compare(tflm_f64_div(diff, tflm_f64_from_float(output_scale)),
                            tflm_f64_from_double(0.02)) <= 0;
}
