/*
 * pool_window.h - what the pooling kernels share: the window of one output
 * pixel, clipped to the input (padding never counts as a value), for the
 * reference (pooling.c) and the x86 and Arm variants; for the variants, the
 * walk over the output pixels and the reference's arithmetic of one channel
 * (their tails).
 */
#ifndef TFLM_KERNELS_POOL_WINDOW_H
#define TFLM_KERNELS_POOL_WINDOW_H

#include "pooling.h"

typedef struct tflm_pool_window {
    int32_t y_start, y_end, x_start, x_end;
} tflm_pool_window;

static inline tflm_pool_window tflm_pool_window_at(const tflm_pool_params *p,
                                                   const tflm_dims *in, int32_t oy, int32_t ox)
{
    const int32_t y0 = oy * p->stride_h - p->pad_h, x0 = ox * p->stride_w - p->pad_w;
    tflm_pool_window w;
    w.y_start = y0 < 0 ? 0 : y0;
    w.y_end = y0 + p->filter_h < in->h ? y0 + p->filter_h : in->h;
    w.x_start = x0 < 0 ? 0 : x0;
    w.x_end = x0 + p->filter_w < in->w ? x0 + p->filter_w : in->w;
    return w;
}

/* One output pixel: its window, the count of taps inside it, its batch's
 * input and its first output (element type: the kernel's), and the
 * layout to step through the window. */
typedef struct tflm_pool_pixel {
    tflm_pool_window w;
    int32_t count;
    int32_t depth, in_w; /* channels; input columns */
    const void *in;      /* the batch's first input element */
    void *out;           /* the pixel's first output element */
} tflm_pool_pixel;

/* A kernel's part: every channel of pixel p; kernel: its own state. */
typedef void (*tflm_pool_pixel_fn)(const void *kernel, const tflm_pool_pixel *p);

/* Calls pixel(kernel, p) for every output pixel, in NHWC order, with
 * elements of element_size bytes. Inlined into each kernel with its
 * callback, which a constant pointer makes a direct, inlined call. */
static inline __attribute__((always_inline)) void
tflm_pool_for_each_pixel(const tflm_pool_params *params, const tflm_dims *input_dims,
                         const void *input, const tflm_dims *output_dims, void *output,
                         size_t element_size, tflm_pool_pixel_fn pixel, const void *kernel)
{
    const size_t batch = (size_t)input_dims->h * input_dims->w * input_dims->c * element_size;
    const size_t step = (size_t)output_dims->c * element_size;
    tflm_pool_pixel p;
    p.depth = output_dims->c;
    p.in_w = input_dims->w;
    p.out = output;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        p.in = (const uint8_t *)input + (size_t)b * batch;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox, p.out = (uint8_t *)p.out + step) {
                p.w = tflm_pool_window_at(params, input_dims, oy, ox);
                p.count = (p.w.y_end - p.w.y_start) * (p.w.x_end - p.w.x_start);
                pixel(kernel, &p);
            }
        }
    }
}

/* The max of channel c over pixel p's window (int8 input). */
static inline int32_t tflm_pool_channel_max_s8(const tflm_pool_pixel *p, int32_t c)
{
    int32_t m = -128;
    for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
        const int8_t *row = (const int8_t *)p->in + (size_t)y * p->in_w * p->depth + c;
        for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
            m = row[(size_t)x * p->depth] > m ? row[(size_t)x * p->depth] : m;
        }
    }
    return m;
}

/* The sum of channel c over pixel p's window (int8 input). */
static inline int32_t tflm_pool_channel_sum_s8(const tflm_pool_pixel *p, int32_t c)
{
    int32_t sum = 0;
    for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
        const int8_t *row = (const int8_t *)p->in + (size_t)y * p->in_w * p->depth + c;
        for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
            sum += row[(size_t)x * p->depth];
        }
    }
    return sum;
}

/* The max of channel c over pixel p's window (float32 input), as the
 * reference's std::max (a NaN is kept only where it comes first). */
static inline float tflm_pool_channel_max_f32(const tflm_pool_pixel *p, int32_t c)
{
    float m = -3.402823466e+38f; /* the lowest float */
    for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
        const float *row = (const float *)p->in + (size_t)y * p->in_w * p->depth + c;
        for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
            const float v = row[(size_t)x * p->depth];
            m = m < v ? v : m;
        }
    }
    return m;
}

/* The sum of channel c over pixel p's window (float32 input), in the
 * reference's order. */
static inline float tflm_pool_channel_sum_f32(const tflm_pool_pixel *p, int32_t c)
{
    float sum = 0.0f;
    for (int32_t y = p->w.y_start; y < p->w.y_end; ++y) {
        const float *row = (const float *)p->in + (size_t)y * p->in_w * p->depth + c;
        for (int32_t x = p->w.x_start; x < p->w.x_end; ++x) {
            sum += row[(size_t)x * p->depth];
        }
    }
    return sum;
}

/* The reference's int8 average: sum / count rounded half away from zero
 * (sum itself for an empty window), clamped to the activation. */
static inline int8_t tflm_pool_average_s8(int32_t sum, int32_t count, const tflm_activation *act)
{
    if (count > 0) {
        sum = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    }
    return (int8_t)tflm_clamp_s32(sum, act->min, act->max);
}

#endif /* TFLM_KERNELS_POOL_WINDOW_H */
