/*
 * pooling.h - the pure compute functions of AVERAGE_POOL_2D,
 * MAX_POOL_2D and L2_POOL_2D (NHWC; input {n, h, w, c}, output {n, out_h, out_w, c}),
 * their node data and their variant hook (variant.h).
 * Windows are clipped to the input: padding never counts as a value.
 */
#ifndef TFLM_KERNELS_POOLING_H
#define TFLM_KERNELS_POOLING_H

#include <stdint.h>

#include "nn_types.h"
#include "variant.h"

typedef struct tflm_pool_params {
    int32_t stride_w;
    int32_t stride_h;
    int32_t filter_w;
    int32_t filter_h;
    int32_t pad_w;                      /* columns before the first input column */
    int32_t pad_h;                      /* rows before the first input row       */
    tflm_activation activation;         /* int8 and int16 output clamp           */
    tflm_activation_f32 activation_f32; /* float output clamp                    */
} tflm_pool_params;

/* The signatures of the functions below, for their SIMD variants. */
typedef void (*tflm_pool_s8_fn)(const tflm_pool_params *params, const tflm_dims *input_dims,
                                const int8_t *input, const tflm_dims *output_dims,
                                int8_t *output);
typedef void (*tflm_pool_s16_fn)(const tflm_pool_params *params, const tflm_dims *input_dims,
                                 const int16_t *input, const tflm_dims *output_dims,
                                 int16_t *output);
typedef void (*tflm_pool_f32_fn)(const tflm_pool_params *params, const tflm_dims *input_dims,
                                 const float *input, const tflm_dims *output_dims,
                                 float *output);

/* int8: TFLM's reference_integer_ops::AveragePool. The raw int8 values are
 * summed (input and output share scale and zero point) and the sum is
 * divided by the count of taps inside the input, rounding half away from
 * zero: sum > 0 ? (sum + n/2) / n : (sum - n/2) / n. */
void tflm_average_pool_s8(const tflm_pool_params *params,
                          const tflm_dims *input_dims, const int8_t *input,
                          const tflm_dims *output_dims, int8_t *output);

/* int16: the same arithmetic on int16 values (TFLM's int16 AveragePool). */
void tflm_average_pool_s16(const tflm_pool_params *params,
                           const tflm_dims *input_dims, const int16_t *input,
                           const tflm_dims *output_dims, int16_t *output);

/* float32: TFLM's reference_ops::AveragePool (sum / count in float). */
void tflm_average_pool_f32(const tflm_pool_params *params,
                           const tflm_dims *input_dims, const float *input,
                           const tflm_dims *output_dims, float *output);

/* int8: TFLM's reference_integer_ops::MaxPool. */
void tflm_max_pool_s8(const tflm_pool_params *params,
                      const tflm_dims *input_dims, const int8_t *input,
                      const tflm_dims *output_dims, int8_t *output);

/* int16: TFLM's int16 reference_integer_ops::MaxPool. */
void tflm_max_pool_s16(const tflm_pool_params *params,
                       const tflm_dims *input_dims, const int16_t *input,
                       const tflm_dims *output_dims, int16_t *output);

/* float32: TFLM's reference_ops::MaxPool. */
void tflm_max_pool_f32(const tflm_pool_params *params,
                       const tflm_dims *input_dims, const float *input,
                       const tflm_dims *output_dims, float *output);

/* float32: TFLM's reference_ops::L2Pool, sqrt(sum of squares / count). */
void tflm_l2_pool_f32(const tflm_pool_params *params,
                      const tflm_dims *input_dims, const float *input,
                      const tflm_dims *output_dims, float *output);

#ifndef TFLM_VARIANT_POOLING
#define TFLM_VARIANT_POOLING 0
#endif

/* What prepare keeps in node->data, for the three pooling ops
 * (node->kernel->builtin_code tells which). */
typedef struct tflm_pooling_data {
    tflm_pool_params params;
    tflm_dims input_dims, output_dims;
#if TFLM_VARIANT_POOLING
    tflm_variant variant;
#endif
} tflm_pooling_data;

#if TFLM_VARIANT_POOLING
TFLM_VARIANT_HOOK(tflm_pooling_variant, tflm_pooling_data);
#define TFLM_POOLING_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_pooling_variant, tflm_pooling_data)
#define TFLM_POOLING_VARIANT(data) NULL
#endif

#endif /* TFLM_KERNELS_POOLING_H */
