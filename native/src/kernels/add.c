#include "add.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "quant_util.h"
#include "tflm/ops.h"
#if TFLM_X86_KERNELS
#include "x86/x86_kernels.h"
#endif

/* ---- Broadcasting ------------------------------------------------------- */

bool tflm_broadcast_init(const int32_t *shape1, int32_t rank1, const int32_t *shape2, int32_t rank2,
                         const int32_t *out, int32_t rank_out, tflm_broadcast *broadcast)
{
    const int n = TFLM_ADD_MAX_DIMS;
    if (rank1 > n || rank2 > n || rank_out > n || rank1 < 0 || rank2 < 0 || rank_out < 0) {
        return false;
    }
    int32_t d1[TFLM_ADD_MAX_DIMS], d2[TFLM_ADD_MAX_DIMS], d_out[TFLM_ADD_MAX_DIMS];
    for (int i = 0; i < n; ++i) {
        d1[i] = i < n - rank1 ? 1 : shape1[i - (n - rank1)];
        d2[i] = i < n - rank2 ? 1 : shape2[i - (n - rank2)];
        d_out[i] = i < n - rank_out ? 1 : out[i - (n - rank_out)];
    }
    bool same = true;
    for (int i = 0; i < n; ++i) {
        const int32_t expected = d1[i] == 1 ? d2[i] : d1[i];
        if ((d1[i] != 1 && d2[i] != 1 && d1[i] != d2[i]) || d_out[i] != expected) {
            return false;
        }
        same = same && d1[i] == d2[i];
    }
    if (same) { /* no broadcast: one flat run */
        int32_t count = 1;
        for (int i = 0; i < n; ++i) {
            count *= d_out[i];
            broadcast->dims[i] = 1;
            broadcast->stride1[i] = 0;
            broadcast->stride2[i] = 0;
        }
        broadcast->dims[n - 1] = count;
        broadcast->stride1[n - 1] = 1;
        broadcast->stride2[n - 1] = 1;
        return true;
    }
    int32_t s1 = 1, s2 = 1;
    for (int i = n - 1; i >= 0; --i) {
        broadcast->dims[i] = d_out[i];
        broadcast->stride1[i] = d1[i] == 1 ? 0 : s1;
        broadcast->stride2[i] = d2[i] == 1 ? 0 : s2;
        s1 *= d1[i];
        s2 *= d2[i];
    }
    return true;
}

/* Runs ELEMENT(i1, i2, o) over every output element in row-major order,
 * i1 and i2 being the matching element indices of the two inputs. */
#define TFLM_BROADCAST_FOR_EACH(bc, ELEMENT)                                              \
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

/* ---- Prepare-time arithmetic (double, as TFLM) ------------------------- */

static bool finite_nonzero(float x)
{
    return x != 0.0f && x <= 3.402823466e+38f && x >= -3.402823466e+38f; /* NaN fails */
}

static bool quantize_multiplier_smaller_than_one(tflm_f64 real, int32_t *multiplier, int32_t *shift)
{
    if (real.mantissa == 0 || tflm_f64_compare(real, tflm_f64_from_double(1.0)) >= 0) {
        return false;
    }
    int s;
    tflm_f64_quantize_multiplier(real, multiplier, &s);
    *shift = s;
    return s <= 0;
}

