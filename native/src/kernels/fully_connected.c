/*
 * FULLY_CONNECTED: output[b][o] = act(sum_d input[b][d] * filter[o][d] + bias[o]).
 * Reference semantics: TFLM's fully_connected.cc / fully_connected_common.cc
 * and reference(_integer_ops)/fully_connected.h.
 */
#include "fully_connected.h"

#include "fixed_point.h"
#include "hybrid.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Compute ---------------------------------------------------------------- */

void tflm_fully_connected_s8(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                             const tflm_fc_shape *shape, const int8_t *input,
                             const int8_t *filter, const int32_t *bias, int8_t *output)
{
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    const int32_t batches = shape->batches;
    const int32_t output_depth = shape->units;
    const int32_t accum_depth = shape->depth;
    const int32_t input_offset = params->input_offset;
    const int32_t filter_offset = params->filter_offset;
    const int32_t output_offset = params->output_offset;
    const int32_t act_min = params->activation.min;
    const int32_t act_max = params->activation.max;

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_row = input + (size_t)b * accum_depth;
        int8_t *out_row = output + (size_t)b * output_depth;
        const int8_t *weights = filter;
        for (int32_t o = 0; o < output_depth; ++o, weights += accum_depth) {
            uint32_t sum = 0; /* wraps like TFLM's int32 on hardware, without UB */
            for (int32_t d = 0; d < accum_depth; ++d) {
                sum += (uint32_t)((weights[d] + filter_offset) * (in_row[d] + input_offset));
            }
            if (bias != NULL) {
                sum += (uint32_t)bias[o];
            }
            const int32_t q = o & pair_mask;
            out_row[o] = tflm_nn_requantize_s8(sum, multiplier[q], shift[q], output_offset, act_min,
                                               act_max);
        }
    }
}

void tflm_fully_connected_s16(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                              const tflm_fc_shape *shape, const int16_t *input,
                              const int8_t *filter, const tflm_bias_16x8 *bias, int16_t *output)
{
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    const int32_t batches = shape->batches;
    const int32_t output_depth = shape->units;
    const int32_t accum_depth = shape->depth;
    const int32_t input_offset = params->input_offset;
    const int32_t filter_offset = params->filter_offset;
    const int32_t output_offset = params->output_offset;

    for (int32_t b = 0; b < batches; ++b) {
        const int16_t *in_row = input + (size_t)b * accum_depth;
        int16_t *out_row = output + (size_t)b * output_depth;
        const int8_t *weights = filter;
        for (int32_t o = 0; o < output_depth; ++o, weights += accum_depth) {
            uint64_t sum = 0; /* int64 (or, truncated, int32) wrapping without UB */
            for (int32_t d = 0; d < accum_depth; ++d) {
                sum += (uint64_t)(int64_t)((weights[d] + filter_offset) *
                                           (in_row[d] + input_offset));
            }
            const int32_t q = o & pair_mask;
            int32_t v = tflm_nn_requantize_16x8(sum, bias, o, multiplier[q], shift[q]);
            v = (int32_t)((uint32_t)v + (uint32_t)output_offset);
            out_row[o] = (int16_t)tflm_clamp_s32(v, params->activation.min,
                                                 params->activation.max);
        }
    }
}

void tflm_fully_connected_f32(const tflm_activation_f32 *activation, const tflm_fc_shape *shape,
                              const float *input, const float *filter, const float *bias,
                              float *output)
{
    const int32_t batches = shape->batches;
    const int32_t output_depth = shape->units;
    const int32_t accum_depth = shape->depth;

    for (int32_t b = 0; b < batches; ++b) {
        const float *in_row = input + (size_t)b * accum_depth;
        float *out_row = output + (size_t)b * output_depth;
        const float *weights = filter;
        for (int32_t o = 0; o < output_depth; ++o, weights += accum_depth) {
            float total = 0.0f;
            for (int32_t d = 0; d < accum_depth; ++d) {
                total += in_row[d] * weights[d];
            }
            float bias_value = bias != NULL ? bias[o] : 0.0f;
            out_row[o] = tflm_clamp_f32(total + bias_value, activation->min, activation->max);
        }
    }
}

/* The hybrid scratch: per batch a scale and an offset, per unit a row sum,
 * then the quantized input. */
size_t tflm_fully_connected_hybrid_scratch_bytes(const tflm_fc_shape *shape)
{
    return (size_t)shape->batches * (sizeof(float) + sizeof(int32_t)) +
           (size_t)shape->units * sizeof(int32_t) + (size_t)shape->batches * shape->depth;
}

