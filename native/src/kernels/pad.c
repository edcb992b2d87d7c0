/*
 * PAD, PADV2 and MIRROR_PAD: the input in a window of the output, the
 * border filled with one value (PAD: 0, or the output's zero point for
 * INT8; PADV2: its constant_values input) or mirrored from the input
 * (MIRROR_PAD: REFLECT leaves the edge element out, SYMMETRIC repeats it).
 * Every copy is a strided copy; the fill is tflm_fill_elements.
 *
 * paddings is an [rank, 2] INT32 or INT64 tensor of (before, after) per
 * axis (TFLM reads PAD's as INT32 whatever its type; INT64 paddings are
 * read as INT64 here, as TF Lite does). PAD and PADV2 need it constant, as
 * TFLM; MIRROR_PAD's is read at invoke when it is not. Beyond TFLM's
 * checks: no negative padding, and MIRROR_PAD's at most the axis size (-1
 * for REFLECT), which TFLM does not check and reads out of bounds for.
 *
 * Types: PAD and PADV2 TFLM's (FLOAT32, INT8, INT16, INT32); PADV2's INT8
 * constant_values must have the output's scale and zero point. MIRROR_PAD
 * TFLM's FLOAT32 and INT8 plus TF Lite's INT16, INT32, INT64 and UINT8.
 */
#include "quant_util.h"
#include "shape_args.h"
#include "strided_copy.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

#define PAD_MAX_DIMS 5

typedef struct pad_data {
    int32_t before[TFLM_MAX_DIMS], after[TFLM_MAX_DIMS];
    tflm_strided_copy window; /* the input into the output */
    uint8_t value[8];         /* PAD: the fill element */
    bool value_from_input;    /* PADV2: constant_values holds it */
    int32_t offset;           /* MIRROR_PAD: 1 REFLECT, 0 SYMMETRIC */
    bool at_invoke;           /* MIRROR_PAD: paddings not constant */
} pad_data;

/* Reads paddings into data and checks them against the input and the
 * output: max_pad_cut is how much less than the axis a side may pad
 * (-1: any amount). Plans the window copy. */
static tflm_status read_paddings(tflm_context *ctx, const tflm_node *node, int32_t max_pad_cut,
                                 pad_data *data)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *paddings = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t rank = input->dims->size;
    int32_t expected[TFLM_MAX_DIMS];
    for (int32_t i = 0; i < rank; ++i) {
        const int64_t before = tflm_int_tensor_value(paddings, 2 * i);
        const int64_t after = tflm_int_tensor_value(paddings, 2 * i + 1);
        const int64_t dim = input->dims->data[i];
        const int64_t limit = max_pad_cut < 0 ? INT32_MAX : dim - max_pad_cut;
        const bool too_wide = (before > 0 && before > limit) || (after > 0 && after > limit);
        if (before < 0 || after < 0 || too_wide || dim + before + after > INT32_MAX) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "paddings (%d, %d) of axis %d (size %d) out of range", (int)before,
                             (int)after, (int)i, (int)dim);
        }
        data->before[i] = (int32_t)before;
        data->after[i] = (int32_t)after;
        expected[i] = (int32_t)(dim + before + after);
    }
    tflm_status status = tflm_check_shape(ctx, "output", output, expected, rank);
    if (status != TFLM_OK) {
        return status;
    }
    int32_t in_strides[TFLM_MAX_DIMS], out_strides[TFLM_MAX_DIMS];
    tflm_row_major_strides(input->dims, in_strides);
    tflm_row_major_strides(output->dims, out_strides);
    tflm_strided_copy_init(&data->window, tflm_type_size((tflm_type)input->type));
    for (int32_t i = 0; i < rank; ++i) {
        data->window.dst_offset += data->before[i] * out_strides[i];
        tflm_strided_copy_axis(&data->window, input->dims->data[i], in_strides[i], out_strides[i]);
    }
    return TFLM_OK;
}

/* The checks PAD, PADV2 and MIRROR_PAD share; data allocated. */
static tflm_status prepare_common(tflm_context *ctx, tflm_node *node, int min_inputs,
                                  int max_inputs, uint32_t types, const char *type_names,
                                  pad_data **data)
{
    tflm_status status = tflm_check_tensor_counts(ctx, node, min_inputs, max_inputs, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *paddings = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if ((status = tflm_check_type(ctx, "input", input->type, types, type_names)) != TFLM_OK ||
        (status = tflm_check_same_type(ctx, "output", output, input)) != TFLM_OK ||
        (status = tflm_check_type(ctx, "paddings", paddings->type,
                                  TFLM_TYPES(INT32) | TFLM_TYPES(INT64), "INT32 or INT64")) !=
            TFLM_OK) {
        return status;
    }
    const int32_t rank = input->dims->size;
    if (rank > PAD_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input has %d dimensions; at most %d supported",
                         (int)rank, PAD_MAX_DIMS);
    }
    if (paddings->dims->size != 2 || paddings->dims->data[0] != rank ||
        paddings->dims->data[1] != 2) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "paddings must have shape [%d, 2]", (int)rank);
    }
    *data = tflm_alloc_persistent(ctx, sizeof **data);
    if (*data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = *data;
    return TFLM_OK;
}

