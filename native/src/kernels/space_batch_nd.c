/*
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND: the spatial dimensions cut into
 * block_shape blocks that become batches (after zero padding), and back
 * (after cropping) (tensorflow/lite/micro/kernels/space_to_batch_nd.cc,
 * batch_to_space_nd.cc; the math is reference_ops::SpaceToBatchND /
 * BatchToSpaceND). As TFLM, the input is 3-d NHC or 4-d NHWC; a 3-d tensor
 * is taken as NH1C. Batch b * N + n of the output (of SPACE_TO_BATCH)
 * holds the pixels at offset (b / block_w, b % block_w) of every block of
 * input batch n.
 *
 * Types as TFLM: FLOAT32 and INT8. INT8 pads with the output's zero point,
 * as TF Lite does (TFLM passes a SpaceToBatchParams it never sets).
 * block_shape ([M], M = rank - 2) and paddings or crops ([M, 2]) are INT32;
 * when they are not constant, their values are checked against the
 * output's shape at each invoke.
 */
#include <string.h>

#include "layout_common.h"
#include "nn_common.h"
#include "quant_util.h"
#include "tflm/ops.h"

typedef struct space_batch_op_data {
    int32_t in[4], out[4];   /* the shapes as NHWC */
    int32_t block_h, block_w;
    int32_t top, left;       /* padding (SPACE_TO_BATCH) or crops (BATCH_TO_SPACE) */
    size_t pixel_bytes;      /* depth in bytes */
    uint8_t pad_byte;        /* INT8: the zero point; FLOAT32: 0 (+0.0f) */
    uint8_t check_at_invoke; /* block_shape or paddings/crops not constant */
} space_batch_op_data;

/* Reads block_shape and paddings/crops, checks them against the input and
 * output shapes, and keeps what invoke needs. */
static tflm_status read_blocks(tflm_context *ctx, const tflm_node *node, bool to_batch,
                               space_batch_op_data *data)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const int32_t *block = tflm_input(ctx, node, 1)->data;
    const int32_t *pads = tflm_input(ctx, node, 2)->data;
    const char *what = to_batch ? "padding" : "crop";
    const int rank = input->dims->size, spatial = rank - 2;
    const int32_t *d = input->dims->data;
    int64_t expected[4];
    int64_t blocks = 1;
    for (int i = 0; i < spatial; ++i) {
        const int64_t dim = d[1 + i], before = pads[2 * i], after = pads[2 * i + 1];
        if (block[i] < 1) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "block_shape[%d] is %d; must be positive", i,
                             (int)block[i]);
        }
        if (before < 0 || after < 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%ss of dimension %d are %d and %d; must not "
                             "be negative", what, i + 1, (int)before, (int)after);
        }
        blocks = tflm_dim_product(blocks, block[i]);
        if (to_batch) {
            if ((dim + before + after) % block[i] != 0) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "padded dimension %d (%d) is not a multiple of block_shape[%d] = %d",
                                 i + 1, tflm_index_for_message(dim + before + after), i,
                                 (int)block[i]);
            }
            expected[1 + i] = (dim + before + after) / block[i];
        } else {
            expected[1 + i] = dim * block[i] - before - after;
            if (expected[1 + i] < 0) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "crops %d and %d exceed dimension %d times its block (%d x %d)",
                                 (int)before, (int)after, i + 1, (int)dim, (int)block[i]);
            }
        }
    }
    if (to_batch) {
        expected[0] = tflm_dim_product(d[0], blocks);
    } else {
        if (d[0] % blocks != 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input batch %d is not a multiple of the block_shape product %d",
                             (int)d[0], tflm_index_for_message(blocks));
        }
        expected[0] = d[0] / blocks;
    }
    expected[rank - 1] = d[rank - 1]; /* the depth */
    tflm_status status = tflm_layout_check_output(ctx, input, output, expected, rank);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t *o = output->dims->data;
    const bool nhc = rank == 3;
    data->in[0] = d[0], data->in[1] = d[1], data->in[2] = nhc ? 1 : d[2], data->in[3] = d[rank - 1];
    data->out[0] = o[0], data->out[1] = o[1], data->out[2] = nhc ? 1 : o[2];
    data->out[3] = o[rank - 1];
    data->block_h = block[0];
    data->block_w = nhc ? 1 : block[1];
    data->top = pads[0];
    data->left = nhc ? 0 : pads[2];
    data->pixel_bytes = (size_t)data->in[3] * tflm_type_size((tflm_type)input->type);
    return TFLM_OK;
}

