/*
 * SLICE and STRIDED_SLICE: a box of the input (STRIDED_SLICE: every
 * stride-th element of it, possibly backwards), as one strided copy.
 *
 * SLICE (TFLM's slice.cc): begin and size, INT32 or INT64 vectors of one
 * entry per input axis, size -1 meaning "to the end"; at most 5 axes.
 * TFLM reads them at invoke without checks; here they are checked at
 * prepare when constant, else at every invoke, and the box must lie in
 * the input and match the output's shape.
 *
 * STRIDED_SLICE follows TF Lite's kernel, a superset of TFLM's: besides
 * begin_mask, end_mask and shrink_axis_mask (TFLM), ellipsis_mask,
 * new_axis_mask and offset (TFLM ignores the first two and rejects no
 * model that sets them; TF Lite applies them). As TFLM, begin, end and
 * strides must be constant INT32 vectors, and a stride 0 is refused; the
 * output's shape must be the one they give, and a shrunk axis must keep
 * one element (TF Lite clamps its index into the axis first, so -3 on an
 * axis of 2 takes element 0; begin past the end is refused). A shrunk axis
 * with a negative stride takes element begin, as TF defines it; TF Lite's
 * and TFLM's walk finds no element there and leaves the output unwritten.
 *
 * Types: TFLM's (FLOAT32, INT8, INT16, INT32, BOOL); STRIDED_SLICE also
 * INT64 and UINT8 as TF Lite.
 */
#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

#define SLICE_MAX_DIMS 5

typedef struct slice_data {
    tflm_strided_copy copy;
    bool at_invoke; /* begin or size not constant: planned at each invoke */
} slice_data;

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* ---- SLICE ------------------------------------------------------------------ */

static tflm_status plan_slice(tflm_context *ctx, const tflm_node *node, tflm_strided_copy *copy)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *begin = tflm_input(ctx, node, 1);
    const tflm_tensor *size = tflm_input(ctx, node, 2);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t rank = input->dims->size;
    int32_t starts[SLICE_MAX_DIMS], counts[SLICE_MAX_DIMS], in_strides[SLICE_MAX_DIMS];
    int32_t out_strides[SLICE_MAX_DIMS];
    for (int32_t i = 0; i < rank; ++i) {
        const int64_t dim = input->dims->data[i];
        const int64_t b = tflm_int_tensor_value(begin, i);
        int64_t n = tflm_int_tensor_value(size, i);
        if (n == -1) {
            n = dim - b;
        }
        if (b < 0 || b > dim || n < 0 || n > dim - b) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "begin %d, size %d on axis %d lie outside its %d elements", (int)b,
                             (int)n, (int)i, (int)dim);
        }
        starts[i] = (int32_t)b;
        counts[i] = (int32_t)n;
    }
    tflm_status status = tflm_check_shape(ctx, "output", output, counts, rank);
    if (status != TFLM_OK) {
        return status;
    }
    tflm_row_major_strides(input->dims, in_strides);
    tflm_row_major_strides(output->dims, out_strides);
    tflm_strided_copy_init(copy, tflm_type_size((tflm_type)input->type));
    for (int32_t i = 0; i < rank; ++i) {
        copy->src_offset += starts[i] * in_strides[i];
        tflm_strided_copy_axis(copy, counts[i], in_strides[i], out_strides[i]);
    }
    return TFLM_OK;
}

static tflm_status slice_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 3, 3, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *begin = tflm_input(ctx, node, 1);
    const tflm_tensor *size = tflm_input(ctx, node, 2);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(BOOL);
    const uint32_t index_types = TFLM_TYPES(INT32) | TFLM_TYPES(INT64);
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "FLOAT32, INT8, INT16, INT32 or BOOL")) != TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
        (status = tflm_check_type(ctx, "begin", begin->type, index_types, "INT32 or INT64")) !=
            TFLM_OK ||
        (status = tflm_check_same_type(ctx, "size", size, begin)) != TFLM_OK) {
        return status;
    }
    const int32_t rank = input->dims->size;
    if (rank > SLICE_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input has %d dimensions; at most %d supported",
                         (int)rank, SLICE_MAX_DIMS);
    }
    if (begin->dims->size != 1 || size->dims->size != 1 || begin->dims->data[0] != rank ||
        size->dims->data[0] != rank) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "begin and size must be vectors of %d entries (the input's rank)",
                         (int)rank);
    }
    slice_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    data->at_invoke = !(begin->is_constant && size->is_constant);
    return data->at_invoke ? TFLM_OK : plan_slice(ctx, node, &data->copy);
}

/* ---- STRIDED_SLICE ------------------------------------------------------------ */

/* One axis of the input with new_axis_mask's axes inserted (TF Lite's
 * "effective" input): its size, and begin/end/stride with their masks. */
typedef struct slice_axis {
    int32_t size;
    int32_t in_axis; /* the input's axis, -1 for a new one */
    int32_t begin, end, stride;
    bool begin_mask, end_mask, shrink;
} slice_axis;

/* TF Lite's BuildStridedSliceParams: expands the ellipsis and the new
 * axes into axes[0..*count). */
