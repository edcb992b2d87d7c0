/*
 * MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, REDUCE_ALL and REDUCE_ANY:
 * a tensor reduced over the axes its second input lists. Reference
 * semantics: TFLM's reduce.cc / reduce_common.cc over TF Lite's
 * reference/reduce.h (ResolveAxis, ReduceGeneric, Mean, QuantizedMeanOrSum).
 * TFLM lacks REDUCE_PROD and REDUCE_ANY, and REDUCE_MAX/MIN on int16: those
 * follow TF Lite's reduce.cc (EvalGeneric).
 *
 * Every output element is reduced over its input elements in the input's
 * row-major order, the order TF Lite's Reduce walks them in, so float sums
 * round as TFLM's do. Quantized MEAN and SUM take TFLM's one path for every
 * shape (QuantizedMeanOrSum: int32 sums, then the input/output rescale with
 * the 1/n of the mean folded into its multiplier); the 4-D height-width path
 * of TF Lite's reference_integer_ops::Mean is gone from TFLM, and its float
 * 4-D path adds in the same order as the general one.
 *
 * Quantized REDUCE_PROD (int8, int16 with zero points 0) is TF Lite's
 * QuantizedReduceProd: each output starts from its first element minus the
 * zero point; every further element multiplies in (int64) and rescales by
 * input_scale / output_scale^(1/n), n the elements per output, so that n
 * rescales give input_scale^n / output_scale; the last one comes with the
 * output zero point. An int8 or int16 input without quantization
 * multiplies in its own type (wrapping), as TF Lite's EvalGeneric does.
 */
#include <string.h>

#include "exact_f64.h"
#include "fixed_point.h"
#include "fixed_point_math.h"
#include "float_bits.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "quant_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Shape ------------------------------------------------------------------ */

/* The input's dims with, for each, the output stride of its index (0 along
 * a reduced axis). */
typedef struct reduce_shape {
    int32_t rank;
    int32_t dims[TFLM_MAX_DIMS];
    int32_t out_stride[TFLM_MAX_DIMS];
    int32_t reduced_count; /* input elements per output element */
} reduce_shape;

/* Input position as a multi-index and the output element it falls on. */
typedef struct reduce_iter {
    int32_t index[TFLM_MAX_DIMS];
    size_t out;
} reduce_iter;

static inline void reduce_iter_next(const reduce_shape *s, reduce_iter *it)
{
    for (int32_t d = s->rank - 1; d >= 0; --d) {
        if (++it->index[d] < s->dims[d]) {
            it->out += (size_t)s->out_stride[d];
            return;
        }
        it->index[d] = 0;
        it->out -= (size_t)s->out_stride[d] * (size_t)(s->dims[d] - 1);
    }
}

/* Resolves the axes (negative ones count from the end, duplicates count
 * once, TF Lite's ResolveAxis) and checks the output's shape: the input's
 * with the reduced axes 1 (keep_dims) or left out. A scalar input ignores
 * the axes, as TF Lite does. */
static tflm_status reduce_resolve(tflm_context *ctx, const tflm_tensor *input,
                                  const tflm_tensor *axis, bool keep_dims,
                                  const tflm_tensor *output, reduce_shape *s)
{
    const int32_t rank = input->dims->size;
    const int32_t *axes = axis->data;
    const int32_t axis_count = tflm_element_count(axis);
    uint32_t mask = 0;
    for (int32_t i = 0; rank > 0 && i < axis_count; ++i) {
        const int32_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
        if (a < 0 || a >= rank) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "axis %d out of range for an input of %d dimensions; expected "
                             "-%d to %d", (int)axes[i], (int)rank, (int)rank, (int)rank - 1);
        }
        mask |= 1u << a;
    }
    int32_t expected[TFLM_MAX_DIMS];
    int32_t out_rank = 0;
    s->rank = rank;
    s->reduced_count = 1;
    for (int32_t d = 0; d < rank; ++d) {
        s->dims[d] = input->dims->data[d];
        if (mask & (1u << d)) {
            s->reduced_count *= s->dims[d];
            if (keep_dims) {
                expected[out_rank++] = 1;
            }
        } else {
            expected[out_rank++] = s->dims[d];
        }
    }
    bool same = output->dims->size == out_rank;
    for (int32_t d = 0; same && d < out_rank; ++d) {
        same = output->dims->data[d] == expected[d];
    }
    if (!same) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output has %d dimensions (first %d); the reduced input gives %d "
                         "(first %d)", (int)output->dims->size,
                         (int)(output->dims->size > 0 ? output->dims->data[0] : 1), (int)out_rank,
                         (int)(out_rank > 0 ? expected[0] : 1));
    }
    int32_t stride = 1;
    for (int32_t d = rank - 1; d >= 0; --d) {
        s->out_stride[d] = (mask & (1u << d)) ? 0 : stride;
        stride *= (mask & (1u << d)) ? 1 : s->dims[d];
    }
    return TFLM_OK;
}

