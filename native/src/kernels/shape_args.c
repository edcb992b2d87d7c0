#include "shape_args.h"

#include <string.h>

#include "kernel_util.h" /* tflm_type_name_of */

tflm_status tflm_check_tensor_counts(tflm_context *ctx, const tflm_node *node, int min_inputs,
                                     int max_inputs, int min_outputs, int max_outputs)
{
    /* Inputs (k = 0), then outputs (k = 1): one copy of the messages. */
    static const char *const kinds[2][2] = {{"input", "inputs"}, {"output", "outputs"}};
    for (int k = 0; k < 2; ++k) {
        const int count = (int)(k == 0 ? node->inputs : node->outputs)->size;
        const int min = k == 0 ? min_inputs : min_outputs;
        const int max = k == 0 ? max_inputs : max_outputs;
        if (count < min || count > max) {
            return min == max ? tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected %d %s, got %d", min,
                                          kinds[k][min != 1], count)
                              : tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected %d to %d %s, got %d",
                                          min, max, kinds[k][1], count);
        }
        /* The first min_inputs inputs, every output. */
        const int present = k == 0 ? min_inputs : count;
        for (int i = 0; i < present; ++i) {
            if ((k == 0 ? tflm_input(ctx, node, i) : tflm_output(ctx, node, i)) == NULL) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s %d is missing", kinds[k][0], i);
            }
        }
    }
    return TFLM_OK;
}

tflm_status tflm_check_type(tflm_context *ctx, const char *what, int type, uint32_t mask,
                            const char *names)
{
    if (type >= 0 && type < 32 && (mask & (1u << type)) != 0) {
        return TFLM_OK;
    }
    return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s type %s not supported; expected %s", what,
                     tflm_type_name_of(type), names);
}

tflm_status tflm_check_same_type(tflm_context *ctx, const char *what, const tflm_tensor *tensor,
                                 const tflm_tensor *input)
{
    if (tensor->type == input->type) {
        return TFLM_OK;
    }
    return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s type %s differs from input type %s", what,
                     tflm_type_name_of(tensor->type), tflm_type_name_of(input->type));
}

tflm_status tflm_check_constant(tflm_context *ctx, const char *what, const tflm_tensor *tensor)
{
    if (tensor->is_constant) {
        return TFLM_OK;
    }
    return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                     "%s is not a constant tensor; it must be one (as in TFLM: output shapes are fixed)",
                     what);
}

int64_t tflm_int_tensor_value(const tflm_tensor *tensor, int32_t i)
{
    /* Elements may lie unaligned in a model only when the interpreter has
     * not copied them; memcpy reads them either way. */
    const uint8_t *data = tensor->data;
    switch (tensor->type) {
    case TFLM_TYPE_INT8:
        return ((const int8_t *)data)[i];
    case TFLM_TYPE_INT16: {
        int16_t v;
        memcpy(&v, data + 2 * (size_t)i, sizeof v);
        return v;
    }
    case TFLM_TYPE_INT32: {
        int32_t v;
        memcpy(&v, data + 4 * (size_t)i, sizeof v);
        return v;
    }
    default: {
        int64_t v;
        memcpy(&v, data + 8 * (size_t)i, sizeof v);
        return v;
    }
    }
}

tflm_status tflm_read_int_tensor(tflm_context *ctx, const char *what, const tflm_tensor *tensor,
                                 uint32_t mask, const char *names, int32_t *values,
                                 int32_t max_count, int32_t *count)
{
    const uint32_t integers = TFLM_TYPES(INT8) | TFLM_TYPES(INT16) | TFLM_TYPES(INT32) |
                              TFLM_TYPES(INT64);
    tflm_status status = tflm_check_type(ctx, what, tensor->type, mask & integers, names);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t n = tflm_element_count(tensor);
    if (n > max_count) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s has %d elements; at most %d supported",
                         what, (int)n, (int)max_count);
    }
    for (int32_t i = 0; i < n; ++i) {
        const int64_t value = tflm_int_tensor_value(tensor, i);
        if (value < INT32_MIN || value > INT32_MAX) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s element %d is outside int32", what,
                             (int)i);
        }
        values[i] = (int32_t)value;
    }
    *count = n;
    return TFLM_OK;
}

/* "[1,2,3]" into text (room for TFLM_MAX_DIMS dims of 11 characters). */
static const char *format_shape(char *text, size_t size, const int32_t *dims, int32_t rank)
{
    size_t at = 0;
    text[at++] = '[';
    for (int32_t i = 0; i < rank && at + 13 < size; ++i) {
        if (i > 0) {
            text[at++] = ',';
        }
        int64_t v = dims[i];
        if (v < 0) {
            text[at++] = '-';
            v = -v;
        }
        char digits[12];
        int n = 0;
        do {
            digits[n++] = (char)('0' + v % 10);
            v /= 10;
        } while (v > 0);
        while (n > 0) {
            text[at++] = digits[--n];
        }
    }
    text[at++] = ']';
    text[at] = '\0';
    return text;
}

tflm_status tflm_check_shape(tflm_context *ctx, const char *what, const tflm_tensor *tensor,
                             const int32_t *dims, int32_t rank)
{
    bool same = tensor->dims->size == rank;
    for (int32_t i = 0; same && i < rank; ++i) {
        same = tensor->dims->data[i] == dims[i];
    }
    if (same) {
        return TFLM_OK;
    }
    char got[16 + 13 * TFLM_MAX_DIMS], expected[16 + 13 * TFLM_MAX_DIMS];
    return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s shape %s differs from %s (expected)", what,
                     format_shape(got, sizeof got, tensor->dims->data, tensor->dims->size),
                     format_shape(expected, sizeof expected, dims,
                                  rank > TFLM_MAX_DIMS ? TFLM_MAX_DIMS : rank));
}

tflm_status tflm_resolve_axis(tflm_context *ctx, const char *what, int32_t axis, int32_t rank,
                              int32_t *resolved)
{
    if (axis < -rank || axis >= rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s %d out of range for rank %d", what, (int)axis,
                         (int)rank);
    }
    *resolved = axis < 0 ? axis + rank : axis;
    return TFLM_OK;
}