bool tflm_add_quant_multipliers(float input1_scale, float input2_scale, float output_scale,
                                int32_t left_shift, tflm_add_quant *quant)
{
    /* In double as TFLM, done exactly in integers (exact_f64.h) on the
     * magnitudes. TFLM's double quotients are positive and finite only when
     * every scale is finite, nonzero and of the larger input scale's sign. */
    const float max_input_scale = input1_scale > input2_scale ? input1_scale : input2_scale;
    const bool negative = max_input_scale < 0.0f;
    if (!finite_nonzero(input1_scale) || !finite_nonzero(input2_scale) ||
        !finite_nonzero(output_scale) || (input1_scale < 0.0f) != negative ||
        (input2_scale < 0.0f) != negative || (output_scale < 0.0f) != negative) {
        return false;
    }
    const tflm_f64 twice_max_input_scale = tflm_f64_ldexp(tflm_f64_from_float(max_input_scale), 1);
    const tflm_f64 real_input1_multiplier =
        tflm_f64_div(tflm_f64_from_float(input1_scale), twice_max_input_scale);
    const tflm_f64 real_input2_multiplier =
        tflm_f64_div(tflm_f64_from_float(input2_scale), twice_max_input_scale);
    const tflm_f64 real_output_multiplier = tflm_f64_div(
        twice_max_input_scale, tflm_f64_ldexp(tflm_f64_from_float(output_scale), left_shift));
    quant->left_shift = left_shift;
    return quantize_multiplier_smaller_than_one(real_input1_multiplier, &quant->input1_multiplier,
                                                &quant->input1_shift) &&
           quantize_multiplier_smaller_than_one(real_input2_multiplier, &quant->input2_multiplier,
                                                &quant->input2_shift) &&
           quantize_multiplier_smaller_than_one(real_output_multiplier, &quant->output_multiplier,
                                                &quant->output_shift);
}

/* ---- Pure compute -------------------------------------------------------- */

static inline int32_t add_quantized(const tflm_add_quant *q, int32_t x1, int32_t x2)
{
    const int32_t shifted1 = (int32_t)((uint32_t)(q->input1_offset + x1) << q->left_shift);
    const int32_t shifted2 = (int32_t)((uint32_t)(q->input2_offset + x2) << q->left_shift);
    const int32_t scaled1 =
        tflm_multiply_by_quantized_multiplier(shifted1, q->input1_multiplier, q->input1_shift);
    const int32_t scaled2 =
        tflm_multiply_by_quantized_multiplier(shifted2, q->input2_multiplier, q->input2_shift);
    const int32_t raw_output =
        tflm_multiply_by_quantized_multiplier(scaled1 + scaled2, q->output_multiplier, q->output_shift) +
        q->output_offset;
    return tflm_clamp_s32(raw_output, q->activation.min, q->activation.max);
}

void tflm_add_s8(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                 const int8_t *input1, const int8_t *input2, int8_t *output)
{
#define ADD_S8(i1, i2, o) output[o] = (int8_t)add_quantized(quant, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_S8);
#undef ADD_S8
}

void tflm_add_s16(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                  const int16_t *input1, const int16_t *input2, int16_t *output)
{
#define ADD_S16(i1, i2, o) output[o] = (int16_t)add_quantized(quant, input1[i1], input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_S16);
#undef ADD_S16
}

void tflm_add_f32(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                  const float *input1, const float *input2, float *output)
{
    const float lo = activation->min, hi = activation->max;
#define ADD_F32(i1, i2, o) output[o] = tflm_clamp_f32(input1[i1] + input2[i2], lo, hi)
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_F32);
#undef ADD_F32
}

void tflm_add_s32(const tflm_broadcast *broadcast, const int32_t *input1, const int32_t *input2,
                  int32_t *output)
{
#define ADD_S32(i1, i2, o) output[o] = (int32_t)((uint32_t)input1[i1] + (uint32_t)input2[i2])
    TFLM_BROADCAST_FOR_EACH(broadcast, ADD_S32);
#undef ADD_S32
}

/* ---- Node glue -------------------------------------------------------------- */

enum { ADD_OPTIONS = 11 }; /* BuiltinOptions_AddOptions */

typedef struct add_op_data {
    tflm_broadcast broadcast;
    tflm_add_quant quant;
    tflm_activation_f32 activation_f32;
    void (*optimized_s8)(const tflm_add_quant *, const tflm_broadcast *, const int8_t *,
                         const int8_t *, int8_t *); /* a SIMD variant or NULL */
    void (*optimized_f32)(const tflm_activation_f32 *, const tflm_broadcast *, const float *,
                          const float *, float *); /* a SIMD variant or NULL */
} add_op_data;

