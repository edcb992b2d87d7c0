/*
 * EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL. Reference
 * semantics: TFLM's comparisons.cc and reference/comparisons.h: a BOOL
 * output of the element-wise comparison with broadcasting. int8 (and
 * GREATER's int16) inputs are first brought to a common scale as TFLM's
 * ComparisonWithScaling does: ((x - zero_point) << 8) times the input's
 * own scale as a Q31 multiplier below 1. Floats compare as C does (a NaN
 * is unequal to everything and neither less nor greater).
 */
#include "binary_common.h"
#include "exact_f64.h"
#include "fixed_point.h"
#include "kernel_util.h"
#include "tflm/ops.h"

/* What one comparison found, as a bit: none (NaN), less, equal, greater. */
enum { ORDER_NONE = 1, ORDER_LESS = 2, ORDER_EQUAL = 4, ORDER_GREATER = 8 };

typedef struct comparison_data {
    tflm_broadcast broadcast;
    uint32_t truth; /* the ORDER_* bits for which the op gives true */
    int32_t offset[2];
    int32_t multiplier[2];
    int32_t shift[2];
} comparison_data;

#define COMPARISON_LEFT_SHIFT 8

static tflm_status comparison_prepare(tflm_context *ctx, tflm_node *node, uint32_t types,
                                      const char *type_names, uint32_t truth)
{
    tflm_binary_node binary;
    tflm_status status = tflm_binary_prepare_inputs(ctx, node, types, type_names, &binary);
    if (status != TFLM_OK) {
        return status;
    }
    if (binary.output->type != TFLM_TYPE_BOOL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output type %s not supported; expected BOOL",
                         tflm_type_name_of(binary.output->type));
    }
    comparison_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->broadcast = binary.broadcast;
    data->truth = truth;
    if (binary.type == TFLM_TYPE_INT8 || binary.type == TFLM_TYPE_INT16) {
        const int32_t limit = binary.type == TFLM_TYPE_INT8 ? 128 : 32768;
        for (int i = 0; i < 2; ++i) {
            /* QuantizeMultiplierSmallerThanOneExp of the scale: TFLM aborts
             * unless 0 < scale < 1 */
            int shift = 1;
            if (binary.quantized[i] && binary.scale[i] > 0.0f && binary.scale[i] < 1.0f) {
                tflm_f64_quantize_multiplier(tflm_f64_from_float(binary.scale[i]),
                                             &data->multiplier[i], &shift);
            }
            if (shift > 0 || binary.zero_point[i] < -limit || binary.zero_point[i] >= limit) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "quantized inputs need a scale in (0, 1) and a zero point of "
                                 "their type; input %d has not",
                                 i + 1);
            }
            data->shift[i] = shift;
            data->offset[i] = -binary.zero_point[i];
        }
    }
    node->data = data;
    return TFLM_OK;
}

static inline uint32_t order_of(int64_t a, int64_t b)
{
    return a < b ? ORDER_LESS : a > b ? ORDER_GREATER : ORDER_EQUAL;
}

static inline uint32_t order_of_f32(float a, float b)
{
    return a < b ? ORDER_LESS : a > b ? ORDER_GREATER : a == b ? ORDER_EQUAL : ORDER_NONE;
}

static inline int32_t rescaled(const comparison_data *d, int i, int32_t x)
{
    return tflm_multiply_by_quantized_multiplier((d->offset[i] + x) * ((int32_t)1 << COMPARISON_LEFT_SHIFT),
                                                 d->multiplier[i], d->shift[i]);
}

/* The loop of one input type, ORDER giving the ORDER_* bit. */
#define COMPARE_LOOP(T, ORDER) TFLM_BINARY_LOOP(bc, T, bool, input1, input2, output, ORDER)
#define COMPARE_INT(i1, i2, o) out_[o] = (truth & order_of(in1_[i1], in2_[i2])) != 0
#define COMPARE_F32(i1, i2, o) out_[o] = (truth & order_of_f32(in1_[i1], in2_[i2])) != 0
#define COMPARE_BOOL(i1, i2, o) out_[o] = (truth & order_of(in1_[i1] != 0, in2_[i2] != 0)) != 0
#define COMPARE_SCALED(i1, i2, o) \
    out_[o] = (truth & order_of(rescaled(data, 0, in1_[i1]), rescaled(data, 1, in2_[i2]))) != 0

