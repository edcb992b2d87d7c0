/*
 * MUL. Reference semantics: TFLM's mul.cc / mul_common.cc and
 * reference/mul.h, reference/integer_ops/mul.h (int8, float32).
 */
#include "mul.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "quant_util.h"
#include "tflm/ops.h"
#if TFLM_X86_KERNELS
#include "x86/x86_kernels.h"
#endif

/* ---- Prepare-time arithmetic (double, as TFLM) ------------------------- */

bool tflm_mul_quant_multiplier(float input1_scale, float input2_scale, float output_scale,
                               tflm_mul_quant *quant)
{
    if (!(input1_scale > 0.0f && input2_scale > 0.0f && output_scale > 0.0f) ||
        input1_scale > 3.0e38f || input2_scale > 3.0e38f || output_scale > 3.0e38f) {
        return false;
    }
    /* In double as TFLM, done exactly in integers (exact_f64.h). */
    const tflm_f64 real = tflm_f64_div(
        tflm_f64_mul(tflm_f64_from_float(input1_scale), tflm_f64_from_float(input2_scale)),
        tflm_f64_from_float(output_scale));
    int shift;
    tflm_f64_quantize_multiplier(real, &quant->output_multiplier, &shift);
    quant->output_shift = shift;
    return shift <= TFLM_MAX_MULTIPLIER_SHIFT;
}

/* ---- Pure compute -------------------------------------------------------- */

/* Runs ELEMENT(i1, i2, o) over every output element in row-major order. */
#define MUL_FOR_EACH(bc, ELEMENT)                                                         \
    do {                                                                                  \
        const int32_t *d_ = (bc)->dims, *s1_ = (bc)->stride1, *s2_ = (bc)->stride2;       \
        size_t o_ = 0;                                                                    \
        for (int32_t a_ = 0; a_ < d_[0]; ++a_)                                            \
            for (int32_t b_ = 0; b_ < d_[1]; ++b_)                                        \
                for (int32_t c_ = 0; c_ < d_[2]; ++c_)                                    \
                    for (int32_t e_ = 0; e_ < d_[3]; ++e_)                                \
                        for (int32_t f_ = 0; f_ < d_[4]; ++f_) {                          \
                            size_t i1_ = (size_t)(a_ * s1_[0] + b_ * s1_[1] + c_ * s1_[2] + \
                                                  e_ * s1_[3] + f_ * s1_[4]);             \
                            size_t i2_ = (size_t)(a_ * s2_[0] + b_ * s2_[1] + c_ * s2_[2] + \
                                                  e_ * s2_[3] + f_ * s2_[4]);             \
                            for (int32_t g_ = 0; g_ < d_[5]; ++g_) {                      \
                                ELEMENT(i1_, i2_, o_);                                    \
                                i1_ += (size_t)s1_[5];                                    \
                                i2_ += (size_t)s2_[5];                                    \
                                ++o_;                                                     \
                            }                                                             \
                        }                                                                 \
    } while (0)

static inline int8_t mul_quantized(const tflm_mul_quant *q, int32_t x1, int32_t x2)
{
    /* |(x1 + offset1) * (x2 + offset2)| <= 255 * 255: no overflow. */
    const int32_t product = (x1 + q->input1_offset) * (x2 + q->input2_offset);
    const int32_t raw = q->output_offset + tflm_multiply_by_quantized_multiplier(
                                               product, q->output_multiplier, q->output_shift);
    return (int8_t)tflm_clamp_s32(raw, q->activation.min, q->activation.max);
}

void tflm_mul_s8(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output)
{
#define MUL_S8(i1, i2, o) output[o] = mul_quantized(quant, input1[i1], input2[i2])
    MUL_FOR_EACH(broadcast, MUL_S8);
#undef MUL_S8
}

void tflm_mul_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output)
{
    const float lo = activation->min, hi = activation->max;
#define MUL_F32(i1, i2, o) output[o] = tflm_clamp_f32(input1[i1] * input2[i2], lo, hi)
    MUL_FOR_EACH(broadcast, MUL_F32);
#undef MUL_F32
}