/* ---- Compute ------------------------------------------------------------------ */

typedef enum reduce_kind {
    REDUCE_KIND_MEAN,
    REDUCE_KIND_SUM,
    REDUCE_KIND_MAX,
    REDUCE_KIND_MIN,
    REDUCE_KIND_PROD,
    REDUCE_KIND_ALL,
    REDUCE_KIND_ANY,
} reduce_kind;

/* One walk for every (kind, type): inlined into each caller with both as
 * constants (TFLM_SPECIALIZED). The accumulator of quantized MEAN and SUM
 * is an int32 array (acc), else the output. */

TFLM_SPECIALIZED void reduce_walk(reduce_kind kind, tflm_type type, const reduce_shape *s,
                                    int32_t count, const void *input, void *acc)
{
    reduce_iter it = {{0}, 0};
    for (int32_t i = 0; i < count; ++i, reduce_iter_next(s, &it)) {
        const size_t o = it.out;
        switch (type) {
        case TFLM_TYPE_FLOAT32: {
            const float in = ((const float *)input)[i];
            float *out = (float *)acc + o;
            if (kind == REDUCE_KIND_MAX) {
                *out = in > *out ? in : *out;
            } else if (kind == REDUCE_KIND_MIN) {
                *out = in < *out ? in : *out;
            } else if (kind == REDUCE_KIND_PROD) {
                *out = in * *out;
            } else {
                *out = in + *out;
            }
            break;
        }
        case TFLM_TYPE_INT8:
        case TFLM_TYPE_INT16: {
            const int32_t in = type == TFLM_TYPE_INT8 ? ((const int8_t *)input)[i]
                                                      : ((const int16_t *)input)[i];
            if (kind == REDUCE_KIND_MEAN || kind == REDUCE_KIND_SUM) {
                /* int32 sums wrap (AddTensorValuesWithExpectedOverflow) */
                int32_t *sum = (int32_t *)acc + o;
                *sum = (int32_t)((uint32_t)*sum + (uint32_t)in);
            } else if (type == TFLM_TYPE_INT8) { /* PROD truncates to the type */
                int8_t *out = (int8_t *)acc + o;
                *out = (int8_t)(kind == REDUCE_KIND_PROD  ? in * *out
                                : kind == REDUCE_KIND_MAX ? (in > *out ? in : *out)
                                                          : (in < *out ? in : *out));
            } else {
                int16_t *out = (int16_t *)acc + o;
                *out = (int16_t)(kind == REDUCE_KIND_PROD  ? in * *out
                                 : kind == REDUCE_KIND_MAX ? (in > *out ? in : *out)
                                                           : (in < *out ? in : *out));
            }
            break;
        }
        case TFLM_TYPE_INT32: { /* PROD: wraps like TF Lite's int */
            int32_t *out = (int32_t *)acc + o;
            *out = (int32_t)((uint32_t)((const int32_t *)input)[i] * (uint32_t)*out);
            break;
        }
        case TFLM_TYPE_INT64: {
            int64_t *out = (int64_t *)acc + o;
            *out = (int64_t)((uint64_t)((const int64_t *)input)[i] * (uint64_t)*out);
            break;
        }
        default: { /* BOOL */
            const bool in = ((const uint8_t *)input)[i] != 0;
            uint8_t *out = (uint8_t *)acc + o;
            *out = (uint8_t)(kind == REDUCE_KIND_ALL ? (in && *out) : (in || *out));
            break;
        }
        }
    }
}

