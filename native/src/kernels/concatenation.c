/*
 * CONCATENATION and PACK: the inputs, one after the other along an axis of
 * the output. PACK is the concatenation of same-shaped inputs along a new
 * axis of size 1 each. Both are byte copies, one strided copy per input.
 *
 * TFLM's checks, and shapes beyond them: every input of the output's type
 * and rank (PACK: one less), equal to it on every other axis, the axis
 * sizes adding up to the output's; no fused activation. Quantized
 * CONCATENATION copies without requantizing, so (as TFLM) INT8 inputs
 * must have the output's scale and zero point, INT16 ones zero point 0.
 * Types: TFLM's (CONCATENATION FLOAT32, INT8, INT16, INT32, INT64, BOOL;
 * PACK FLOAT32, INT8, INT16, INT32, INT64).
 */
#include <limits.h>

#include "quant_util.h"
#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct concat_data {
    int32_t axis;  /* of the output */
    int32_t outer; /* elements before the axis, times ... */
    int32_t inner; /* ... elements after it */
    bool stacked;  /* PACK: every input adds 1 to the axis */
} concat_data;

static tflm_status store(tflm_context *ctx, tflm_node *node, const tflm_tensor *output,
                         int32_t axis, bool stacked)
{
    concat_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->axis = axis;
    data->stacked = stacked;
    data->outer = 1;
    data->inner = 1;
    for (int32_t i = 0; i < output->dims->size; ++i) {
        if (i < axis) {
            data->outer *= output->dims->data[i];
        } else if (i > axis) {
            data->inner *= output->dims->data[i];
        }
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status check_quantization(tflm_context *ctx, const tflm_tensor *input,
                                      const tflm_tensor *output, int index)
{
    float in_scale, out_scale;
    int32_t in_zero, out_zero;
    tflm_per_tensor_quantization(ctx, input, &in_scale, &in_zero);
    tflm_per_tensor_quantization(ctx, output, &out_scale, &out_zero);
    if (input->type == TFLM_TYPE_INT8 && (in_scale != out_scale || in_zero != out_zero)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "input %d has another scale or zero point than the output; INT8 "
                         "concatenation needs the same (as TFLM)",
                         index);
    }
    if (input->type == TFLM_TYPE_INT16 && (in_zero != 0 || out_zero != 0)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "INT16 concatenation needs zero points 0 (as TFLM); input %d has %d, "
                         "the output %d",
                         index, (int)in_zero, (int)out_zero);
    }
    return TFLM_OK;
}

static tflm_status concatenation_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, INT_MAX, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const int inputs = (int)node->inputs->size;
    for (int i = 1; i < inputs; ++i) { /* the first is checked above */
        if (tflm_input(ctx, node, i) == NULL) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d is missing", i);
        }
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(INT64) | TFLM_TYPES(BOOL);
    status = tflm_check_type(ctx, "output", output->type, types,
                             "FLOAT32, INT8, INT16, INT32, INT64 or BOOL");
    if (status != TFLM_OK) {
        return status;
    }
    if (tflm_concatenation_options_fused_activation_function(ctx, node) != TFLM_ACTIVATION_NONE) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "fused activation %d not supported; expected NONE (as TFLM)",
                         (int)tflm_concatenation_options_fused_activation_function(ctx, node));
    }
    const int32_t rank = output->dims->size;
    int32_t axis;
    if ((status = tflm_resolve_axis(ctx, "axis", tflm_concatenation_options_axis(ctx, node), rank,
                                    &axis)) != TFLM_OK) {
        return status;
    }
    int64_t axis_total = 0;
    for (int i = 0; i < inputs; ++i) {
        const tflm_tensor *input = tflm_input(ctx, node, i);
        if (input->type != output->type) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d type %s differs from output type %s",
                             i, tflm_type_name_of(input->type), tflm_type_name_of(output->type));
        }
        if (input->dims->size != rank) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d has rank %d; the output %d", i,
                             (int)input->dims->size, (int)rank);
        }
        for (int32_t d = 0; d < rank; ++d) {
            if (d != axis && input->dims->data[d] != output->dims->data[d]) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "input %d has size %d on axis %d; the output %d", i,
                                 (int)input->dims->data[d], (int)d, (int)output->dims->data[d]);
            }
        }
        axis_total += input->dims->data[axis];
        if ((status = check_quantization(ctx, input, output, i)) != TFLM_OK) {
            return status;
        }
    }
    if (axis_total != output->dims->data[axis]) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "inputs add up to %d along axis %d; the output has %d", (int)axis_total,
                         (int)axis, (int)output->dims->data[axis]);
    }
    return store(ctx, node, output, axis, false);
}

static tflm_status pack_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 1, INT_MAX, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const int inputs = (int)node->inputs->size;
    const tflm_tensor *input0 = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(INT64);
    if ((status = tflm_check_type(ctx, "output", output->type, types,
                                  "FLOAT32, INT8, INT16, INT32 or INT64")) != TFLM_OK) {
        return status;
    }
    if (tflm_pack_options_values_count(ctx, node) != inputs) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "values_count %d differs from the %d inputs",
                         (int)tflm_pack_options_values_count(ctx, node), inputs);
    }
    const int32_t rank = input0->dims->size;
    if (rank >= TFLM_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "inputs of rank %d; at most %d supported",
                         (int)rank, TFLM_MAX_DIMS - 1);
    }
    int32_t axis;
    if ((status = tflm_resolve_axis(ctx, "axis", tflm_pack_options_axis(ctx, node), rank + 1,
                                    &axis)) != TFLM_OK) {
        return status;
    }
    for (int i = 0; i < inputs; ++i) {
        const tflm_tensor *input = tflm_input(ctx, node, i);
        if (input == NULL) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d is missing", i);
        }
        if (input->type != output->type) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d type %s differs from output type %s",
                             i, tflm_type_name_of(input->type), tflm_type_name_of(output->type));
        }
        if ((status = tflm_check_shape(ctx, "input", input, input0->dims->data, rank)) != TFLM_OK) {
            return status;
        }
    }
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t d = 0, in = 0; d <= rank; ++d) {
        expected[d] = d == axis ? inputs : input0->dims->data[in++];
    }
    if ((status = tflm_check_shape(ctx, "output", output, expected, rank + 1)) != TFLM_OK) {
        return status;
    }
    return store(ctx, node, output, axis, true);
}

static tflm_status concatenation_invoke(tflm_context *ctx, tflm_node *node)
{
    const concat_data *data = node->data;
    tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t size = tflm_type_size((tflm_type)output->type);
    const int32_t out_block = output->dims->data[data->axis] * data->inner;
    int32_t at = 0; /* where the next input starts inside an output block */
    for (int i = 0; i < (int)node->inputs->size; ++i) {
        const tflm_tensor *input = tflm_input(ctx, node, i);
        const int32_t block = (data->stacked ? 1 : input->dims->data[data->axis]) * data->inner;
        tflm_copy_part(input->data, output->data, size, data->outer, block, out_block, at, true);
        at += block;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_concatenation = {
    .builtin_code = TFLM_BUILTIN_CONCATENATION,
    .custom_name = NULL,
    .name = "CONCATENATION",
    .prepare = concatenation_prepare,
    .invoke = concatenation_invoke,
};

const tflm_kernel tflm_op_pack = {
    .builtin_code = TFLM_BUILTIN_PACK,
    .custom_name = NULL,
    .name = "PACK",
    .prepare = pack_prepare,
    .invoke = concatenation_invoke,
};
