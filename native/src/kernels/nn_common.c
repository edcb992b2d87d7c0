#include "nn_common.h"

#include "float_bits.h"
#include "hybrid.h"
#include "kernel_util.h"
#include "shape_args.h"
#include "tflm/builtin_options.h"

tflm_status tflm_nn_check_io(tflm_context *ctx, const tflm_node *node, int min_inputs,
                             int max_inputs)
{
    return tflm_check_tensor_counts(ctx, node, min_inputs, max_inputs, 1, 1);
}

tflm_status tflm_nn_get_operands(tflm_context *ctx, const tflm_node *node, tflm_nn_operands *t)
{
    /* Inputs 0 and 1 (input and filter) are checked present. */
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 3);
    if (status == TFLM_OK) {
        tflm_nn_fetch_operands(ctx, node, t);
    }
    return status;
}

void tflm_nn_fetch_operands(tflm_context *ctx, const tflm_node *node, tflm_nn_operands *t)
{
    t->input = tflm_input(ctx, node, 0);
    t->filter = tflm_input(ctx, node, 1);
    t->bias = tflm_input(ctx, node, 2);
    t->output = tflm_output(ctx, node, 0);
}

tflm_status tflm_nn_check_operand_types(tflm_context *ctx, const tflm_nn_operands *t,
                                        tflm_type type, tflm_type bias_type)
{
    tflm_status status;
    if ((status = tflm_nn_check_type(ctx, t->filter, "filter", type)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, t->output, "output", type)) != TFLM_OK ||
        (t->bias != NULL &&
         (status = tflm_nn_check_type(ctx, t->bias, "bias", bias_type)) != TFLM_OK)) {
        return status;
    }
    return TFLM_OK;
}

tflm_status tflm_nn_unsupported_input(tflm_context *ctx, const tflm_tensor *input,
                                      const char *expected)
{
    return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected %s",
                     tflm_type_name_of(input->type), expected);
}

tflm_status tflm_nn_required_input(tflm_context *ctx, const tflm_node *node, int i,
                                   const char *what, tflm_tensor **tensor)
{
    *tensor = tflm_input(ctx, node, i);
    if (*tensor == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s tensor (input %d) is missing", what, i);
    }
    return TFLM_OK;
}

tflm_status tflm_nn_check_type(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               tflm_type expected)
{
    if (tensor->type != expected) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s type %s not supported; expected %s",
                         what, tflm_type_name_of(tensor->type), tflm_type_name_of(expected));
    }
    return TFLM_OK;
}

tflm_status tflm_nn_check_bias_count(tflm_context *ctx, const tflm_tensor *bias,
                                     int32_t channels)
{
    if (bias != NULL && tflm_element_count(bias) != channels) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "bias has %d elements; expected %d (one per output channel)",
                         (int)tflm_element_count(bias), (int)channels);
    }
    return TFLM_OK;
}

tflm_status tflm_nn_check_rank(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               int rank)
{
    if (tensor->dims->size != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s must have %d dimensions, has %d", what, rank,
                         (int)tensor->dims->size);
    }
    return TFLM_OK;
}

/* A scale a kernel can divide by: finite and > 0 (NaN fails too). On the
 * bits, so no soft-float compare: positive floats from the smallest
 * subnormal (1) to FLT_MAX (0x7f7fffff). */
static int usable_scale(float scale)
{
    return tflm_float_bits(scale) - 1u < 0x7f7fffffu;
}

static const char no_scale[] = "%s has no quantization scale";

/* The first zero point (0 when there is none), within [zp_min, zp_max]. */
static tflm_status check_zero_point(tflm_context *ctx, const char *what,
                                    const tflm_quantization *q, int32_t zp_min, int32_t zp_max,
                                    int32_t *zero_point)
{
    int64_t zp = (q->zero_point_count > 0 && q->zero_points != NULL) ? q->zero_points[0] : 0;
    if (zp < zp_min || zp > zp_max) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s zero point %d outside [%d, %d]", what,
                         (int)(zp < -2147483647 ? -2147483647 : zp > 2147483647 ? 2147483647 : zp),
                         (int)zp_min, (int)zp_max);
    }
    *zero_point = (int32_t)zp;
    return TFLM_OK;
}

