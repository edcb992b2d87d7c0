/*
 * nn_types.h - the plain data the pure compute functions of the neural
 * network kernels take (convolution, depthwise convolution, fully
 * connected, pooling), CMSIS-NN style: no interpreter types, so the
 * functions can be tested alone and reused by the SIMD variants.
 */
#ifndef TFLM_NN_TYPES_H
#define TFLM_NN_TYPES_H

#include <stdbool.h>
#include <stdint.h>

/* Shape of an NHWC tensor. Kernels that need fewer dimensions say which
 * fields they use (a fully connected input is {n = batches, c = depth}). */
typedef struct tflm_dims {
    int32_t n;
    int32_t h;
    int32_t w;
    int32_t c;
} tflm_dims;

/* Requantization of each output channel: real scale = multiplier (Q31)
 * x 2^shift, applied with tflm_multiply_by_quantized_multiplier. A
 * per-tensor quantized op keeps one pair (per_tensor), which every channel
 * reads: arrays of one pair per channel would cost arena per channel for
 * nothing (ad01_int8's ten FULLY_CONNECTED layers: 13 KB). A pair is 5
 * bytes: the shift, -31 to 31, is kept in one byte (TFLM keeps two int32
 * arrays: 8 bytes per channel, 8 KB more than here for person_detect). */
typedef struct tflm_per_channel_quant {
    const int32_t *multiplier;
    const int8_t *shift; /* -31 to 31: one byte, not four, per channel */
    bool per_tensor; /* one pair, at [0], for every channel */
} tflm_per_channel_quant;

/* Where channel c's pair is in quant's arrays. */
static inline int32_t tflm_quant_channel(const tflm_per_channel_quant *quant, int32_t c)
{
    return quant->per_tensor ? 0 : c;
}

/* The same as a mask, c & mask, for loops that read quant's arrays once
 * per output: taken with the arrays into locals before the loop, since the
 * compiler must reload fields through a pointer after each int8 store. */
static inline int32_t tflm_quant_mask(const tflm_per_channel_quant *quant)
{
    return quant->per_tensor ? 0 : -1;
}

/* Clamp range of a quantized output (fused activation inside the type's
 * range) and of a float output. */
typedef struct tflm_activation {
    int32_t min;
    int32_t max;
} tflm_activation;

typedef struct tflm_activation_f32 {
    float min;
    float max;
} tflm_activation_f32;

/* The bias of a 16x8 kernel (int16 activations, int8 weights) and the
 * accumulator TFLM chooses with it: an INT64 bias (or none, unless the
 * op's quantized_bias_type says INT32) sums in int64 and requantizes with
 * the 64-bit multiply (tflm_multiply_by_quantized_multiplier_s64); an
 * INT32 bias sums in a wrapping int32 and requantizes as int8 kernels do. */
typedef struct tflm_bias_16x8 {
    const void *data; /* int64_t or int32_t per channel; NULL: no bias */
    bool s32;         /* int32 bias and accumulator */
} tflm_bias_16x8;

/* Geometry and quantization of CONV_2D and DEPTHWISE_CONV_2D. Padding is
 * the rows/columns before the first input element (TFLM's
 * ComputePaddingHeightWidth; the odd remainder goes after the last one). */
typedef struct tflm_conv_params {
    int32_t stride_w;
    int32_t stride_h;
    int32_t dilation_w;
    int32_t dilation_h;
    int32_t pad_w;
    int32_t pad_h;
    int32_t depth_multiplier;           /* DEPTHWISE_CONV_2D only          */
    int32_t input_offset;               /* int8: -input zero point          */
    int32_t output_offset;              /* int8: output zero point          */
    tflm_activation activation;         /* int8 output clamp                */
    tflm_activation_f32 activation_f32; /* float output clamp               */
} tflm_conv_params;

/* The filter taps [*start, *end) of one axis whose input position
 * origin + tap * dilation lies inside [0, in_size): iterating only those
 * visits the same taps, in the same order, as TFLM's per-tap bounds test. */
static inline void tflm_filter_taps(int32_t origin, int32_t dilation, int32_t filter_size,
                                    int32_t in_size, int32_t *start, int32_t *end)
{
    int32_t first = origin >= 0 ? 0 : (-origin + dilation - 1) / dilation;
    int32_t last = in_size - origin <= 0 ? 0 : (in_size - origin + dilation - 1) / dilation;
    if (last > filter_size) {
        last = filter_size;
    }
    *start = first;
    *end = last > first ? last : first;
}

/* Where output pixel (oy, ox) of a convolution reads: the input position of
 * its filter's top-left tap and the taps of each axis inside the input. */
typedef struct tflm_conv_window {
    int32_t in_y0, in_x0;
    int32_t ky_start, ky_end, kx_start, kx_end;
} tflm_conv_window;

static inline tflm_conv_window tflm_conv_window_at(const tflm_conv_params *p, int32_t in_h,
                                                   int32_t in_w, int32_t k_h, int32_t k_w,
                                                   int32_t oy, int32_t ox)
{
    tflm_conv_window win;
    win.in_y0 = oy * p->stride_h - p->pad_h;
    win.in_x0 = ox * p->stride_w - p->pad_w;
    tflm_filter_taps(win.in_y0, p->dilation_h, k_h, in_h, &win.ky_start, &win.ky_end);
    tflm_filter_taps(win.in_x0, p->dilation_w, k_w, in_w, &win.kx_start, &win.kx_end);
    return win;
}

/* The float clamp of TensorFlow Lite's ActivationFunctionWithMinMax:
 * max(x, lo) then min(.., hi), with std::max/std::min's NaN behaviour
 * (a NaN input stays NaN). */
static inline float tflm_clamp_f32(float x, float lo, float hi)
{
    float y = x < lo ? lo : x;
    return hi < y ? hi : y;
}

static inline int32_t tflm_clamp_s32(int32_t x, int32_t lo, int32_t hi)
{
    int32_t y = x < lo ? lo : x;
    return y > hi ? hi : y;
}

#endif /* TFLM_NN_TYPES_H */
