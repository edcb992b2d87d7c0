/*
 * DEPTHWISE_CONV_2D. Reference semantics: TFLM's depthwise_conv.cc /
 * depthwise_conv_common.cc and reference/depthwiseconv_float.h,
 * reference/integer_ops/depthwise_conv.h.
 */
#include "depthwise_conv.h"

#include "fixed_point.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Compute ---------------------------------------------------------------- */

void tflm_depthwise_conv_s8(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                            const tflm_dims *input_dims, const int8_t *input,
                            const tflm_dims *filter_dims, const int8_t *filter,
                            const tflm_dims *bias_dims, const int32_t *bias,
                            const tflm_dims *output_dims, int8_t *output)
{
    (void)bias_dims;
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t depth_multiplier = params->depth_multiplier;
    const int32_t input_offset = params->input_offset;
    const int32_t output_offset = params->output_offset;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    const size_t in_step_x = (size_t)dilation_w * in_c, in_step_y = (size_t)dilation_h * in_w * in_c;
    const size_t w_step_y = (size_t)k_w * out_c;

    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                int8_t *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                /* The first tap inside the input, of channel 0; then steps. */
                const int8_t *in_first =
                    in_batch + ((size_t)(win.in_y0 + win.ky_start * dilation_h) * in_w +
                                (size_t)(win.in_x0 + win.kx_start * dilation_w)) * in_c;
                const int8_t *w_first = filter + ((size_t)win.ky_start * k_w + win.kx_start) * out_c;
                const int32_t taps_y = win.ky_end - win.ky_start, taps_x = win.kx_end - win.kx_start;
                for (int32_t i = 0; i < in_c; ++i) {
                    for (int32_t m = 0; m < depth_multiplier; ++m) {
                        const int32_t o = i * depth_multiplier + m;
                        uint32_t sum = 0; /* wraps like TFLM's int32, without UB */
                        const int8_t *in_row = in_first + i, *w_row = w_first + o;
                        for (int32_t rows = taps_y; rows > 0; --rows) {
                            const int8_t *in_tap = in_row, *w_tap = w_row;
                            for (int32_t cols = taps_x; cols > 0; --cols) {
                                sum += (uint32_t)(*w_tap * (*in_tap + input_offset));
                                in_tap += in_step_x;
                                w_tap += out_c;
                            }
                            in_row += in_step_y;
                            w_row += w_step_y;
                        }
                        if (bias != NULL) {
                            sum += (uint32_t)bias[o];
                        }
                        const int32_t q = o & pair_mask;
                        out_px[o] = tflm_nn_requantize_s8(sum, multiplier[q], shift[q],
                                                          output_offset, act_min, act_max);
                    }
                }
            }
        }
    }
}

void tflm_depthwise_conv_s16(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                             const tflm_dims *input_dims, const int16_t *input,
                             const tflm_dims *filter_dims, const int8_t *filter,
                             const tflm_dims *bias_dims, const tflm_bias_16x8 *bias,
                             const tflm_dims *output_dims, int16_t *output)
{
    (void)bias_dims;
    const int32_t *const multiplier = quant->multiplier;
    const int8_t *const shift = quant->shift;
    const int32_t pair_mask = tflm_quant_mask(quant);
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t depth_multiplier = params->depth_multiplier;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;

    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int16_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                int16_t *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                for (int32_t i = 0; i < in_c; ++i) {
                    for (int32_t m = 0; m < depth_multiplier; ++m) {
                        const int32_t o = i * depth_multiplier + m;
                        uint64_t sum = 0; /* int64, wrapping without UB */
                        for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                            const int32_t in_y = win.in_y0 + ky * dilation_h;
                            const int16_t *in_row = in_batch + (size_t)in_y * in_w * in_c + i;
                            const int8_t *w_row = filter + (size_t)ky * k_w * out_c + o;
                            for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                                const int32_t in_x = win.in_x0 + kx * dilation_w;
                                sum += (uint64_t)(int64_t)(w_row[(size_t)kx * out_c] *
                                                           in_row[(size_t)in_x * in_c]);
                            }
                        }
                        const int32_t q = o & pair_mask;
                        int32_t v = tflm_nn_requantize_16x8(sum, bias, o, multiplier[q], shift[q]);
                        out_px[o] = (int16_t)tflm_clamp_s32(v, act_min, act_max);
                    }
                }
            }
        }
    }
}

