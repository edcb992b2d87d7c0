/*
 * ADD_N. Reference semantics: TFLM's add_n.cc and reference/add_n.h: the
 * sum of two or more inputs of one shape. float32: ((0 + in0) + in1) + ...
 * in input order. int8 (every input with the first one's scale and zero
 * point): each input shifted left 20 bits and halved (a Q31 multiplier
 * of 1/2), summed, then rescaled by 2 x input scale / (2^20 x output
 * scale). Like TFLM, the sum starts from the rescaled quantized 0 (the
 * reference's "x = input offset"), one extra term of -zero_point.
 */
#include "binary_common.h"
#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "nn_types.h"
#include "quant_util.h"
#include "tflm/ops.h"

#define ADD_N_LEFT_SHIFT 20
/* Elements summed at a time, in a stack buffer, input after input. */
#define ADD_N_CHUNK 64

typedef struct add_n_data {
    int32_t count; /* elements of each input */
    int32_t input_offset, output_offset;
    int32_t input_multiplier, input_shift;
    int32_t output_multiplier, output_shift;
} add_n_data;

static tflm_status add_n_prepare(tflm_context *ctx, tflm_node *node)
{
    const int n = (int)node->inputs->size;
    if (n < 2 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 2 or more inputs and 1 output, got %d and %d",
                         n, (int)node->outputs->size);
    }
    const tflm_tensor *first = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (first == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (first->type != TFLM_TYPE_FLOAT32 && first->type != TFLM_TYPE_INT8) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected FLOAT32 or INT8",
                         tflm_type_name_of(first->type));
    }
    if (output->type != first->type || !tflm_same_shape(first, output)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "the output needs the inputs' type and shape");
    }
    float scale, output_scale;
    int32_t zero_point, output_zero_point;
    const bool quantized = tflm_per_tensor_quantization(ctx, first, &scale, &zero_point);
    for (int i = 1; i < n; ++i) {
        const tflm_tensor *input = tflm_input(ctx, node, i);
        if (input == NULL) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d missing", i);
        }
        float s;
        int32_t z;
        const bool q = tflm_per_tensor_quantization(ctx, input, &s, &z);
        if (input->type != first->type || !tflm_same_shape(first, input) ||
            (first->type == TFLM_TYPE_INT8 &&
             (q != quantized || s != scale || z != zero_point))) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input %d differs from input 0 in type, shape or quantization", i);
        }
    }
    add_n_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = tflm_element_count(output);
    if (first->type == TFLM_TYPE_INT8) {
        const bool output_quantized =
            tflm_per_tensor_quantization(ctx, output, &output_scale, &output_zero_point);
        /* (2 s) / (2^20 so) in double as TFLM; QuantizeMultiplierSmallerThanOneExp */
        int shift = 1;
        if (quantized && output_quantized && scale > 0.0f && scale <= 3.402823466e+38f &&
            output_scale > 0.0f && output_scale <= 3.402823466e+38f && zero_point >= INT8_MIN &&
            zero_point <= INT8_MAX && output_zero_point >= INT8_MIN && output_zero_point <= INT8_MAX) {
            const tflm_f64 real =
                tflm_f64_div(tflm_f64_ldexp(tflm_f64_from_float(scale), 1),
                             tflm_f64_ldexp(tflm_f64_from_float(output_scale), ADD_N_LEFT_SHIFT));
            if (tflm_f64_compare(real, tflm_f64_from_double(1.0)) < 0) {
                tflm_f64_quantize_multiplier(real, &data->output_multiplier, &shift);
            }
        }
        if (shift > 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "quantized ADD_N needs positive scales, int8 zero points and an output "
                             "scale above input scale / 2^19");
        }
        data->output_shift = shift;
        data->input_multiplier = INT32_C(1) << 30; /* 1/2 */
        data->input_shift = 0;
        data->input_offset = -zero_point;
        data->output_offset = output_zero_point;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status add_n_invoke(tflm_context *ctx, tflm_node *node)
{
    const add_n_data *data = node->data;
    const int n = (int)node->inputs->size;
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type == TFLM_TYPE_FLOAT32) {
        float *out = output->data;
        for (int32_t i = 0; i < data->count; ++i) {
            out[i] = 0.0f;
        }
        for (int j = 0; j < n; ++j) {
            const float *in = tflm_input(ctx, node, j)->data;
            for (int32_t i = 0; i < data->count; ++i) {
                out[i] += in[i];
            }
        }
        return TFLM_OK;
    }
    int8_t *out = output->data;
    const int32_t start = tflm_multiply_by_quantized_multiplier(
        data->input_offset * ((int32_t)1 << ADD_N_LEFT_SHIFT), data->input_multiplier, data->input_shift);
    for (int32_t base = 0; base < data->count; base += ADD_N_CHUNK) {
        const int32_t m = data->count - base < ADD_N_CHUNK ? data->count - base : ADD_N_CHUNK;
        uint32_t sum[ADD_N_CHUNK]; /* wraps where TFLM's int32 sum would overflow */
        for (int32_t i = 0; i < m; ++i) {
            sum[i] = (uint32_t)start;
        }
        for (int j = 0; j < n; ++j) {
            const int8_t *in = (const int8_t *)tflm_input(ctx, node, j)->data + base;
            for (int32_t i = 0; i < m; ++i) {
                sum[i] += (uint32_t)tflm_multiply_by_quantized_multiplier(
                    (data->input_offset + in[i]) * ((int32_t)1 << ADD_N_LEFT_SHIFT), data->input_multiplier,
                    data->input_shift);
            }
        }
        for (int32_t i = 0; i < m; ++i) {
            const int32_t raw = tflm_multiply_by_quantized_multiplier((int32_t)sum[i], data->output_multiplier,
                                                                      data->output_shift) +
                                data->output_offset;
            out[base + i] = (int8_t)tflm_clamp_s32(raw, INT8_MIN, INT8_MAX);
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_add_n = {
    .builtin_code = TFLM_BUILTIN_ADD_N,
    .custom_name = NULL,
    .name = "ADD_N",
    .prepare = add_n_prepare,
    .invoke = add_n_invoke,
    .output_aliases_input = false,
};
