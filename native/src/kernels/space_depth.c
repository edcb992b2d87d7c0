/*
 * DEPTH_TO_SPACE and SPACE_TO_DEPTH: block_size x block_size spatial
 * blocks of a 4-d NHWC tensor moved into channels and back
 * (tensorflow/lite/micro/kernels/depth_to_space.cc, space_to_depth.cc;
 * the math is reference_ops::DepthToSpace / SpaceToDepth). Channel
 * (by * block + bx) * C + c of a deep pixel is pixel (by, bx), channel c,
 * of its block.
 *
 * Types as TFLM: FLOAT32 and INT8, the output of the input's type.
 * block_size must be positive (TFLM's SPACE_TO_DEPTH does not check and
 * divides by it).
 */
#include <string.h>

#include "layout_common.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct space_depth_op_data {
    int32_t batches, height, width; /* of the spatial (shallow) side */
    int32_t block;
    size_t channel_bytes;           /* channels of the spatial side, in bytes */
} space_depth_op_data;

/* The checks of both ops; the spatial side is the output of DEPTH_TO_SPACE
 * and the input of SPACE_TO_DEPTH. */
static tflm_status space_depth_prepare(tflm_context *ctx, tflm_node *node, int32_t block,
                                       bool to_space)
{
    tflm_tensor *input;
    tflm_status status = tflm_nn_check_io(ctx, node, 1, 1);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, input, "input", TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8),
             "FLOAT32 or INT8")) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, input, "input", 4)) != TFLM_OK) {
        return status;
    }
    if (block < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "block_size %d must be positive", (int)block);
    }
    const int32_t *d = input->dims->data;
    const int64_t area = tflm_dim_product(block, block);
    int64_t expected[4] = {d[0], 0, 0, 0};
    if (to_space) {
        if (d[3] % area != 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input depth %d is not a multiple of block_size^2 (block_size %d)",
                             (int)d[3], (int)block);
        }
        expected[1] = (int64_t)d[1] * block;
        expected[2] = (int64_t)d[2] * block;
        expected[3] = d[3] / area;
    } else {
        if (d[1] % block != 0 || d[2] % block != 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input height %d and width %d must be multiples of block_size %d",
                             (int)d[1], (int)d[2], (int)block);
        }
        expected[1] = d[1] / block;
        expected[2] = d[2] / block;
        expected[3] = tflm_dim_product(d[3], area);
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if ((status = tflm_layout_check_output(ctx, input, output, expected, 4)) != TFLM_OK) {
        return status;
    }
    space_depth_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if (tflm_element_count(output) == 0) {
        return TFLM_OK; /* batches stays 0: nothing to move */
    }
    const int32_t *spatial = to_space ? output->dims->data : d;
    data->batches = spatial[0];
    data->height = spatial[1];
    data->width = spatial[2];
    data->block = block;
    data->channel_bytes = (size_t)spatial[3] * tflm_type_size((tflm_type)input->type);
    return TFLM_OK;
}

/* Walks the spatial side row by row; each pixel's channels are one
 * contiguous run on both sides. */
static void space_depth_move(const space_depth_op_data *d, const uint8_t *in, uint8_t *out,
                             bool to_space)
{
    const int32_t block = d->block;
    const size_t run = d->channel_bytes;
    const size_t deep_pixel = run * (size_t)block * (size_t)block;
    const int32_t deep_width = d->width / block, deep_height = d->height / block;
    for (int32_t b = 0; b < d->batches; ++b) {
        for (int32_t y = 0; y < d->height; ++y) {
            for (int32_t x = 0; x < d->width; ++x) {
                const size_t spatial = (((size_t)b * d->height + y) * d->width + x) * run;
                const size_t deep =
                    (((size_t)b * deep_height + y / block) * deep_width + x / block) * deep_pixel +
                    ((size_t)(y % block) * block + x % block) * run;
                if (to_space) {
                    memcpy(out + spatial, in + deep, run);
                } else {
                    memcpy(out + deep, in + spatial, run);
                }
            }
        }
    }
}

static tflm_status depth_to_space_prepare(tflm_context *ctx, tflm_node *node)
{
    return space_depth_prepare(ctx, node, tflm_depth_to_space_options_block_size(ctx, node), true);
}

static tflm_status space_to_depth_prepare(tflm_context *ctx, tflm_node *node)
{
    return space_depth_prepare(ctx, node, tflm_space_to_depth_options_block_size(ctx, node), false);
}

static tflm_status depth_to_space_invoke(tflm_context *ctx, tflm_node *node)
{
    space_depth_move(node->data, tflm_input(ctx, node, 0)->data, tflm_output(ctx, node, 0)->data,
                     true);
    return TFLM_OK;
}

static tflm_status space_to_depth_invoke(tflm_context *ctx, tflm_node *node)
{
    space_depth_move(node->data, tflm_input(ctx, node, 0)->data, tflm_output(ctx, node, 0)->data,
                     false);
    return TFLM_OK;
}

const tflm_kernel tflm_op_depth_to_space = {
    .builtin_code = TFLM_BUILTIN_DEPTH_TO_SPACE,
    .custom_name = NULL,
    .name = "DEPTH_TO_SPACE",
    .prepare = depth_to_space_prepare,
    .invoke = depth_to_space_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_space_to_depth = {
    .builtin_code = TFLM_BUILTIN_SPACE_TO_DEPTH,
    .custom_name = NULL,
    .name = "SPACE_TO_DEPTH",
    .prepare = space_to_depth_prepare,
    .invoke = space_to_depth_invoke,
    .output_aliases_input = false,
};
