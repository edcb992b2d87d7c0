/*
 * nn_common.h - prepare-time checks shared by the convolution, fully
 * connected and pooling kernels: tensor counts, per-tensor quantization
 * parameters, fused activations. Each failure goes through tflm_fail with
 * a message naming the tensor and what was expected.
 */
#ifndef TFLM_KERNELS_NN_COMMON_H
#define TFLM_KERNELS_NN_COMMON_H

#include "nn_types.h"
#include "tflm/kernel.h"

/* Checks the node has min_inputs..max_inputs inputs and one output. */
tflm_status tflm_nn_check_io(tflm_context *ctx, const tflm_node *node, int min_inputs,
                             int max_inputs);

/* The node's input i, failing with "<what> tensor is missing" when absent. */
tflm_status tflm_nn_required_input(tflm_context *ctx, const tflm_node *node, int i,
                                   const char *what, tflm_tensor **tensor);

/* Fails unless tensor->type == expected: "<what> type INT16 not supported; expected INT8". */
tflm_status tflm_nn_check_type(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               tflm_type expected);

/* Fails unless the tensor has rank dims: "<what> must have 4 dimensions, has 3". */
tflm_status tflm_nn_check_rank(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               int rank);

/* Per-tensor scale and zero point of an int8 tensor: at least one scale,
 * finite and > 0, and a zero point in [-128, 127] (0 when absent). */
tflm_status tflm_nn_int8_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                float *scale, int32_t *zero_point);

/* Fails for a fused activation this runtime does not apply to these ops
 * (TANH, SIGN_BIT, unknown values): only NONE, RELU, RELU_N1_TO_1, RELU6. */
tflm_status tflm_nn_check_activation(tflm_context *ctx, int activation);

/* Clamp range of a fused activation on an int8 output. */
tflm_activation tflm_nn_activation_s8(int activation, float output_scale,
                                      int32_t output_zero_point);

/* Clamp range of a fused activation on a float output. */
tflm_activation_f32 tflm_nn_activation_f32(int activation);

/* Allocates channels multiplier/shift pairs from the persistent arena. */
tflm_status tflm_nn_alloc_quant(tflm_context *ctx, int32_t channels, int32_t **multiplier,
                                int32_t **shift);

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

/* The int8 half of CONV_2D and DEPTHWISE_CONV_2D prepare: tensor types, one
 * requantization multiplier per output channel (channels of them, in
 * persistent memory), the input/output offsets and the activation clamp. */
tflm_status tflm_nn_prepare_conv_s8(tflm_context *ctx, const tflm_tensor *input,
                                    const tflm_tensor *filter, const tflm_tensor *bias,
                                    const tflm_tensor *output, int32_t channels, int activation,
                                    tflm_conv_params *p, tflm_per_channel_quant *quant);

#endif /* TFLM_KERNELS_NN_COMMON_H */