static tflm_status add_prepare(tflm_context *ctx, tflm_node *node)
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
    if (type != TFLM_TYPE_INT8 && type != TFLM_TYPE_INT16 && type != TFLM_TYPE_FLOAT32 &&
        type != TFLM_TYPE_INT32) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "output type %s not supported; expected FLOAT32, INT8, INT16 or INT32",
                         tflm_type_name_of(type));
    }
    if (input1->type != type || input2->type != type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input types %s and %s differ from output type %s",
                         tflm_type_name_of(input1->type), tflm_type_name_of(input2->type),
                         tflm_type_name_of(type));
    }
    add_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
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
    const int activation = tflm_option_int8(ctx, node, ADD_OPTIONS, 0, TFLM_ACTIVATION_NONE);
    if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
        activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "fused activation %d not supported", activation);
    }

    if (type == TFLM_TYPE_INT8 || type == TFLM_TYPE_INT16) {
        float s1, s2, so;
        int32_t z1, z2, zo;
        if (!tflm_per_tensor_quantization(ctx, input1, &s1, &z1) ||
            !tflm_per_tensor_quantization(ctx, input2, &s2, &z2) ||
            !tflm_per_tensor_quantization(ctx, output, &so, &zo)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "quantized ADD needs scales on all tensors");
        }
        const int32_t left_shift = type == TFLM_TYPE_INT16 ? 15 : 20;
        if (!tflm_add_quant_multipliers(s1, s2, so, left_shift, &data->quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "output scale too small for the input scales (multiplier not below 1)");
        }
        data->quant.input1_offset = -z1;
        data->quant.input2_offset = -z2;
        data->quant.output_offset = zo;
        const int32_t type_min = type == TFLM_TYPE_INT16 ? INT16_MIN : INT8_MIN;
        const int32_t type_max = type == TFLM_TYPE_INT16 ? INT16_MAX : INT8_MAX;
        tflm_activation_range_quantized(activation, so, zo, type_min, type_max,
                                        &data->quant.activation.min, &data->quant.activation.max);
#if TFLM_X86_KERNELS
        if (type == TFLM_TYPE_INT8) {
            data->optimized_s8 = tflm_add_s8_x86_variant(tflm_kernel_isa(ctx));
        }
#endif
    } else if (type == TFLM_TYPE_FLOAT32) {
        tflm_activation_range_float(activation, &data->activation_f32.min, &data->activation_f32.max);
#if TFLM_X86_KERNELS
        data->optimized_f32 = tflm_add_f32_x86_variant(tflm_kernel_isa(ctx));
#endif
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status add_invoke(tflm_context *ctx, tflm_node *node)
{
    const add_op_data *data = node->data;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (output->type) {
    case TFLM_TYPE_INT8:
        if (data->optimized_s8 != NULL) {
            data->optimized_s8(&data->quant, &data->broadcast, input1->data, input2->data,
                               output->data);
            break;
        }
        tflm_add_s8(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        break;
    case TFLM_TYPE_INT16:
        tflm_add_s16(&data->quant, &data->broadcast, input1->data, input2->data, output->data);
        break;
    case TFLM_TYPE_FLOAT32:
        if (data->optimized_f32 != NULL) {
            data->optimized_f32(&data->activation_f32, &data->broadcast, input1->data,
                                input2->data, output->data);
            break;
        }
        tflm_add_f32(&data->activation_f32, &data->broadcast, input1->data, input2->data, output->data);
        break;
    default:
        tflm_add_s32(&data->broadcast, input1->data, input2->data, output->data);
        break;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_add = {
    .builtin_code = TFLM_BUILTIN_ADD,
    .custom_name = NULL,
    .name = "ADD",
    .prepare = add_prepare,
    .invoke = add_invoke,
    .output_aliases_input = false,
};