/* Fills the output with the reduction's initial value (ReduceGeneric). */
static void reduce_init(reduce_kind kind, tflm_type type, int32_t count, void *output)
{
    for (int32_t i = 0; i < count; ++i) {
        switch (type) {
        case TFLM_TYPE_FLOAT32:
            ((float *)output)[i] = kind == REDUCE_KIND_MAX   ? -3.402823466e+38f
                                   : kind == REDUCE_KIND_MIN ? 3.402823466e+38f
                                   : kind == REDUCE_KIND_PROD ? 1.0f
                                                              : 0.0f;
            break;
        case TFLM_TYPE_INT8:
            ((int8_t *)output)[i] = kind == REDUCE_KIND_PROD  ? 1
                                    : kind == REDUCE_KIND_MAX ? INT8_MIN
                                                              : INT8_MAX;
            break;
        case TFLM_TYPE_INT16:
            ((int16_t *)output)[i] = kind == REDUCE_KIND_PROD  ? 1
                                     : kind == REDUCE_KIND_MAX ? INT16_MIN
                                                               : INT16_MAX;
            break;
        case TFLM_TYPE_INT32:
            ((int32_t *)output)[i] = 1;
            break;
        case TFLM_TYPE_INT64:
            ((int64_t *)output)[i] = 1;
            break;
        default:
            ((uint8_t *)output)[i] = kind == REDUCE_KIND_ALL;
            break;
        }
    }
}

/* The requantization of quantized MEAN and SUM (QuantizedMeanOrSum), and
 * the step scale of quantized PROD. */
typedef struct reduce_quant {
    int32_t multiplier; /* input_scale / output_scale; PROD's step scale */
    int32_t shift;
    int32_t input_zero_point;
    int32_t output_zero_point;
} reduce_quant;

/* sums (n input elements each) to the output type, MEAN's 1/n folded into
 * the multiplier as TF Lite does: shift = floor(log2 n), at most 32 and at
 * most 31 + the shift, multiplier * 2^shift / n. */
static void reduce_requantize(const reduce_quant *q, bool mean, int32_t n, tflm_type type,
                              const int32_t *sums, int32_t count, void *output)
{
    int32_t multiplier = q->multiplier;
    int32_t shift = q->shift;
    if (mean) {
        int extra = 31 - tflm_fp_count_leading_zeros((uint32_t)n); /* n >= 1 */
        extra = extra < 32 ? extra : 32;
        extra = extra < 31 + shift ? extra : 31 + shift;
        multiplier = (int32_t)(((int64_t)multiplier << extra) / n);
        shift -= extra;
    }
    int32_t lo, hi;
    tflm_s8_s16_range(type, &lo, &hi);
    for (int32_t i = 0; i < count; ++i) {
        /* sum - zero_point * n in int64, truncated to the int32 accumulator */
        const int32_t shifted =
            (int32_t)(uint32_t)((int64_t)sums[i] - (int64_t)q->input_zero_point * n);
        int32_t v = tflm_multiply_by_quantized_multiplier(shifted, multiplier, shift);
        v = tflm_clamp_s32((int32_t)((uint32_t)v + (uint32_t)q->output_zero_point), lo, hi);
        if (type == TFLM_TYPE_INT8) {
            ((int8_t *)output)[i] = (int8_t)v;
        } else {
            ((int16_t *)output)[i] = (int16_t)v;
        }
    }
}

/* Whether the walk's position is the first element of its output: every
 * reduced index 0 (the input is walked in row-major order). */
static bool first_of_output(const reduce_shape *s, const reduce_iter *it)
{
    for (int32_t d = 0; d < s->rank; ++d) {
        if (s->out_stride[d] == 0 && it->index[d] != 0) {
            return false;
        }
    }
    return true;
}

