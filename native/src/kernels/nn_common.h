/*
 * nn_common.h - prepare-time checks shared by the convolution, fully
 * connected and pooling kernels: tensor counts, per-tensor quantization
 * parameters, fused activations. Each failure goes through tflm_fail with
 * a message naming the tensor and what was expected.
 */
#ifndef TFLM_KERNELS_NN_COMMON_H
#define TFLM_KERNELS_NN_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "fixed_point.h"
#include "nn_types.h"
#include "tflm/kernel.h"

/* The input, filter, optional bias (NULL when absent) and output of a
 * CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED node. */
typedef struct tflm_nn_operands {
    tflm_tensor *input, *filter, *bias, *output;
} tflm_nn_operands;

/* The operands at invoke, once prepare has checked them. */
void tflm_nn_fetch_operands(tflm_context *ctx, const tflm_node *node, tflm_nn_operands *t);

/* The bias data of the reference kernels: NULL when the bias is absent. */
static inline const void *tflm_nn_bias_data(const tflm_tensor *bias)
{
    return bias != NULL ? bias->data : NULL;
}

/* An int32 accumulator (wrapped like TFLM's int32) to int8: requantized,
 * plus the output offset (wrapping like the SIMD lanes), clamped. */
static inline int8_t tflm_nn_requantize_s8(uint32_t acc, int32_t multiplier, int32_t shift,
                                           int32_t output_offset, int32_t act_min,
                                           int32_t act_max)
{
    int32_t out = tflm_multiply_by_quantized_multiplier((int32_t)acc, multiplier, shift);
    out = (int32_t)((uint32_t)out + (uint32_t)output_offset);
    return (int8_t)tflm_clamp_s32(out, act_min, act_max);
}

/* A 16x8 accumulator (the products' sum, in 64 bits wrapping) plus the
 * bias of channel o, requantized as TFLM does for the bias's type
 * (tflm_bias_16x8), before any output offset. */
static inline int32_t tflm_nn_requantize_16x8(uint64_t acc, const tflm_bias_16x8 *bias, int32_t o,
                                              int32_t multiplier, int32_t shift)
{
    if (bias->s32) {
        uint32_t sum = (uint32_t)acc; /* the int32 sum, modulo 2^32 like TFLM's */
        if (bias->data != NULL) {
            sum += (uint32_t)((const int32_t *)bias->data)[o];
        }
        return tflm_multiply_by_quantized_multiplier((int32_t)sum, multiplier, shift);
    }
    if (bias->data != NULL) {
        acc += (uint64_t)((const int64_t *)bias->data)[o];
    }
    return tflm_multiply_by_quantized_multiplier_s64((int64_t)acc, multiplier, shift);
}

/* Whether a node's types are those the SIMD variants know (input and
 * filter both INT8 or both FLOAT32): prepare calls an op's variant hook
 * only then, so other types (16x8, hybrid, int4) run the reference. */
static inline bool tflm_nn_has_variant_types(const tflm_nn_operands *t)
{
    return t->input->type == t->filter->type &&
           (t->input->type == TFLM_TYPE_INT8 || t->input->type == TFLM_TYPE_FLOAT32);
}

/* The operands at prepare: 2 or 3 inputs and one output, the input and
 * filter present ("input 1 is missing"). */
tflm_status tflm_nn_get_operands(tflm_context *ctx, const tflm_node *node, tflm_nn_operands *t);

/* Fails unless filter and output are of type and the bias, if any, of
 * bias_type (messages of tflm_nn_check_type). */
tflm_status tflm_nn_check_operand_types(tflm_context *ctx, const tflm_nn_operands *t,
                                        tflm_type type, tflm_type bias_type);

/* "input type FLOAT32 not supported; expected <expected>", with expected
 * the types the kernel takes ("INT8", "INT8, INT16 or FLOAT32"): a
 * string per call, so an _int8 kernel links only its own. */
tflm_status tflm_nn_unsupported_input(tflm_context *ctx, const tflm_tensor *input,
                                      const char *expected);

/* Checks the node has min_inputs..max_inputs inputs, the first min_inputs
 * present, and one output (tflm_check_tensor_counts). */
tflm_status tflm_nn_check_io(tflm_context *ctx, const tflm_node *node, int min_inputs,
                             int max_inputs);

/* The node's input i, failing with "<what> tensor is missing" when absent. */
tflm_status tflm_nn_required_input(tflm_context *ctx, const tflm_node *node, int i,
                                   const char *what, tflm_tensor **tensor);

/* Fails unless tensor->type == expected: "<what> type INT16 not supported; expected INT8". */
tflm_status tflm_nn_check_type(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               tflm_type expected);

/* Fails unless bias is absent or holds channels elements, one per output
 * channel (FULLY_CONNECTED: per unit). */