tflm_status tflm_nn_quant_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                 int32_t zp_min, int32_t zp_max, float *scale, int32_t *zero_point)
{
    tflm_quantization q;
    tflm_tensor_quantization(ctx, tensor, &q);
    if (q.scale_count == 0 || q.scales == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, no_scale, what);
    }
    if (!usable_scale(q.scales[0])) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s scale must be positive and finite", what);
    }
    *scale = q.scales[0];
    return check_zero_point(ctx, what, &q, zp_min, zp_max, zero_point);
}

tflm_status tflm_nn_int8_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                float *scale, int32_t *zero_point)
{
    return tflm_nn_quant_params(ctx, tensor, what, INT8_MIN, INT8_MAX, scale, zero_point);
}

tflm_status tflm_nn_int_params(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                               float *scale, int32_t *zero_point)
{
    const bool is16 = tensor->type == TFLM_TYPE_INT16;
    return tflm_nn_quant_params(ctx, tensor, what, is16 ? INT16_MIN : INT8_MIN,
                                is16 ? INT16_MAX : INT8_MAX, scale, zero_point);
}

tflm_status tflm_nn_rows_prepare(tflm_context *ctx, const tflm_node *node, int max_rank,
                                 tflm_nn_rows *r)
{
    tflm_status status = tflm_nn_check_io(ctx, node, 1, 1);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &r->input)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = r->input;
    r->output = tflm_output(ctx, node, 0);
    const int32_t rank = input->dims->size;
    if (rank < 1 || rank > max_rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input has %d dimensions; expected 1 to %d",
                         (int)rank, max_rank);
    }
    bool same = r->output->dims->size == rank;
    for (int32_t d = 0; same && d < rank; ++d) {
        same = r->output->dims->data[d] == input->dims->data[d];
    }
    if (!same) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output shape differs from input shape");
    }
    if (input->type != TFLM_TYPE_FLOAT32 && input->type != TFLM_TYPE_INT8) {
        return tflm_nn_unsupported_input(ctx, input, "INT8 or FLOAT32");
    }
    if ((status = tflm_nn_check_type(ctx, r->output, "output", (tflm_type)input->type)) !=
        TFLM_OK) {
        return status;
    }
    r->depth = input->dims->data[rank - 1];
    r->rows = r->depth > 0 ? tflm_element_count(input) / r->depth : 0;
    return TFLM_OK;
}

tflm_status tflm_nn_check_activation(tflm_context *ctx, int activation)
{
    if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
        activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
        if (activation == TFLM_ACTIVATION_TANH || activation == TFLM_ACTIVATION_SIGN_BIT) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "fused activation %s not supported; expected NONE, RELU, "
                             "RELU_N1_TO_1 or RELU6",
                             activation == TFLM_ACTIVATION_TANH ? "TANH" : "SIGN_BIT");
        }
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "unknown fused activation %d", activation);
    }
    return TFLM_OK;
}

tflm_activation tflm_nn_activation_s8(int activation, float output_scale,
                                      int32_t output_zero_point)
{
    tflm_activation range;
    tflm_activation_range_quantized(activation, output_scale, output_zero_point, -128, 127,
                                    &range.min, &range.max);
    return range;
}

tflm_activation_f32 tflm_nn_activation_f32(int activation)
{
    tflm_activation_f32 range;
    tflm_activation_range_float(activation, &range.min, &range.max);
    return range;
}

tflm_status tflm_nn_alloc_quant(tflm_context *ctx, int32_t pairs, int32_t **multiplier,
                                int8_t **shift)
{
    int32_t *memory = tflm_alloc_persistent_for(ctx, (size_t)pairs * (sizeof(int32_t) + sizeof(int8_t)),
                                               TFLM_MEMORY_QUANTIZATION);
    if (memory == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    *multiplier = memory;
    *shift = (int8_t *)(memory + pairs);
    return TFLM_OK;
}

tflm_status tflm_nn_filter_quantization(tflm_context *ctx, const tflm_tensor *filter,
                                        int32_t channels, tflm_quantization *q)
{
    tflm_tensor_quantization(ctx, filter, q);
    if (q->scale_count == 0 || q->scales == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, no_scale, "filter");
    }
    if (q->scale_count != 1 && q->scale_count != (uint32_t)channels) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "filter has %u scales; expected 1 or one per output channel (%d)",
                         (unsigned)q->scale_count, (int)channels);
    }
    if (q->scale_count > 1) {
        int32_t qd = q->quantized_dimension;
        if (qd < 0 || qd >= filter->dims->size || filter->dims->data[qd] != channels) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "filter quantized_dimension %d does not index its %d output "
                             "channels",
                             (int)qd, (int)channels);
        }
    }
    for (uint32_t i = 0; i < q->scale_count; ++i) {
        if (!usable_scale(q->scales[i])) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "filter scale %u must be positive and finite", (unsigned)i);
        }
    }
    return TFLM_OK;
}

