/*
 * elementwise.c - the unary elementwise math ops, one prepare for all
 * (TFLM's elementwise.cc pattern): ABS, CEIL, COS, EXP, FLOOR, LOG,
 * LOGICAL_NOT, NEG, ROUND, RSQRT, SIGN, SIN, SQRT, SQUARE.
 *
 * Semantics: TFLM's kernels (elementwise.cc, ceil.cc, floor.cc, exp.cc,
 * neg.cc, round.cc) with f32_math.h in place of libm; NEG also takes
 * INT32 and INT64 and SIGN (absent from TFLM) FLOAT32 and INT32, as TF Lite
 * does. ABS on INT8/INT16 and RSQRT on INT8 requantize with TFLM's
 * multipliers and fixed-point inverse square root. EXP, LOG, SQRT on INT8
 * and INT16 and RSQRT on INT16 are TF Lite's (elementwise_tables.h).
 */
#include "elementwise.h"

#include "elementwise_tables.h"

#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "float_bits.h"
#include "lut.h"
#include "lut_s8.h"
#include "quant_util.h"
#include "tflm/ops.h"
#include "unary_common.h"

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
    float input_scale, output_scale; /* SQRT */
    void *table;                /* EXP, LOG, RSQRT INT16: int8_t[256] or int16_t[513] */
    int32_t count;
    bool quantized;             /* ABS INT16 may be unquantized */
} unary_op_data;

/* The types each op takes, as a mask and as the message says them. */
typedef struct unary_types {
    uint32_t mask;
    const char *expected;
} unary_types;

static unary_types types_of(unary_op op)
{
    switch (op) {
    case OP_ABS:
        return (unary_types){TFLM_TYPES_F32_S8_S16, "FLOAT32, INT8 or INT16"};
    case OP_LOGICAL_NOT:
        return (unary_types){(1u << TFLM_TYPE_BOOL), "BOOL"};
    case OP_NEG:
        return (unary_types){(1u << TFLM_TYPE_FLOAT32) | (1u << TFLM_TYPE_INT32) | (1u << TFLM_TYPE_INT64), "FLOAT32, INT32 or INT64"};
    case OP_EXP:
    case OP_LOG:
    case OP_RSQRT:
    case OP_SQRT:
        return (unary_types){TFLM_TYPES_F32_S8_S16, "FLOAT32, INT8 or INT16"};
    case OP_SIGN:
        return (unary_types){(1u << TFLM_TYPE_FLOAT32) | (1u << TFLM_TYPE_INT32), "FLOAT32 or INT32"};
    default:
        return (unary_types){(1u << TFLM_TYPE_FLOAT32), "FLOAT32"};
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
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input and output scales must be positive and finite");
    }
    if (input->type == TFLM_TYPE_INT16 && (q->input_zero_point != 0 || q->output_zero_point != 0)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d and %d",
                         (int)q->input_zero_point, (int)q->output_zero_point);
    }
    q->needs_rescale = in_scale != out_scale;
    q->multiplier = 0;
    q->shift = 0;
    tflm_double real;
    if (op == OP_ABS) {
        if (!q->needs_rescale) {
            return TFLM_OK;
        }
        real = tflm_f64_widen(in_scale / out_scale); /* the quotient in float, as TFLM */
    } else {
        /* 1. / (double)(sqrt(input_scale) * output_scale), the product in float. */
        const tflm_f64 one = tflm_f64_from_float(1.0f);
        real = tflm_f64_to_double(tflm_f64_div(one, tflm_f64_from_float(tflm_sqrtf(in_scale) * out_scale)));
    }
    /* RSQRT applies the multiplier with shift - 20, a right shift of at most 31. */
    if (!tflm_quantize_multiplier(real, &q->multiplier, &q->shift) || (op == OP_RSQRT && q->shift - 20 < -31)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "the scales give a multiplier out of range (2^31 or more, "
                         "or for RSQRT a right shift beyond 31)");
    }
    return TFLM_OK;
}

/* EXP, LOG, SQRT and INT16 RSQRT on integers (TF Lite's prepare): per-tensor
 * scales, zero points 0 on INT16 except for EXP; the table of EXP, LOG and
 * RSQRT. */
static tflm_status prepare_table(tflm_context *ctx, const tflm_tensor *input, const tflm_unary_quant *q,
                                  unary_op op, unary_op_data *data)
{
    const bool s8 = input->type == TFLM_TYPE_INT8;
    if (!s8 && op != OP_EXP && (q->input_zero_point != 0 || q->output_zero_point != 0)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "INT16 zero points must be 0, got %d and %d",
                         (int)q->input_zero_point, (int)q->output_zero_point);
    }
    data->quant.input_zero_point = q->input_zero_point;
    data->quant.output_zero_point = q->output_zero_point;
    data->input_scale = q->input_scale;
    data->output_scale = q->output_scale;
    if (op == OP_SQRT) {
        return TFLM_OK;
    }
    data->table = tflm_alloc_persistent(ctx, s8 ? 256 : TFLM_LUT_S16_SIZE * sizeof(int16_t));
    if (data->table == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    const tflm_table_fn fn = op == OP_EXP ? TFLM_TABLE_EXP : op == OP_LOG ? TFLM_TABLE_LOG : TFLM_TABLE_RSQRT;
    if (s8) {
        tflm_table_s8(fn, q->input_scale, q->input_zero_point, q->output_scale, q->output_zero_point, data->table);
    } else {
        tflm_table_s16(fn, q->input_scale, q->input_zero_point, q->output_scale, q->output_zero_point, data->table);
    }
    return TFLM_OK;
}