tflm_status tflm_nn_check_bias_count(tflm_context *ctx, const tflm_tensor *bias,
                                     int32_t channels);

/* Fails unless the tensor has rank dims: "<what> must have 4 dimensions, has 3". */
tflm_status tflm_nn_check_rank(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               int rank);

/* Per-tensor scale and zero point of an int8 tensor: at least one scale,
 * finite and > 0, and a zero point in [-128, 127] (0 when absent). */
tflm_status tflm_nn_int8_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                float *scale, int32_t *zero_point);

/* The same for any integer type whose zero point lies in [zp_min, zp_max]. */
tflm_status tflm_nn_quant_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                 int32_t zp_min, int32_t zp_max, float *scale, int32_t *zero_point);

/* ... and for an INT8 or INT16 tensor, the zero point in its type's range. */
tflm_status tflm_nn_int_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                 float *scale, int32_t *zero_point);

/* A FLOAT32 or INT8 kernel over the last axis (L2_NORMALIZATION,
 * LOG_SOFTMAX): one input of 1 to max_rank dimensions and one output of
 * its type and shape, seen as rows vectors of depth elements. */
typedef struct tflm_nn_rows {
    tflm_tensor *input;
    const tflm_tensor *output;
    int32_t rows, depth;
} tflm_nn_rows;

tflm_status tflm_nn_rows_prepare(tflm_context *ctx, const tflm_node *node, int max_rank,
                                 tflm_nn_rows *r);

/* Fails for a fused activation this runtime does not apply to these ops
 * (TANH, SIGN_BIT, unknown values): only NONE, RELU, RELU_N1_TO_1, RELU6. */
tflm_status tflm_nn_check_activation(tflm_context *ctx, int activation);

/* Clamp range of a fused activation on an int8 output. */
tflm_activation tflm_nn_activation_s8(int activation, float output_scale,
                                      int32_t output_zero_point);

/* Clamp range of a fused activation on a float output. */
tflm_activation_f32 tflm_nn_activation_f32(int activation);

/* How many multiplier/shift pairs an op with channels output channels
 * keeps for a filter of scale_count scales: one per channel when
 * per-channel quantized, one for all when per-tensor
 * (tflm_per_channel_quant.per_tensor). */
static inline int32_t tflm_nn_quant_pairs(uint32_t scale_count, int32_t channels)
{
    return scale_count > 1 ? channels : 1;
}

/* Allocates pairs multiplier/shift pairs from the persistent arena: the
 * pairs multipliers, then the pairs shifts. */
tflm_status tflm_nn_alloc_quant(tflm_context *ctx, int32_t pairs, int32_t **multiplier,
                                int8_t **shift);

/* Filter quantization of a convolution-like op: scale_count must be 1 or
 * channels; when > 1 the filter's quantized_dimension must index a
 * dimension of that size (TFLM's PopulateConvolutionQuantizationParams).
 * Fills *quantization. */
tflm_status tflm_nn_filter_quantization(tflm_context *ctx, const tflm_tensor *filter,
                                        int32_t channels, tflm_quantization *quantization);

/* Window geometry of a convolution or pooling: checks padding (SAME or
 * VALID), strides and dilations (>= 1) and that the output's height and
 * width are those TFLM computes (ComputeOutSize), then sets the padding
 * before the first row and column (ComputePaddingWithOffset). */
typedef struct tflm_nn_window {
    int32_t padding;
    int32_t stride_w, stride_h;
    int32_t dilation_w, dilation_h;
    int32_t filter_w, filter_h;
} tflm_nn_window;

tflm_status tflm_nn_window_padding(tflm_context *ctx, const tflm_nn_window *window,
                                   int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w,
                                   int32_t *pad_h, int32_t *pad_w);

/* The types of an int8 CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED:
 * filter INT8 (or INT4, unpacked to int8 at invoke), output INT8, bias (if
 * any) INT32. */
tflm_status tflm_nn_check_s8_types(tflm_context *ctx, const tflm_nn_operands *t);

/* The quantization of an int8 or 16x8 CONV_2D, DEPTHWISE_CONV_2D or
 * FULLY_CONNECTED node (tflm_nn_prepare_quant). */
typedef struct tflm_nn_quant {
    tflm_per_channel_quant quant;
    float output_scale;
    int32_t input_zp, output_zp;
    int32_t filter_offset; /* per-tensor FULLY_CONNECTED: -filter zero point; else 0 */
} tflm_nn_quant;