tflm_status tflm_nn_window_padding(tflm_context *ctx, const tflm_nn_window *w, int32_t in_h,
                                   int32_t in_w, int32_t out_h, int32_t out_w, int32_t *pad_h,
                                   int32_t *pad_w)
{
    if (w->padding != TFLM_PADDING_SAME && w->padding != TFLM_PADDING_VALID) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "padding %d unknown; expected SAME (0) or VALID (1)",
                         (int)w->padding);
    }
    /* 1 to 65535 keeps (filter - 1) * dilation and (out - 1) * stride far
     * from overflow. */
    static const char *const names[3] = {"strides", "dilation factors", "filter size"};
    _Static_assert(offsetof(tflm_nn_window, filter_h) - offsetof(tflm_nn_window, stride_w) ==
                       5 * sizeof(int32_t),
                   "tflm_nn_window: stride, dilation and filter (w, h) pairs not consecutive");
    /* (w, h) pairs, as names has them; taken from the whole struct. */
    const int32_t *sizes =
        (const int32_t *)(const void *)((const char *)w + offsetof(tflm_nn_window, stride_w));
    for (int i = 0; i < 6; ++i) {
        if (sizes[i] < 1 || sizes[i] > 65535) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s (%d, %d) must be 1 to 65535",
                             names[i / 2], (int)sizes[i & ~1], (int)sizes[i | 1]);
        }
    }
    if (in_h < 1 || in_w < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input is empty (%dx%d)", (int)in_h, (int)in_w);
    }
    int32_t expect_h = tflm_conv_output_size(w->padding, in_h, w->filter_h, w->stride_h,
                                             w->dilation_h);
    int32_t expect_w = tflm_conv_output_size(w->padding, in_w, w->filter_w, w->stride_w,
                                             w->dilation_w);
    if (expect_h < 1 || expect_w < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "%dx%d window (dilated) does not fit the %dx%d input with VALID padding",
                         (int)w->filter_h, (int)w->filter_w, (int)in_h, (int)in_w);
    }
    if (out_h != expect_h || out_w != expect_w) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output is %dx%d; the window gives %dx%d",
                         (int)out_h, (int)out_w, (int)expect_h, (int)expect_w);
    }
    int32_t offset;
    *pad_h = tflm_conv_padding(w->stride_h, w->dilation_h, in_h, w->filter_h, out_h, &offset);
    *pad_w = tflm_conv_padding(w->stride_w, w->dilation_w, in_w, w->filter_w, out_w, &offset);
    return TFLM_OK;
}

tflm_status tflm_nn_check_s8_types(tflm_context *ctx, const tflm_nn_operands *t)
{
    /* An INT4 filter passes: its values are unpacked to int8 at invoke. */
    tflm_status status;
    if ((t->filter->type != TFLM_TYPE_INT4 &&
         (status = tflm_nn_check_type(ctx, t->filter, "filter", TFLM_TYPE_INT8)) != TFLM_OK) ||
        (status = tflm_nn_check_type(ctx, t->output, "output", TFLM_TYPE_INT8)) != TFLM_OK ||
        (t->bias != NULL &&
         (status = tflm_nn_check_type(ctx, t->bias, "bias", TFLM_TYPE_INT32)) != TFLM_OK)) {
        return status;
    }
    return TFLM_OK;
}

static const char too_large[] = "input scale x filter scale / output scale is 2^31 or more";

/* FULLY_CONNECTED's one multiplier of a per-tensor filter
 * (GetQuantizedConvolutionMultipler, bias check included) and its offset. */
