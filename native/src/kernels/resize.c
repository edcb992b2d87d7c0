/*
 * RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: a 4-d NHWC input resized
 * to the height and width of a constant INT32 size tensor [2]
 * (tensorflow/lite/micro/kernels/resize_bilinear.cc,
 * resize_nearest_neighbor.cc; the math is TF Lite's
 * reference_ops::ResizeBilinear, ResizeBilinearInteger and
 * ResizeNearestNeighbor, whose float expressions are kept term by term so
 * the results are the same bits).
 *
 * Types: FLOAT32 and INT8 as TFLM, INT16 as TF Lite for RESIZE_BILINEAR
 * (TFLM has it for RESIZE_NEAREST_NEIGHBOR); the output of the input's
 * type. Integer bilinear resizing is TF Lite's 10-bit fixed point without
 * any float, with TFLM's default double rounding (not
 * TFLITE_SINGLE_ROUNDING); its int32 arithmetic holds for heights and
 * widths below 2^20, which prepare requires (TF Lite overflows beyond).
 */
#include <string.h>

#include "f32_math.h"
#include "layout_common.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

typedef struct resize_op_data {
    int32_t batches, in_h, in_w, out_h, out_w;
    int32_t depth;
    bool align_corners, half_pixel_centers;
} resize_op_data;

/* An integral float (f32_math.h's floor, ceil or round of one) as int32,
 * saturated; NaN gives 0. */
static int32_t integral_to_i32(float x)
{
    if (!(x > -2147483648.0f)) {
        return x != x ? 0 : INT32_MIN;
    }
    return x < 2147483648.0f ? (int32_t)x : INT32_MAX;
}

/* ---- Bilinear -------------------------------------------------------------- */

/* clamp_lower: the reference clamps the lower neighbour at 0 only. Its
 * integer scale, rounded to 1/1024, makes the lower neighbour the row (or
 * column) past the last one when an image is enlarged a lot (1 row to 55,
 * for one): TF Lite then reads the next image of the batch, or past the
 * tensor. Here it is the last row, and the weights (one of them negative
 * then) still sum to one pixel: the edge pixel's value. Where the
 * reference stays inside the image, nothing changes. */

/* ComputeInterpolationValues: the source coordinate of output index value
 * and its two neighbours, clamped into [0, size). */
static float source_f32(int32_t value, float scale, bool half_pixel_centers, int32_t size,
                        int32_t *lower, int32_t *upper)
{
    const float scaled =
        half_pixel_centers ? ((float)value + 0.5f) * scale - 0.5f : (float)value * scale;
    const int32_t f = integral_to_i32(tflm_floorf(scaled));
    const int32_t c = integral_to_i32(tflm_ceilf(scaled));
    *lower = f > 0 ? (f < size - 1 ? f : size - 1) : 0; /* see clamp_lower */
    *upper = c < size - 1 ? c : size - 1;
    return scaled;
}

static void resize_bilinear_f32(const resize_op_data *d, const float *in, float *out)
{
    float height_scale = (float)d->in_h / (float)d->out_h;
    float width_scale = (float)d->in_w / (float)d->out_w;
    if (d->align_corners && d->out_h > 1) {
        height_scale = (float)(d->in_h - 1) / (float)(d->out_h - 1);
    }
    if (d->align_corners && d->out_w > 1) {
        width_scale = (float)(d->in_w - 1) / (float)(d->out_w - 1);
    }
    const size_t row = (size_t)d->in_w * d->depth;
    for (int32_t b = 0; b < d->batches; ++b) {
        const float *image = in + (size_t)b * d->in_h * row;
        for (int32_t y = 0; y < d->out_h; ++y) {
            int32_t y0, y1;
            const float in_y = source_f32(y, height_scale, d->half_pixel_centers, d->in_h, &y0, &y1);
            const float dy = in_y - (float)y0;
            for (int32_t x = 0; x < d->out_w; ++x) {
                int32_t x0, x1;
                const float in_x =
                    source_f32(x, width_scale, d->half_pixel_centers, d->in_w, &x0, &x1);
                const float dx = in_x - (float)x0;
                const float *p00 = image + (size_t)y0 * row + (size_t)x0 * d->depth;
                const float *p10 = image + (size_t)y1 * row + (size_t)x0 * d->depth;
                const float *p01 = image + (size_t)y0 * row + (size_t)x1 * d->depth;
                const float *p11 = image + (size_t)y1 * row + (size_t)x1 * d->depth;
                for (int32_t c = 0; c < d->depth; ++c) {
                    /* The reference's terms in its order; its "+ rounding
                     * offset" of 0.0f turns a -0.0f sum into +0.0f. */
                    *out++ = p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) +
                             p01[c] * (1 - dy) * dx + p11[c] * dy * dx + 0.0f;
                }
            }
        }
    }
}

/* The 10-bit fixed point scale of ResizeBilinearInteger: in / out rounded. */
static int32_t scale_q10(int32_t in, int32_t out, bool align_corners)
{
    if (align_corners && out > 1) {
        return ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
    }
    return ((1 << 10) * in + out / 2) / out;
}