/* Reads the input's and output's scale and zero point (tflm_nn_quant_params
 * over [zp_min, zp_max]) and the filter's scales, and fills q->quant with
 * the multipliers of input x filter / output scale in persistent memory:
 * one per channel, or one for all when the filter has one scale.
 * fc_pairs: NULL for CONV_2D and DEPTHWISE_CONV_2D, whose pairs are
 * allocated here; for a FULLY_CONNECTED node, the memory its op data holds
 * for them: tflm_nn_quant_pairs of them, the multipliers then the shifts,
 * as tflm_nn_alloc_quant lays them out. A one-scale FULLY_CONNECTED filter
 * follows TFLM's GetQuantizedConvolutionMultipler (the bias scale checked,
 * the filter zero point kept, the product taken in float), and an INT4
 * filter must have one scale. */
tflm_status tflm_nn_prepare_quant(tflm_context *ctx, const tflm_nn_operands *t,
                                  int32_t channels, int32_t zp_min, int32_t zp_max,
                                  int32_t *fc_pairs, tflm_nn_quant *q);

/* The bias of a 16x8 node (tflm_bias_16x8): INT64, or INT32 where the op
 * allows it (s32_allowed: CONV_2D, FULLY_CONNECTED); without a bias, the
 * op's quantized_bias_type option decides as in TFLM. Sets *s32. */
tflm_status tflm_nn_bias_16x8(tflm_context *ctx, const tflm_tensor *bias, bool s32_allowed,
                              int quantized_bias_type, bool *s32);

/* Fails unless every shift suits tflm_multiply_by_quantized_multiplier_s64
 * (nothing to check with an int32 accumulator, bias_s32). */
tflm_status tflm_nn_check_shifts_16x8(tflm_context *ctx, bool bias_s32, int32_t channels,
                                      const int8_t *shift);

/* The 16x8 half of CONV_2D and DEPTHWISE_CONV_2D prepare: filter INT8,
 * output INT16, the bias (tflm_nn_bias_16x8), per-channel multipliers, the
 * int16 activation clamp; the offsets are 0 (TFLM ignores zero points). */
typedef tflm_status tflm_nn_prepare_conv_s16_fn(tflm_context *ctx, const tflm_nn_operands *t,
                                                int32_t channels, int activation,
                                                bool bias_s32_allowed, int quantized_bias_type,
                                                tflm_conv_params *p, tflm_per_channel_quant *quant,
                                                bool *bias_s32);
tflm_nn_prepare_conv_s16_fn tflm_nn_prepare_conv_s16;

/* A hybrid CONV_2D or DEPTHWISE_CONV_2D (float32 input, int8 filter, TF
 * Lite's dynamic-range quantization): its per-channel filter scales and
 * the scratch holding, per batch, a scale and an offset, then the input
 * quantized per batch. scratch_bytes is 0 for other nodes. */
typedef struct tflm_nn_hybrid {
    const float *channel_scales; /* NULL: one scale, folded into the batches' */
    float filter_scale;          /* per-tensor */
    size_t scratch_bytes;
    int32_t scratch_index;
    int32_t batches;
    int32_t batch_size; /* input elements per batch */
} tflm_nn_hybrid;

/* Checks a hybrid node's filter scales and requests the scratch. With
 * per_tensor_allowed (an ungrouped CONV_2D), a filter whose scales are all
 * equal (or one) takes TF Lite's per-tensor path (conv.cc EvalHybrid: it
 * goes per channel only when the scales differ); otherwise (DEPTHWISE,
 * grouped CONV_2D) one scale per output channel is needed, and used. */
tflm_status tflm_nn_prepare_hybrid(tflm_context *ctx, const tflm_nn_operands *t,
                                   int32_t channels, bool per_tensor_allowed, tflm_nn_hybrid *h);

/* The input of a hybrid node quantized at invoke, per batch: asymmetric
 * for per-channel filters (TF Lite's conv.cc / depthwise_conv.cc
 * EvalHybridPerChannel), symmetric with the filter's scale folded into
 * the batch's for one filter scale (conv.cc EvalHybrid). */
typedef struct tflm_nn_hybrid_inputs {
    const float *scaling_factors;
    const int32_t *input_offsets;
    const int8_t *input;
} tflm_nn_hybrid_inputs;

void tflm_nn_hybrid_quantize_input(tflm_context *ctx, const tflm_nn_hybrid *h,
                                   const tflm_tensor *input, tflm_nn_hybrid_inputs *q);

/* Unpacks count int4 values (two a byte, low nibble first, each
 * sign-extended) into int8, as TFLM's UnpackDenseInt4IntoInt8. */
static inline void tflm_nn_unpack_int4(const uint8_t *packed, int32_t count, int8_t *out)
{
    for (int32_t i = 0; i < count; ++i) {
        const uint8_t byte = packed[i / 2];
        const uint8_t nibble = (uint8_t)(i % 2 == 0 ? byte & 0x0f : byte >> 4);
        out[i] = (int8_t)(nibble >= 8 ? (int)nibble - 16 : (int)nibble);
    }
}