/* ---- Node glue -------------------------------------------------------------- */

enum { MUL_OPTIONS = 21 }; /* BuiltinOptions_MulOptions */

typedef struct mul_op_data {
    tflm_broadcast broadcast;
    tflm_mul_quant quant;
    tflm_activation_f32 activation_f32;
    tflm_mul_s8_fn optimized;       /* NULL: the reference loop */
    void (*optimized_f32)(const tflm_activation_f32 *, const tflm_broadcast *, const float *,
                          const float *, float *); /* a SIMD variant or NULL */
} mul_op_data;

static tflm_status mul_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 2 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 2 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input1 == NULL || input2 == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    const uint8_t type = output->type;
    if (type != TFLM_TYPE_INT8 && type != TFLM_TYPE_FLOAT32) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "output type %s not supported; expected FLOAT32 or INT8",
                         tflm_type_name_of(type));
    }
    if (input1->type != type || input2->type != type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input types %s and %s differ from output type %s",
                         tflm_type_name_of(input1->type), tflm_type_name_of(input2->type),
                         tflm_type_name_of(type));
    }
    mul_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    if (!tflm_broadcast_init(input1->dims->data, input1->dims->size, input2->dims->data,
                             input2->dims->size, output->dims->data, output->dims->size,
                             &data->broadcast)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input shapes do not broadcast to the output shape (at most %d dims)",
                         TFLM_ADD_MAX_DIMS);
    }
    const int activation = tflm_option_int8(ctx, node, MUL_OPTIONS, 0, TFLM_ACTIVATION_NONE);
    if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
        activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "fused activation %d not supported", activation);
    }
    if (type == TFLM_TYPE_INT8) {
        float s1, s2, so;
        int32_t z1, z2, zo;
        if (!tflm_per_tensor_quantization(ctx, input1, &s1, &z1) ||
            !tflm_per_tensor_quantization(ctx, input2, &s2, &z2) ||
            !tflm_per_tensor_quantization(ctx, output, &so, &zo)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "quantized MUL needs scales on all tensors");
        }
        if (!tflm_mul_quant_multiplier(s1, s2, so, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "scales must be finite and positive, and input1 x input2 / output "
                             "below 2^31");
        }
        if (z1 < -128 || z1 > 127 || z2 < -128 || z2 > 127 || zo < -128 || zo > 127) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "zero points must lie in [-128, 127]");
        }
        data->quant.input1_offset = -z1;
        data->quant.input2_offset = -z2;
        data->quant.output_offset = zo;
        tflm_activation_range_quantized(activation, so, zo, INT8_MIN, INT8_MAX,
                                        &data->quant.activation.min, &data->quant.activation.max);
#if TFLM_X86_KERNELS
        data->optimized = tflm_mul_s8_x86_variant(tflm_kernel_isa(ctx));
#endif
    } else {
        tflm_activation_range_float(activation, &data->activation_f32.min, &data->activation_f32.max);
#if TFLM_X86_KERNELS
        data->optimized_f32 = tflm_mul_f32_x86_variant(tflm_kernel_isa(ctx));
#endif
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status mul_invoke(tflm_context *ctx, tflm_node *node)
{
    const mul_op_data *data = node->data;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type == TFLM_TYPE_INT8) {
        if (data->optimized != NULL) {
            data->optimized(&data->quant, &data->broadcast, input1->data, input2->data,
                            output->data);
        } else {
            tflm_mul_s8(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        }
    } else if (data->optimized_f32 != NULL) {
        data->optimized_f32(&data->activation_f32, &data->broadcast, input1->data, input2->data,
                            output->data);
    } else {
        tflm_mul_f32(&data->activation_f32, &data->broadcast, input1->data, input2->data,
                     output->data);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_mul = {
    .builtin_code = TFLM_BUILTIN_MUL,
    .custom_name = NULL,
    .name = "MUL",
    .prepare = mul_prepare,
    .invoke = mul_invoke,
    .output_aliases_input = false,
};
