/*
 * elementwise.c - the unary elementwise math ops, one prepare for all
 * (TFLM's elementwise.cc pattern): ABS, CEIL, COS, EXP, FLOOR, LOG,
 * LOGICAL_NOT, NEG, ROUND, RSQRT, SIGN, SIN, SQRT, SQUARE.
 *
 * Semantics: TFLM's kernels (elementwise.cc, ceil.cc, floor.cc, exp.cc,
 * neg.cc, round.cc) with f32_math.h in place of libm; NEG also takes
 * INT32 and INT64 and SIGN (absent from TFLM) FLOAT32 and INT32, as TF Lite
 * does. ABS on INT8/INT16 and RSQRT on INT8 requantize with TFLM's
 * multipliers and fixed-point inverse square root.
 */
#include "elementwise.h"

#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "float_bits.h"
#include "quant_util.h"
#include "tflm/ops.h"

/* ---- Pure compute -------------------------------------------------------- */

/* TF Lite's RoundToNearest: floor, then up when the fraction is above 1/2
 * or exactly 1/2 with an odd floor. Half to even, except that a negative x
 * rounding to zero gives +0 (floor - 1 + 1). */
float tflm_round_half_even_tflm(float x)
{
    const float floor_value = tflm_floorf(x);
    const float diff = x - floor_value;
    if (diff < 0.5f || (diff == 0.5f && tflm_fmodf(floor_value, 2.0f) == 0.0f)) {
        return floor_value;
    }
    return floor_value + 1.0f;
}

float tflm_sign_f32(float x)
{
    return (float)((x > 0.0f) - (x < 0.0f)); /* NaN gives 0, as TF Lite */
}

int32_t tflm_abs_quantized(const tflm_abs_rsqrt_quant *q, int32_t x, int32_t lo, int32_t hi)
{
    const int32_t diff = x - q->input_zero_point;
    const int32_t value = diff < 0 ? -diff : diff;
    const int32_t out = q->needs_rescale
                            ? tflm_multiply_by_quantized_multiplier(value, q->multiplier, q->shift)
                                  + q->output_zero_point
                            : value + q->output_zero_point;
    return out < lo ? lo : (out > hi ? hi : out);
}

int32_t tflm_rsqrt_quantized(const tflm_abs_rsqrt_quant *q, int32_t x, int32_t lo, int32_t hi)
{
    const int32_t value = x - q->input_zero_point; /* >= 0: the caller checks */
    if (value == 0) {
        return hi;
    }
    int32_t inv_multiplier;
    int inv_shift;
    tflm_fp_inv_sqrt_multiplier(value, &inv_multiplier, &inv_shift);
    /* 1/sqrt(value) in Q20, then scaled by 1 / (sqrt(input_scale) output_scale). */
    const int k_shift = 20;
    const int32_t data = tflm_multiply_by_quantized_multiplier(1, inv_multiplier, inv_shift + k_shift);
    const int32_t out = tflm_multiply_by_quantized_multiplier(data, q->multiplier, q->shift - k_shift)
                        + q->output_zero_point;
    return out < lo ? lo : (out > hi ? hi : out);
}

/* ---- Node glue -------------------------------------------------------------- */

typedef enum unary_op {
    OP_ABS, OP_CEIL, OP_COS, OP_EXP, OP_FLOOR, OP_LOG, OP_LOGICAL_NOT, OP_NEG,
    OP_ROUND, OP_RSQRT, OP_SIGN, OP_SIN, OP_SQRT, OP_SQUARE
} unary_op;

typedef struct unary_op_data {
    tflm_abs_rsqrt_quant quant; /* ABS and RSQRT on quantized integers */
    int32_t count;
    bool quantized;             /* ABS INT16 may be unquantized */
} unary_op_data;

/* The types each op takes, as a list and as the message says them. */
typedef struct unary_types {
    uint8_t types[3];
    uint8_t type_count;
    const char *expected;
} unary_types;

static unary_types types_of(unary_op op)
{
    switch (op) {
    case OP_ABS:
        return (unary_types){{TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, TFLM_TYPE_INT16}, 3, "FLOAT32, INT8 or INT16"};
    case OP_LOGICAL_NOT:
        return (unary_types){{TFLM_TYPE_BOOL}, 1, "BOOL"};
    case OP_NEG:
        return (unary_types){{TFLM_TYPE_FLOAT32, TFLM_TYPE_INT32, TFLM_TYPE_INT64}, 3, "FLOAT32, INT32 or INT64"};
    case OP_RSQRT:
        return (unary_types){{TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8}, 2, "FLOAT32 or INT8"};
    case OP_SIGN:
        return (unary_types){{TFLM_TYPE_FLOAT32, TFLM_TYPE_INT32}, 2, "FLOAT32 or INT32"};
    default:
        return (unary_types){{TFLM_TYPE_FLOAT32}, 1, "FLOAT32"};
    }
}

