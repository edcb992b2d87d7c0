/*
 * fully_connected.h - the pure compute functions of FULLY_CONNECTED, its
 * node data and its variant hook (variant.h).
 *
 * Shapes (tflm_fc_shape): input [batches][depth], filter [units][depth],
 * bias [units] or NULL, output [batches][units], all row-major. The caller
 * (prepare) has checked the tensors agree.
 */
#ifndef TFLM_KERNELS_FULLY_CONNECTED_H
#define TFLM_KERNELS_FULLY_CONNECTED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nn_types.h"
#include "variant.h"

typedef struct tflm_fc_shape {
    int32_t batches;
    int32_t depth; /* of each dot product */
    int32_t units; /* output channels */
} tflm_fc_shape;

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
                             const tflm_fc_shape *shape, const int8_t *input,
                             const int8_t *filter, const int32_t *bias, int8_t *output);

/* 16x8: int16 input and output, int8 filter, int64 or int32 bias
 * (tflm_bias_16x8): TFLM's reference_integer_ops FullyConnected /
 * FullyConnectedPerChannel for int16, zero points applied as for int8. */
void tflm_fully_connected_s16(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                              const tflm_fc_shape *shape, const int16_t *input,
                              const int8_t *filter, const tflm_bias_16x8 *bias, int16_t *output);

/* tflm_fully_connected_s16's signature, for its variants. */
typedef void (*tflm_fc_s16_fn)(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                               const tflm_fc_shape *shape, const int16_t *input,
                               const int8_t *filter, const tflm_bias_16x8 *bias, int16_t *output);

/* float32: TFLM's reference_ops::FullyConnected (sum in input order, then
 * + bias, then the activation clamp). */
typedef void (*tflm_fc_f32_fn)(const tflm_activation_f32 *activation, const tflm_fc_shape *shape,
                               const float *input, const float *filter, const float *bias,
                               float *output);
void tflm_fully_connected_f32(const tflm_activation_f32 *activation, const tflm_fc_shape *shape,
                              const float *input, const float *filter, const float *bias,
                              float *output);

/* Hybrid (float32 input and output, int8 filter with one scale or one per
 * unit, float32 bias), TF Lite's fully_connected.cc EvalHybridDense (TFLM
 * has none): each batch row quantized to int8 (tflm_hybrid_quantize_*),
 * int32 dot products, minus row sum x input offset when asymmetric, then
 * output = bias + dot x (input scale x filter scale), then the activation
 * clamp (tflm_hybrid_matmul_accumulate).
 * scratch: tflm_fully_connected_hybrid_scratch_bytes. */
size_t tflm_fully_connected_hybrid_scratch_bytes(const tflm_fc_shape *shape);
void tflm_fully_connected_hybrid(const tflm_activation_f32 *activation, bool asymmetric,
                                 const float *filter_scales, bool per_channel,
                                 const tflm_fc_shape *shape, const float *input,
                                 const int8_t *filter, const float *bias, float *output,
                                 void *scratch);

/* The shape of a node whose tensors prepare checked (a few loads and one
 * division: invoke derives it rather than keep 12 bytes a node). */
static inline tflm_fc_shape tflm_fully_connected_shape(const tflm_tensor *filter,
                                                       const tflm_tensor *output)
{
    const int32_t units = filter->dims->data[0];
    return (tflm_fc_shape){tflm_element_count(output) / units, filter->dims->data[1], units};
}

#ifndef TFLM_VARIANT_FULLY_CONNECTED
#define TFLM_VARIANT_FULLY_CONNECTED 0
#endif

/* What prepare keeps in node->data: 32 bytes on a 32-bit board without
 * variants (TFLM's OpDataFullyConnected: 40). A per-tensor filter's one
 * requantization pair is in it; a per-channel filter's pairs, one per unit
 * (multipliers, then shifts), follow it in the same allocation, so no
 * pointer to them is kept (tflm_fully_connected_quant). */
typedef struct tflm_fully_connected_data {
#if TFLM_VARIANT_FULLY_CONNECTED
    tflm_variant variant;
#endif
    union {
        struct {                  /* int8, int16 */
            tflm_fc_params params;
            int32_t multiplier;   /* a per-tensor filter's pair: an array of one pair */
            int8_t shift;         /*   (tflm_nn_prepare_quant's layout)              */
            bool per_channel;     /* one pair per unit, after the op data            */
            bool bias_s32;        /* int16: an int32 bias and accumulator            */
        } q;
        struct {                          /* float32 */
            tflm_activation_f32 activation;
            const float *filter_scales;   /* hybrid: in the model, one or one per unit */
            bool hybrid;                  /* an int8 filter */
            bool asymmetric;              /* hybrid: asymmetric_quantize_inputs */
            bool per_channel;             /* hybrid: one scale per unit */
        } f;
    } u;
    int32_t scratch_index; /* hybrid's scratch, or an INT4 filter's unpacked copy; else -1 */
} tflm_fully_connected_data;

/* Where an int8 or int16 node's pairs are: its one pair, or those after
 * the op data (the multipliers first, then the shifts). */
static inline const int32_t *tflm_fully_connected_pairs(const tflm_fully_connected_data *data)
{
    return data->u.q.per_channel ? (const int32_t *)(data + 1) : &data->u.q.multiplier;
}

/* The requantization pairs of an int8 or int16 node of units outputs. */
static inline tflm_per_channel_quant
tflm_fully_connected_quant(const tflm_fully_connected_data *data, int32_t units)
{
    const int32_t *multiplier = tflm_fully_connected_pairs(data);
    const int32_t pairs = data->u.q.per_channel ? units : 1;
    return (tflm_per_channel_quant){multiplier, (const int8_t *)(multiplier + pairs),
                                    !data->u.q.per_channel};
}

/* Two hooks: tflm_fully_connected_variant for int8 and float32 nodes, and
 * tflm_fully_connected_s16_variant for 16x8 ones, which only the
 * int16-capable registration calls, so that firmware registering
 * tflm_op_fully_connected_int8 links no 16x8 kernel. */
#if TFLM_VARIANT_FULLY_CONNECTED
TFLM_VARIANT_HOOK(tflm_fully_connected_variant, tflm_fully_connected_data);
TFLM_VARIANT_HOOK(tflm_fully_connected_s16_variant, tflm_fully_connected_data);
#define TFLM_FULLY_CONNECTED_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_fully_connected_variant, tflm_fully_connected_data)
TFLM_NO_VARIANT_HOOK(tflm_fully_connected_s16_variant, tflm_fully_connected_data)
#define TFLM_FULLY_CONNECTED_VARIANT(data) NULL
#endif

#endif /* TFLM_KERNELS_FULLY_CONNECTED_H */