static tflm_status fc_per_tensor_multiplier(tflm_context *ctx, const tflm_nn_operands *t,
                                            float input_scale, const tflm_quantization *fq,
                                            float output_scale, int32_t *multiplier,
                                            int8_t *shift, int32_t *filter_offset)
{
    if (t->bias != NULL) {
        tflm_quantization bq;
        tflm_tensor_quantization(ctx, t->bias, &bq);
        float bias_scale = bq.scale_count > 0 && bq.scales != NULL ? bq.scales[0] : 0.0f;
        if (!tflm_bias_scale_matches(input_scale, fq->scales[0], bias_scale, output_scale)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "bias scale differs from input scale x filter scale by more "
                             "than 2%% of the output scale");
        }
    }
    int32_t filter_zp = 0; /* set by check_zero_point; GCC cannot tell */
    tflm_status status = check_zero_point(ctx, "filter", fq, INT8_MIN, INT8_MAX, &filter_zp);
    if (status != TFLM_OK) {
        return status;
    }
    *filter_offset = -filter_zp;
    int s;
    if (!tflm_quantize_multiplier(
            tflm_fc_effective_scale(input_scale, fq->scales[0], output_scale), multiplier, &s)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, too_large);
    }
    *shift = (int8_t)s; /* at most 31: checked above */
    return TFLM_OK;
}

tflm_status tflm_nn_prepare_quant(tflm_context *ctx, const tflm_nn_operands *t,
                                  int32_t channels, int32_t zp_min, int32_t zp_max,
                                  int32_t *fc_pairs, tflm_nn_quant *q)
{
    const bool fc = fc_pairs != NULL;
    tflm_status status;
    float input_scale = 0.0f; /* set by tflm_nn_quant_params; GCC cannot tell */
    tflm_quantization fq;
    int32_t *multiplier;
    int8_t *shift;
    if ((status = tflm_nn_quant_params(ctx, t->input, "input", zp_min, zp_max, &input_scale,
                                       &q->input_zp)) != TFLM_OK ||
        (status = tflm_nn_quant_params(ctx, t->output, "output", zp_min, zp_max,
                                       &q->output_scale, &q->output_zp)) != TFLM_OK ||
        (status = tflm_nn_filter_quantization(ctx, t->filter, channels, &fq)) != TFLM_OK) {
        return status;
    }
    if (fc && fq.scale_count > 1 && t->filter->type == TFLM_TYPE_INT4) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "INT4 filter with %u scales not supported; expected 1 (per-tensor)",
                         (unsigned)fq.scale_count);
    }
    const int32_t pairs = tflm_nn_quant_pairs(fq.scale_count, channels);
    if (fc) {
        multiplier = fc_pairs;
        shift = (int8_t *)(fc_pairs + pairs);
    } else if ((status = tflm_nn_alloc_quant(ctx, pairs, &multiplier, &shift)) != TFLM_OK) {
        return status;
    }
    q->filter_offset = 0;
    if (fc && fq.scale_count == 1) {
        status = fc_per_tensor_multiplier(ctx, t, input_scale, &fq, q->output_scale, multiplier,
                                          shift, &q->filter_offset);
        if (status != TFLM_OK) {
            return status;
        }
    } else if (!tflm_conv_per_channel_multipliers(input_scale, fq.scales, fq.scale_count,
                                                  q->output_scale, pairs, multiplier, shift)) {
        /* Per-channel FULLY_CONNECTED, as TFLM's FullyConnectedPerChannel,
         * ignores the filter zero point (symmetric by specification). */
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, too_large);
    }
    q->quant.multiplier = multiplier;
    q->quant.shift = shift;
    q->quant.per_tensor = pairs != channels;
    return TFLM_OK;
}

tflm_status tflm_nn_check_shifts_16x8(tflm_context *ctx, bool bias_s32, int32_t channels,
                                      const int8_t *shift)
{
    for (int32_t i = 0; !bias_s32 && i < channels; ++i) {
        if (shift[i] > TFLM_MAX_MULTIPLIER_SHIFT_S64) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "channel %d: input scale x filter scale / output scale is 128 or "
                             "more; the 16x8 kernels with an int64 bias support less",
                             (int)i);
        }
    }
    return TFLM_OK;
}