/* Scales and zero points of a quantized ABS or RSQRT (TFLM's PrepareAbsRsqrt). */
static tflm_status prepare_quant(tflm_context *ctx, const tflm_tensor *input, const tflm_tensor *output,
                                 unary_op op, tflm_abs_rsqrt_quant *q)
{
    float in_scale, out_scale;
    if (!tflm_per_tensor_quantization(ctx, input, &in_scale, &q->input_zero_point) ||
        !tflm_per_tensor_quantization(ctx, output, &out_scale, &q->output_zero_point)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s input and output need quantization scales",
                         tflm_type_name_of(input->type));
    }
    if (!(in_scale > 0.0f && out_scale > 0.0f) || in_scale > 3.4e38f || out_scale > 3.4e38f) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "scales must be positive and finite, got %g and %g",
                         (double)in_scale, (double)out_scale);
    }
    if (input->type == TFLM_TYPE_INT16 && (q->input_zero_point != 0 || q->output_zero_point != 0)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d and %d",
                         (int)q->input_zero_point, (int)q->output_zero_point);
    }
    q->needs_rescale = in_scale != out_scale;
    q->multiplier = 0;
    q->shift = 0;
    double real;
    if (op == OP_ABS) {
        if (!q->needs_rescale) {
            return TFLM_OK;
        }
        real = tflm_f64_widen(in_scale / out_scale); /* the quotient in float, as TFLM */
    } else {
        /* 1. / (double)(sqrt(input_scale) * output_scale), the product in float. */
        const tflm_f64 one = tflm_f64_from_double(1.0);
        real = tflm_f64_to_double(tflm_f64_div(one, tflm_f64_from_float(tflm_sqrtf(in_scale) * out_scale)));
    }
    /* RSQRT applies the multiplier with shift - 20, a right shift of at most 31. */
    if (!tflm_quantize_multiplier(real, &q->multiplier, &q->shift) || (op == OP_RSQRT && q->shift - 20 < -31)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "scales give a multiplier out of range (input %g, output %g)",
                         (double)in_scale, (double)out_scale);
    }
    return TFLM_OK;
}

static tflm_status unary_prepare(tflm_context *ctx, tflm_node *node, unary_op op)
{
    if (node->inputs->size != 1 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    const unary_types types = types_of(op);
    bool supported = false;
    for (int i = 0; i < types.type_count; ++i) {
        supported = supported || input->type == types.types[i];
    }
    if (!supported) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected %s",
                         tflm_type_name_of(input->type), types.expected);
    }
    if (output->type != input->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s differs from input type %s",
                         tflm_type_name_of(output->type), tflm_type_name_of(input->type));
    }
    const int32_t count = tflm_element_count(input);
    if (tflm_element_count(output) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(output), (int)count);
    }
    unary_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    data->quantized = false;
    if ((op == OP_ABS || op == OP_RSQRT) && input->type != TFLM_TYPE_FLOAT32) {
        float scale;
        int32_t zero_point;
        /* ABS on INT16 without quantization is a plain abs (TFLM). */
        data->quantized = input->type == TFLM_TYPE_INT8 ||
                          tflm_per_tensor_quantization(ctx, input, &scale, &zero_point);
        if (data->quantized) {
            const tflm_status status = prepare_quant(ctx, input, output, op, &data->quant);
            if (status != TFLM_OK) {
                return status;
            }
        }
    }
    node->data = data;
    return TFLM_OK;
}

static float f32_abs(float x)
{
    return tflm_float_from_bits(tflm_float_bits(x) & 0x7fffffffu);
}

static float f32_neg(float x)
{
    return -x;
}

static float f32_square(float x)
{
    return x * x;
}

static void map_f32(float (*fn)(float), int32_t count, const float *in, float *out)
{
    for (int32_t i = 0; i < count; ++i) {
        out[i] = fn(in[i]);
    }
}

static float (*const F32_FUNCTIONS[])(float) = {
    [OP_ABS] = f32_abs,         [OP_CEIL] = tflm_ceilf,  [OP_COS] = tflm_cosf,
    [OP_EXP] = tflm_expf,       [OP_FLOOR] = tflm_floorf, [OP_LOG] = tflm_logf,
    [OP_NEG] = f32_neg,         [OP_ROUND] = tflm_round_half_even_tflm,
    [OP_RSQRT] = tflm_rsqrtf,   [OP_SIGN] = tflm_sign_f32, [OP_SIN] = tflm_sinf,
    [OP_SQRT] = tflm_sqrtf,     [OP_SQUARE] = f32_square,
};

