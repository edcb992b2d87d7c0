/*
 * AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D. Reference semantics: TFLM's
 * pooling.cc / pooling_common.cc, l2_pool_2d.cc and reference/pooling.h,
 * reference/integer_ops/pooling.h.
 */
#include "pooling.h"

#include "f32_math.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "pool_window.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Compute ---------------------------------------------------------------- */

/* One window walk serves the four kernels: pool() is inlined into each with
 * the element type and the reduction as constants (TFLM_SPECIALIZED). */

typedef enum pool_kind { POOL_AVERAGE, POOL_MAX, POOL_L2 } pool_kind;

/* A window's running sum or maximum: s32 for integer elements, f32 for float (a
 * struct, not a union, so that the compiler keeps the used one in a register). */
typedef struct pool_acc {
    int32_t s32;
    float f32;
} pool_acc;

TFLM_SPECIALIZED pool_acc pool_start(tflm_type type, pool_kind kind)
{
    pool_acc acc;
    if (type == TFLM_TYPE_INT8) {
        acc.s32 = kind == POOL_MAX ? -128 : 0;
    } else if (type == TFLM_TYPE_INT16) {
        acc.s32 = kind == POOL_MAX ? -32768 : 0;
    } else {
        acc.f32 = kind == POOL_MAX ? -3.402823466e+38f /* std::numeric_limits<float>::lowest() */
                                   : 0.0f;
    }
    return acc;
}

TFLM_SPECIALIZED pool_acc pool_take(tflm_type type, pool_kind kind, pool_acc acc, const void *input,
                                    size_t index)
{
    if (type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) {
        const int32_t v = type == TFLM_TYPE_INT8 ? ((const int8_t *)input)[index]
                                                 : ((const int16_t *)input)[index];
        /* int16 sums of windows above 2^16 taps may pass int32: they wrap */
        const int32_t sum = type == TFLM_TYPE_INT8 ? acc.s32 + v
                                                   : (int32_t)((uint32_t)acc.s32 + (uint32_t)v);
        acc.s32 = kind == POOL_MAX ? (v > acc.s32 ? v : acc.s32) : sum;
    } else {
        const float v = ((const float *)input)[index];
        acc.f32 = kind == POOL_MAX ? (acc.f32 < v ? v : acc.f32) /* std::max(max, v) */
                  : kind == POOL_L2 ? acc.f32 + v * v
                                    : acc.f32 + v;
    }
    return acc;
}

/* Writes a window's result, averaged over its count of taps or not, clamped
 * to the fused activation. */
TFLM_SPECIALIZED void pool_store(tflm_type type, pool_kind kind, const tflm_pool_params *params,
                                 pool_acc acc, int32_t count, void *output, size_t index)
{
    if (type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) {
        int32_t v = acc.s32;
        if (kind == POOL_AVERAGE && count > 0) { /* always, for a window prepare accepted */
            v = v > 0 ? (v + count / 2) / count : (v - count / 2) / count;
        }
        v = tflm_clamp_s32(v, params->activation.min, params->activation.max);
        if (type == TFLM_TYPE_INT8) {
            ((int8_t *)output)[index] = (int8_t)v;
        } else {
            ((int16_t *)output)[index] = (int16_t)v;
        }
    } else {
        float v = acc.f32;
        if (kind == POOL_AVERAGE) {
            v = count > 0 ? v / (float)count : 0.0f;
        } else if (kind == POOL_L2) {
            v = tflm_sqrtf(v / (float)count); /* count > 0 for every window */
        }
        ((float *)output)[index] =
            tflm_clamp_f32(v, params->activation_f32.min, params->activation_f32.max);
    }
}

TFLM_SPECIALIZED void pool(tflm_type type, pool_kind kind, const tflm_pool_params *params,
                           const tflm_dims *input_dims, const void *input,
                           const tflm_dims *output_dims, void *output)
{
    const int32_t depth = output_dims->c;
    const size_t row_stride = (size_t)input_dims->w * depth;
    size_t out = 0; /* NHWC: output elements come in loop order */
    for (int32_t b = 0; b < output_dims->n; ++b) {
        const size_t batch = (size_t)b * input_dims->h * row_stride;
        for (int32_t oy = 0; oy < output_dims->h; ++oy) {
            for (int32_t ox = 0; ox < output_dims->w; ++ox) {
                const tflm_pool_window w = tflm_pool_window_at(params, input_dims, oy, ox);
                const int32_t count = (w.y_end - w.y_start) * (w.x_end - w.x_start);
                for (int32_t ch = 0; ch < depth; ++ch, ++out) {
                    pool_acc acc = pool_start(type, kind);
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                        const size_t row = batch + (size_t)y * row_stride + (size_t)ch;
                        for (int32_t x = w.x_start; x < w.x_end; ++x) {
                            acc = pool_take(type, kind, acc, input, row + (size_t)x * depth);
                        }
                    }
                    pool_store(type, kind, params, acc, count, output, out);
                }
            }
        }
    }
}

