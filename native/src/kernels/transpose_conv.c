/*
 * TRANSPOSE_CONV (NHWC): each input pixel scatters input x filter into the
 * output window it maps to. Reference semantics: TFLM's transpose_conv.cc,
 * reference/transpose_conv.h and reference/integer_ops/transpose_conv.h.
 *
 *   inputs: 0 output_shape (INT32 [4]), 1 filter [out_c, kh, kw, in_c],
 *           2 input [n, h, w, in_c], 3 bias [out_c] (optional)
 *   types:  float32; int8 with int8 filter and int32 bias; 16x8 (int16 with
 *           int8 filter) with an int64 bias or an int16 one (widened)
 * The quantized kernels sum into a scratch buffer of the output's size
 * (int32 or int64 per element), as TFLM's do.
 */
#include <stdint.h>
#include <string.h>

#include "fixed_point.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

enum { OUTPUT_SHAPE = 0, FILTER = 1, INPUT = 2, BIAS = 3 };

typedef struct transpose_conv_data {
    tflm_conv_params params; /* strides, padding, offsets, clamps */
    tflm_per_channel_quant quant;
    tflm_dims input_dims, filter_dims, output_dims;
    int32_t scratch_index;
} transpose_conv_data;

/* ---- Compute ---------------------------------------------------------------- */

/* Runs BODY, with in_i, k_i and out_i the input, filter and output
 * indices, for every tap in TFLM's order: batch, input y, x, channel,
 * filter y, x, output channel; taps falling outside the output are
 * skipped (the same taps, in the same order, as TFLM's bounds test). */
