/* nn_test_util.h - helpers the neural network kernel tests share: a fixed
 * seed generator and an independent model of TFLM's requantization
 * (written from its definition, not from fixed_point.h). */
#ifndef TFLM_NN_TEST_UTIL_H
#define TFLM_NN_TEST_UTIL_H

#include <stdint.h>

#include "kernels/fixed_point.h"
#include "kernels/nn_types.h"

static uint64_t test_rng_state = 12345;

static inline uint32_t rng_u32(void)
{
    test_rng_state = test_rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(test_rng_state >> 32);
}

/* Uniform integer in [lo, hi]. */
static inline int32_t rng_range(int32_t lo, int32_t hi)
{
    return lo + (int32_t)(rng_u32() % (uint32_t)(hi - lo + 1));
}

static inline float rng_float(float lo, float hi)
{
    return lo + (hi - lo) * (float)(rng_u32() >> 8) / 16777216.0f;
}

/* x * multiplier * 2^shift as TFLM computes it: the Q31 product rounded
 * half up (gemmlowp's SaturatingRoundingDoublingHighMul), then divided by
 * 2^-shift rounding half away from zero (RoundingDivideByPOT). */
static inline int32_t ref_requantize(int32_t x, int32_t multiplier, int shift)
{
    int left = shift > 0 ? shift : 0;
    int right = shift > 0 ? 0 : -shift;
    int64_t scaled = (int64_t)(int32_t)((uint32_t)x << left);
    int64_t product = scaled * multiplier;
    int64_t high = (product + ((int64_t)1 << 30)) >> 31; /* floor(p / 2^31 + 1/2) */
    if (right == 0) {
        return (int32_t)high;
    }
    int64_t half = (int64_t)1 << (right - 1);
    int64_t magnitude = high < 0 ? -high : high;
    int64_t q = (magnitude + half) >> right;
    return (int32_t)(high < 0 ? -q : q);
}

static inline int32_t ref_clamp(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* A random Q31 multiplier in [2^30, 2^31) and a shift in [min_shift, max_shift]. */
static inline void rng_multiplier(int min_shift, int max_shift, int32_t *multiplier, int8_t *shift)
{
    *multiplier = (int32_t)((1u << 30) + (rng_u32() >> 2));
    *shift = (int8_t)rng_range(min_shift, max_shift);
}

/* TensorFlow's SAME/VALID geometry, from its definition: output size and
 * the padding before the first element. */
static inline void ref_geometry(int same, int32_t in, int32_t k, int32_t stride, int32_t dil,
                                int32_t *out, int32_t *pad)
{
    int32_t eff = (k - 1) * dil + 1;
    *out = same ? (in + stride - 1) / stride : (in - eff) / stride + 1;
    int32_t total = (*out - 1) * stride + eff - in;
    *pad = total > 0 ? total / 2 : 0;
}

/* Convolution window parameters; zero offsets and clamps. */
static inline tflm_conv_params ref_conv_params(int32_t stride_h, int32_t stride_w, int32_t dil_h,
                                               int32_t dil_w, int32_t pad_h, int32_t pad_w,
                                               int32_t depth_multiplier)
{
    tflm_conv_params p = {0};
    p.stride_h = stride_h;
    p.stride_w = stride_w;
    p.dilation_h = dil_h;
    p.dilation_w = dil_w;
    p.pad_h = pad_h;
    p.pad_w = pad_w;
    p.depth_multiplier = depth_multiplier;
    return p;
}

/* The per-channel multipliers prepare should compute: input scale x
 * filter scale / output scale, in double as TFLM does. */
static inline void ref_channel_multipliers(float input_scale, const float *filter_scales,
                                           float output_scale, int n, int32_t *mult,
                                           int8_t *shift)
{
    for (int i = 0; i < n; ++i) {
        int sh;
        tflm_quantize_multiplier((double)input_scale * (double)filter_scales[i] /
                                     (double)output_scale,
                                 &mult[i], &sh);
        shift[i] = (int8_t)sh;
    }
}

#endif