void tflm_average_pool_s8(const tflm_pool_params *params,
                          const tflm_dims *input_dims, const int8_t *input,
                          const tflm_dims *output_dims, int8_t *output)
{
    pool(TFLM_TYPE_INT8, POOL_AVERAGE, params, input_dims, input, output_dims, output);
}

void tflm_average_pool_s16(const tflm_pool_params *params,
                           const tflm_dims *input_dims, const int16_t *input,
                           const tflm_dims *output_dims, int16_t *output)
{
    pool(TFLM_TYPE_INT16, POOL_AVERAGE, params, input_dims, input, output_dims, output);
}

void tflm_average_pool_f32(const tflm_pool_params *params,
                           const tflm_dims *input_dims, const float *input,
                           const tflm_dims *output_dims, float *output)
{
    pool(TFLM_TYPE_FLOAT32, POOL_AVERAGE, params, input_dims, input, output_dims, output);
}

void tflm_max_pool_s8(const tflm_pool_params *params,
                      const tflm_dims *input_dims, const int8_t *input,
                      const tflm_dims *output_dims, int8_t *output)
{
    pool(TFLM_TYPE_INT8, POOL_MAX, params, input_dims, input, output_dims, output);
}

void tflm_max_pool_s16(const tflm_pool_params *params,
                       const tflm_dims *input_dims, const int16_t *input,
                       const tflm_dims *output_dims, int16_t *output)
{
    pool(TFLM_TYPE_INT16, POOL_MAX, params, input_dims, input, output_dims, output);
}

void tflm_max_pool_f32(const tflm_pool_params *params,
                       const tflm_dims *input_dims, const float *input,
                       const tflm_dims *output_dims, float *output)
{
    pool(TFLM_TYPE_FLOAT32, POOL_MAX, params, input_dims, input, output_dims, output);
}

