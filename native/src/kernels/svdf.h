/*
 * svdf.h - the pure compute functions of SVDF (singular value decomposition
 * filter: a rank-limited 1-D convolution over time with a state memory),
 * TFLM's EvalIntegerSvdfReference and EvalFloatSvdfReference; its node data
 * and its variant hook (variant.h).
 *
 * Every invoke: the state [batches][filters][memory] shifts left by one
 * along memory; the newest column gets input x weights_feature (one value
 * per filter, requantized into the state's scale); each filter's memory is
 * dotted with its weights_time row; the `rank` filters of each unit are
 * summed with the bias and requantized into the output.
 */
#ifndef TFLM_SVDF_H
#define TFLM_SVDF_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "variant.h"

typedef struct tflm_svdf_params {
    int32_t batches;
    int32_t input_size;
    int32_t filters; /* rows of weights_feature and weights_time: units x rank */
    int32_t memory;  /* columns of weights_time                             */
    int32_t rank;
} tflm_svdf_params;

typedef struct tflm_svdf_quant {
    int32_t input_zero_point;
    int32_t state_zero_point;
    int32_t output_zero_point;
    int32_t scale1_multiplier; /* input x weights_feature -> state */
    int32_t scale2_multiplier; /* state x weights_time -> output   */
    int8_t scale1_shift;       /* -31 to 31: one byte each           */
    int8_t scale2_shift;
} tflm_svdf_quant;

/* Scratch the integer versions need, in int32 elements: filter sums
 * (batches x filters) then unit sums (batches x units), laid out one after
 * the other in one buffer. The float version needs batches x filters floats. */
size_t tflm_svdf_s8_scratch_bytes(const tflm_svdf_params *params);
size_t tflm_svdf_f32_scratch_bytes(const tflm_svdf_params *params);

/* TFLM's effective scales: computed in float (as TFLM does), then widened
 * to double and split by tflm_quantize_multiplier; false when one is too
 * large to apply. */
bool tflm_svdf_quant_multipliers(float input_scale, float weights_feature_scale, float state_scale,
                                 float weights_time_scale, float output_scale, tflm_svdf_quant *quant);

/* int8 input/weights_feature/output, int16 weights_time and state, int32
 * bias (may be NULL). state is read and updated. */
void tflm_svdf_s8_s16(int32_t *scratch, const tflm_svdf_params *params, const tflm_svdf_quant *quant,
                      const int8_t *input, const int8_t *weights_feature, const int16_t *weights_time,
                      const int32_t *bias, int16_t *state, int8_t *output);

/* The same with int8 weights_time and state. */
void tflm_svdf_s8_s8(int32_t *scratch, const tflm_svdf_params *params, const tflm_svdf_quant *quant,
                     const int8_t *input, const int8_t *weights_feature, const int8_t *weights_time,
                     const int32_t *bias, int8_t *state, int8_t *output);

/* float32; the fused activation (NONE, RELU, RELU_N1_TO_1, RELU6) clamps
 * the output. */
void tflm_svdf_f32(float *scratch, const tflm_svdf_params *params, int activation, const float *input,
                   const float *weights_feature, const float *weights_time, const float *bias,
                   float *state, float *output);

/* Hybrid (TF Lite's EvalHybridSVDF; TFLM has none): float32 input, state,
 * bias and output, int8 weights_feature and weights_time with one scale
 * each. Each batch row of the input is quantized (tflm_hybrid_quantize_*,
 * asymmetric as the option says), dotted with weights_feature in int32
 * and scaled into the newest state column; weights_time is dequantized
 * and the rest is the float SVDF. scratch: tflm_svdf_hybrid_scratch_bytes. */
size_t tflm_svdf_hybrid_scratch_bytes(const tflm_svdf_params *params);
void tflm_svdf_hybrid(void *scratch, const tflm_svdf_params *params, int activation,
                      bool asymmetric, const float *input, const int8_t *weights_feature,
                      float weights_feature_scale, const int8_t *weights_time,
                      float weights_time_scale, const float *bias, float *state, float *output);

#ifndef TFLM_VARIANT_SVDF
#define TFLM_VARIANT_SVDF 0
#endif

/* The shapes of a node whose tensors prepare checked, read from them
 * (kept in the op data they would cost 20 bytes a node): the rank is
 * filters / units, units the output's last dimension. */
static inline tflm_svdf_params tflm_svdf_params_of(tflm_context *ctx, const tflm_node *node)
{
    const tflm_int_array *input = tflm_input(ctx, node, 0)->dims;
    const int32_t filters = tflm_input(ctx, node, 1)->dims->data[0];
    return (tflm_svdf_params){input->data[0], input->data[1], filters,
                              tflm_input(ctx, node, 2)->dims->data[1],
                              filters / tflm_output(ctx, node, 0)->dims->data[1]};
}

/* What prepare keeps in node->data: 32 bytes on a 32-bit board without
 * variants (TFLM's OpDataSvdf: 36). */
typedef struct tflm_svdf_data {
#if TFLM_VARIANT_SVDF
    tflm_variant variant;
#endif
    union {
        tflm_svdf_quant quant; /* int8 input */
        struct {               /* float32 input */
            float weights_feature_scale, weights_time_scale; /* hybrid */
            int8_t activation;
            bool asymmetric; /* hybrid */
        } f;
    } u;
    int32_t scratch_index; /* the reference kernel's */
    bool hybrid;           /* float input, int8 weights */
} tflm_svdf_data;

#if TFLM_VARIANT_SVDF
TFLM_VARIANT_HOOK(tflm_svdf_variant, tflm_svdf_data);
#define TFLM_SVDF_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_svdf_variant, tflm_svdf_data)
#define TFLM_SVDF_VARIANT(data) NULL
#endif

#endif /* TFLM_SVDF_H */
