#include "kernel_util.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "float_bits.h"

#define FLOAT_INF_BITS 0x7f800000u

/* roundf() (half away from zero) of a non-negative value, saturated at
 * 2^31. value = mantissa * 2^exponent, mantissa in [2^52, 2^53): 2^31 or
 * more from exponent -21 up, under one half below exponent -54. */
static int64_t round_magnitude(tflm_f64 value)
{
    if (value.mantissa == 0 || value.exponent < -54) {
        return 0;
    }
    if (value.exponent >= -21) {
        return (int64_t)1 << 31;
    }
    int shift = -value.exponent;
    return (int64_t)((value.mantissa + ((uint64_t)1 << (shift - 1))) >> shift);
}

/* zero_point + roundf(real / scale) with the quotient in float, for a real
 * bound of 1 or 6 (negated when negative): TensorFlow Lite's Quantize() of
 * an activation bound, saturated to int32 (NaN gives 0), widened so the sum
 * cannot overflow. In integers, so no soft-float code on cores without an
 * FPU: the quotient rounded to double, then to float, is the float quotient
 * (exact_f64.h); a NaN, infinite or zero scale by its bits. (A bound of 0
 * quantizes to zero_point for every scale: 0 / scale is 0 or NaN.) */
static int64_t quantize_bound(float real, bool negative, float scale, int32_t zero_point)
{
    uint32_t s = tflm_float_bits(scale);
    negative ^= (s >> 31) != 0;
    s &= 0x7fffffffu;
    int64_t magnitude = (int64_t)1 << 31; /* scale 0: infinite */
    if (s >= FLOAT_INF_BITS) {
        magnitude = 0; /* NaN, or real / inf = 0 */
    } else if (s != 0) {
        magnitude = round_magnitude(tflm_f64_round_to_float(
            tflm_f64_div(tflm_f64_from_float(real), tflm_f64_from_float(scale))));
    }
    if (!negative && magnitude > INT32_MAX) {
        magnitude = INT32_MAX;
    }
    return (int64_t)zero_point + (negative ? -magnitude : magnitude);
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
    int64_t lo = type_min;
    int64_t hi = type_max;
    if (activation == TFLM_ACTIVATION_RELU || activation == TFLM_ACTIVATION_RELU6) {
        lo = zero_point; /* quantized 0 */
    }
    if (activation == TFLM_ACTIVATION_RELU6) {
        hi = quantize_bound(6.0f, false, scale, zero_point);
    } else if (activation == TFLM_ACTIVATION_RELU_N1_TO_1) {
        lo = quantize_bound(1.0f, true, scale, zero_point);
        hi = quantize_bound(1.0f, false, scale, zero_point);
    }
    *min = clamp_int(lo, type_min, type_max);
    *max = clamp_int(hi, type_min, type_max);
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

tflm_double tflm_conv_effective_scale(float input_scale, float filter_scale, float output_scale)
{
    return tflm_f64_to_double(
        tflm_f64_div(tflm_f64_mul(tflm_f64_from_float(input_scale), tflm_f64_from_float(filter_scale)),
                     tflm_f64_from_float(output_scale)));
}

tflm_double tflm_fc_effective_scale(float input_scale, float filter_scale, float output_scale)
{
    /* The product in float, as TFLM computes it: exact in double, then
     * rounded as a float (no soft-float code). */
    tflm_f64 product = tflm_f64_round_to_float(
        tflm_f64_mul(tflm_f64_from_float(input_scale), tflm_f64_from_float(filter_scale)));
    return tflm_f64_to_double(tflm_f64_div(product, tflm_f64_from_float(output_scale)));
}

bool tflm_conv_per_channel_multipliers(float input_scale, const float *filter_scales,
                                       uint32_t scale_count, float output_scale,
                                       int32_t channels, int32_t *multiplier, int8_t *shift)
{
    bool usable = true;
    for (int32_t i = 0; i < channels; ++i) {
        float filter_scale = scale_count > 1 ? filter_scales[i] : filter_scales[0];
        int exponent;
        usable &= tflm_quantize_multiplier(
            tflm_conv_effective_scale(input_scale, filter_scale, output_scale), &multiplier[i],
            &exponent);
        shift[i] = (int8_t)exponent; /* -31 to 31 where usable */
    }
    return usable;
}

int tflm_bias_scale_matches(float input_scale, float filter_scale, float bias_scale,
                            float output_scale)
{
    const tflm_f64 product = tflm_f64_mul(tflm_f64_from_float(input_scale), tflm_f64_from_float(filter_scale));
    /* input and filter scales are positive (checked before); the bias
     * scale is whatever the model says: NaN and infinities fail below. */
    uint32_t bias_bits = tflm_float_bits(bias_scale);
    const tflm_f64 bias = tflm_f64_from_float(bias_scale);
    const tflm_f64 diff = (bias_bits >> 31) ? tflm_f64_add(product, bias) : tflm_f64_abs_diff(product, bias);
    return tflm_f64_compare(tflm_f64_div(diff, tflm_f64_from_float(output_scale)),
                            tflm_f64_from_bits(UINT64_C(0x3f947ae147ae147b)) /* 0.02 */) <= 0;
}