void tflm_l2_pool_f32(const tflm_pool_params *params,
                      const tflm_dims *input_dims, const float *input,
                      const tflm_dims *output_dims, float *output)
{
    pool(TFLM_TYPE_FLOAT32, POOL_L2, params, input_dims, input, output_dims, output);
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_pooling_data pool_data;

static tflm_dims dims_of(const tflm_tensor *t)
{
    return (tflm_dims){t->dims->data[0], t->dims->data[1], t->dims->data[2], t->dims->data[3]};
}

static tflm_status pool_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_nn_check_io(ctx, node, 1, 1);
    if (status != TFLM_OK) {
        return status;
    }
    tflm_tensor *input;
    if ((status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if ((status = tflm_nn_check_rank(ctx, input, "input", 4)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, output, "output", 4)) != TFLM_OK) {
        return status;
    }
    const tflm_dims in = dims_of(input), out = dims_of(output);
    if (in.n != out.n || in.c != out.c) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output batches and channels (%d, %d) must equal the input's (%d, %d)",
                         (int)out.n, (int)out.c, (int)in.n, (int)in.c);
    }
    const int activation = tflm_pool_2d_options_fused_activation_function(ctx, node);
    if ((status = tflm_nn_check_activation(ctx, activation)) != TFLM_OK) {
        return status;
    }
    pool_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_pool_params *p = &data->params;
    tflm_nn_window window = {
        .padding = tflm_pool_2d_options_padding(ctx, node),
        .stride_w = tflm_pool_2d_options_stride_w(ctx, node),
        .stride_h = tflm_pool_2d_options_stride_h(ctx, node),
        .dilation_w = 1,
        .dilation_h = 1,
        .filter_w = tflm_pool_2d_options_filter_width(ctx, node),
        .filter_h = tflm_pool_2d_options_filter_height(ctx, node),
    };
    if ((status = tflm_nn_window_padding(ctx, &window, in.h, in.w, out.h, out.w, &p->pad_h,
                                         &p->pad_w)) != TFLM_OK) {
        return status;
    }
    p->stride_w = window.stride_w;
    p->stride_h = window.stride_h;
    p->filter_w = window.filter_w;
    p->filter_h = window.filter_h;

    const bool l2 = node->kernel->builtin_code == TFLM_BUILTIN_L2_POOL_2D;
    if (l2 && input->type != TFLM_TYPE_FLOAT32) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected FLOAT32",
                         tflm_type_name_of(input->type));
    }
    if (input->type == TFLM_TYPE_INT8 || input->type == TFLM_TYPE_INT16) {
        if ((status = tflm_nn_check_type(ctx, output, "output", (tflm_type)input->type)) !=
            TFLM_OK) {
            return status;
        }
        float input_scale, output_scale;
        int32_t input_zp, output_zp;
        if ((status = tflm_nn_int_params(ctx, input, "input", &input_scale, &input_zp)) !=
                TFLM_OK ||
            (status = tflm_nn_int_params(ctx, output, "output", &output_scale, &output_zp)) !=
                TFLM_OK) {
            return status;
        }
        /* TFLM's PoolingPrepare: pooling does not requantize. */
        double diff = (double)input_scale - (double)output_scale;
        if (diff < 0.0) {
            diff = -diff;
        }
        if (diff > 1.0e-6 || input_zp != output_zp) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input and output must share scale and zero point (%d vs %d)",
                             (int)input_zp, (int)output_zp);
        }
        if (input->type == TFLM_TYPE_INT8) {
            p->activation = tflm_nn_activation_s8(activation, output_scale, output_zp);
        } else {
            tflm_activation_range_quantized(activation, output_scale, output_zp, INT16_MIN,
                                            INT16_MAX, &p->activation.min, &p->activation.max);
        }
    } else if (input->type == TFLM_TYPE_FLOAT32) {
        if ((status = tflm_nn_check_type(ctx, output, "output", TFLM_TYPE_FLOAT32)) != TFLM_OK) {
            return status;
        }
        p->activation_f32 = tflm_nn_activation_f32(activation);
    } else {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "input type %s not supported; expected INT8, INT16 or FLOAT32",
                         tflm_type_name_of(input->type));
    }
    data->input_dims = in;
    data->output_dims = out;
    /* The variants are int8 and float32 AVERAGE and MAX ones. */
    if (input->type != TFLM_TYPE_INT16 && !l2 &&
        (status = tflm_pooling_variant(ctx, node, data, TFLM_POOLING_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

/* Runs the variant prepare chose, if any, else the reference kernel given.
 * Inlined too: a program registering one pooling op then links one call of
 * its kernels, as small as before the two invokes shared this body. */
TFLM_SPECIALIZED tflm_status
pool_invoke(tflm_context *ctx, tflm_node *node,
            tflm_pool_s8_fn run_s8, tflm_pool_s16_fn run_s16, tflm_pool_f32_fn run_f32)
{
    const pool_data *data = node->data;
    const tflm_variant *variant = TFLM_POOLING_VARIANT(data);
    if (tflm_variant_chosen(TFLM_VARIANT_POOLING, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input->type == TFLM_TYPE_INT8) {
        run_s8(&data->params, &data->input_dims, input->data, &data->output_dims, output->data);
    } else if (input->type == TFLM_TYPE_INT16) {
        run_s16(&data->params, &data->input_dims, input->data, &data->output_dims, output->data);
    } else {
        run_f32(&data->params, &data->input_dims, input->data, &data->output_dims, output->data);
    }
    return TFLM_OK;
}

static tflm_status average_pool_invoke(tflm_context *ctx, tflm_node *node)
{
    return pool_invoke(ctx, node, tflm_average_pool_s8, tflm_average_pool_s16,
                       tflm_average_pool_f32);
}

static tflm_status max_pool_invoke(tflm_context *ctx, tflm_node *node)
{
    return pool_invoke(ctx, node, tflm_max_pool_s8, tflm_max_pool_s16, tflm_max_pool_f32);
}

static tflm_status l2_pool_invoke(tflm_context *ctx, tflm_node *node)
{
    const pool_data *data = node->data;
    tflm_l2_pool_f32(&data->params, &data->input_dims, tflm_input(ctx, node, 0)->data,
                     &data->output_dims, tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_average_pool_2d = {
    .builtin_code = TFLM_BUILTIN_AVERAGE_POOL_2D,
    .custom_name = NULL,
    .name = "AVERAGE_POOL_2D",
    .prepare = pool_prepare,
    .invoke = average_pool_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_max_pool_2d = {
    .builtin_code = TFLM_BUILTIN_MAX_POOL_2D,
    .custom_name = NULL,
    .name = "MAX_POOL_2D",
    .prepare = pool_prepare,
    .invoke = max_pool_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_l2_pool_2d = {
    .builtin_code = TFLM_BUILTIN_L2_POOL_2D,
    .custom_name = NULL,
    .name = "L2_POOL_2D",
    .prepare = pool_prepare,
    .invoke = l2_pool_invoke,
    .output_aliases_input = false,
};