void tflm_fully_connected_hybrid(const tflm_activation_f32 *activation, bool asymmetric,
                                 const float *filter_scales, bool per_channel,
                                 const tflm_fc_shape *shape, const float *input,
                                 const int8_t *filter, const float *bias, float *output,
                                 void *scratch)
{
    const int32_t batches = shape->batches, depth = shape->depth, units = shape->units;
    for (int32_t b = 0; b < batches; ++b) {
        for (int32_t o = 0; o < units; ++o) {
            output[(size_t)b * units + o] = bias != NULL ? bias[o] : 0.0f;
        }
    }
    tflm_hybrid_matmul_accumulate(input, batches, depth, asymmetric, filter, units, filter_scales,
                                  per_channel, scratch, output);
    for (size_t i = 0; i < (size_t)batches * units; ++i) {
        output[i] = tflm_clamp_f32(output[i], activation->min, activation->max);
    }
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_fully_connected_data fc_data;

_Static_assert(offsetof(fc_data, u.q.shift) == offsetof(fc_data, u.q.multiplier) + sizeof(int32_t),
               "a per-tensor pair must be laid out as an array of one pair");

/* Shapes: filter [units, depth]; the input holds batches x depth elements
 * in any shape; the output's last dimension is units and it holds
 * batches x units elements. */
static tflm_status fc_check_shapes(tflm_context *ctx, const tflm_node *node,
                                   const tflm_tensor *input, const tflm_tensor *filter,
                                   const tflm_tensor *bias, const tflm_tensor *output)
{
    tflm_status status = tflm_nn_check_rank(ctx, filter, "filter", 2);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t units = filter->dims->data[0];
    const int32_t depth = filter->dims->data[1];
    if (units <= 0 || depth <= 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "filter shape [%d, %d] is empty", (int)units,
                         (int)depth);
    }
    const int32_t input_count = tflm_element_count(input);
    if (input_count % depth != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input has %d elements, not a multiple of the filter's depth %d",
                         (int)input_count, (int)depth);
    }
    const int32_t batches = input_count / depth;
    const int out_rank = output->dims->size;
    /* In 64 bits: batches and units each fit an int32, their product may not. */
    if (out_rank < 1 || output->dims->data[out_rank - 1] != units ||
        tflm_element_count(output) != (int64_t)batches * units) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output must hold %d batches x %d units, units the last dimension",
                         (int)batches, (int)units);
    }
    bool keep_num_dims = tflm_fully_connected_options_keep_num_dims(ctx, node);
    if (keep_num_dims) {
        int in_rank = input->dims->size;
        bool same = in_rank == out_rank;
        for (int i = 0; same && i < in_rank - 1; ++i) {
            same = input->dims->data[i] == output->dims->data[i];
        }
        if (!same) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "keep_num_dims: output must be the input's shape with the last "
                             "dimension %d",
                             (int)units);
        }
    }
    return tflm_nn_check_bias_count(ctx, bias, units);
}

/* INT8, or INT16 with int8 weights (16x8) where with_int16: the same
 * checks and multipliers over the type's range. */
TFLM_SPECIALIZED tflm_status fc_prepare_quantized(tflm_context *ctx, const tflm_node *node,
                                                 const tflm_nn_operands *t, int activation,
                                                 bool with_int16, fc_data *data)
{
    const bool s16 = with_int16 && t->input->type == TFLM_TYPE_INT16;
    const int32_t type_min = s16 ? -32768 : -128, type_max = s16 ? 32767 : 127;
    tflm_status status;
    if (s16) {
        if ((status = tflm_nn_check_type(ctx, t->filter, "filter", TFLM_TYPE_INT8)) != TFLM_OK ||
            (status = tflm_nn_check_type(ctx, t->output, "output", TFLM_TYPE_INT16)) != TFLM_OK ||
            (status = tflm_nn_bias_16x8(
                 ctx, t->bias, true, tflm_fully_connected_options_quantized_bias_type(ctx, node),
                 &data->u.q.bias_s32)) != TFLM_OK) {
            return status;
        }
    } else if ((status = tflm_nn_check_s8_types(ctx, t)) != TFLM_OK ||
               (status = tflm_nn_prepare_int4_filter(ctx, t->filter, &data->scratch_index)) !=
                   TFLM_OK) {
        return status; /* an INT4 filter is unpacked to int8 at invoke */
    }
    const int32_t units = t->filter->dims->data[0];
    int32_t *pairs = (int32_t *)tflm_fully_connected_pairs(data); /* data is writable here */
    tflm_nn_quant q;
    if ((status = tflm_nn_prepare_quant(ctx, t, units, type_min, type_max, pairs, &q)) !=
            TFLM_OK ||
        (s16 && (status = tflm_nn_check_shifts_16x8(ctx, data->u.q.bias_s32,
                                                    q.quant.per_tensor ? 1 : units,
                                                    q.quant.shift)) != TFLM_OK)) {
        return status;
    }
    tflm_fc_params *params = &data->u.q.params;
    params->input_offset = -q.input_zp;
    params->filter_offset = q.filter_offset;
    params->output_offset = q.output_zp;
    tflm_activation_range_quantized(activation, q.output_scale, q.output_zp, type_min, type_max,
                                    &params->activation.min, &params->activation.max);
    return TFLM_OK;
}