/* Quantized PROD (QuantizedReduceProd): int32 products in prods. */
static void reduce_prod_quantized(const reduce_quant *q, tflm_type type, const reduce_shape *s,
                                  int32_t count, const void *input, int32_t *prods,
                                  int32_t outputs, void *output)
{
    reduce_iter it = {{0}, 0};
    for (int32_t i = 0; i < count; ++i, reduce_iter_next(s, &it)) {
        const int32_t in = (type == TFLM_TYPE_INT8 ? ((const int8_t *)input)[i]
                                                   : ((const int16_t *)input)[i]) -
                           q->input_zero_point;
        prods[it.out] = first_of_output(s, &it)
                            ? in
                            : tflm_multiply_by_quantized_multiplier_s64(
                                  (int64_t)prods[it.out] * in, q->multiplier, q->shift);
    }
    int32_t lo, hi;
    tflm_s8_s16_range(type, &lo, &hi);
    for (int32_t o = 0; o < outputs; ++o) {
        int32_t v = tflm_multiply_by_quantized_multiplier_s64(prods[o], q->multiplier, q->shift);
        v = tflm_clamp_s32((int32_t)((uint32_t)v + (uint32_t)q->output_zero_point), lo, hi);
        if (type == TFLM_TYPE_INT8) {
            ((int8_t *)output)[o] = (int8_t)v;
        } else {
            ((int16_t *)output)[o] = (int16_t)v;
        }
    }
}

/* ---- Node glue ------------------------------------------------------------------ */

typedef struct reduce_data {
    reduce_shape shape; /* resolved at prepare when the axis is constant */
    reduce_quant quant;
    int32_t scratch;    /* int32 sums of quantized MEAN and SUM, else -1 */
    bool axis_constant;
} reduce_data;

static reduce_kind kind_of(const tflm_node *node)
{
    switch (node->kernel->builtin_code) {
    case TFLM_BUILTIN_MEAN: return REDUCE_KIND_MEAN;
    case TFLM_BUILTIN_SUM: return REDUCE_KIND_SUM;
    case TFLM_BUILTIN_REDUCE_MAX: return REDUCE_KIND_MAX;
    case TFLM_BUILTIN_REDUCE_MIN: return REDUCE_KIND_MIN;
    case TFLM_BUILTIN_REDUCE_PROD: return REDUCE_KIND_PROD;
    case TFLM_BUILTIN_REDUCE_ALL: return REDUCE_KIND_ALL;
    default: return REDUCE_KIND_ANY;
    }
}

/* The input types of each kind, and their names for messages. */
static uint32_t types_of(reduce_kind kind, const char **names)
{
    switch (kind) {
    case REDUCE_KIND_PROD:
        *names = "FLOAT32, INT8, INT16, INT32 or INT64";
        return 1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 |
               1u << TFLM_TYPE_INT32 | 1u << TFLM_TYPE_INT64;
    case REDUCE_KIND_ALL:
    case REDUCE_KIND_ANY:
        *names = "BOOL";
        return 1u << TFLM_TYPE_BOOL;
    default:
        *names = "FLOAT32, INT8 or INT16";
        return 1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16;
    }
}

/* Whether an int8 or int16 input is quantized: MEAN, SUM, MAX and MIN
 * need it to be; PROD multiplies plain integers when it has no scale. */
static bool quantized(const tflm_context *ctx, reduce_kind kind, const tflm_tensor *input)
{
    if (input->type != TFLM_TYPE_INT8 && input->type != TFLM_TYPE_INT16) {
        return false;
    }
    tflm_quantization q;
    tflm_tensor_quantization(ctx, input, &q);
    return kind != REDUCE_KIND_PROD || q.scale_count > 0;
}

/* Input and output quantization: MEAN and SUM rescale (input_scale /
 * output_scale as TFLM's QuantizeMultiplier gives it); MAX and MIN copy
 * values, so TFLM requires one scale and zero point for both; PROD's scale
 * depends on the elements per output (prod_step_scale), and int16 needs
 * zero points 0 (TF Lite's PrepareProd). */