static tflm_status unary_prepare(tflm_context *ctx, tflm_node *node, unary_op op)
{
    const unary_types types = types_of(op);
    const tflm_tensor *input, *output;
    /* EXP, LOG, SQRT and RSQRT need scales on INT8 and INT16 (ABS on INT16
     * may be unquantized; the other ops take no quantized types). */
    const bool scaled = op == OP_EXP || op == OP_LOG || op == OP_SQRT || op == OP_RSQRT;
    tflm_unary_quant q;
    const tflm_status status =
        tflm_unary_prepare(ctx, node, types.mask, types.expected, &input, &output, scaled ? &q : NULL);
    if (status != TFLM_OK) {
        return status;
    }
    const int32_t count = tflm_element_count(input);
    unary_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->count = count;
    data->quantized = false;
    data->table = NULL;
    node->data = data;
    const bool integer = input->type == TFLM_TYPE_INT8 || input->type == TFLM_TYPE_INT16;
    if (integer && scaled && (op != OP_RSQRT || input->type == TFLM_TYPE_INT16)) {
        return prepare_table(ctx, input, &q, op, data);
    }
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

/* TF Lite's invoke-time refusal of RSQRT and SQRT below zero. */
static tflm_status negative_input(tflm_context *ctx, const char *op, int32_t x, int32_t zero_point)
{
    return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d is below the zero point %d: %s is only defined for x >= 0",
                     (int)x, (int)zero_point, op);
}

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
        if (d->table != NULL) {
            tflm_lut_s8_apply(d->table, n, in, out);
        } else if (op == OP_SQRT) {
            for (int32_t i = 0; i < n; ++i) {
                if (in[i] < d->quant.input_zero_point) {
                    return negative_input(ctx, "SQRT", in[i], d->quant.input_zero_point);
                }
                ((int8_t *)out)[i] = (int8_t)tflm_sqrt_quantized(d->input_scale, d->quant.input_zero_point,
                                                                 d->output_scale, d->quant.output_zero_point,
                                                                 in[i], INT8_MIN, INT8_MAX);
            }
        } else if (op == OP_RSQRT) {
            for (int32_t i = 0; i < n; ++i) {
                if (in[i] < d->quant.input_zero_point) {
                    return negative_input(ctx, "RSQRT", in[i], d->quant.input_zero_point);
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
    case TFLM_TYPE_INT16: {
        const int16_t *in = input->data;
        if (op == OP_RSQRT || op == OP_SQRT) { /* zero point 0: negative inputs are refused */
            for (int32_t i = 0; i < n; ++i) {
                if (in[i] < 0) {
                    return negative_input(ctx, op == OP_RSQRT ? "RSQRT" : "SQRT", in[i], 0);
                }
            }
        }
        if (d->table != NULL) {
            for (int32_t i = 0; i < n; ++i) {
                ((int16_t *)out)[i] = tflm_lut_lookup_s16(in[i], d->table);
            }
            break;
        }
        if (op == OP_SQRT) {
            for (int32_t i = 0; i < n; ++i) {
                ((int16_t *)out)[i] = (int16_t)tflm_sqrt_quantized(d->input_scale, 0, d->output_scale, 0, in[i],
                                                                   INT16_MIN, INT16_MAX);
            }
            break;
        }
        for (int32_t i = 0; i < n; ++i) { /* ABS */
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

TFLM_UNARY_KERNEL(abs, TFLM_BUILTIN_ABS, "ABS", unary_prepare, unary_invoke, OP_ABS)
TFLM_UNARY_KERNEL(ceil, TFLM_BUILTIN_CEIL, "CEIL", unary_prepare, unary_invoke, OP_CEIL)
TFLM_UNARY_KERNEL(cos, TFLM_BUILTIN_COS, "COS", unary_prepare, unary_invoke, OP_COS)
TFLM_UNARY_KERNEL(exp, TFLM_BUILTIN_EXP, "EXP", unary_prepare, unary_invoke, OP_EXP)
TFLM_UNARY_KERNEL(floor, TFLM_BUILTIN_FLOOR, "FLOOR", unary_prepare, unary_invoke, OP_FLOOR)
TFLM_UNARY_KERNEL(log, TFLM_BUILTIN_LOG, "LOG", unary_prepare, unary_invoke, OP_LOG)
TFLM_UNARY_KERNEL(logical_not, TFLM_BUILTIN_LOGICAL_NOT, "LOGICAL_NOT", unary_prepare, unary_invoke, OP_LOGICAL_NOT)
TFLM_UNARY_KERNEL(neg, TFLM_BUILTIN_NEG, "NEG", unary_prepare, unary_invoke, OP_NEG)
TFLM_UNARY_KERNEL(round, TFLM_BUILTIN_ROUND, "ROUND", unary_prepare, unary_invoke, OP_ROUND)
TFLM_UNARY_KERNEL(rsqrt, TFLM_BUILTIN_RSQRT, "RSQRT", unary_prepare, unary_invoke, OP_RSQRT)
TFLM_UNARY_KERNEL(sign, TFLM_BUILTIN_SIGN, "SIGN", unary_prepare, unary_invoke, OP_SIGN)
TFLM_UNARY_KERNEL(sin, TFLM_BUILTIN_SIN, "SIN", unary_prepare, unary_invoke, OP_SIN)
TFLM_UNARY_KERNEL(sqrt, TFLM_BUILTIN_SQRT, "SQRT", unary_prepare, unary_invoke, OP_SQRT)
TFLM_UNARY_KERNEL(square, TFLM_BUILTIN_SQUARE, "SQUARE", unary_prepare, unary_invoke, OP_SQUARE)
