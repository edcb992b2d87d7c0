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
                             const tflm_dims *input_dims, const int8_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_dims *bias_dims, const int32_t *bias,
                             const tflm_dims *output_dims, int8_t *output)
{
    (void)input_dims;
    (void)bias_dims;
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    const int32_t batches = output_dims->n;
    const int32_t output_depth = output_dims->c;
    const int32_t accum_depth = filter_dims->c;
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
                              const tflm_dims *input_dims, const int16_t *input,
                              const tflm_dims *filter_dims, const int8_t *filter,
                              const tflm_dims *bias_dims, const tflm_bias_16x8 *bias,
                              const tflm_dims *output_dims, int16_t *output)
{
    (void)input_dims;
    (void)bias_dims;
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    const int32_t batches = output_dims->n;
    const int32_t output_depth = output_dims->c;
    const int32_t accum_depth = filter_dims->c;
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

void tflm_fully_connected_f32(const tflm_activation_f32 *activation,
                              const tflm_dims *input_dims, const float *input,
                              const tflm_dims *filter_dims, const float *filter,
                              const tflm_dims *bias_dims, const float *bias,
                              const tflm_dims *output_dims, float *output)
{
    (void)input_dims;
    (void)bias_dims;
    const int32_t batches = output_dims->n;
    const int32_t output_depth = output_dims->c;
    const int32_t accum_depth = filter_dims->c;

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
size_t tflm_fully_connected_hybrid_scratch_bytes(const tflm_dims *input_dims,
                                                 const tflm_dims *filter_dims)
{
    return (size_t)input_dims->n * (sizeof(float) + sizeof(int32_t)) +
           (size_t)filter_dims->n * sizeof(int32_t) + (size_t)input_dims->n * input_dims->c;
}

void tflm_fully_connected_hybrid(const tflm_activation_f32 *activation, bool asymmetric,
                                 const float *filter_scales, bool per_channel, const tflm_dims *input_dims,
                                 const float *input, const tflm_dims *filter_dims,
                                 const int8_t *filter, const tflm_dims *bias_dims,
                                 const float *bias, const tflm_dims *output_dims, float *output,
                                 void *scratch)
{
    (void)bias_dims;
    const int32_t batches = input_dims->n, depth = input_dims->c, units = filter_dims->n;
    (void)output_dims;
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

/* Shapes: filter [units, depth]; the input holds batches x depth elements
 * in any shape; the output's last dimension is units and it holds
 * batches x units elements. */
static tflm_status fc_check_shapes(tflm_context *ctx, const tflm_node *node,
                                   const tflm_tensor *input, const tflm_tensor *filter,
                                   const tflm_tensor *bias, const tflm_tensor *output,
                                   fc_data *data)
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
    if (out_rank < 1 || output->dims->data[out_rank - 1] != units) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output's last dimension must be %d (units)",
                         (int)units);
    }
    /* In 64 bits: batches and units each fit an int32, their product may not. */
    if (tflm_element_count(output) != (int64_t)batches * units) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output has %d elements; expected %d batches x %d units",
                         (int)tflm_element_count(output), (int)batches, (int)units);
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
    if ((status = tflm_nn_check_bias_count(ctx, bias, units)) != TFLM_OK) {
        return status;
    }
    data->input_dims = (tflm_dims){batches, 1, 1, depth};
    data->filter_dims = (tflm_dims){units, 1, 1, depth};
    data->bias_dims = (tflm_dims){1, 1, 1, units};
    data->output_dims = (tflm_dims){batches, 1, 1, units};
    return TFLM_OK;
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
                 &data->bias_s32)) != TFLM_OK) {
            return status;
        }
    } else if ((status = tflm_nn_check_s8_types(ctx, t)) != TFLM_OK ||
               (status = tflm_nn_prepare_int4_filter(ctx, t->filter, &data->int4_scratch)) !=
                   TFLM_OK) {
        return status; /* an INT4 filter is unpacked to int8 at invoke */
    }
    const int32_t units = data->filter_dims.n;
    tflm_nn_quant q;
    if ((status = tflm_nn_prepare_quant(ctx, t, units, type_min, type_max, true, &q)) !=
            TFLM_OK ||
        (s16 && (status = tflm_nn_check_shifts_16x8(ctx, data->bias_s32,
                                                    q.quant.per_tensor ? 1 : units,
                                                    q.quant.shift)) != TFLM_OK)) {
        return status;
    }
    data->quant = q.quant;
    data->params.input_offset = -q.input_zp;
    data->params.filter_offset = q.filter_offset;
    data->params.output_offset = q.output_zp;
    tflm_activation_range_quantized(activation, q.output_scale, q.output_zp, type_min, type_max,
                                    &data->params.activation.min, &data->params.activation.max);
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
    tflm_quantization fq;
    if ((status = tflm_nn_filter_quantization(ctx, t->filter, data->filter_dims.n, &fq)) !=
        TFLM_OK) {
        return status;
    }
    const size_t bytes =
        tflm_fully_connected_hybrid_scratch_bytes(&data->input_dims, &data->filter_dims);
    if ((uint64_t)data->input_dims.n * data->input_dims.c + 8u * (uint64_t)data->input_dims.n +
            4u * (uint64_t)data->filter_dims.n >
        SIZE_MAX) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input too large for the hybrid scratch");
    }
    data->hybrid = true;
    data->asymmetric = tflm_fully_connected_options_asymmetric_quantize_inputs(ctx, node);
    data->filter_scales = fq.scales; /* checked: one, or one per unit along dimension 0 */
    data->per_channel = fq.scale_count > 1;
    return tflm_request_scratch(ctx, bytes, &data->scratch_index);
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

    fc_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    if ((status = fc_check_shapes(ctx, node, input, filter, bias, output, data)) != TFLM_OK) {
        return status;
    }

    if (input->type == TFLM_TYPE_INT8 || (with_float && input->type == TFLM_TYPE_INT16)) {
        status = fc_prepare_quantized(ctx, node, &t, activation, with_float, data);
    } else if (with_float && input->type == TFLM_TYPE_FLOAT32 &&
               filter->type == TFLM_TYPE_INT8) {
        status = fc_prepare_hybrid(ctx, node, &t, data);
        data->activation = tflm_nn_activation_f32(activation);
    } else if (with_float && input->type == TFLM_TYPE_FLOAT32) {
        status = tflm_nn_check_operand_types(ctx, &t, TFLM_TYPE_FLOAT32, TFLM_TYPE_FLOAT32);
        data->activation = tflm_nn_activation_f32(activation);
    } else {
        return tflm_nn_unsupported_input(ctx, input,
                                         with_float ? "INT8, INT16 or FLOAT32" : "INT8");
    }
    if (status != TFLM_OK ||
        (tflm_nn_has_variant_types(&t) &&
         (status = tflm_fully_connected_variant(ctx, node, data, &data->variant)) != TFLM_OK)) {
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
    if (tflm_variant_chosen(TFLM_VARIANT_FULLY_CONNECTED, &data->variant)) {
        return data->variant.invoke(ctx, node, data->variant.plan);
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_fully_connected_s8(&data->params, &data->quant, &data->input_dims, t.input->data,
                            &data->filter_dims,
                            tflm_nn_filter_s8(ctx, t.filter, data->int4_scratch), &data->bias_dims,
                            tflm_nn_bias_data(t.bias), &data->output_dims, t.output->data);
    return TFLM_OK;
}

static tflm_status fc_invoke_int16(tflm_context *ctx, tflm_node *node)
{
    const fc_data *data = node->data;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), data->bias_s32};
    tflm_fully_connected_s16(&data->params, &data->quant, &data->input_dims, t.input->data,
                             &data->filter_dims, t.filter->data, &data->bias_dims, &bias,
                             &data->output_dims, t.output->data);
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
    if (tflm_variant_chosen(TFLM_VARIANT_FULLY_CONNECTED, &data->variant)) {
        return data->variant.invoke(ctx, node, data->variant.plan);
    }
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    if (data->hybrid) {
        tflm_fully_connected_hybrid(&data->activation, data->asymmetric, data->filter_scales, data->per_channel,
                                    &data->input_dims, t.input->data, &data->filter_dims,
                                    t.filter->data, &data->bias_dims, tflm_nn_bias_data(t.bias),
                                    &data->output_dims, t.output->data,
                                    tflm_scratch(ctx, data->scratch_index));
        return TFLM_OK;
    }
    tflm_fully_connected_f32(&data->activation, &data->input_dims, t.input->data,
                             &data->filter_dims, t.filter->data, &data->bias_dims,
                             tflm_nn_bias_data(t.bias), &data->output_dims, t.output->data);
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