#define TRANSPOSE_CONV_TAPS(p, in, k, out, BODY)                                                  \
    for (int32_t b = 0; b < (in)->n; ++b) {                                                       \
        for (int32_t iy = 0; iy < (in)->h; ++iy) {                                                \
            const int32_t oy0 = iy * (p)->stride_h - (p)->pad_h;                                  \
            int32_t ky_start, ky_end;                                                             \
            tflm_filter_taps(oy0, 1, (k)->h, (out)->h, &ky_start, &ky_end);                       \
            for (int32_t ix = 0; ix < (in)->w; ++ix) {                                            \
                const int32_t ox0 = ix * (p)->stride_w - (p)->pad_w;                              \
                int32_t kx_start, kx_end;                                                         \
                tflm_filter_taps(ox0, 1, (k)->w, (out)->w, &kx_start, &kx_end);                   \
                for (int32_t ic = 0; ic < (in)->c; ++ic) {                                        \
                    const size_t in_i = (((size_t)b * (in)->h + iy) * (in)->w + ix) * (in)->c + ic; \
                    for (int32_t ky = ky_start; ky < ky_end; ++ky) {                              \
                        for (int32_t kx = kx_start; kx < kx_end; ++kx) {                          \
                            const size_t out_px =                                                 \
                                (((size_t)b * (out)->h + oy0 + ky) * (out)->w + ox0 + kx) *      \
                                (out)->c;                                                         \
                            for (int32_t oc = 0; oc < (out)->c; ++oc) {                           \
                                const size_t k_i =                                                \
                                    (((size_t)oc * (k)->h + ky) * (k)->w + kx) * (k)->c + ic;     \
                                const size_t out_i = out_px + oc;                                 \
                                BODY                                                              \
                            }                                                                     \
                        }                                                                         \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
    }

static void transpose_conv_f32(const tflm_conv_params *p, const tflm_dims *in, const float *input,
                               const tflm_dims *k, const float *filter, const float *bias,
                               const tflm_dims *out, float *output)
{
    const size_t count = (size_t)out->n * out->h * out->w * out->c;
    for (size_t i = 0; i < count; ++i) {
        output[i] = 0.0f;
    }
    TRANSPOSE_CONV_TAPS(p, in, k, out, { output[out_i] += input[in_i] * filter[k_i]; })
    for (size_t i = 0; i < count; ++i) {
        float acc = output[i];
        if (bias != NULL) {
            acc += bias[i % (size_t)out->c];
        }
        output[i] = tflm_clamp_f32(acc, p->activation_f32.min, p->activation_f32.max);
    }
}

static void transpose_conv_s8(const tflm_conv_params *p, const tflm_per_channel_quant *quant,
                              const tflm_dims *in, const int8_t *input, const tflm_dims *k,
                              const int8_t *filter, const int32_t *bias, const tflm_dims *out,
                              uint32_t *scratch, int8_t *output)
{
    const size_t count = (size_t)out->n * out->h * out->w * out->c;
    memset(scratch, 0, count * sizeof *scratch);
    const int32_t input_offset = p->input_offset;
    /* uint32: TFLM's int32 sums, wrapping without UB. */
    TRANSPOSE_CONV_TAPS(p, in, k, out, {
        scratch[out_i] += (uint32_t)((input[in_i] + input_offset) * filter[k_i]);
    })
    for (size_t i = 0; i < count; ++i) {
        const int32_t oc = (int32_t)(i % (size_t)out->c);
        uint32_t acc = scratch[i] + (bias != NULL ? (uint32_t)bias[oc] : 0u);
        const int32_t q = tflm_quant_channel(quant, oc);
        output[i] = tflm_nn_requantize_s8(acc, quant->multiplier[q], quant->shift[q],
                                          p->output_offset, p->activation.min, p->activation.max);
    }
}

/* bias64 or bias16 (widened, as TFLM does into a buffer) or neither. */
static void transpose_conv_s16(const tflm_conv_params *p, const tflm_per_channel_quant *quant,
                               const tflm_dims *in, const int16_t *input, const tflm_dims *k,
                               const int8_t *filter, const int64_t *bias64, const int16_t *bias16,
                               const tflm_dims *out, uint64_t *scratch, int16_t *output)
{
    const size_t count = (size_t)out->n * out->h * out->w * out->c;
    memset(scratch, 0, count * sizeof *scratch);
    TRANSPOSE_CONV_TAPS(p, in, k, out, {
        scratch[out_i] += (uint64_t)(int64_t)(input[in_i] * filter[k_i]);
    })
    for (size_t i = 0; i < count; ++i) {
        const int32_t oc = (int32_t)(i % (size_t)out->c);
        uint64_t acc = scratch[i];
        acc += bias64 != NULL   ? (uint64_t)bias64[oc]
               : bias16 != NULL ? (uint64_t)(int64_t)bias16[oc]
                                : 0u;
        const int32_t q = tflm_quant_channel(quant, oc);
        int32_t v = tflm_multiply_by_quantized_multiplier_s64((int64_t)acc,
                                                              quant->multiplier[q], quant->shift[q]);
        output[i] = (int16_t)tflm_clamp_s32(v, p->activation.min, p->activation.max);
    }
}

/* ---- Node glue -------------------------------------------------------------- */

static tflm_dims dims4(const tflm_tensor *t)
{
    return (tflm_dims){t->dims->data[0], t->dims->data[1], t->dims->data[2], t->dims->data[3]};
}

static tflm_status check_shapes(tflm_context *ctx, const tflm_node *node, transpose_conv_data *d)
{
    const tflm_tensor *shape = tflm_input(ctx, node, OUTPUT_SHAPE);
    const tflm_tensor *filter = tflm_input(ctx, node, FILTER);
    const tflm_tensor *input = tflm_input(ctx, node, INPUT);
    const tflm_tensor *bias = node->inputs->size > BIAS ? tflm_input(ctx, node, BIAS) : NULL;
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    tflm_status status;
    if ((status = tflm_nn_check_type(ctx, shape, "output_shape", TFLM_TYPE_INT32)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, shape, "output_shape", 1)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, filter, "filter", 4)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, input, "input", 4)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, output, "output", 4)) != TFLM_OK) {
        return status;
    }
    if (shape->dims->data[0] != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output_shape has %d elements; expected 4",
                         (int)shape->dims->data[0]);
    }
    if (shape->is_constant) {
        const int32_t *s = shape->data;
        for (int i = 0; i < 4; ++i) {
            if (s[i] != output->dims->data[i]) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "output_shape [%d, %d, %d, %d] differs from the output's shape",
                                 (int)s[0], (int)s[1], (int)s[2], (int)s[3]);
            }
        }
    }
    d->input_dims = dims4(input);
    d->filter_dims = dims4(filter);
    d->output_dims = dims4(output);
    const tflm_dims in = d->input_dims, k = d->filter_dims, out = d->output_dims;
    if (in.n != out.n || in.c != k.c || k.n != out.c) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "shapes disagree: input [%d, _, _, %d], filter [%d, _, _, %d], output "
                         "[%d, _, _, %d]",
                         (int)in.n, (int)in.c, (int)k.n, (int)k.c, (int)out.n, (int)out.c);
    }
    if (bias != NULL && tflm_element_count(bias) != out.c) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "bias has %d elements; expected %d",
                         (int)tflm_element_count(bias), (int)out.c);
    }
    const int padding = tflm_transpose_conv_options_padding(ctx, node);
    const int32_t stride_w = tflm_transpose_conv_options_stride_w(ctx, node);
    const int32_t stride_h = tflm_transpose_conv_options_stride_h(ctx, node);
    if (padding != TFLM_PADDING_SAME && padding != TFLM_PADDING_VALID) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "padding %d unknown; expected SAME (0) or VALID (1)", padding);
    }
    if (stride_w < 1 || stride_h < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "strides (%d, %d) must be at least 1",
                         (int)stride_w, (int)stride_h);
    }
    if (k.h < 1 || k.w < 1 || out.h < 1 || out.w < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "empty %dx%d filter or %dx%d output", (int)k.h,
                         (int)k.w, (int)out.h, (int)out.w);
    }
    /* Keeps every output position the loops compute, and the padding's
     * output size (output + stride), inside int32. */
    if ((int64_t)in.h * stride_h + k.h > INT32_MAX / 2 ||
        (int64_t)in.w * stride_w + k.w > INT32_MAX / 2 || k.h > INT32_MAX / 4 ||
        k.w > INT32_MAX / 4 || out.h > INT32_MAX / 4 || out.w > INT32_MAX / 4 ||
        stride_h > INT32_MAX / 4 || stride_w > INT32_MAX / 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input size x stride, or the stride, too large");
    }
    /* TFLM's padding: ComputePaddingHeightWidth over the output's size. */
    tflm_conv_params *p = &d->params;
    int32_t offset;
    p->stride_w = stride_w;
    p->stride_h = stride_h;
    p->dilation_w = p->dilation_h = 1;
    p->pad_h = tflm_conv_padding(stride_h, 1, out.h, k.h,
                                 tflm_conv_output_size(padding, out.h, k.h, stride_h, 1), &offset);
    p->pad_w = tflm_conv_padding(stride_w, 1, out.w, k.w,
                                 tflm_conv_output_size(padding, out.w, k.w, stride_w, 1), &offset);
    return TFLM_OK;
}