/* Hybrid: float32 input, bias and output with an int8 filter of one scale
 * or one per unit (TF Lite's EvalHybridDense). */
static tflm_status fc_prepare_hybrid(tflm_context *ctx, const tflm_node *node,
                                     const tflm_nn_operands *t, fc_data *data)
{
    tflm_status status;
    if ((status = tflm_nn_check_type(ctx, t->output, "output", TFLM_TYPE_FLOAT32)) != TFLM_OK ||
        (t->bias != NULL &&
         (status = tflm_nn_check_type(ctx, t->bias, "bias", TFLM_TYPE_FLOAT32)) != TFLM_OK)) {
        return status;
    }
    const tflm_fc_shape shape = tflm_fully_connected_shape(t->filter, t->output);
    tflm_quantization fq;
    if ((status = tflm_nn_filter_quantization(ctx, t->filter, shape.units, &fq)) != TFLM_OK) {
        return status;
    }
    if ((uint64_t)shape.batches * shape.depth + 8u * (uint64_t)shape.batches +
            4u * (uint64_t)shape.units >
        SIZE_MAX) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input too large for the hybrid scratch");
    }
    data->u.f.hybrid = true;
    data->u.f.asymmetric = tflm_fully_connected_options_asymmetric_quantize_inputs(ctx, node);
    data->u.f.filter_scales = fq.scales; /* checked: one, or one per unit along dimension 0 */
    data->u.f.per_channel = fq.scale_count > 1;
    return tflm_request_scratch(ctx, tflm_fully_connected_hybrid_scratch_bytes(&shape),
                                &data->scratch_index);
}

/* with_float: whether FLOAT32 and INT16 are accepted besides INT8
 * (tflm_op_fully_connected) or not (tflm_op_fully_connected_int8, which
 * links no float or 16-bit code). */
TFLM_SPECIALIZED tflm_status fc_prepare_types(tflm_context *ctx, tflm_node *node, bool with_float)
{
    tflm_nn_operands t;
    tflm_status status = tflm_nn_get_operands(ctx, node, &t);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = t.input, *filter = t.filter, *bias = t.bias, *output = t.output;

    const int activation = tflm_fully_connected_options_fused_activation_function(ctx, node);
    const int weights_format = tflm_fully_connected_options_weights_format(ctx, node);
    if ((status = tflm_nn_check_activation(ctx, activation)) != TFLM_OK) {
        return status;
    }
    if (weights_format != TFLM_FULLY_CONNECTED_OPTIONS_WEIGHTS_FORMAT_DEFAULT) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "weights_format %d not supported; expected DEFAULT (0)", weights_format);
    }

    if ((status = fc_check_shapes(ctx, node, input, filter, bias, output)) != TFLM_OK) {
        return status;
    }
    /* A per-channel integer filter's pairs follow the op data. */
    const bool quantized =
        input->type == TFLM_TYPE_INT8 || (with_float && input->type == TFLM_TYPE_INT16);
    tflm_quantization fq;
    tflm_tensor_quantization(ctx, filter, &fq);
    const bool per_channel = quantized && fq.scale_count > 1;
    fc_data *data = tflm_alloc_persistent(
        ctx, sizeof *data + (per_channel ? (size_t)filter->dims->data[0] *
                                               (sizeof(int32_t) + sizeof(int8_t))
                                         : 0));
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }

    if (quantized) {
        data->u.q.per_channel = per_channel;
        status = fc_prepare_quantized(ctx, node, &t, activation, with_float, data);
    } else if (with_float && input->type == TFLM_TYPE_FLOAT32 &&
               filter->type == TFLM_TYPE_INT8) {
        status = fc_prepare_hybrid(ctx, node, &t, data);
        data->u.f.activation = tflm_nn_activation_f32(activation);
    } else if (with_float && input->type == TFLM_TYPE_FLOAT32) {
        status = tflm_nn_check_operand_types(ctx, &t, TFLM_TYPE_FLOAT32, TFLM_TYPE_FLOAT32);
        data->u.f.activation = tflm_nn_activation_f32(activation);
    } else {
        return tflm_nn_unsupported_input(ctx, input,
                                         with_float ? "INT8, INT16 or FLOAT32" : "INT8");
    }
    /* The variants: int8 and float32; 16x8 (Cortex-M) through a hook of its
       own, which the int8 registration (with_float false) never links. */
    const bool s16x8 = with_float && input->type == TFLM_TYPE_INT16;
    if (status == TFLM_OK && s16x8) {
        status = tflm_fully_connected_s16_variant(ctx, node, data, TFLM_FULLY_CONNECTED_VARIANT(data));
    }
    if (status != TFLM_OK ||
        (tflm_nn_has_variant_types(&t) &&
         (status = tflm_fully_connected_variant(ctx, node, data,
                                                TFLM_FULLY_CONNECTED_VARIANT(data))) != TFLM_OK)) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status fc_prepare(tflm_context *ctx, tflm_node *node)
{
    return fc_prepare_types(ctx, node, true);
}