tflm_status tflm_nn_bias_16x8(tflm_context *ctx, const tflm_tensor *bias, bool s32_allowed,
                              int quantized_bias_type, bool *s32)
{
    if (bias == NULL) {
        *s32 = s32_allowed && quantized_bias_type == TFLM_TYPE_INT32;
        return TFLM_OK;
    }
    if (bias->type == TFLM_TYPE_INT64 || (s32_allowed && bias->type == TFLM_TYPE_INT32)) {
        *s32 = bias->type == TFLM_TYPE_INT32;
        return TFLM_OK;
    }
    return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                     s32_allowed ? "bias type %s not supported with INT16 input; expected INT64 "
                                   "or INT32"
                                 : "bias type %s not supported with INT16 input; expected INT64",
                     tflm_type_name_of(bias->type));
}

tflm_status tflm_nn_prepare_conv_s16(tflm_context *ctx, const tflm_nn_operands *t,
                                     int32_t channels, int activation, bool bias_s32_allowed,
                                     int quantized_bias_type, tflm_conv_params *p,
                                     tflm_per_channel_quant *quant, bool *bias_s32)
{
    tflm_status status;
    if ((status = tflm_nn_check_type(ctx, t->filter, "filter", TFLM_TYPE_INT8)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, t->output, "output", TFLM_TYPE_INT16)) != TFLM_OK ||
        (status = tflm_nn_bias_16x8(ctx, t->bias, bias_s32_allowed, quantized_bias_type,
                                    bias_s32)) != TFLM_OK) {
        return status;
    }
    tflm_nn_quant q;
    if ((status = tflm_nn_prepare_quant(ctx, t, channels, INT16_MIN, INT16_MAX, NULL, &q)) !=
            TFLM_OK ||
        (status = tflm_nn_check_shifts_16x8(ctx, *bias_s32, q.quant.per_tensor ? 1 : channels,
                                            q.quant.shift)) != TFLM_OK) {
        return status;
    }
    *quant = q.quant;
    /* TFLM's 16x8 convolutions ignore the zero points (symmetric int16). */
    p->input_offset = 0;
    p->output_offset = 0;
    tflm_activation_range_quantized(activation, q.output_scale, q.output_zp, -32768, 32767,
                                    &p->activation.min, &p->activation.max);
    return TFLM_OK;
}

static tflm_dims dims_of(const tflm_tensor *t)
{
    return (tflm_dims){t->dims->data[0], t->dims->data[1], t->dims->data[2], t->dims->data[3]};
}

void tflm_nn_conv_dims_of(const tflm_nn_operands *t, tflm_nn_conv_dims *dims)
{
    dims->input = dims_of(t->input);
    dims->filter = dims_of(t->filter);
    dims->output = dims_of(t->output);
    dims->bias = (tflm_dims){1, 1, 1, dims->output.c};
}

tflm_status tflm_nn_conv_begin(tflm_context *ctx, const tflm_node *node, size_t data_size,
                               void **data, tflm_nn_conv_node *c)
{
    tflm_status status = tflm_nn_get_operands(ctx, node, &c->t);
    if (status != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, c->t.input, "input", 4)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, c->t.filter, "filter", 4)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, c->t.output, "output", 4)) != TFLM_OK) {
        return status;
    }
    *data = tflm_alloc_persistent(ctx, data_size);
    if (*data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    c->in = dims_of(c->t.input);
    c->k = dims_of(c->t.filter);
    c->out = dims_of(c->t.output);
    if (c->in.n != c->out.n) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input has %d batches, output %d",
                         (int)c->in.n, (int)c->out.n);
    }
    return TFLM_OK;
}

/* What tflm_nn_conv_options leaves out, as both tables have it (the casts:
 * each table's field numbers are an enum of its own). */
_Static_assert((int)TFLM_CONV_2D_OPTIONS_PADDING == (int)TFLM_DEPTHWISE_CONV_2D_OPTIONS_PADDING &&
                   (int)TFLM_CONV_2D_OPTIONS_STRIDE_W ==
                       (int)TFLM_DEPTHWISE_CONV_2D_OPTIONS_STRIDE_W &&
                   (int)TFLM_CONV_2D_OPTIONS_STRIDE_H ==
                       (int)TFLM_DEPTHWISE_CONV_2D_OPTIONS_STRIDE_H,
               "CONV_2D and DEPTHWISE_CONV_2D options differ in padding or strides");