static tflm_status space_batch_prepare(tflm_context *ctx, tflm_node *node, bool to_batch)
{
    tflm_tensor *input, *block, *pads;
    const char *pads_name = to_batch ? "paddings" : "crops";
    tflm_status status = tflm_nn_check_io(ctx, node, 3, 3);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "block_shape", &block)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 2, pads_name, &pads)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, input, "input", TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8),
             "FLOAT32 or INT8")) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, block, "block_shape", TFLM_TYPE_INT32)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, pads, pads_name, TFLM_TYPE_INT32)) != TFLM_OK) {
        return status;
    }
    const int rank = input->dims->size;
    if (rank != 3 && rank != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input must have 3 or 4 dimensions, has %d", rank);
    }
    if (block->dims->size != 1 || block->dims->data[0] != rank - 2) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "block_shape must have shape [%d] for a %d-d input", rank - 2, rank);
    }
    if (pads->dims->size != 2 || pads->dims->data[0] != rank - 2 || pads->dims->data[1] != 2) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s must have shape [%d, 2] for a %d-d input",
                         pads_name, rank - 2, rank);
    }
    space_batch_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if (to_batch && input->type == TFLM_TYPE_INT8) {
        float scale;
        int32_t zero_point;
        tflm_per_tensor_quantization(ctx, tflm_output(ctx, node, 0), &scale, &zero_point);
        if (zero_point < -128 || zero_point > 127) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output zero point %d outside [-128, 127]",
                             (int)zero_point);
        }
        data->pad_byte = (uint8_t)(int8_t)zero_point;
    }
    if (!block->is_constant || !pads->is_constant) {
        /* The output's rank and type can be checked now; its dims at invoke. */
        data->check_at_invoke = 1;
        const tflm_tensor *output = tflm_output(ctx, node, 0);
        if (output->type != input->type || output->dims->size != rank) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "output must have the input's type %s and rank %d",
                             tflm_type_name_of(input->type), rank);
        }
        return TFLM_OK;
    }
    return read_blocks(ctx, node, to_batch, data);
}

static void space_to_batch(const space_batch_op_data *d, const uint8_t *in, uint8_t *out)
{
    const size_t pixel = d->pixel_bytes;
    for (int32_t b = 0; b < d->out[0]; ++b) {
        const int32_t in_b = b % d->in[0];
        const int32_t shift_w = (b / d->in[0]) % d->block_w;
        const int32_t shift_h = (b / d->in[0]) / d->block_w;
        for (int32_t y = 0; y < d->out[1]; ++y) {
            const int64_t in_y = (int64_t)y * d->block_h + shift_h - d->top;
            for (int32_t x = 0; x < d->out[2]; ++x, out += pixel) {
                const int64_t in_x = (int64_t)x * d->block_w + shift_w - d->left;
                if (in_y < 0 || in_y >= d->in[1] || in_x < 0 || in_x >= d->in[2]) {
                    memset(out, d->pad_byte, pixel);
                } else {
                    memcpy(out, in + (((size_t)in_b * d->in[1] + (size_t)in_y) * d->in[2] +
                                      (size_t)in_x) * pixel,
                           pixel);
                }
            }
        }
    }
}

static void batch_to_space(const space_batch_op_data *d, const uint8_t *in, uint8_t *out)
{
    const size_t pixel = d->pixel_bytes;
    for (int32_t b = 0; b < d->in[0]; ++b) {
        const int32_t out_b = b % d->out[0];
        const int32_t offset = b / d->out[0];
        for (int32_t y = 0; y < d->in[1]; ++y) {
            const int64_t out_y = (int64_t)y * d->block_h + offset / d->block_w - d->top;
            if (out_y < 0 || out_y >= d->out[1]) {
                continue;
            }
            for (int32_t x = 0; x < d->in[2]; ++x) {
                const int64_t out_x = (int64_t)x * d->block_w + offset % d->block_w - d->left;
                if (out_x < 0 || out_x >= d->out[2]) {
                    continue;
                }
                memcpy(out + (((size_t)out_b * d->out[1] + (size_t)out_y) * d->out[2] +
                              (size_t)out_x) * pixel,
                       in + (((size_t)b * d->in[1] + y) * d->in[2] + x) * pixel, pixel);
            }
        }
    }
}

static tflm_status space_batch_invoke(tflm_context *ctx, tflm_node *node, bool to_batch)
{
    space_batch_op_data *d = node->data;
    if (d->check_at_invoke) {
        tflm_status status = read_blocks(ctx, node, to_batch, d);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (tflm_element_count(output) == 0) {
        return TFLM_OK;
    }
    if (to_batch) {
        space_to_batch(d, tflm_input(ctx, node, 0)->data, output->data);
    } else {
        batch_to_space(d, tflm_input(ctx, node, 0)->data, output->data);
    }
    return TFLM_OK;
}

static tflm_status space_to_batch_nd_prepare(tflm_context *ctx, tflm_node *node)
{
    return space_batch_prepare(ctx, node, true);
}

static tflm_status space_to_batch_nd_invoke(tflm_context *ctx, tflm_node *node)
{
    return space_batch_invoke(ctx, node, true);
}

static tflm_status batch_to_space_nd_prepare(tflm_context *ctx, tflm_node *node)
{
    return space_batch_prepare(ctx, node, false);
}

static tflm_status batch_to_space_nd_invoke(tflm_context *ctx, tflm_node *node)
{
    return space_batch_invoke(ctx, node, false);
}

const tflm_kernel tflm_op_space_to_batch_nd = {
    .builtin_code = TFLM_BUILTIN_SPACE_TO_BATCH_ND,
    .custom_name = NULL,
    .name = "SPACE_TO_BATCH_ND",
    .prepare = space_to_batch_nd_prepare,
    .invoke = space_to_batch_nd_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_batch_to_space_nd = {
    .builtin_code = TFLM_BUILTIN_BATCH_TO_SPACE_ND,
    .custom_name = NULL,
    .name = "BATCH_TO_SPACE_ND",
    .prepare = batch_to_space_nd_prepare,
    .invoke = batch_to_space_nd_invoke,
    .output_aliases_input = false,
};
