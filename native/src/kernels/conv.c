/*
 * CONV_2D. Reference semantics: TFLM's conv.cc / conv_common.cc and
 * reference/conv.h, reference/integer_ops/conv.h (grouped convolution
 * included).
 */
#include "conv.h"

#include "fixed_point.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Compute ---------------------------------------------------------------- */

void tflm_conv_s8(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
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
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, k_c = filter_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t groups = in_c / k_c;
    const int32_t filters_per_group = out_c / groups;
    const int32_t input_offset = params->input_offset;
    const int32_t output_offset = params->output_offset;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    const size_t filter_size = (size_t)k_h * k_w * k_c;

    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                int8_t *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                const int8_t *in_group = in_batch; /* group o / filters_per_group's channels */
                for (int32_t o = 0, group_end = filters_per_group; o < out_c; ++o) {
                    if (o == group_end) { /* no division per output channel */
                        in_group += k_c;
                        group_end += filters_per_group;
                    }
                    const int8_t *weights = filter + (size_t)o * filter_size;
                    uint32_t sum = 0; /* wraps like TFLM's int32, without UB */
                    for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                        const int32_t in_y = win.in_y0 + ky * dilation_h;
                        for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                            const int32_t in_x = win.in_x0 + kx * dilation_w;
                            const int8_t *in_px = in_group + ((size_t)in_y * in_w + in_x) * in_c;
                            const int8_t *w_px = weights + ((size_t)ky * k_w + kx) * k_c;
                            for (int32_t i = 0; i < k_c; ++i) {
                                sum += (uint32_t)(w_px[i] * (in_px[i] + input_offset));
                            }
                        }
                    }
                    if (bias != NULL) {
                        sum += (uint32_t)bias[o];
                    }
                    const int32_t q = o & pair_mask;
                    out_px[o] = tflm_nn_requantize_s8(sum, multiplier[q], shift[q], output_offset,
                                                      act_min, act_max);
                }
            }
        }
    }
}

void tflm_conv_s16(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
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
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, k_c = filter_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t groups = in_c / k_c;
    const int32_t filters_per_group = out_c / groups;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    const size_t filter_size = (size_t)k_h * k_w * k_c;

    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int16_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                int16_t *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                const int16_t *in_group = in_batch; /* group o / filters_per_group's channels */
                for (int32_t o = 0, group_end = filters_per_group; o < out_c; ++o) {
                    if (o == group_end) {
                        in_group += k_c;
                        group_end += filters_per_group;
                    }
                    const int8_t *weights = filter + (size_t)o * filter_size;
                    uint64_t sum = 0; /* int64 (or, truncated, int32) wrapping without UB */
                    for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                        const int32_t in_y = win.in_y0 + ky * dilation_h;
                        for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                            const int32_t in_x = win.in_x0 + kx * dilation_w;
                            const int16_t *in_px = in_group + ((size_t)in_y * in_w + in_x) * in_c;
                            const int8_t *w_px = weights + ((size_t)ky * k_w + kx) * k_c;
                            for (int32_t i = 0; i < k_c; ++i) {
                                sum += (uint64_t)(int64_t)(w_px[i] * in_px[i]);
                            }
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

void tflm_conv_f32(const tflm_conv_params *params,
                   const tflm_dims *input_dims, const float *input,
                   const tflm_dims *filter_dims, const float *filter,
                   const tflm_dims *bias_dims, const float *bias,
                   const tflm_dims *output_dims, float *output)
{
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, k_c = filter_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t groups = in_c / k_c;
    const int32_t filters_per_group = out_c / groups;
    const float act_min = params->activation_f32.min, act_max = params->activation_f32.max;
    const size_t filter_size = (size_t)k_h * k_w * k_c;

    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + (size_t)b * in_h * in_w * in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                float *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                for (int32_t o = 0; o < out_c; ++o) {
                    const int32_t group = o / filters_per_group;
                    const float *in_group = in_batch + (size_t)group * k_c;
                    const float *weights = filter + (size_t)o * filter_size;
                    float total = 0.0f;
                    for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                        const int32_t in_y = win.in_y0 + ky * dilation_h;
                        for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                            const int32_t in_x = win.in_x0 + kx * dilation_w;
                            const float *in_px = in_group + ((size_t)in_y * in_w + in_x) * in_c;
                            const float *w_px = weights + ((size_t)ky * k_w + kx) * k_c;
                            for (int32_t i = 0; i < k_c; ++i) {
                                total += in_px[i] * w_px[i];
                            }
                        }
                    }
                    float bias_value = bias != NULL ? bias[o] : 0.0f;
                    out_px[o] = tflm_clamp_f32(total + bias_value, act_min, act_max);
                }
            }
        }
    }
}