_Static_assert(TFLM_CONV_2D_OPTIONS_DILATION_H_FACTOR ==
                       TFLM_CONV_2D_OPTIONS_DILATION_W_FACTOR + 1 &&
                   TFLM_DEPTHWISE_CONV_2D_OPTIONS_DILATION_H_FACTOR ==
                       TFLM_DEPTHWISE_CONV_2D_OPTIONS_DILATION_W_FACTOR + 1,
               "dilation_h_factor does not follow dilation_w_factor");

tflm_status tflm_nn_conv_finish(tflm_context *ctx, const tflm_node *node,
                                const tflm_nn_conv_options *options, const tflm_nn_conv_node *c,
                                tflm_nn_conv_state *s)
{
    const tflm_nn_operands *t = &c->t;
    const int32_t channels = c->out.c;
    tflm_status status = tflm_nn_check_bias_count(ctx, t->bias, channels);
    if (status != TFLM_OK) {
        return status;
    }
    const int activation = tflm_option_int8(ctx, node, options->table, options->activation_field,
                                            TFLM_ACTIVATION_NONE);
    if ((status = tflm_nn_check_activation(ctx, activation)) != TFLM_OK) {
        return status;
    }
    const tflm_nn_window window = {
        .padding = tflm_option_int8(ctx, node, options->table, TFLM_CONV_2D_OPTIONS_PADDING,
                                    TFLM_PADDING_SAME),
        .stride_w = tflm_option_int32(ctx, node, options->table, TFLM_CONV_2D_OPTIONS_STRIDE_W, 0),
        .stride_h = tflm_option_int32(ctx, node, options->table, TFLM_CONV_2D_OPTIONS_STRIDE_H, 0),
        .dilation_w = tflm_option_int32(ctx, node, options->table, options->dilation_field, 1),
        .dilation_h = tflm_option_int32(ctx, node, options->table, options->dilation_field + 1, 1),
        .filter_w = c->k.w,
        .filter_h = c->k.h,
    };
    tflm_conv_params *p = &s->params;
    if ((status = tflm_nn_window_padding(ctx, &window, c->in.h, c->in.w, c->out.h, c->out.w,
                                         &p->pad_h, &p->pad_w)) != TFLM_OK) {
        return status;
    }
    p->stride_w = window.stride_w;
    p->stride_h = window.stride_h;
    p->dilation_w = window.dilation_w;
    p->dilation_h = window.dilation_h;
    if (t->input->type == TFLM_TYPE_INT8) {
        tflm_nn_quant q;
        if ((status = tflm_nn_check_s8_types(ctx, t)) != TFLM_OK ||
            (status = tflm_nn_prepare_quant(ctx, t, channels, INT8_MIN, INT8_MAX, NULL, &q)) !=
                TFLM_OK) {
            return status;
        }
        s->quant = q.quant;
        p->input_offset = -q.input_zp;
        p->output_offset = q.output_zp;
        p->activation = tflm_nn_activation_s8(activation, q.output_scale, q.output_zp);
        return tflm_nn_prepare_int4_filter(ctx, t->filter, &s->int4_scratch);
    }
    if (options->prepare_other != NULL) {
        return options->prepare_other(ctx, node, options, t, channels, activation, s);
    }
    return tflm_nn_unsupported_input(ctx, t->input, "INT8");
}

tflm_status tflm_nn_conv_prepare_other(tflm_context *ctx, const tflm_node *node,
                                       const tflm_nn_conv_options *options,
                                       const tflm_nn_operands *t, int32_t channels,
                                       int activation, tflm_nn_conv_state *s)
{
    tflm_conv_params *p = &s->params;
    tflm_status status;
    if (t->input->type == TFLM_TYPE_INT16) {
        int bias_type = options->bias_s32_allowed
                            ? tflm_option_int8(ctx, node, options->table,
                                               options->bias_type_field, TFLM_TYPE_FLOAT32)
                            : TFLM_TYPE_INT64;
        return tflm_nn_prepare_conv_s16(ctx, t, channels, activation, options->bias_s32_allowed,
                                        bias_type, p, &s->quant, &s->bias_s32);
    }
    if (t->input->type == TFLM_TYPE_FLOAT32 && t->filter->type == TFLM_TYPE_INT8) {
        /* Hybrid: float32 but for the filter (tflm_nn_prepare_hybrid). */
        if ((status = tflm_nn_check_type(ctx, t->output, "output", TFLM_TYPE_FLOAT32)) !=
                TFLM_OK ||
            (t->bias != NULL &&
             (status = tflm_nn_check_type(ctx, t->bias, "bias", TFLM_TYPE_FLOAT32)) != TFLM_OK)) {
            return status;
        }
        p->activation_f32 = tflm_nn_activation_f32(activation);
        return TFLM_OK;
    }
    if (t->input->type == TFLM_TYPE_FLOAT32) {
        status = tflm_nn_check_operand_types(ctx, t, TFLM_TYPE_FLOAT32, TFLM_TYPE_FLOAT32);
        p->activation_f32 = tflm_nn_activation_f32(activation);
        return status;
    }
    return tflm_nn_unsupported_input(ctx, t->input, "INT8, INT16 or FLOAT32");
}