static tflm_status effective_axes(tflm_context *ctx, const tflm_node *node, const int32_t *begin,
                                  const int32_t *end, const int32_t *strides, int32_t begin_count,
                                  slice_axis *axes, int32_t *count)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const int32_t input_dims = input->dims->size;
    const uint32_t ellipsis = (uint32_t)tflm_strided_slice_options_ellipsis_mask(ctx, node);
    const uint32_t new_axis = (uint32_t)tflm_strided_slice_options_new_axis_mask(ctx, node);
    const uint32_t begin_mask = (uint32_t)tflm_strided_slice_options_begin_mask(ctx, node);
    const uint32_t end_mask = (uint32_t)tflm_strided_slice_options_end_mask(ctx, node);
    const uint32_t shrink = (uint32_t)tflm_strided_slice_options_shrink_axis_mask(ctx, node);
    int32_t added = 0;
    for (int32_t i = 0; i < begin_count; ++i) {
        added += (ellipsis >> i & 1u) == 0 && (new_axis >> i & 1u) != 0;
    }
    const int32_t dims = input_dims + added;
    if (dims > TFLM_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "%d dimensions with the new axes; at most %d supported", (int)dims,
                         TFLM_MAX_DIMS);
    }
    /* Which axes the ellipsis covers, and which are new. */
    uint32_t eff_ellipsis = 0, eff_new = 0;
    int32_t ellipsis_start = dims, expanded = 0;
    for (int32_t i = 0; i < dims;) {
        if (ellipsis >> i & 1u) {
            ellipsis_start = i;
            int32_t stop = i + 1 + added + input_dims - begin_count;
            stop = stop < dims ? stop : dims;
            stop = stop > i + 1 ? stop : i + 1;
            expanded = stop - i - 1;
            for (; i < stop; ++i) {
                eff_ellipsis |= 1u << i;
            }
            continue;
        }
        if (new_axis >> (i - expanded) & 1u) {
            eff_new |= 1u << i;
        }
        ++i;
    }
    int32_t added_ellipsis = 0, added_axes = 0;
    for (int32_t i = 0; i < dims; ++i) {
        slice_axis *a = &axes[i];
        *a = (slice_axis){.stride = 1, .end = 1, .in_axis = i - added_axes};
        if (eff_ellipsis >> i & 1u) {
            added_ellipsis = i - ellipsis_start > 0 ? i - ellipsis_start : 0;
            a->begin_mask = a->end_mask = true;
        } else if (eff_new >> i & 1u) {
            a->in_axis = -1;
            added_axes++;
        } else if (i >= begin_count + expanded) {
            a->begin_mask = a->end_mask = true;
        } else {
            const int32_t k = i - added_ellipsis;
            if (k < 0 || k >= begin_count) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL, "ellipsis_mask and new_axis_mask disagree");
            }
            a->begin = begin[k];
            a->end = end[k];
            a->stride = strides[k];
            a->begin_mask = (begin_mask >> k & 1u) != 0;
            a->end_mask = (end_mask >> k & 1u) != 0;
            a->shrink = (shrink >> k & 1u) != 0;
        }
        if (a->in_axis >= input_dims) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "ellipsis_mask and new_axis_mask disagree with the input's rank %d",
                             (int)input_dims);
        }
        a->size = a->in_axis < 0 ? 1 : input->dims->data[a->in_axis];
    }
    *count = dims;
    return TFLM_OK;
}

/* TF Lite's StridedSliceStartForAxis and StridedSliceEndForAxis, in
 * int64 (offset's end = begin + end cannot overflow). */
static void axis_range(const slice_axis *a, bool offset, int64_t *start, int64_t *stop)
{
    const int64_t size = a->size;
    int64_t s = a->begin;
    if (s < 0) {
        s += size;
    }
    s = a->stride > 0 ? clamp64(s, 0, size) : clamp64(s, -1, size - 1);
    if (a->begin_mask) {
        s = a->stride > 0 ? 0 : size - 1;
    }
    *start = s;
    if (a->shrink) {
        *stop = s >= size ? s : s + 1;
        return;
    }
    int64_t e = a->end;
    if (offset) {
        e += s;
    }
    if (e < 0) {
        e += size;
    }
    e = a->stride > 0 ? clamp64(e, 0, size) : clamp64(e, -1, size - 1);
    if (a->end_mask) {
        e = a->stride > 0 ? size : -1;
    }
    *stop = e;
}