static tflm_status fc_prepare_int8(tflm_context *ctx, tflm_node *node)
{
    return fc_prepare_types(ctx, node, false);
}

static tflm_status fc_invoke_int8(tflm_context *ctx, tflm_node *node)
{
    const fc_data *data = node->data;
    const tflm_variant *variant = TFLM_FULLY_CONNECTED_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_FULLY_CONNECTED, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_fc_shape shape = tflm_fully_connected_shape(t.filter, t.output);
    const tflm_per_channel_quant quant = tflm_fully_connected_quant(data, shape.units);
    tflm_fully_connected_s8(&data->u.q.params, &quant, &shape, t.input->data,
                            tflm_nn_filter_s8(ctx, t.filter, data->scratch_index),
                            tflm_nn_bias_data(t.bias), t.output->data);
    return TFLM_OK;
}

static tflm_status fc_invoke_int16(tflm_context *ctx, tflm_node *node)
{
    const fc_data *data = node->data;
    const tflm_variant *variant = TFLM_FULLY_CONNECTED_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_FULLY_CONNECTED, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_fc_shape shape = tflm_fully_connected_shape(t.filter, t.output);
    const tflm_per_channel_quant quant = tflm_fully_connected_quant(data, shape.units);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), data->u.q.bias_s32};
    tflm_fully_connected_s16(&data->u.q.params, &quant, &shape, t.input->data,
                             t.filter->data, &bias, t.output->data);
    return TFLM_OK;
}

static tflm_status fc_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_type type = tflm_input(ctx, node, 0)->type;
    if (type == TFLM_TYPE_INT8) {
        return fc_invoke_int8(ctx, node);
    }
    if (type == TFLM_TYPE_INT16) {
        return fc_invoke_int16(ctx, node);
    }
    const fc_data *data = node->data;
    const tflm_variant *variant = TFLM_FULLY_CONNECTED_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_FULLY_CONNECTED, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_fc_shape shape = tflm_fully_connected_shape(t.filter, t.output);
    if (data->u.f.hybrid) {
        tflm_fully_connected_hybrid(&data->u.f.activation, data->u.f.asymmetric,
                                    data->u.f.filter_scales, data->u.f.per_channel, &shape,
                                    t.input->data, t.filter->data, tflm_nn_bias_data(t.bias),
                                    t.output->data, tflm_scratch(ctx, data->scratch_index));
        return TFLM_OK;
    }
    tflm_fully_connected_f32(&data->u.f.activation, &shape, t.input->data, t.filter->data,
                             tflm_nn_bias_data(t.bias), t.output->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_fully_connected = {
    .builtin_code = TFLM_BUILTIN_FULLY_CONNECTED,
    .custom_name = NULL,
    .name = "FULLY_CONNECTED",
    .prepare = fc_prepare,
    .invoke = fc_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_fully_connected_int8 = {
    .builtin_code = TFLM_BUILTIN_FULLY_CONNECTED,
    .custom_name = NULL,
    .name = "FULLY_CONNECTED",
    .prepare = fc_prepare_int8,
    .invoke = fc_invoke_int8,
    .output_aliases_input = false,
};
