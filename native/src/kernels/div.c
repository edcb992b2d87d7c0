/*
 * DIV. Reference semantics: TFLM's div.cc and reference/div.h.
 * float32: clamp(in1 / in2) to the fused activation; int32 (unquantized):
 * clamp(in1 / in2) truncating, where a zero divisor fails the invoke as in
 * TF Lite (TFLM leaves it undefined) and INT32_MIN / -1 wraps; int8:
 * DivElementwise, the quotient of the offset inputs through a fixed-point
 * reciprocal, rescaled by in1_scale / (in2_scale * out_scale) (in float,
 * as TFLM).
 */
#include "binary_common.h"
#include "exact_f64.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "kernel_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* Largest output shift the int8 path takes: the quotient's own shift is at
 * least 22 to the right (the numerator's headroom), so every total shift
 * stays a right shift. */
#define DIV_MAX_OUTPUT_SHIFT 22

typedef struct div_data {
    tflm_broadcast broadcast;
    int32_t input1_offset, input2_offset, output_offset; /* int8 */
    int32_t output_multiplier;
    int32_t output_shift;
    tflm_activation activation;         /* int8, int32 */
    tflm_activation_f32 activation_f32; /* float32     */
} div_data;

/* Leading bits equal to the sign bit, the sign bit excluded
 * (CountLeadingSignBits; 31 for 0 and -1). */
static int count_leading_sign_bits(int32_t x)
{
    const uint32_t magnitude_bits = x < 0 ? ~(uint32_t)x : (uint32_t)x;
    return tflm_fp_count_leading_zeros(magnitude_bits) - 1;
}

/* One int8 quotient, TFLM's DivElementwise. A zero divisor (TFLM leaves it
 * undefined) gives the clamped infinity of the numerator's sign, or the
 * zero point for 0 / 0. */
static int32_t div_quantized(const div_data *d, int32_t a, int32_t b)
{
    int32_t x = d->input1_offset + a, y = d->input2_offset + b;
    if (y == 0) {
        return x > 0 ? d->activation.max : x < 0 ? d->activation.min
                                                 : tflm_clamp_s32(d->output_offset, d->activation.min,
                                                                  d->activation.max);
    }
    if (y < 0) {
        x = -x;
        y = -y;
    }
    int recip_shift;
    const int32_t reciprocal = tflm_fp_reciprocal(y, 31, &recip_shift);
    const int headroom = count_leading_sign_bits(x);
    const int32_t unscaled =
        tflm_saturating_rounding_doubling_high_mul((int32_t)((uint32_t)x << headroom), reciprocal);
    const int right_shift = headroom + recip_shift - d->output_shift; /* >= 0 */
    const int32_t product = tflm_saturating_rounding_doubling_high_mul(unscaled, d->output_multiplier);
    /* |product| < 2^31 rounds to 0 beyond 31 bits. */
    const int32_t quotient = right_shift > 31 ? 0 : tflm_rounding_divide_by_pot(product, right_shift);
    return tflm_clamp_s32(d->output_offset + quotient, d->activation.min, d->activation.max);
}

static tflm_status div_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_binary_node binary;
    tflm_status status = tflm_binary_prepare(
        ctx, node, tflm_div_options_fused_activation_function(ctx, node),
        1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT32,
        "FLOAT32, INT8 or INT32", &binary);
    if (status != TFLM_OK ||
        (binary.type == TFLM_TYPE_INT32 &&
         (status = tflm_binary_require_unquantized(ctx, node, &binary)) != TFLM_OK)) {
        return status;
    }
    div_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    if (binary.type == TFLM_TYPE_INT8) {
        const float *scale = binary.scale;
        const int32_t *zp = binary.zero_point;
        for (int i = 0; i < 3; ++i) {
            if (!(scale[i] > 0.0f && scale[i] <= 3.402823466e+38f) || zp[i] < INT8_MIN ||
                zp[i] > INT8_MAX) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "scales must be positive and finite and zero points in [-128, 127]");
            }
        }
        const float real = scale[0] / (scale[1] * scale[2]);
        int shift = 0;
        if (real <= 3.402823466e+38f) {
            tflm_f64_quantize_multiplier(tflm_f64_from_float(real), &data->output_multiplier, &shift);
        }
        if (!(real > 0.0f && real <= 3.402823466e+38f) || shift > DIV_MAX_OUTPUT_SHIFT) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input1 scale / (input2 scale x output scale) must lie in (0, 2^%d)",
                             DIV_MAX_OUTPUT_SHIFT);
        }
        data->output_shift = shift;
        data->input1_offset = -zp[0];
        data->input2_offset = -zp[1];
        data->output_offset = zp[2];
        tflm_activation_range_quantized(binary.activation, scale[2], zp[2], INT8_MIN, INT8_MAX,
                                        &data->activation.min, &data->activation.max);
    } else if (binary.type == TFLM_TYPE_INT32) {
        data->activation = tflm_activation_range_s32(binary.activation);
    } else {
        tflm_activation_range_float(binary.activation, &data->activation_f32.min,
                                    &data->activation_f32.max);
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status div_invoke(tflm_context *ctx, tflm_node *node)
{
    const div_data *data = node->data;
    const tflm_broadcast *bc = &data->broadcast;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_INT8: {
#define DIV_S8(i1, i2, o) out_[o] = (int8_t)div_quantized(data, in1_[i1], in2_[i2])
        TFLM_BINARY_LOOP(bc, int8_t, int8_t, input1, input2, output, DIV_S8);
#undef DIV_S8
        break;
    }
    case TFLM_TYPE_INT32: {
        const int32_t *divisor = input2->data;
        const int32_t count = tflm_element_count(input2);
        for (int32_t i = 0; i < count; ++i) {
            if (divisor[i] == 0) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL, "division by zero (input 2 element %d)", (int)i);
            }
        }
        const int32_t lo = data->activation.min, hi = data->activation.max;
#define DIV_S32(i1, i2, o)                                                                 \
    out_[o] = tflm_clamp_s32(                                                              \
        in1_[i1] == INT32_MIN && in2_[i2] == -1 ? INT32_MIN : in1_[i1] / in2_[i2], lo, hi)
        TFLM_BINARY_LOOP(bc, int32_t, int32_t, input1, input2, output, DIV_S32);
#undef DIV_S32
        break;
    }
    default: {
        const float lo = data->activation_f32.min, hi = data->activation_f32.max;
#define DIV_F32(i1, i2, o) out_[o] = tflm_clamp_f32(in1_[i1] / in2_[i2], lo, hi)
        TFLM_BINARY_LOOP(bc, float, float, input1, input2, output, DIV_F32);
#undef DIV_F32
        break;
    }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_div = {
    .builtin_code = TFLM_BUILTIN_DIV,
    .custom_name = NULL,
    .name = "DIV",
    .prepare = div_prepare,
    .invoke = div_invoke,
    .output_aliases_input = false,
};
