/*
 * EMBEDDING_LOOKUP: rows of value picked by a 1-d INT32 lookup
 * (tensorflow/lite/micro/kernels/embedding_lookup.cc). Output shape:
 * [lookups] + value.shape[1:].
 *
 * Types as TFLM: FLOAT32 -> FLOAT32 and INT8 -> INT8 copy rows; INT8 ->
 * FLOAT32 dequantizes them, (q - 0) * scale in float as TFLM's Dequantize,
 * and needs the value's zero point to be 0. Every lookup must lie in
 * [0, rows): checked at prepare when the lookup is constant, else at each
 * invoke (as TFLM does).
 */
#include <string.h>

#include "dequantize.h"
#include "layout_common.h"
#include "nn_common.h"
#include "quant_util.h"
#include "tflm/ops.h"

typedef struct embedding_lookup_op_data {
    int32_t lookups, rows, columns; /* value flattened to [rows, columns] */
    tflm_affine_quant quant;        /* INT8 -> FLOAT32: the value's scale, zero point 0 */
    uint8_t dequantize;
    uint8_t check_lookup; /* lookup not constant: check at invoke */
} embedding_lookup_op_data;

static tflm_status check_lookup(tflm_context *ctx, const embedding_lookup_op_data *d,
                                const int32_t *lookup)
{
    for (int32_t i = 0; i < d->lookups; ++i) {
        if (lookup[i] < 0 || lookup[i] >= d->rows) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "lookup %d (element %d) outside [0, %d)",
                             (int)lookup[i], (int)i, (int)d->rows);
        }
    }
    return TFLM_OK;
}

static tflm_status embedding_lookup_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *lookup, *value;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "lookup", &lookup)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "value", &value)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, lookup, "lookup", TFLM_TYPE_INT32)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, lookup, "lookup", 1)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, value, "value", TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8),
             "FLOAT32 or INT8")) != TFLM_OK) {
        return status;
    }
    tflm_tensor *output = tflm_output(ctx, node, 0);
    const int rank = value->dims->size;
    if (rank < 2) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "value must have at least 2 dimensions, has %d",
                         rank);
    }
    if (output->type != TFLM_TYPE_FLOAT32 && output->type != value->type) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "output type %s not supported for a %s value; expected FLOAT32%s",
                         tflm_type_name_of(output->type), tflm_type_name_of(value->type),
                         value->type == TFLM_TYPE_INT8 ? " or INT8" : "");
    }
    embedding_lookup_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    /* INT8 -> FLOAT32 dequantizes; otherwise the output has value's type. */
    data->dequantize = value->type == TFLM_TYPE_INT8 && output->type == TFLM_TYPE_FLOAT32;
    if (data->dequantize) {
        if (!tflm_per_tensor_quantization(ctx, value, &data->quant.scale, &data->quant.zero_point)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT8 value has no quantization scale");
        }
        if (data->quant.zero_point != 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "INT8 value dequantized to FLOAT32 must have zero point 0, has %d",
                             (int)data->quant.zero_point);
        }
    }
    int64_t expected[TFLM_MAX_DIMS];
    expected[0] = lookup->dims->data[0];
    for (int i = 1; i < rank; ++i) {
        expected[i] = value->dims->data[i];
    }
    /* The shape check compares types too, already checked above. */
    tflm_tensor like_value = *value;
    like_value.type = output->type;
    if ((status = tflm_layout_check_output(ctx, &like_value, output, expected, rank)) != TFLM_OK) {
        return status;
    }
    if (tflm_element_count(output) == 0) {
        return TFLM_OK; /* lookups stays 0: nothing to copy */
    }
    /* A non-empty output has lookups * columns elements: no overflow. */
    data->lookups = lookup->dims->data[0];
    data->columns = tflm_element_count(output) / data->lookups;
    data->rows = value->dims->data[0];
    if (!lookup->is_constant) {
        data->check_lookup = 1;
        return TFLM_OK;
    }
    return check_lookup(ctx, data, lookup->data);
}

static tflm_status embedding_lookup_invoke(tflm_context *ctx, tflm_node *node)
{
    const embedding_lookup_op_data *d = node->data;
    const int32_t *lookup = tflm_input(ctx, node, 0)->data;
    const tflm_tensor *value = tflm_input(ctx, node, 1);
    uint8_t *out = tflm_output(ctx, node, 0)->data;
    if (d->check_lookup) {
        tflm_status status = check_lookup(ctx, d, lookup);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const size_t in_row = (size_t)d->columns * tflm_type_size(value->type);
    if (d->dequantize) {
        const int8_t *rows = value->data;
        float *rows_out = (float *)(void *)out;
        for (int32_t i = 0; i < d->lookups; ++i) {
            tflm_dequantize_s8_f32(&d->quant, d->columns, rows + (size_t)lookup[i] * d->columns,
                                   rows_out + (size_t)i * d->columns);
        }
        return TFLM_OK;
    }
    const uint8_t *rows = value->data;
    for (int32_t i = 0; i < d->lookups; ++i) {
        memcpy(out + (size_t)i * in_row, rows + (size_t)lookup[i] * in_row, in_row);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_embedding_lookup = {
    .builtin_code = TFLM_BUILTIN_EMBEDDING_LOOKUP,
    .custom_name = NULL,
    .name = "EMBEDDING_LOOKUP",
    .prepare = embedding_lookup_prepare,
    .invoke = embedding_lookup_invoke,
    .output_aliases_input = false,
};
