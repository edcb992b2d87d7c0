/*
 * SQUARED_DIFFERENCE. Reference semantics: TFLM's squared_difference.cc.
 * float32 and int32: (in1 - in2)^2 (int32 wraps); int8 and int16: both
 * inputs shifted left (7 bits for int8, none for int16), rescaled to twice
 * the larger input scale, subtracted, squared and rescaled to the output,
 * clamped to the type (no fused activation). Multipliers in double as TFLM
 * (exact_f64.h).
 */
#include "binary_common.h"
#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "tflm/ops.h"

typedef struct squared_difference_data {
    tflm_broadcast broadcast;
    int32_t input1_offset, input2_offset, output_offset;
    int32_t left_shift;
    int32_t input1_multiplier, input1_shift;
    int32_t input2_multiplier, input2_shift;
    int32_t output_multiplier, output_shift;
    int32_t min, max; /* of the type */
} squared_difference_data;

static bool finite_positive(float x)
{
    return x > 0.0f && x <= 3.402823466e+38f;
}

/* TFLM's PrepareQuantized: false when a scale is not positive and finite
 * or the output multiplier needs a shift beyond TFLM_MAX_MULTIPLIER_SHIFT. */
static bool quantized_multipliers(const float scale[3], int32_t left_shift,
                                  squared_difference_data *d)
{
    const float out_denominator = (float)((int32_t)1 << (2 * left_shift)) * scale[2];
    if (!finite_positive(scale[0]) || !finite_positive(scale[1]) || !finite_positive(out_denominator)) {
        return false;
    }
    const tflm_f64 twice_max =
        tflm_f64_ldexp(tflm_f64_from_float(scale[0] > scale[1] ? scale[0] : scale[1]), 1);
    int s1, s2, so;
    /* The input multipliers are at most 1/2: their shifts are <= 0. */
    tflm_f64_quantize_multiplier(tflm_f64_div(tflm_f64_from_float(scale[0]), twice_max),
                                 &d->input1_multiplier, &s1);
    tflm_f64_quantize_multiplier(tflm_f64_div(tflm_f64_from_float(scale[1]), twice_max),
                                 &d->input2_multiplier, &s2);
    tflm_f64_quantize_multiplier(
        tflm_f64_div(tflm_f64_mul(twice_max, twice_max), tflm_f64_from_float(out_denominator)),
        &d->output_multiplier, &so);
    d->input1_shift = s1;
    d->input2_shift = s2;
    d->output_shift = so;
    d->left_shift = left_shift;
    return so <= TFLM_MAX_MULTIPLIER_SHIFT;
}

static inline int32_t squared_difference_quantized(const squared_difference_data *d, int32_t a,
                                                   int32_t b)
{
    /* |offset + value| <= 255 (int8, shifted by 7) or 32768 (int16): each
     * scaled value is at most 2^14 in magnitude, the square below 2^31. */
    const int32_t scaled1 = tflm_multiply_by_quantized_multiplier(
        (d->input1_offset + a) * ((int32_t)1 << d->left_shift), d->input1_multiplier, d->input1_shift);
    const int32_t scaled2 = tflm_multiply_by_quantized_multiplier(
        (d->input2_offset + b) * ((int32_t)1 << d->left_shift), d->input2_multiplier, d->input2_shift);
    const int32_t diff = scaled1 - scaled2;
    const int32_t raw =
        tflm_multiply_by_quantized_multiplier(diff * diff, d->output_multiplier, d->output_shift) +
        d->output_offset;
    return tflm_clamp_s32(raw, d->min, d->max);
}

static tflm_status squared_difference_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_binary_node binary;
    tflm_status status = tflm_binary_prepare(
        ctx, node, TFLM_ACTIVATION_NONE,
        1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 | 1u << TFLM_TYPE_INT32,
        "FLOAT32, INT8, INT16 or INT32", &binary);
    if (status != TFLM_OK) {
        return status;
    }
    squared_difference_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    const int32_t *zp = binary.zero_point;
    if (binary.type == TFLM_TYPE_INT8) {
        for (int i = 0; i < 3; ++i) {
            if (zp[i] < INT8_MIN || zp[i] > INT8_MAX) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL, "zero point %d outside [-128, 127]",
                                 (int)zp[i]);
            }
        }
        data->min = INT8_MIN;
        data->max = INT8_MAX;
    } else if (binary.type == TFLM_TYPE_INT16) {
        if (zp[0] != 0 || zp[1] != 0 || zp[2] != 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d, %d and %d",
                             (int)zp[0], (int)zp[1], (int)zp[2]);
        }
        data->min = INT16_MIN;
        data->max = INT16_MAX;
    }
    if (binary.type == TFLM_TYPE_INT8 || binary.type == TFLM_TYPE_INT16) {
        if (!quantized_multipliers(binary.scale, binary.type == TFLM_TYPE_INT8 ? 7 : 0, data)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "scales must be positive and finite, the output scale not too small");
        }
        data->input1_offset = -zp[0];
        data->input2_offset = -zp[1];
        data->output_offset = zp[2];
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status squared_difference_invoke(tflm_context *ctx, tflm_node *node)
{
    const squared_difference_data *data = node->data;
    const tflm_broadcast *bc = &data->broadcast;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_INT8: {
#define SQDIFF_S8(i1, i2, o) out_[o] = (int8_t)squared_difference_quantized(data, in1_[i1], in2_[i2])
        TFLM_BINARY_LOOP(bc, int8_t, int8_t, input1, input2, output, SQDIFF_S8);
#undef SQDIFF_S8
        break;
    }
    case TFLM_TYPE_INT16: {
#define SQDIFF_S16(i1, i2, o) out_[o] = (int16_t)squared_difference_quantized(data, in1_[i1], in2_[i2])
        TFLM_BINARY_LOOP(bc, int16_t, int16_t, input1, input2, output, SQDIFF_S16);
#undef SQDIFF_S16
        break;
    }
    case TFLM_TYPE_INT32: {
#define SQDIFF_S32(i1, i2, o)                                          \
    do {                                                               \
        const uint32_t diff_ = (uint32_t)in1_[i1] - (uint32_t)in2_[i2];      \
        out_[o] = (int32_t)(diff_ * diff_);                             \
    } while (0)
        TFLM_BINARY_LOOP(bc, int32_t, int32_t, input1, input2, output, SQDIFF_S32);
#undef SQDIFF_S32
        break;
    }
    default: {
#define SQDIFF_F32(i1, i2, o)                   \
    do {                                        \
        const float diff_ = in1_[i1] - in2_[i2];      \
        out_[o] = diff_ * diff_;                 \
    } while (0)
        TFLM_BINARY_LOOP(bc, float, float, input1, input2, output, SQDIFF_F32);
#undef SQDIFF_F32
        break;
    }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_squared_difference = {
    .builtin_code = TFLM_BUILTIN_SQUARED_DIFFERENCE,
    .custom_name = NULL,
    .name = "SQUARED_DIFFERENCE",
    .prepare = squared_difference_prepare,
    .invoke = squared_difference_invoke,
    .output_aliases_input = false,
};
