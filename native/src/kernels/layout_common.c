#include "layout_common.h"

#include "kernel_util.h" /* tflm_type_name_of */

tflm_status tflm_layout_check_type(tflm_context *ctx, const tflm_tensor *tensor, const char *what,
                                   uint32_t types, const char *expected)
{
    if (tensor->type >= 32 || (types & TFLM_TYPE_BIT(tensor->type)) == 0) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s type %s not supported; expected %s", what,
                         tflm_type_name_of(tensor->type), expected);
    }
    return TFLM_OK;
}

tflm_status tflm_layout_check_output(tflm_context *ctx, const tflm_tensor *input,
                                     const tflm_tensor *output, const int64_t *expected,
                                     int rank)
{
    if (output->type != input->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(output->type), tflm_type_name_of(input->type));
    }
    if (output->dims->size != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d dimensions; expected %d",
                         (int)output->dims->size, rank);
    }
    for (int i = 0; i < rank; ++i) {
        if (output->dims->data[i] != expected[i]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output dimension %d is %d; expected %d", i,
                             (int)output->dims->data[i], tflm_index_for_message(expected[i]));
        }
    }
    return TFLM_OK;
}

tflm_axis_sizes tflm_layout_axis_sizes(const tflm_int_array *dims, int axis)
{
    tflm_axis_sizes sizes = {1, dims->data[axis], 1};
    for (int i = 0; i < axis; ++i) {
        sizes.outer *= dims->data[i];
    }
    for (int i = axis + 1; i < dims->size; ++i) {
        sizes.inner *= dims->data[i];
    }
    return sizes;
}

tflm_status tflm_layout_axis(tflm_context *ctx, int64_t value, int rank, int *axis)
{
    const int64_t normalized = value < 0 ? value + rank : value;
    if (normalized < 0 || normalized >= rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "axis %d outside [-%d, %d) for a %d-d input",
                         tflm_index_for_message(value), rank, rank, rank);
    }
    *axis = (int)normalized;
    return TFLM_OK;
}