static tflm_status unary_invoke(tflm_context *ctx, tflm_node *node, unary_op op)
{
    const unary_op_data *d = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    void *out = tflm_output(ctx, node, 0)->data;
    const int32_t n = d->count;
    switch (input->type) {
    case TFLM_TYPE_FLOAT32:
        map_f32(F32_FUNCTIONS[op], n, input->data, out);
        break;
    case TFLM_TYPE_BOOL: { /* LOGICAL_NOT */
        const bool *in = input->data;
        for (int32_t i = 0; i < n; ++i) {
            ((bool *)out)[i] = !in[i];
        }
        break;
    }
    case TFLM_TYPE_INT8: {
        const int8_t *in = input->data;
        if (op == OP_RSQRT) {
            for (int32_t i = 0; i < n; ++i) {
                if (in[i] < d->quant.input_zero_point) {
                    return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                     "input %d is below the zero point %d: RSQRT is only defined for x >= 0",
                                     (int)in[i], (int)d->quant.input_zero_point);
                }
                ((int8_t *)out)[i] = (int8_t)tflm_rsqrt_quantized(&d->quant, in[i], INT8_MIN, INT8_MAX);
            }
        } else {
            for (int32_t i = 0; i < n; ++i) {
                ((int8_t *)out)[i] = (int8_t)tflm_abs_quantized(&d->quant, in[i], INT8_MIN, INT8_MAX);
            }
        }
        break;
    }
    case TFLM_TYPE_INT16: { /* ABS */
        const int16_t *in = input->data;
        for (int32_t i = 0; i < n; ++i) {
            const int32_t v = in[i];
            /* Unquantized: std::abs of int16 returns int, stored back (wraps at -32768). */
            ((int16_t *)out)[i] = d->quantized ? (int16_t)tflm_abs_quantized(&d->quant, v, INT16_MIN, INT16_MAX)
                                               : (int16_t)(uint16_t)(v < 0 ? -v : v);
        }
        break;
    }
    case TFLM_TYPE_INT32: {
        const int32_t *in = input->data;
        for (int32_t i = 0; i < n; ++i) {
            ((int32_t *)out)[i] = op == OP_NEG ? (int32_t)(0u - (uint32_t)in[i]) /* wraps at INT32_MIN */
                                               : (in[i] > 0) - (in[i] < 0);
        }
        break;
    }
    default: { /* INT64, NEG */
        const int64_t *in = input->data;
        for (int32_t i = 0; i < n; ++i) {
            ((int64_t *)out)[i] = (int64_t)(0u - (uint64_t)in[i]);
        }
        break;
    }
    }
    return TFLM_OK;
}

#define TFLM_DEFINE_UNARY(NAME, OP, BUILTIN, TEXT)                                            \
    static tflm_status NAME##_prepare(tflm_context *ctx, tflm_node *node)                   \
    {                                                                                       \
        return unary_prepare(ctx, node, OP);                                                \
    }                                                                                       \
    static tflm_status NAME##_invoke(tflm_context *ctx, tflm_node *node)                    \
    {                                                                                       \
        return unary_invoke(ctx, node, OP);                                                 \
    }                                                                                       \
    const tflm_kernel tflm_op_##NAME = {                                                    \
        .builtin_code = BUILTIN,                                                            \
        .custom_name = NULL,                                                                \
        .name = TEXT,                                                                       \
        .prepare = NAME##_prepare,                                                          \
        .invoke = NAME##_invoke,                                                            \
        .output_aliases_input = false,                                                      \
    };

TFLM_DEFINE_UNARY(abs, OP_ABS, TFLM_BUILTIN_ABS, "ABS")
TFLM_DEFINE_UNARY(ceil, OP_CEIL, TFLM_BUILTIN_CEIL, "CEIL")
TFLM_DEFINE_UNARY(cos, OP_COS, TFLM_BUILTIN_COS, "COS")
TFLM_DEFINE_UNARY(exp, OP_EXP, TFLM_BUILTIN_EXP, "EXP")
TFLM_DEFINE_UNARY(floor, OP_FLOOR, TFLM_BUILTIN_FLOOR, "FLOOR")
TFLM_DEFINE_UNARY(log, OP_LOG, TFLM_BUILTIN_LOG, "LOG")
TFLM_DEFINE_UNARY(logical_not, OP_LOGICAL_NOT, TFLM_BUILTIN_LOGICAL_NOT, "LOGICAL_NOT")
TFLM_DEFINE_UNARY(neg, OP_NEG, TFLM_BUILTIN_NEG, "NEG")
TFLM_DEFINE_UNARY(round, OP_ROUND, TFLM_BUILTIN_ROUND, "ROUND")
TFLM_DEFINE_UNARY(rsqrt, OP_RSQRT, TFLM_BUILTIN_RSQRT, "RSQRT")
TFLM_DEFINE_UNARY(sign, OP_SIGN, TFLM_BUILTIN_SIGN, "SIGN")
TFLM_DEFINE_UNARY(sin, OP_SIN, TFLM_BUILTIN_SIN, "SIN")
TFLM_DEFINE_UNARY(sqrt, OP_SQRT, TFLM_BUILTIN_SQRT, "SQRT")
TFLM_DEFINE_UNARY(square, OP_SQUARE, TFLM_BUILTIN_SQUARE, "SQUARE")