void tflm_depthwise_conv_f32(const tflm_conv_params *params,
                             const tflm_dims *input_dims, const float *input,
                             const tflm_dims *filter_dims, const float *filter,
                             const tflm_dims *bias_dims, const float *bias,
                             const tflm_dims *output_dims, float *output)
{
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t depth_multiplier = params->depth_multiplier;
    const float act_min = params->activation_f32.min, act_max = params->activation_f32.max;

    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                float *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                for (int32_t i = 0; i < in_c; ++i) {
                    for (int32_t m = 0; m < depth_multiplier; ++m) {
                        const int32_t o = i * depth_multiplier + m;
                        float total = 0.0f;
                        for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                            const int32_t in_y = win.in_y0 + ky * dilation_h;
                            const float *in_row = in_batch + (size_t)in_y * in_w * in_c + i;
                            const float *w_row = filter + (size_t)ky * k_w * out_c + o;
                            for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                                const int32_t in_x = win.in_x0 + kx * dilation_w;
                                total += in_row[(size_t)in_x * in_c] * w_row[(size_t)kx * out_c];
                            }
                        }
                        float bias_value = bias != NULL ? bias[o] : 0.0f;
                        out_px[o] = tflm_clamp_f32(total + bias_value, act_min, act_max);
                    }
                }
            }
        }
    }
}

void tflm_depthwise_conv_hybrid(const tflm_conv_params *params, const float *channel_scales,
                                const float *scaling_factors, const int32_t *input_offsets,
                                const tflm_dims *input_dims, const int8_t *input,
                                const tflm_dims *filter_dims, const int8_t *filter,
                                const tflm_dims *bias_dims, const float *bias,
                                const tflm_dims *output_dims, float *output)
{
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t depth_multiplier = params->depth_multiplier;
    const float act_min = params->activation_f32.min, act_max = params->activation_f32.max;

    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        const int32_t input_offset = input_offsets[b];
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                float *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                for (int32_t i = 0; i < in_c; ++i) {
                    for (int32_t m = 0; m < depth_multiplier; ++m) {
                        const int32_t o = i * depth_multiplier + m;
                        uint32_t sum = 0; /* TF Lite's int32, wrapping without UB */
                        for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                            const int32_t in_y = win.in_y0 + ky * dilation_h;
                            const int8_t *in_row = in_batch + (size_t)in_y * in_w * in_c + i;
                            const int8_t *w_row = filter + (size_t)ky * k_w * out_c + o;
                            for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                                const int32_t in_x = win.in_x0 + kx * dilation_w;
                                sum += (uint32_t)(w_row[(size_t)kx * out_c] *
                                                  (in_row[(size_t)in_x * in_c] - input_offset));
                            }
                        }
                        float acc = (float)(int32_t)sum;
                        acc *= channel_scales[o] * scaling_factors[b];
                        if (bias != NULL) {
                            acc += bias[o];
                        }
                        out_px[o] = tflm_clamp_f32(acc, act_min, act_max);
                    }
                }
            }
        }
    }
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_depthwise_conv_data depthwise_data;

/* options->prepare_other: whether INT16 and FLOAT32 are accepted besides
 * INT8 (tflm_op_depthwise_conv_2d) or not (tflm_op_depthwise_conv_2d_int8,
 * which links no 16-bit or float code). */