static tflm_status comparison_invoke(tflm_context *ctx, tflm_node *node)
{
    const comparison_data *data = node->data;
    const tflm_broadcast *bc = &data->broadcast;
    const uint32_t truth = data->truth;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    switch (input1->type) {
    case TFLM_TYPE_FLOAT32: COMPARE_LOOP(float, COMPARE_F32); break;
    case TFLM_TYPE_INT8: COMPARE_LOOP(int8_t, COMPARE_SCALED); break;
    case TFLM_TYPE_INT16: COMPARE_LOOP(int16_t, COMPARE_SCALED); break;
    case TFLM_TYPE_INT32: COMPARE_LOOP(int32_t, COMPARE_INT); break;
    case TFLM_TYPE_INT64: COMPARE_LOOP(int64_t, COMPARE_INT); break;
    default: COMPARE_LOOP(uint8_t, COMPARE_BOOL); break; /* BOOL, one byte */
    }
    return TFLM_OK;
}

#define ORDERED_TYPES                                                                        \
    (1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT32 | 1u << TFLM_TYPE_INT64)

static tflm_status equal_prepare(tflm_context *ctx, tflm_node *node)
{
    return comparison_prepare(ctx, node, ORDERED_TYPES | 1u << TFLM_TYPE_BOOL,
                              "BOOL, FLOAT32, INT8, INT32 or INT64", ORDER_EQUAL);
}

static tflm_status not_equal_prepare(tflm_context *ctx, tflm_node *node)
{
    return comparison_prepare(ctx, node, ORDERED_TYPES | 1u << TFLM_TYPE_BOOL,
                              "BOOL, FLOAT32, INT8, INT32 or INT64",
                              ORDER_NONE | ORDER_LESS | ORDER_GREATER);
}

static tflm_status greater_prepare(tflm_context *ctx, tflm_node *node)
{
    return comparison_prepare(ctx, node, ORDERED_TYPES | 1u << TFLM_TYPE_INT16,
                              "FLOAT32, INT8, INT16, INT32 or INT64", ORDER_GREATER);
}

static tflm_status greater_equal_prepare(tflm_context *ctx, tflm_node *node)
{
    return comparison_prepare(ctx, node, ORDERED_TYPES, "FLOAT32, INT8, INT32 or INT64",
                              ORDER_GREATER | ORDER_EQUAL);
}

static tflm_status less_prepare(tflm_context *ctx, tflm_node *node)
{
    return comparison_prepare(ctx, node, ORDERED_TYPES, "FLOAT32, INT8, INT32 or INT64", ORDER_LESS);
}

static tflm_status less_equal_prepare(tflm_context *ctx, tflm_node *node)
{
    return comparison_prepare(ctx, node, ORDERED_TYPES, "FLOAT32, INT8, INT32 or INT64",
                              ORDER_LESS | ORDER_EQUAL);
}

#define COMPARISON_KERNEL(op, OP)                                                            \
    const tflm_kernel tflm_op_##op = {                                                       \
        .builtin_code = TFLM_BUILTIN_##OP,                                                   \
        .custom_name = NULL,                                                                 \
        .name = #OP,                                                                         \
        .prepare = op##_prepare,                                                             \
        .invoke = comparison_invoke,                                                         \
        .output_aliases_input = false,                                                       \
    }

COMPARISON_KERNEL(equal, EQUAL);
COMPARISON_KERNEL(not_equal, NOT_EQUAL);
COMPARISON_KERNEL(greater, GREATER);
COMPARISON_KERNEL(greater_equal, GREATER_EQUAL);
COMPARISON_KERNEL(less, LESS);
COMPARISON_KERNEL(less_equal, LESS_EQUAL);
