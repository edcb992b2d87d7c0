/*
 * fully_connected.h - the pure compute functions of FULLY_CONNECTED, its
 * node data and its variant hook (variant.h).
 *
 * Shapes (tflm_dims fields used):
 *   input  {n = batches, c = accum_depth}   row-major [batches][accum_depth]
 *   filter {n = output_depth, c = accum_depth}  [output_depth][accum_depth]
 *   bias   {c = output_depth}, or bias == NULL
 *   output {n = batches, c = output_depth}
 * h and w are ignored. The caller (prepare) has checked the shapes agree.
 */
#ifndef TFLM_KERNELS_FULLY_CONNECTED_H
#define TFLM_KERNELS_FULLY_CONNECTED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nn_types.h"
#include "variant.h"

typedef struct tflm_fc_params {
    int32_t input_offset;   /* -input zero point                           */
    int32_t filter_offset;  /* -filter zero point (per-tensor only, else 0) */
    int32_t output_offset;  /* output zero point                           */
    tflm_activation activation;
} tflm_fc_params;

/* int8 x int8 -> int8 with int32 bias: TFLM's reference_integer_ops
 * FullyConnected / FullyConnectedPerChannel. quant holds one multiplier
 * per output channel (a per-tensor filter repeats the same pair). */
void tflm_fully_connected_s8(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int8_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_dims *bias_dims, const int32_t *bias,
                             const tflm_dims *output_dims, int8_t *output);

/* 16x8: int16 input and output, int8 filter, int64 or int32 bias
 * (tflm_bias_16x8): TFLM's reference_integer_ops FullyConnected /
 * FullyConnectedPerChannel for int16, zero points applied as for int8. */
void tflm_fully_connected_s16(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                              const tflm_dims *input_dims, const int16_t *input,
                              const tflm_dims *filter_dims, const int8_t *filter,
                              const tflm_dims *bias_dims, const tflm_bias_16x8 *bias,
                              const tflm_dims *output_dims, int16_t *output);

/* float32: TFLM's reference_ops::FullyConnected (sum in input order, then
 * + bias, then the activation clamp). */
typedef void (*tflm_fc_f32_fn)(const tflm_activation_f32 *activation, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *filter_dims,
                               const float *filter, const tflm_dims *bias_dims,
                               const float *bias, const tflm_dims *output_dims, float *output);
void tflm_fully_connected_f32(const tflm_activation_f32 *activation,
                              const tflm_dims *input_dims, const float *input,
                              const tflm_dims *filter_dims, const float *filter,
                              const tflm_dims *bias_dims, const float *bias,
                              const tflm_dims *output_dims, float *output);

/* Hybrid (float32 input and output, int8 filter with one scale or one per
 * unit, float32 bias), TF Lite's fully_connected.cc EvalHybridDense (TFLM
 * has none): each batch row quantized to int8 (tflm_hybrid_quantize_*),
 * int32 dot products, minus row sum x input offset when asymmetric, then
 * output = bias + dot x (input scale x filter scale), then the activation
 * clamp (tflm_hybrid_matmul_accumulate).
 * scratch: tflm_fully_connected_hybrid_scratch_bytes. */
size_t tflm_fully_connected_hybrid_scratch_bytes(const tflm_dims *input_dims,
                                                 const tflm_dims *filter_dims);
void tflm_fully_connected_hybrid(const tflm_activation_f32 *activation, bool asymmetric,
                                 const float *filter_scales, bool per_channel, const tflm_dims *input_dims,
                                 const float *input, const tflm_dims *filter_dims,
                                 const int8_t *filter, const tflm_dims *bias_dims,
                                 const float *bias, const tflm_dims *output_dims, float *output,
                                 void *scratch);

/* What prepare keeps in node->data. dims as above (the input's batches x
 * depth, whatever its shape). */
typedef struct tflm_fully_connected_data {
    tflm_fc_params params;          /* int8, int16 */
    tflm_per_channel_quant quant;   /* int8, int16: one pair per output channel */
    tflm_activation_f32 activation; /* float32 */
    tflm_dims input_dims, filter_dims, bias_dims, output_dims;
    tflm_variant variant;
    bool bias_s32;                  /* int16: an int32 bias and accumulator */
    bool hybrid;                    /* float32 input, int8 filter */
    bool asymmetric;                /* hybrid: asymmetric_quantize_inputs */
    const float *filter_scales;     /* hybrid: in the model, one or one per unit */
    bool per_channel;               /* hybrid: one scale per unit */
    int32_t scratch_index;          /* hybrid */
    int32_t int4_scratch;           /* int8 with an INT4 filter: its unpacked copy, else -1 */
} tflm_fully_connected_data;

#ifdef TFLM_VARIANT_FULLY_CONNECTED
TFLM_VARIANT_HOOK(tflm_fully_connected_variant, tflm_fully_connected_data);
#else
TFLM_NO_VARIANT_HOOK(tflm_fully_connected_variant, tflm_fully_connected_data)
#define TFLM_VARIANT_FULLY_CONNECTED 0
#endif

#endif /* TFLM_KERNELS_FULLY_CONNECTED_H */