TFLM_SPECIALIZED tflm_status depthwise_prepare_types(tflm_context *ctx, tflm_node *node,
                                                    const tflm_nn_conv_options *options)
{
    depthwise_data *data;
    tflm_nn_conv_node c;
    tflm_status status = tflm_nn_conv_begin(ctx, node, sizeof *data, (void **)&data, &c);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_dims in = c.in, k = c.k, out = c.out;
    if (k.n != 1 || k.c != out.c) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "filter must be [1, kh, kw, %d] for %d output channels", (int)out.c,
                         (int)out.c);
    }
    const int32_t depth_multiplier = tflm_depthwise_conv_2d_options_depth_multiplier(ctx, node);
    if (in.c < 1 || depth_multiplier < 1 || (int64_t)in.c * depth_multiplier != out.c) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output channels %d must be input channels %d x depth_multiplier %d",
                         (int)out.c, (int)in.c, (int)depth_multiplier);
    }
    if ((status = tflm_nn_conv_finish(ctx, node, options, &c, &data->conv)) != TFLM_OK) {
        return status;
    }
    tflm_conv_params *p = &data->conv.params;
    p->depth_multiplier = depth_multiplier;
    if (options->prepare_other != NULL && c.t.input->type == TFLM_TYPE_FLOAT32 &&
        c.t.filter->type == TFLM_TYPE_INT8 &&
        (status = tflm_nn_prepare_hybrid(ctx, &c.t, out.c, false, &data->hybrid)) != TFLM_OK) {
        return status;
    }
    /* The variants: int8 and float32; 16x8 (Cortex-M) through a hook of its
       own, which the int8 registration (prepare_other NULL) never links. */
    const bool s16x8 = options->prepare_other != NULL && c.t.input->type == TFLM_TYPE_INT16 &&
                       c.t.filter->type == TFLM_TYPE_INT8;
    if (s16x8 && (status = tflm_depthwise_conv_s16_variant(
                      ctx, node, data, TFLM_DEPTHWISE_CONV_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    if (tflm_nn_has_variant_types(&c.t) &&
        (status = tflm_depthwise_conv_variant(ctx, node, data, TFLM_DEPTHWISE_CONV_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status depthwise_prepare(tflm_context *ctx, tflm_node *node)
{
    static const tflm_nn_conv_options options = {
        .table = TFLM_OPTIONS_DEPTHWISE_CONV_2D,
        .activation_field = TFLM_DEPTHWISE_CONV_2D_OPTIONS_FUSED_ACTIVATION_FUNCTION,
        .dilation_field = TFLM_DEPTHWISE_CONV_2D_OPTIONS_DILATION_W_FACTOR,
        .prepare_other = tflm_nn_conv_prepare_other};
    return depthwise_prepare_types(ctx, node, &options);
}

static tflm_status depthwise_prepare_int8(tflm_context *ctx, tflm_node *node)
{
    static const tflm_nn_conv_options options = {
        .table = TFLM_OPTIONS_DEPTHWISE_CONV_2D,
        .activation_field = TFLM_DEPTHWISE_CONV_2D_OPTIONS_FUSED_ACTIVATION_FUNCTION,
        .dilation_field = TFLM_DEPTHWISE_CONV_2D_OPTIONS_DILATION_W_FACTOR,
        .prepare_other = NULL};
    return depthwise_prepare_types(ctx, node, &options);
}

static tflm_status depthwise_invoke_int8(tflm_context *ctx, tflm_node *node)
{
    const depthwise_data *data = node->data;
    const tflm_variant *variant = TFLM_DEPTHWISE_CONV_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_DEPTHWISE_CONV, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_nn_conv_state *s = &data->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    tflm_depthwise_conv_s8(&s->params, &s->quant, &d.input, t.input->data,
                           &d.filter, tflm_nn_filter_s8(ctx, t.filter, s->int4_scratch),
                           &d.bias,
                           tflm_nn_bias_data(t.bias), &d.output, t.output->data);
    return TFLM_OK;
}

static tflm_status depthwise_invoke_int16(tflm_context *ctx, tflm_node *node)
{
    const depthwise_data *data = node->data;
    const tflm_variant *variant = TFLM_DEPTHWISE_CONV_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_DEPTHWISE_CONV, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_nn_conv_state *s = &data->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), false};
    tflm_depthwise_conv_s16(&s->params, &s->quant, &d.input, t.input->data,
                            &d.filter, t.filter->data, &d.bias, &bias,
                            &d.output, t.output->data);
    return TFLM_OK;
}

static tflm_status depthwise_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_type type = tflm_input(ctx, node, 0)->type;
    if (type == TFLM_TYPE_INT8) {
        return depthwise_invoke_int8(ctx, node);
    }
    if (type == TFLM_TYPE_INT16) {
        return depthwise_invoke_int16(ctx, node);
    }
    const depthwise_data *data = node->data;
    const tflm_variant *variant = TFLM_DEPTHWISE_CONV_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_DEPTHWISE_CONV, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_nn_conv_state *s = &data->conv;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    tflm_nn_conv_dims d;
    tflm_nn_conv_dims_of(&t, &d);
    if (data->hybrid.scratch_bytes > 0) {
        tflm_nn_hybrid_inputs q;
        tflm_nn_hybrid_quantize_input(ctx, &data->hybrid, t.input, &q);
        tflm_depthwise_conv_hybrid(&s->params, data->hybrid.channel_scales, q.scaling_factors,
                                   q.input_offsets, &d.input, q.input, &d.filter,
                                   t.filter->data, &d.bias, tflm_nn_bias_data(t.bias),
                                   &d.output, t.output->data);
        return TFLM_OK;
    }
    tflm_depthwise_conv_f32(&s->params, &d.input, t.input->data, &d.filter,
                            t.filter->data, &d.bias, tflm_nn_bias_data(t.bias),
                            &d.output, t.output->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_depthwise_conv_2d = {
    .builtin_code = TFLM_BUILTIN_DEPTHWISE_CONV_2D,
    .custom_name = NULL,
    .name = "DEPTHWISE_CONV_2D",
    .prepare = depthwise_prepare,
    .invoke = depthwise_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_depthwise_conv_2d_int8 = {
    .builtin_code = TFLM_BUILTIN_DEPTHWISE_CONV_2D,
    .custom_name = NULL,
    .name = "DEPTHWISE_CONV_2D",
    .prepare = depthwise_prepare_int8,
    .invoke = depthwise_invoke_int8,
    .output_aliases_input = false,
};