tflm_status tflm_nn_prepare_hybrid(tflm_context *ctx, const tflm_nn_operands *t,
                                   int32_t channels, bool per_tensor_allowed, tflm_nn_hybrid *h)
{
    tflm_quantization fq;
    tflm_status status = tflm_nn_filter_quantization(ctx, t->filter, channels, &fq);
    if (status != TFLM_OK) {
        return status;
    }
    bool equal_scales = true;
    for (uint32_t i = 1; i < fq.scale_count; ++i) {
        equal_scales = equal_scales && fq.scales[i] == fq.scales[0];
    }
    const bool per_tensor = per_tensor_allowed && equal_scales;
    if (!per_tensor && fq.scale_count != (uint32_t)channels) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "hybrid (float input, int8 filter) with one filter scale for %d "
                         "channels not supported; expected one scale per channel",
                         (int)channels);
    }
    const int32_t count = tflm_element_count(t->input);
    h->batches = t->input->dims->data[0];
    if (h->batches < 1 || count < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "hybrid input is empty");
    }
    h->batch_size = count / h->batches;
    const uint64_t bytes =
        (uint64_t)h->batches * (sizeof(float) + sizeof(int32_t)) + (uint64_t)count;
    if (bytes > SIZE_MAX) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input too large for the hybrid scratch");
    }
    h->channel_scales = per_tensor ? NULL : fq.scales;
    h->filter_scale = fq.scales[0];
    h->scratch_bytes = (size_t)bytes;
    return tflm_request_scratch(ctx, h->scratch_bytes, &h->scratch_index);
}

void tflm_nn_hybrid_quantize_input(tflm_context *ctx, const tflm_nn_hybrid *h,
                                   const tflm_tensor *input, tflm_nn_hybrid_inputs *q)
{
    float *scales = tflm_scratch(ctx, h->scratch_index);
    int32_t *offsets = (int32_t *)(scales + h->batches);
    int8_t *quantized = (int8_t *)(offsets + h->batches);
    const float *x = input->data;
    for (int32_t b = 0; b < h->batches; ++b) {
        const size_t at = (size_t)b * h->batch_size;
        if (h->channel_scales != NULL) {
            tflm_hybrid_quantize_asymmetric(x + at, h->batch_size, quantized + at, &scales[b],
                                            &offsets[b]);
        } else {
            tflm_hybrid_quantize_symmetric(x + at, h->batch_size, quantized + at, &scales[b]);
            scales[b] *= h->filter_scale;
            offsets[b] = 0;
        }
    }
    q->scaling_factors = scales;
    q->input_offsets = offsets;
    q->input = quantized;
}

tflm_status tflm_nn_prepare_int4_filter(tflm_context *ctx, const tflm_tensor *filter,
                                        int32_t *index)
{
    *index = -1;
    if (filter->type != TFLM_TYPE_INT4) {
        return TFLM_OK;
    }
    if (!filter->is_constant) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "an INT4 filter must be constant");
    }
    return tflm_request_scratch(ctx, (size_t)tflm_element_count(filter), index);
}

const int8_t *tflm_nn_filter_s8(tflm_context *ctx, const tflm_tensor *filter, int32_t index)
{
    if (index < 0) {
        return filter->data;
    }
    int8_t *unpacked = tflm_scratch(ctx, index);
    tflm_nn_unpack_int4(filter->data, tflm_element_count(filter), unpacked);
    return unpacked;
}
