/*
 * pool_window.h - the window of one pooling output, clipped to the input,
 * as the reference computes it (pooling.c), for the x86 and Arm pooling
 * variants.
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

#endif /* TFLM_KERNELS_POOL_WINDOW_H */