static tflm_status prepare_quant(tflm_context *ctx, reduce_kind kind, const tflm_tensor *input,
                                 const tflm_tensor *output, reduce_quant *q)
{
    float in_scale, out_scale;
    tflm_status status;
    if ((status = tflm_nn_int_params(ctx, input, "input", &in_scale, &q->input_zero_point)) !=
            TFLM_OK ||
        (status = tflm_nn_int_params(ctx, output, "output", &out_scale,
                                       &q->output_zero_point)) != TFLM_OK) {
        return status;
    }
    if (kind == REDUCE_KIND_MAX || kind == REDUCE_KIND_MIN) {
        if (tflm_float_bits(in_scale) != tflm_float_bits(out_scale) || q->input_zero_point != q->output_zero_point) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "input and output must share scale and zero point (zero points "
                             "%d and %d)", (int)q->input_zero_point, (int)q->output_zero_point);
        }
        return TFLM_OK;
    }
    if (kind == REDUCE_KIND_PROD) {
        return input->type == TFLM_TYPE_INT8 ||
                       (q->input_zero_point == 0 && q->output_zero_point == 0)
                   ? TFLM_OK
                   : tflm_fail(ctx, TFLM_ERROR_KERNEL,
                               "int16 zero points must be 0 (input %d, output %d)",
                               (int)q->input_zero_point, (int)q->output_zero_point);
    }
    int shift;
    tflm_f64_quantize_multiplier(
        tflm_f64_div(tflm_f64_from_float(in_scale), tflm_f64_from_float(out_scale)),
        &q->multiplier, &shift);
    if (shift > TFLM_MAX_MULTIPLIER_SHIFT) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input scale / output scale is 2^31 or more");
    }
    q->shift = shift;
    return TFLM_OK;
}

/* Quantized PROD's step scale for n elements per output (n > 0):
 * input_scale / pow(output_scale, 1.0 / n) in double (GetQuantProdScaling),
 * with the 64-bit rescale's limit on the shift. */
static tflm_status prod_step_scale(tflm_context *ctx, const tflm_tensor *input,
                                   const tflm_tensor *output, int32_t n, reduce_quant *q)
{
    float in_scale, out_scale;
    int32_t zero_point;
    tflm_status status;
    if ((status = tflm_nn_int_params(ctx, input, "input", &in_scale, &zero_point)) !=
            TFLM_OK ||
        (status = tflm_nn_int_params(ctx, output, "output", &out_scale, &zero_point)) !=
            TFLM_OK) {
        return status;
    }
    const tflm_f64 exponent = tflm_f64_div(tflm_f64_from_u32(1), tflm_f64_from_u32((uint32_t)n));
    const tflm_f64 root = tflm_f64_pow(tflm_f64_from_float(out_scale), exponent);
    int shift;
    tflm_f64_quantize_multiplier(tflm_f64_div(tflm_f64_from_float(in_scale), root),
                                 &q->multiplier, &shift);
    if (shift > TFLM_MAX_MULTIPLIER_SHIFT_S64) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input scale / output scale^(1/%d) is 2^7 or more", (int)n);
    }
    q->shift = shift;
    return TFLM_OK;
}