static tflm_status pad_prepare(tflm_context *ctx, tflm_node *node)
{
    pad_data *data;
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32);
    tflm_status status = prepare_common(ctx, node, 2, 3, types, "FLOAT32, INT8, INT16 or INT32",
                                        &data);
    if (status != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const tflm_tensor *values = node->inputs->size == 3 ? tflm_input(ctx, node, 2) : NULL;
    float out_scale;
    int32_t out_zero;
    tflm_per_tensor_quantization(ctx, output, &out_scale, &out_zero);
    if (values != NULL) {
        if ((status = tflm_check_same_type(ctx, "constant_values", values, output)) != TFLM_OK) {
            return status;
        }
        if (tflm_element_count(values) != 1) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "constant_values has %d elements; expected 1",
                             (int)tflm_element_count(values));
        }
        float scale;
        int32_t zero;
        tflm_per_tensor_quantization(ctx, values, &scale, &zero);
        if (output->type == TFLM_TYPE_INT8 && (scale != out_scale || zero != out_zero)) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "constant_values has another scale or zero point than the output; "
                             "INT8 padding needs the same (as TFLM)");
        }
        data->value_from_input = true;
    } else if (output->type == TFLM_TYPE_INT8) {
        if (out_zero < INT8_MIN || out_zero > INT8_MAX) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output zero point %d outside int8",
                             (int)out_zero);
        }
        data->value[0] = (uint8_t)(int8_t)out_zero;
    } /* else 0, of every type: value is zeroed */
    const tflm_tensor *paddings = tflm_input(ctx, node, 1);
    if ((status = tflm_check_constant(ctx, "paddings", paddings)) != TFLM_OK) {
        return status;
    }
    return read_paddings(ctx, node, -1, data);
}

static tflm_status pad_invoke(tflm_context *ctx, tflm_node *node)
{
    const pad_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    const void *value = data->value_from_input ? tflm_input(ctx, node, 2)->data : data->value;
    tflm_fill_elements(output->data, value, tflm_type_size((tflm_type)output->type),
                       tflm_element_count(output));
    tflm_strided_copy_run(&data->window, input->data, output->data);
    return TFLM_OK;
}

static tflm_status mirror_pad_prepare(tflm_context *ctx, tflm_node *node)
{
    pad_data *data;
    const uint32_t types = TFLM_TYPES(FLOAT32) | TFLM_TYPES(INT8) | TFLM_TYPES(INT16) |
                           TFLM_TYPES(INT32) | TFLM_TYPES(INT64) | TFLM_TYPES(UINT8);
    tflm_status status = prepare_common(ctx, node, 2, 2, types,
                                        "FLOAT32, INT8, INT16, INT32, INT64 or UINT8", &data);
    if (status != TFLM_OK) {
        return status;
    }
    const int mode = tflm_mirror_pad_options_mode(ctx, node);
    if (mode != TFLM_MIRROR_PAD_MODE_REFLECT && mode != TFLM_MIRROR_PAD_MODE_SYMMETRIC) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "mode %d not supported; expected REFLECT (0) "
                         "or SYMMETRIC (1)", mode);
    }
    data->offset = mode == TFLM_MIRROR_PAD_MODE_REFLECT ? 1 : 0;
    data->at_invoke = !tflm_input(ctx, node, 1)->is_constant;
    return data->at_invoke ? TFLM_OK : read_paddings(ctx, node, data->offset, data);
}

static tflm_status mirror_pad_invoke(tflm_context *ctx, tflm_node *node)
{
    pad_data *data = node->data;
    if (data->at_invoke) {
        tflm_status status = read_paddings(ctx, node, data->offset, data);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    tflm_strided_copy_run(&data->window, input->data, output->data);
    /* Axis by axis, each border from the output's own elements, over the
     * whole extent of the other axes: after axis d every element whose
     * coordinates past d lie inside the input's window is final, so the
     * last axis leaves all of them final. */
    const int32_t rank = output->dims->size;
    int32_t strides[TFLM_MAX_DIMS];
    tflm_row_major_strides(output->dims, strides);
    for (int32_t d = 0; d < rank; ++d) {
        const int32_t before = data->before[d], inner = input->dims->data[d];
        for (int side = 0; side < 2; ++side) {
            const int32_t count = side == 0 ? before : data->after[d];
            tflm_strided_copy copy;
            tflm_strided_copy_init(&copy, tflm_type_size((tflm_type)output->type));
            /* Element j of the border mirrors the j-th inside the edge. */
            const int32_t dst = side == 0 ? before - 1 : before + inner;
            const int32_t src = side == 0 ? before + data->offset : before + inner - 1 - data->offset;
            const int32_t direction = side == 0 ? -1 : 1;
            copy.dst_offset = dst * strides[d];
            copy.src_offset = src * strides[d];
            for (int32_t k = 0; k < rank; ++k) {
                if (k == d) {
                    tflm_strided_copy_axis(&copy, count, -direction * strides[k],
                                           direction * strides[k]);
                } else {
                    tflm_strided_copy_axis(&copy, output->dims->data[k], strides[k], strides[k]);
                }
            }
            tflm_strided_copy_run(&copy, output->data, output->data);
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_pad = {
    .builtin_code = TFLM_BUILTIN_PAD,
    .custom_name = NULL,
    .name = "PAD",
    .prepare = pad_prepare,
    .invoke = pad_invoke,
};

const tflm_kernel tflm_op_padv2 = {
    .builtin_code = TFLM_BUILTIN_PADV2,
    .custom_name = NULL,
    .name = "PADV2",
    .prepare = pad_prepare,
    .invoke = pad_invoke,
};

const tflm_kernel tflm_op_mirror_pad = {
    .builtin_code = TFLM_BUILTIN_MIRROR_PAD,
    .custom_name = NULL,
    .name = "MIRROR_PAD",
    .prepare = mirror_pad_prepare,
    .invoke = mirror_pad_invoke,
};