static tflm_status plan_strided_slice(tflm_context *ctx, const tflm_node *node,
                                      const slice_axis *axes, int32_t dims,
                                      tflm_strided_copy *copy)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const bool offset = tflm_strided_slice_options_offset(ctx, node);
    int32_t in_strides[TFLM_MAX_DIMS], starts[TFLM_MAX_DIMS], counts[TFLM_MAX_DIMS];
    int32_t expected[TFLM_MAX_DIMS], out_rank = 0;
    tflm_row_major_strides(input->dims, in_strides);
    for (int32_t i = 0; i < dims; ++i) {
        const slice_axis *a = &axes[i];
        int64_t start, stop, n = 0;
        if (a->shrink) {
            /* TF's definition: element begin, whatever the stride. TF
             * Lite and TFLM walk a negative one from start to start + 1,
             * which is no element, and leave the output unwritten. */
            slice_axis forward = *a;
            forward.stride = 1;
            axis_range(&forward, offset, &start, &stop);
            n = stop > start ? 1 : 0;
        } else {
            axis_range(a, offset, &start, &stop);
            if (a->stride > 0 && stop > start) {
                n = (stop - start + a->stride - 1) / a->stride;
            } else if (a->stride < 0 && start > stop) {
                n = (start - stop - (int64_t)a->stride - 1) / -(int64_t)a->stride;
            }
        }
        if (a->shrink && n != 1) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "shrink_axis_mask: begin %d is outside axis %d of size %d",
                             (int)a->begin, (int)i, (int)a->size);
        }
        starts[i] = (int32_t)start;
        counts[i] = (int32_t)n;
        if (!a->shrink) {
            expected[out_rank++] = (int32_t)n;
        }
    }
    tflm_status status = tflm_check_shape(ctx, "output", output, expected, out_rank);
    if (status != TFLM_OK) {
        return status;
    }
    tflm_strided_copy_init(copy, tflm_type_size((tflm_type)input->type));
    /* The output is row-major over the axes walked: the destination
     * strides follow from the counts. */
    int32_t dst_stride = 1, dst_strides[TFLM_MAX_DIMS];
    for (int32_t i = dims - 1; i >= 0; --i) {
        dst_strides[i] = dst_stride;
        dst_stride *= counts[i];
    }
    for (int32_t i = 0; i < dims; ++i) {
        const int32_t in_stride = axes[i].in_axis < 0 ? 0 : in_strides[axes[i].in_axis];
        if (counts[i] == 0) {
            copy->empty = true;
            continue;
        }
        copy->src_offset += starts[i] * in_stride;
        /* A single step needs no stride; more stay inside the axis, so
         * the product fits. */
        const int32_t step = counts[i] == 1 ? 0 : (int32_t)((int64_t)axes[i].stride * in_stride);
        tflm_strided_copy_axis(copy, counts[i], step, dst_strides[i]);
    }
    return TFLM_OK;
}

static tflm_status strided_slice_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, 4, 4, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(BOOL) | TFLM_TYPES(INT64) |
                           TFLM_TYPES(UINT8);
    if ((status = tflm_check_type(ctx, "input", input->type, types,
                                  "FLOAT32, INT8, INT16, INT32, BOOL, INT64 or UINT8")) !=
            TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK) {
        return status;
    }
    if (input->dims->size > SLICE_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input has %d dimensions; at most %d supported",
                         (int)input->dims->size, SLICE_MAX_DIMS);
    }
    static const char *const names[3] = {"begin", "end", "strides"};
    int32_t values[3][TFLM_MAX_DIMS], counts[3];
    for (int k = 0; k < 3; ++k) {
        const tflm_tensor *t = tflm_input(ctx, node, 1 + k);
        if ((status = tflm_check_constant(ctx, names[k], t)) != TFLM_OK ||
            (status = tflm_read_int_tensor(ctx, names[k], t, TFLM_TYPES(INT32), "INT32", values[k],
                                           TFLM_MAX_DIMS, &counts[k])) != TFLM_OK) {
            return status;
        }
        if (t->dims->size != 1 || counts[k] != counts[0]) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "begin, end and strides must be vectors of one length");
        }
    }
    for (int32_t i = 0; i < counts[0]; ++i) {
        if (values[2][i] == 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "stride %d is 0; strides must be non-zero",
                             (int)i);
        }
    }
    slice_axis axes[TFLM_MAX_DIMS];
    int32_t dims = 0;
    status = effective_axes(ctx, node, values[0], values[1], values[2], counts[0], axes, &dims);
    if (status != TFLM_OK) {
        return status;
    }
    if (counts[0] > dims) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "begin has %d entries for %d axes", (int)counts[0],
                         (int)dims);
    }
    slice_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    return plan_strided_slice(ctx, node, axes, dims, &data->copy);
}

static tflm_status slice_invoke(tflm_context *ctx, tflm_node *node)
{
    slice_data *data = node->data;
    if (data->at_invoke) {
        tflm_status status = plan_slice(ctx, node, &data->copy);
        if (status != TFLM_OK) {
            return status;
        }
    }
    tflm_strided_copy_run(&data->copy, tflm_input(ctx, node, 0)->data,
                          tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_slice = {
    .builtin_code = TFLM_BUILTIN_SLICE,
    .custom_name = NULL,
    .name = "SLICE",
    .prepare = slice_prepare,
    .invoke = slice_invoke,
};

const tflm_kernel tflm_op_strided_slice = {
    .builtin_code = TFLM_BUILTIN_STRIDED_SLICE,
    .custom_name = NULL,
    .name = "STRIDED_SLICE",
    .prepare = strided_slice_prepare,
    .invoke = slice_invoke,
};