/* An INT4 filter (int8 input only, as TFLM): requests the scratch its
 * int8 copy takes at invoke (TFLM unpacks it into the arena every invoke);
 * *index stays -1 for an INT8 filter. */
tflm_status tflm_nn_prepare_int4_filter(tflm_context *ctx, const tflm_tensor *filter,
                                        int32_t *index);

/* The filter as int8: its data, or (index >= 0) the INT4 filter unpacked
 * into that scratch. */
const int8_t *tflm_nn_filter_s8(tflm_context *ctx, const tflm_tensor *filter, int32_t index);

/* What the reference CONV_2D and DEPTHWISE_CONV_2D kernels take, kept in
 * the node's persistent data (the shapes are not: tflm_nn_conv_dims_of). */
typedef struct tflm_nn_conv_state {
    tflm_conv_params params;
    tflm_per_channel_quant quant;
    bool bias_s32; /* 16x8: an int32 bias and accumulator (tflm_bias_16x8) */
    int32_t int4_scratch; /* int8 with an INT4 filter: its unpacked copy, else -1 */
} tflm_nn_conv_state;

/* The NHWC dims of a CONV_2D or DEPTHWISE_CONV_2D node's 4-D tensors (the
 * bias: {1, 1, 1, output channels}), read from them whenever needed: kept
 * in the op data they would cost 64 bytes a node. */
typedef struct tflm_nn_conv_dims {
    tflm_dims input, filter, bias, output;
} tflm_nn_conv_dims;

void tflm_nn_conv_dims_of(const tflm_nn_operands *t, tflm_nn_conv_dims *dims);

/* A CONV_2D or DEPTHWISE_CONV_2D node at prepare: its operands and their
 * NHWC dims. */
typedef struct tflm_nn_conv_node {
    tflm_nn_operands t;
    tflm_dims in, k, out;
} tflm_nn_conv_node;

/* First half of CONV_2D and DEPTHWISE_CONV_2D prepare: the operands, all
 * three 4-D; data_size bytes of persistent node data in *data; as many
 * batches in the output as in the input. */
tflm_status tflm_nn_conv_begin(tflm_context *ctx, const tflm_node *node, size_t data_size,
                               void **data, tflm_nn_conv_node *c);

/* Where CONV_2D and DEPTHWISE_CONV_2D keep their options: the union tag
 * of the table (TFLM_OPTIONS_*), the fields of the fused activation and of
 * dilation_w_factor (tflm/builtin_options.h). The two tables share the
 * numbers of padding, stride_w and stride_h, and dilation_h_factor follows
 * dilation_w_factor in both: nn_common.c checks this against the schema. */
struct tflm_nn_conv_options;

/* The non-INT8 half of tflm_nn_conv_finish, for the node's input type. */
typedef tflm_status tflm_nn_conv_prepare_other_fn(tflm_context *ctx, const tflm_node *node,
                                                  const struct tflm_nn_conv_options *options,
                                                  const tflm_nn_operands *t, int32_t channels,
                                                  int activation, tflm_nn_conv_state *s);

typedef struct tflm_nn_conv_options {
    uint8_t table;
    uint8_t activation_field;
    uint8_t dilation_field; /* of dilation_w_factor */
    /* Inputs other than INT8 (INT16 16x8, FLOAT32, hybrid):
     * tflm_nn_conv_prepare_other, or NULL where only INT8 is accepted; a
     * pointer, so an _int8 kernel links no 16-bit or float code. */
    tflm_nn_conv_prepare_other_fn *prepare_other;
    bool bias_s32_allowed; /* 16x8 with an INT32 bias (CONV_2D) */
    uint8_t bias_type_field; /* of quantized_bias_type, when bias_s32_allowed */
} tflm_nn_conv_options;

/* Second half, once the filter's shape is checked: the bias count (one per
 * output channel), the fused activation, the window (tflm_nn_window_padding),
 * the int8 quantization (tflm_nn_prepare_quant) or options->prepare_other
 * for other input types. Fills *s but for params.depth_multiplier. */
/* INT16 input (tflm_nn_prepare_conv_s16), FLOAT32 with a FLOAT32 filter,
 * or hybrid (FLOAT32 with an INT8 filter; the caller adds
 * tflm_nn_prepare_hybrid); else "input type ... not supported". */
tflm_nn_conv_prepare_other_fn tflm_nn_conv_prepare_other;

tflm_status tflm_nn_conv_finish(tflm_context *ctx, const tflm_node *node,
                                const tflm_nn_conv_options *options, const tflm_nn_conv_node *c,
                                tflm_nn_conv_state *s);

#endif /* TFLM_KERNELS_NN_COMMON_H */