static tflm_status prepare_quantized(tflm_context *ctx, const tflm_nn_operands *t,
                                     int activation, transpose_conv_data *d)
{
    const bool s16 = t->input->type == TFLM_TYPE_INT16;
    const int32_t type_min = s16 ? -32768 : -128, type_max = s16 ? 32767 : 127;
    tflm_status status;
    if ((status = tflm_nn_check_type(ctx, t->filter, "filter", TFLM_TYPE_INT8)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, t->output, "output", t->input->type)) != TFLM_OK) {
        return status;
    }
    if (t->bias != NULL) {
        if (s16 && t->bias->type != TFLM_TYPE_INT64 && t->bias->type != TFLM_TYPE_INT16) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "bias type %s not supported with INT16 input; expected INT64 or "
                             "INT16",
                             tflm_type_name_of(t->bias->type));
        }
        if (!s16 && (status = tflm_nn_check_type(ctx, t->bias, "bias", TFLM_TYPE_INT32)) !=
                        TFLM_OK) {
            return status;
        }
    }
    const int32_t channels = d->output_dims.c;
    float input_scale, output_scale;
    int32_t input_zp, output_zp;
    tflm_quantization fq;
    int32_t *multiplier;
    int8_t *shift;
    if ((status = tflm_nn_quant_params(ctx, t->input, "input", type_min, type_max, &input_scale,
                                       &input_zp)) != TFLM_OK ||
        (status = tflm_nn_quant_params(ctx, t->output, "output", type_min, type_max,
                                       &output_scale, &output_zp)) != TFLM_OK ||
        (status = tflm_nn_filter_quantization(ctx, t->filter, channels, &fq)) != TFLM_OK) {
        return status;
    }
    const int32_t pairs = tflm_nn_quant_pairs(fq.scale_count, channels);
    if ((status = tflm_nn_alloc_quant(ctx, pairs, &multiplier, &shift)) != TFLM_OK) {
        return status;
    }
    if (fq.zero_point_count != fq.scale_count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "filter has %u scales but %u zero points",
                         (unsigned)fq.scale_count, (unsigned)fq.zero_point_count);
    }
    if (!tflm_conv_per_channel_multipliers(input_scale, fq.scales, fq.scale_count, output_scale,
                                           pairs, multiplier, shift)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input scale x filter scale / output scale is 2^31 or more");
    }
    if (s16 && (status = tflm_nn_check_shifts_16x8(ctx, false, pairs, shift)) != TFLM_OK) {
        return status;
    }
    d->quant.multiplier = multiplier;
    d->quant.shift = shift;
    d->quant.per_tensor = pairs != channels;
    d->params.input_offset = s16 ? 0 : -input_zp; /* 16x8 ignores the zero points */
    d->params.output_offset = s16 ? 0 : output_zp;
    tflm_activation_range_quantized(activation, output_scale, output_zp, type_min, type_max,
                                    &d->params.activation.min, &d->params.activation.max);
    const size_t count = (size_t)tflm_element_count(t->output);
    const size_t size = s16 ? sizeof(uint64_t) : sizeof(uint32_t);
    if (count > SIZE_MAX / size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output too large for the sums' buffer");
    }
    return tflm_request_scratch(ctx, count * size, &d->scratch_index);
}