/* ComputeInterpolationValuesInteger. */
static int32_t source_q10(int32_t value, int32_t scale, bool half_pixel_centers, int32_t size,
                          int32_t *lower, int32_t *upper)
{
    const int32_t scaled =
        half_pixel_centers ? value * scale + scale / 2 - (1 << 9) : value * scale;
    const int32_t l = scaled / (1 << 10), u = (scaled + (1 << 10) - 1) / (1 << 10);
    *lower = l > 0 ? (l < size - 1 ? l : size - 1) : 0; /* see clamp_lower */
    *upper = u < size - 1 ? u : size - 1;
    return scaled;
}

/* Integer bilinear resize of int8 or int16 (T): weights in Q10 per axis,
 * the product in Q20 rounded half away from zero. */
#define TFLM_DEFINE_RESIZE_BILINEAR_INT(NAME, T)                                                \
    static void NAME(const resize_op_data *d, const T *in, T *out)                              \
    {                                                                                           \
        const int32_t height_scale = scale_q10(d->in_h, d->out_h, d->align_corners);            \
        const int32_t width_scale = scale_q10(d->in_w, d->out_w, d->align_corners);             \
        const size_t row = (size_t)d->in_w * d->depth;                                          \
        for (int32_t b = 0; b < d->batches; ++b) {                                              \
            const T *image = in + (size_t)b * d->in_h * row;                                    \
            for (int32_t y = 0; y < d->out_h; ++y) {                                            \
                int32_t y0, y1;                                                                 \
                const int32_t in_y =                                                            \
                    source_q10(y, height_scale, d->half_pixel_centers, d->in_h, &y0, &y1);      \
                const int64_t wy1 = in_y - (1 << 10) * y0, wy0 = (1 << 10) - wy1;               \
                for (int32_t x = 0; x < d->out_w; ++x) {                                        \
                    int32_t x0, x1;                                                             \
                    const int32_t in_x =                                                        \
                        source_q10(x, width_scale, d->half_pixel_centers, d->in_w, &x0, &x1);   \
                    const int64_t wx1 = in_x - (1 << 10) * x0, wx0 = (1 << 10) - wx1;           \
                    const T *p00 = image + (size_t)y0 * row + (size_t)x0 * d->depth;            \
                    const T *p10 = image + (size_t)y1 * row + (size_t)x0 * d->depth;            \
                    const T *p01 = image + (size_t)y0 * row + (size_t)x1 * d->depth;            \
                    const T *p11 = image + (size_t)y1 * row + (size_t)x1 * d->depth;            \
                    for (int32_t c = 0; c < d->depth; ++c) {                                    \
                        const int64_t q20 = p00[c] * wy0 * wx0 + p10[c] * wy1 * wx0 +           \
                                            p01[c] * wy0 * wx1 + p11[c] * wy1 * wx1;            \
                        const int64_t round = q20 > 0 ? ((int64_t)1 << 19) : -((int64_t)1 << 19); \
                        *out++ = (T)((q20 + round) / ((int64_t)1 << 20));                       \
                    }                                                                           \
                }                                                                               \
            }                                                                                   \
        }                                                                                       \
    }

TFLM_DEFINE_RESIZE_BILINEAR_INT(resize_bilinear_s8, int8_t)
TFLM_DEFINE_RESIZE_BILINEAR_INT(resize_bilinear_s16, int16_t)

/* ---- Nearest neighbour ------------------------------------------------------ */

/* GetNearestNeighbor: the source index of output index value. */
static int32_t nearest(int32_t value, int32_t in, int32_t out, bool align_corners,
                       bool half_pixel_centers)
{
    const float scale = align_corners && out > 1 ? (float)(in - 1) / (float)(out - 1)
                                                 : (float)in / (float)out;
    const float offset = half_pixel_centers ? 0.5f : 0.0f;
    const float source = ((float)value + offset) * scale;
    int32_t index = integral_to_i32(align_corners ? tflm_roundf(source) : tflm_floorf(source));
    index = index < in - 1 ? index : in - 1;
    return half_pixel_centers && index < 0 ? 0 : index;
}

static void resize_nearest(const resize_op_data *d, size_t element_size, const uint8_t *in,
                           uint8_t *out)
{
    const size_t pixel = (size_t)d->depth * element_size;
    const size_t row = (size_t)d->in_w * pixel;
    for (int32_t b = 0; b < d->batches; ++b) {
        const uint8_t *image = in + (size_t)b * d->in_h * row;
        for (int32_t y = 0; y < d->out_h; ++y) {
            const int32_t in_y = nearest(y, d->in_h, d->out_h, d->align_corners,
                                         d->half_pixel_centers);
            for (int32_t x = 0; x < d->out_w; ++x, out += pixel) {
                const int32_t in_x = nearest(x, d->in_w, d->out_w, d->align_corners,
                                             d->half_pixel_centers);
                memcpy(out, image + (size_t)in_y * row + (size_t)in_x * pixel, pixel);
            }
        }
    }
}