void tflm_conv_hybrid(const tflm_conv_params *params, const float *channel_scales,
                      const float *scaling_factors, const int32_t *input_offsets,
                      const tflm_dims *input_dims, const int8_t *input,
                      const tflm_dims *filter_dims, const int8_t *filter,
                      const tflm_dims *bias_dims, const float *bias,
                      const tflm_dims *output_dims, float *output)
{
    (void)bias_dims;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, k_c = filter_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t groups = in_c / k_c;
    const int32_t filters_per_group = out_c / groups;
    const float act_min = params->activation_f32.min, act_max = params->activation_f32.max;
    const size_t filter_size = (size_t)k_h * k_w * k_c;

    const int32_t dilation_h = params->dilation_h, dilation_w = params->dilation_w;
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const int8_t *in_batch = input + (size_t)b * in_h * in_w * in_c;
        const int32_t input_offset = input_offsets[b];
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const tflm_conv_window win =
                    tflm_conv_window_at(params, in_h, in_w, k_h, k_w, oy, ox);
                float *out_px = output + (((size_t)b * out_h + oy) * out_w + ox) * out_c;
                for (int32_t o = 0; o < out_c; ++o) {
                    const int32_t group = o / filters_per_group;
                    const int8_t *in_group = in_batch + (size_t)group * k_c;
                    const int8_t *weights = filter + (size_t)o * filter_size;
                    uint32_t sum = 0; /* TF Lite's int32, wrapping without UB */
                    for (int32_t ky = win.ky_start; ky < win.ky_end; ++ky) {
                        const int32_t in_y = win.in_y0 + ky * dilation_h;
                        for (int32_t kx = win.kx_start; kx < win.kx_end; ++kx) {
                            const int32_t in_x = win.in_x0 + kx * dilation_w;
                            const int8_t *in_px = in_group + ((size_t)in_y * in_w + in_x) * in_c;
                            const int8_t *w_px = weights + ((size_t)ky * k_w + kx) * k_c;
                            for (int32_t i = 0; i < k_c; ++i) {
                                sum += (uint32_t)(w_px[i] * (in_px[i] - input_offset));
                            }
                        }
                    }
                    float acc = channel_scales != NULL
                                    ? (float)(int32_t)sum * channel_scales[o] * scaling_factors[b]
                                    : (float)(int32_t)sum * scaling_factors[b];
                    if (bias != NULL) {
                        acc += bias[o];
                    }
                    out_px[o] = tflm_clamp_f32(acc, act_min, act_max);
                }
            }
        }
    }
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_conv_data conv_data;

static const tflm_nn_conv_options conv_options = {
    .table = TFLM_OPTIONS_CONV_2D,
    .activation_field = TFLM_CONV_2D_OPTIONS_FUSED_ACTIVATION_FUNCTION,
    .dilation_field = TFLM_CONV_2D_OPTIONS_DILATION_W_FACTOR,
    .prepare_other = tflm_nn_conv_prepare_other,
    .bias_s32_allowed = true,
    .bias_type_field = TFLM_CONV_2D_OPTIONS_QUANTIZED_BIAS_TYPE};

static tflm_status conv_prepare(tflm_context *ctx, tflm_node *node)
{
    conv_data *data;
    tflm_nn_conv_node c;
    tflm_status status = tflm_nn_conv_begin(ctx, node, sizeof *data, (void **)&data, &c);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_dims in = c.in, k = c.k, out = c.out;
    if (k.n != out.c) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "filter has %d output channels, output %d channels", (int)k.n,
                         (int)out.c);
    }
    if (k.c < 1 || in.c < k.c || in.c % k.c != 0 || out.c < 1 || out.c % (in.c / k.c) != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input channels %d are not a whole number of groups of the filter's %d "
                         "that divides the %d output channels",
                         (int)in.c, (int)k.c, (int)out.c);
    }
    if ((status = tflm_nn_conv_finish(ctx, node, &conv_options, &c, &data->conv)) != TFLM_OK) {
        return status;
    }
    tflm_conv_params *p = &data->conv.params;
    p->depth_multiplier = 1;
    if (c.t.input->type == TFLM_TYPE_FLOAT32 && c.t.filter->type == TFLM_TYPE_INT8 &&
        (status = tflm_nn_prepare_hybrid(ctx, &c.t, out.c, in.c == k.c, &data->hybrid)) != TFLM_OK) {
        /* Grouped: TF Lite runs those per channel only. */
        return status;
    }
    /* The variants: int8, float32 and, on Cortex-M, 16x8. */
    const bool s16x8 = c.t.input->type == TFLM_TYPE_INT16 && c.t.filter->type == TFLM_TYPE_INT8;
    if ((tflm_nn_has_variant_types(&c.t) || s16x8) &&
        (status = tflm_conv_variant(ctx, node, data, TFLM_CONV_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status conv_invoke(tflm_context *ctx, tflm_node *node)
{
    const conv_data *data = node->data;
    const tflm_variant *variant = TFLM_CONV_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_CONV, variant)) {
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
        tflm_conv_hybrid(&s->params, data->hybrid.channel_scales, q.scaling_factors,
                         q.input_offsets, &d.input, q.input, &d.filter,
                         t.filter->data, &d.bias, tflm_nn_bias_data(t.bias),
                         &d.output, t.output->data);
    } else if (t.input->type == TFLM_TYPE_INT16) {
        const tflm_bias_16x8 bias = {tflm_nn_bias_data(t.bias), s->bias_s32};
        tflm_conv_s16(&s->params, &s->quant, &d.input, t.input->data, &d.filter,
                      t.filter->data, &d.bias, &bias, &d.output, t.output->data);
    } else if (t.input->type == TFLM_TYPE_INT8) {
        tflm_conv_s8(&s->params, &s->quant, &d.input, t.input->data, &d.filter,
                     tflm_nn_filter_s8(ctx, t.filter, s->int4_scratch), &d.bias,
                     tflm_nn_bias_data(t.bias), &d.output,
                     t.output->data);
    } else {
        tflm_conv_f32(&s->params, &d.input, t.input->data, &d.filter, t.filter->data,
                      &d.bias, tflm_nn_bias_data(t.bias), &d.output, t.output->data);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_conv_2d = {
    .builtin_code = TFLM_BUILTIN_CONV_2D,
    .custom_name = NULL,
    .name = "CONV_2D",
    .prepare = conv_prepare,
    .invoke = conv_invoke,
    .output_aliases_input = false,
};