static tflm_status transpose_conv_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_nn_check_io(ctx, node, 3, 4);
    tflm_nn_operands t;
    tflm_tensor *shape;
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, OUTPUT_SHAPE, "output_shape", &shape)) !=
            TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, FILTER, "filter", &t.filter)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, INPUT, "input", &t.input)) != TFLM_OK) {
        return status;
    }
    t.bias = node->inputs->size > BIAS ? tflm_input(ctx, node, BIAS) : NULL;
    t.output = tflm_output(ctx, node, 0);
    transpose_conv_data *d = tflm_alloc_persistent(ctx, sizeof *d);
    if (d == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    if ((status = check_shapes(ctx, node, d)) != TFLM_OK) {
        return status;
    }
    const int activation = tflm_transpose_conv_options_fused_activation_function(ctx, node);
    if ((status = tflm_nn_check_activation(ctx, activation)) != TFLM_OK) {
        return status;
    }
    if (t.input->type == TFLM_TYPE_FLOAT32) {
        status = tflm_nn_check_operand_types(ctx, &t, TFLM_TYPE_FLOAT32, TFLM_TYPE_FLOAT32);
        d->params.activation_f32 = tflm_nn_activation_f32(activation);
    } else if (t.input->type == TFLM_TYPE_INT8 || t.input->type == TFLM_TYPE_INT16) {
        status = prepare_quantized(ctx, &t, activation, d);
    } else {
        return tflm_nn_unsupported_input(ctx, t.input, "INT8, INT16 or FLOAT32");
    }
    if (status != TFLM_OK) {
        return status;
    }
    node->data = d;
    return TFLM_OK;
}

static tflm_status transpose_conv_invoke(tflm_context *ctx, tflm_node *node)
{
    const transpose_conv_data *d = node->data;
    const tflm_tensor *filter = tflm_input(ctx, node, FILTER);
    const tflm_tensor *input = tflm_input(ctx, node, INPUT);
    const tflm_tensor *bias = node->inputs->size > BIAS ? tflm_input(ctx, node, BIAS) : NULL;
    tflm_tensor *output = tflm_output(ctx, node, 0);
    const void *bias_data = tflm_nn_bias_data(bias);
    if (input->type == TFLM_TYPE_FLOAT32) {
        transpose_conv_f32(&d->params, &d->input_dims, input->data, &d->filter_dims,
                           filter->data, bias_data, &d->output_dims, output->data);
    } else if (input->type == TFLM_TYPE_INT8) {
        transpose_conv_s8(&d->params, &d->quant, &d->input_dims, input->data, &d->filter_dims,
                          filter->data, bias_data, &d->output_dims,
                          tflm_scratch(ctx, d->scratch_index), output->data);
    } else {
        const bool wide = bias != NULL && bias->type == TFLM_TYPE_INT64;
        transpose_conv_s16(&d->params, &d->quant, &d->input_dims, input->data, &d->filter_dims,
                           filter->data, wide ? bias_data : NULL, wide ? NULL : bias_data,
                           &d->output_dims, tflm_scratch(ctx, d->scratch_index), output->data);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_transpose_conv = {
    .builtin_code = TFLM_BUILTIN_TRANSPOSE_CONV,
    .custom_name = NULL,
    .name = "TRANSPOSE_CONV",
    .prepare = transpose_conv_prepare,
    .invoke = transpose_conv_invoke,
    .output_aliases_input = false,
};