/* ---- Node glue -------------------------------------------------------------- */

/* Integer bilinear arithmetic stays in int32 below this height or width. */
#define RESIZE_INTEGER_MAX_SIZE (((int32_t)1 << 20) - 1)

static tflm_status resize_prepare(tflm_context *ctx, tflm_node *node, bool align_corners,
                                  bool half_pixel_centers, bool bilinear)
{
    tflm_tensor *input, *size;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "size", &size)) != TFLM_OK ||
        (status = tflm_layout_check_type(
             ctx, input, "input",
             TFLM_TYPE_BIT(TFLM_TYPE_FLOAT32) | TFLM_TYPE_BIT(TFLM_TYPE_INT8) |
                 TFLM_TYPE_BIT(TFLM_TYPE_INT16),
             "FLOAT32, INT8 or INT16")) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, input, "input", 4)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, size, "size", TFLM_TYPE_INT32)) != TFLM_OK ||
        (status = tflm_nn_check_rank(ctx, size, "size", 1)) != TFLM_OK) {
        return status;
    }
    if (size->dims->data[0] != 2) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "size has %d elements; expected 2 (height, width)",
                         (int)size->dims->data[0]);
    }
    if (!size->is_constant) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "size tensor is not constant; only a constant size is supported");
    }
    if (bilinear && align_corners && half_pixel_centers) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "align_corners and half_pixel_centers are both set; at most one may be");
    }
    const int32_t *d = input->dims->data, *hw = size->data;
    const int64_t expected[4] = {d[0], hw[0], hw[1], d[3]};
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if ((status = tflm_layout_check_output(ctx, input, output, expected, 4)) != TFLM_OK) {
        return status;
    }
    resize_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    if (tflm_element_count(output) == 0) {
        return TFLM_OK; /* batches stays 0: nothing to compute */
    }
    if (d[1] == 0 || d[2] == 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input height and width are %d and %d; an empty image cannot be resized",
                         (int)d[1], (int)d[2]);
    }
    if (bilinear && input->type != TFLM_TYPE_FLOAT32 &&
        (d[1] > RESIZE_INTEGER_MAX_SIZE || d[2] > RESIZE_INTEGER_MAX_SIZE ||
         hw[0] > RESIZE_INTEGER_MAX_SIZE || hw[1] > RESIZE_INTEGER_MAX_SIZE)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "integer resize of %dx%d to %dx%d: heights and widths must be below 2^20",
                         (int)d[1], (int)d[2], (int)hw[0], (int)hw[1]);
    }
    data->batches = d[0];
    data->in_h = d[1];
    data->in_w = d[2];
    data->out_h = hw[0];
    data->out_w = hw[1];
    data->depth = d[3];
    data->align_corners = align_corners;
    data->half_pixel_centers = half_pixel_centers;
    return TFLM_OK;
}

static tflm_status resize_bilinear_prepare(tflm_context *ctx, tflm_node *node)
{
    return resize_prepare(ctx, node, tflm_resize_bilinear_options_align_corners(ctx, node),
                          tflm_resize_bilinear_options_half_pixel_centers(ctx, node), true);
}

static tflm_status resize_bilinear_invoke(tflm_context *ctx, tflm_node *node)
{
    const resize_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    if (input->type == TFLM_TYPE_FLOAT32) {
        resize_bilinear_f32(d, input->data, out);
    } else if (input->type == TFLM_TYPE_INT8) {
        resize_bilinear_s8(d, input->data, out);
    } else {
        resize_bilinear_s16(d, input->data, out);
    }
    return TFLM_OK;
}

static tflm_status resize_nearest_neighbor_prepare(tflm_context *ctx, tflm_node *node)
{
    return resize_prepare(ctx, node, tflm_resize_nearest_neighbor_options_align_corners(ctx, node),
                          tflm_resize_nearest_neighbor_options_half_pixel_centers(ctx, node),
                          false);
}

static tflm_status resize_nearest_neighbor_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    resize_nearest(node->data, tflm_type_size((tflm_type)input->type), input->data,
                   tflm_output(ctx, node, 0)->data);
    return TFLM_OK;
}

const tflm_kernel tflm_op_resize_bilinear = {
    .builtin_code = TFLM_BUILTIN_RESIZE_BILINEAR,
    .custom_name = NULL,
    .name = "RESIZE_BILINEAR",
    .prepare = resize_bilinear_prepare,
    .invoke = resize_bilinear_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_resize_nearest_neighbor = {
    .builtin_code = TFLM_BUILTIN_RESIZE_NEAREST_NEIGHBOR,
    .custom_name = NULL,
    .name = "RESIZE_NEAREST_NEIGHBOR",
    .prepare = resize_nearest_neighbor_prepare,
    .invoke = resize_nearest_neighbor_invoke,
    .output_aliases_input = false,
};