static tflm_status reduce_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK) {
        return status;
    }
    tflm_tensor *input, *axis;
    if ((status = tflm_nn_required_input(ctx, node, 0, "input", &input)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, 1, "axis", &axis)) != TFLM_OK ||
        (status = tflm_nn_check_type(ctx, axis, "axis", TFLM_TYPE_INT32)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    const reduce_kind kind = kind_of(node);
    const char *names;
    const uint32_t types = types_of(kind, &names);
    if (input->type >= 32 || !(types & (1u << input->type))) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected %s",
                         tflm_type_name_of(input->type), names);
    }
    if ((status = tflm_nn_check_type(ctx, output, "output", (tflm_type)input->type)) != TFLM_OK) {
        return status;
    }
    if (input->dims->size > TFLM_MAX_DIMS) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input has %d dimensions; at most %d supported",
                         (int)input->dims->size, TFLM_MAX_DIMS);
    }
    reduce_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->scratch = -1;
    const bool quantized_input = quantized(ctx, kind, input);
    if (quantized_input) {
        if ((status = prepare_quant(ctx, kind, input, output, &data->quant)) != TFLM_OK) {
            return status;
        }
        if (kind == REDUCE_KIND_MEAN || kind == REDUCE_KIND_SUM || kind == REDUCE_KIND_PROD) {
            const int32_t outputs = tflm_element_count(output);
            status = tflm_request_scratch(ctx, sizeof(int32_t) * (size_t)(outputs > 0 ? outputs : 1),
                                          &data->scratch);
            if (status != TFLM_OK) {
                return status;
            }
        }
    }
    /* An axis computed by the graph is resolved at every invoke. */
    data->axis_constant = axis->is_constant;
    if (data->axis_constant &&
        (status = reduce_resolve(ctx, input, axis, tflm_reducer_options_keep_dims(ctx, node),
                                 output, &data->shape)) != TFLM_OK) {
        return status;
    }
    const int32_t n = data->shape.reduced_count;
    if (data->axis_constant && quantized_input && kind == REDUCE_KIND_PROD && n > 0 &&
        (status = prod_step_scale(ctx, input, output, n, &data->quant)) != TFLM_OK) {
        return status;
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status reduce_invoke(tflm_context *ctx, tflm_node *node)
{
    const reduce_data *data = node->data;
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    reduce_shape resolved;
    const reduce_shape *s = &data->shape;
    if (!data->axis_constant) {
        tflm_status status =
            reduce_resolve(ctx, input, tflm_input(ctx, node, 1),
                           tflm_reducer_options_keep_dims(ctx, node), output, &resolved);
        if (status != TFLM_OK) {
            return status;
        }
        s = &resolved;
    }
    const reduce_kind kind = kind_of(node);
    const tflm_type type = (tflm_type)input->type;
    const int32_t count = tflm_element_count(input);
    const int32_t outputs = tflm_element_count(output);

    if (data->scratch >= 0 && kind == REDUCE_KIND_PROD) {
        /* TF Lite leaves the output of an empty input unwritten: here the
         * zero point, the real 0 */
        int32_t *prods = tflm_scratch(ctx, data->scratch);
        reduce_quant q = data->quant;
        tflm_status status = TFLM_OK;
        if (count == 0) {
            memset(prods, 0, sizeof(int32_t) * (size_t)outputs);
            q.multiplier = 0;
        } else if (!data->axis_constant) {
            status = prod_step_scale(ctx, input, output, s->reduced_count, &q);
        }
        if (status == TFLM_OK) {
            reduce_prod_quantized(&q, type, s, count, input->data, prods, outputs, output->data);
        }
        return status;
    }
    if (data->scratch >= 0) { /* quantized MEAN, SUM */
        int32_t *sums = tflm_scratch(ctx, data->scratch);
        memset(output->data, 0, output->bytes); /* an empty input gives zeros (T()) */
        if (count == 0) {
            return TFLM_OK;
        }
        memset(sums, 0, sizeof(int32_t) * (size_t)outputs);
        if (type == TFLM_TYPE_INT8) {
            reduce_walk(kind, TFLM_TYPE_INT8, s, count, input->data, sums);
        } else {
            reduce_walk(kind, TFLM_TYPE_INT16, s, count, input->data, sums);
        }
        reduce_requantize(&data->quant, kind == REDUCE_KIND_MEAN, s->reduced_count, type, sums,
                          outputs, output->data);
        return TFLM_OK;
    }
    reduce_init(kind, type, outputs, output->data);
    if (count == 0) {
        return TFLM_OK;
    }
    switch (type) {
    case TFLM_TYPE_FLOAT32:
        if (kind == REDUCE_KIND_MAX) {
            reduce_walk(REDUCE_KIND_MAX, TFLM_TYPE_FLOAT32, s, count, input->data, output->data);
        } else if (kind == REDUCE_KIND_MIN) {
            reduce_walk(REDUCE_KIND_MIN, TFLM_TYPE_FLOAT32, s, count, input->data, output->data);
        } else if (kind == REDUCE_KIND_PROD) {
            reduce_walk(REDUCE_KIND_PROD, TFLM_TYPE_FLOAT32, s, count, input->data, output->data);
        } else {
            reduce_walk(REDUCE_KIND_SUM, TFLM_TYPE_FLOAT32, s, count, input->data, output->data);
            if (kind == REDUCE_KIND_MEAN) {
                float *out = output->data;
                const float n = (float)s->reduced_count;
                for (int32_t i = 0; i < outputs; ++i) {
                    out[i] = out[i] / n;
                }
            }
        }
        break;
    case TFLM_TYPE_INT8:
        if (kind == REDUCE_KIND_PROD) {
            reduce_walk(REDUCE_KIND_PROD, TFLM_TYPE_INT8, s, count, input->data, output->data);
        } else if (kind == REDUCE_KIND_MAX) {
            reduce_walk(REDUCE_KIND_MAX, TFLM_TYPE_INT8, s, count, input->data, output->data);
        } else {
            reduce_walk(REDUCE_KIND_MIN, TFLM_TYPE_INT8, s, count, input->data, output->data);
        }
        break;
    case TFLM_TYPE_INT16:
        if (kind == REDUCE_KIND_PROD) {
            reduce_walk(REDUCE_KIND_PROD, TFLM_TYPE_INT16, s, count, input->data, output->data);
        } else if (kind == REDUCE_KIND_MAX) {
            reduce_walk(REDUCE_KIND_MAX, TFLM_TYPE_INT16, s, count, input->data, output->data);
        } else {
            reduce_walk(REDUCE_KIND_MIN, TFLM_TYPE_INT16, s, count, input->data, output->data);
        }
        break;
    case TFLM_TYPE_INT32:
        reduce_walk(REDUCE_KIND_PROD, TFLM_TYPE_INT32, s, count, input->data, output->data);
        break;
    case TFLM_TYPE_INT64:
        reduce_walk(REDUCE_KIND_PROD, TFLM_TYPE_INT64, s, count, input->data, output->data);
        break;
    default:
        if (kind == REDUCE_KIND_ALL) {
            reduce_walk(REDUCE_KIND_ALL, TFLM_TYPE_BOOL, s, count, input->data, output->data);
        } else {
            reduce_walk(REDUCE_KIND_ANY, TFLM_TYPE_BOOL, s, count, input->data, output->data);
        }
        break;
    }
    return TFLM_OK;
}

#define REDUCE_KERNEL(op, code, op_name)                                                     \
    const tflm_kernel tflm_op_##op = {                                                       \
        .builtin_code = code,                                                                \
        .custom_name = NULL,                                                                 \
        .name = op_name,                                                                     \
        .prepare = reduce_prepare,                                                           \
        .invoke = reduce_invoke,                                                             \
        .output_aliases_input = false,                                                       \
    }

REDUCE_KERNEL(mean, TFLM_BUILTIN_MEAN, "MEAN");
REDUCE_KERNEL(reduce_all, TFLM_BUILTIN_REDUCE_ALL, "REDUCE_ALL");
REDUCE_KERNEL(reduce_any, TFLM_BUILTIN_REDUCE_ANY, "REDUCE_ANY");
REDUCE_KERNEL(reduce_max, TFLM_BUILTIN_REDUCE_MAX, "REDUCE_MAX");
REDUCE_KERNEL(reduce_min, TFLM_BUILTIN_REDUCE_MIN, "REDUCE_MIN");
REDUCE_KERNEL(reduce_prod, TFLM_BUILTIN_REDUCE_PROD, "REDUCE_PROD");
REDUCE_KERNEL(sum, TFLM_BUILTIN_SUM, "SUM");
