/*
 * BATCH_MATMUL: output[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n],
 * lhs and rhs of rank 2 to 5, the batch dimensions broadcast (a 1 against
 * any size), adj_x / adj_y reading lhs / rhs transposed. Reference
 * semantics: TFLM's batch_matmul.cc and reference/batch_matmul.h (which it
 * calls with the operands swapped and transposed: the sums are the same,
 * over k in increasing order).
 *
 * Types: float32; int8 (int32 sums, zero points of lhs, rhs and output);
 * int16 (int64 sums, the 64-bit requantization, every zero point 0), with
 * lhs, rhs and output of one type and no fused activation. And TF Lite's
 * hybrid (TFLM has none): float32 lhs and output with a 2-D int8 rhs of
 * one scale or one per output column, each lhs row quantized at run time
 * (batch_matmul.cc EvalHybrid and reference_ops::BatchMatMul's hybrid
 * form), for lhs with at most one batch dimension above 1 (TF Lite indexes
 * the row scales wrongly beyond that).
 */
#include "fixed_point.h"
#include "hybrid.h"
#include "kernel_util.h"
#include "nn_common.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

enum { LHS = 0, RHS = 1, RANK = 5, BATCH_DIMS = RANK - 2 };

typedef struct batch_matmul_data {
    /* Batch dimensions of the output and each operand's stride along them
     * in elements (0 where the operand's dimension is 1: broadcast). */
    int32_t batch[BATCH_DIMS];
    size_t lhs_stride[BATCH_DIMS], rhs_stride[BATCH_DIMS];
    int32_t rows, cols, depth; /* m, n, k */
    bool adj_x, adj_y;
    int32_t lhs_offset, rhs_offset, output_offset; /* -zp, -zp, +zp */
    int32_t multiplier, shift;
    /* Hybrid: */
    bool hybrid, asymmetric;
    const float *rhs_scales; /* one per column, or NULL: rhs_scale */
    float rhs_scale;
    int32_t lhs_rows_total; /* rows of all lhs matrices */
    int32_t scratch_index;
} batch_matmul_data;

/* ---- Compute ---------------------------------------------------------------- */

/* Index of lhs(m, k) and rhs(k, n) inside one matrix. */
static inline size_t lhs_at(const batch_matmul_data *d, int32_t m, int32_t k)
{
    return d->adj_x ? (size_t)k * d->rows + m : (size_t)m * d->depth + k;
}

static inline size_t rhs_at(const batch_matmul_data *d, int32_t k, int32_t n)
{
    return d->adj_y ? (size_t)n * d->depth + k : (size_t)k * d->cols + n;
}

/* Runs BODY for each output matrix with lhs_base, rhs_base (element
 * offsets of its operands) and out (the output's first element). */
#define FOR_EACH_MATRIX(d, BODY)                                                               \
    {                                                                                          \
        size_t out = 0;                                                                        \
        for (int32_t b0 = 0; b0 < (d)->batch[0]; ++b0) {                                       \
            for (int32_t b1 = 0; b1 < (d)->batch[1]; ++b1) {                                   \
                for (int32_t b2 = 0; b2 < (d)->batch[2]; ++b2) {                               \
                    const size_t lhs_base = b0 * (d)->lhs_stride[0] + b1 * (d)->lhs_stride[1] + \
                                            b2 * (d)->lhs_stride[2];                           \
                    const size_t rhs_base = b0 * (d)->rhs_stride[0] + b1 * (d)->rhs_stride[1] + \
                                            b2 * (d)->rhs_stride[2];                           \
                    BODY                                                                       \
                    out += (size_t)(d)->rows * (d)->cols;                                      \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
    }

static void batch_matmul_f32(const batch_matmul_data *d, const float *lhs, const float *rhs,
                             float *output)
{
    FOR_EACH_MATRIX(d, {
        for (int32_t m = 0; m < d->rows; ++m) {
            for (int32_t n = 0; n < d->cols; ++n) {
                float total = 0.0f;
                for (int32_t k = 0; k < d->depth; ++k) {
                    total += rhs[rhs_base + rhs_at(d, k, n)] * lhs[lhs_base + lhs_at(d, m, k)];
                }
                output[out + (size_t)m * d->cols + n] = total;
            }
        }
    })
}

static void batch_matmul_s8(const batch_matmul_data *d, const int8_t *lhs, const int8_t *rhs,
                            int8_t *output)
{
    FOR_EACH_MATRIX(d, {
        for (int32_t m = 0; m < d->rows; ++m) {
            for (int32_t n = 0; n < d->cols; ++n) {
                uint32_t total = 0; /* TFLM's int32, wrapping without UB */
                for (int32_t k = 0; k < d->depth; ++k) {
                    total += (uint32_t)((rhs[rhs_base + rhs_at(d, k, n)] + d->rhs_offset) *
                                        (lhs[lhs_base + lhs_at(d, m, k)] + d->lhs_offset));
                }
                output[out + (size_t)m * d->cols + n] = tflm_nn_requantize_s8(
                    total, d->multiplier, d->shift, d->output_offset, -128, 127);
            }
        }
    })
}

static void batch_matmul_s16(const batch_matmul_data *d, const int16_t *lhs, const int16_t *rhs,
                             int16_t *output)
{
    FOR_EACH_MATRIX(d, {
        for (int32_t m = 0; m < d->rows; ++m) {
            for (int32_t n = 0; n < d->cols; ++n) {
                uint64_t total = 0; /* TFLM's int64, wrapping without UB */
                for (int32_t k = 0; k < d->depth; ++k) {
                    total += (uint64_t)((int64_t)rhs[rhs_base + rhs_at(d, k, n)] *
                                        lhs[lhs_base + lhs_at(d, m, k)]);
                }
                int32_t v = tflm_multiply_by_quantized_multiplier_s64((int64_t)total,
                                                                      d->multiplier, d->shift);
                output[out + (size_t)m * d->cols + n] = (int16_t)tflm_clamp_s32(v, -32768, 32767);
            }
        }
    })
}

/* Scratch: per lhs row a scale and an offset, per column a row sum of the
 * rhs, the quantized lhs, and (adj_x) one lhs row gathered. */
static size_t hybrid_scratch_bytes(const batch_matmul_data *d)
{
    const size_t rows = (size_t)d->lhs_rows_total;
    return rows * (sizeof(float) + sizeof(int32_t)) + (size_t)d->cols * sizeof(int32_t) +
           rows * (size_t)d->depth + (size_t)d->depth * sizeof(float);
}

static void batch_matmul_hybrid(const batch_matmul_data *d, const float *lhs, const int8_t *rhs,
                                void *scratch, float *output)
{
    const int32_t rows_total = d->lhs_rows_total, depth = d->depth;
    float *scales = scratch;
    int32_t *offsets = (int32_t *)(scales + rows_total);
    int32_t *col_sums = offsets + rows_total;
    float *row = (float *)(col_sums + d->cols);
    int8_t *quantized = (int8_t *)(row + depth);
    /* Each logical lhs row (of depth values) quantized on its own. */
    for (int32_t r = 0; r < rows_total; ++r) {
        const int32_t m = r % d->rows;
        const float *matrix = lhs + (size_t)(r - m) * depth;
        for (int32_t k = 0; k < depth; ++k) {
            row[k] = matrix[lhs_at(d, m, k)];
        }
        int8_t *q = quantized + (size_t)r * depth;
        if (d->asymmetric) {
            tflm_hybrid_quantize_asymmetric(row, depth, q, &scales[r], &offsets[r]);
        } else {
            tflm_hybrid_quantize_symmetric(row, depth, q, &scales[r]);
            offsets[r] = 0;
        }
        if (d->rhs_scales == NULL) {
            scales[r] *= d->rhs_scale;
        }
    }
    for (int32_t n = 0; n < d->cols; ++n) {
        uint32_t sum = 0;
        for (int32_t k = 0; k < depth; ++k) {
            sum += (uint32_t)(int32_t)rhs[rhs_at(d, k, n)];
        }
        col_sums[n] = (int32_t)sum;
    }
    FOR_EACH_MATRIX(d, {
        (void)rhs_base; /* a 2-D rhs */
        const int32_t first_row = (int32_t)(lhs_base / (size_t)depth);
        for (int32_t m = 0; m < d->rows; ++m) {
            const int32_t r = first_row + m;
            const int8_t *q = quantized + (size_t)r * depth;
            for (int32_t n = 0; n < d->cols; ++n) {
                uint32_t dot = 0; /* TF Lite's int32, wrapping without UB */
                for (int32_t k = 0; k < depth; ++k) {
                    dot += (uint32_t)(rhs[rhs_at(d, k, n)] * q[k]);
                }
                /* TF Lite subtracts row sum x offset in float, then
                 * truncates back to int32. */
                const float corrected =
                    (float)(int32_t)dot - (float)col_sums[n] * (float)offsets[r];
                const int32_t total = corrected >= 2147483520.0f    ? INT32_MAX
                                      : corrected <= -2147483648.0f ? INT32_MIN
                                                                    : (int32_t)corrected;
                float scale = scales[r];
                if (d->rhs_scales != NULL) {
                    scale *= d->rhs_scales[n];
                }
                output[out + (size_t)m * d->cols + n] = 0.0f + scale * (float)total;
            }
        }
    })
}

/* ---- Node glue -------------------------------------------------------------- */

/* The dimensions of t extended to rank 5 with leading 1s. */
static void extend(const tflm_tensor *t, int32_t dims[RANK])
{
    const int rank = t->dims->size;
    for (int i = 0; i < RANK; ++i) {
        dims[i] = i < RANK - rank ? 1 : t->dims->data[i - (RANK - rank)];
    }
}

/* Element strides along the batch dimensions; 0 for a broadcast one. */
static void batch_strides(const int32_t dims[RANK], size_t stride[BATCH_DIMS])
{
    size_t size = (size_t)dims[RANK - 2] * (size_t)dims[RANK - 1];
    for (int i = BATCH_DIMS - 1; i >= 0; --i) {
        stride[i] = dims[i] == 1 ? 0 : size;
        size *= (size_t)dims[i];
    }
}

static tflm_status check_shapes(tflm_context *ctx, const tflm_tensor *lhs, const tflm_tensor *rhs,
                                const tflm_tensor *output, batch_matmul_data *d)
{
    const int lhs_rank = lhs->dims->size, rhs_rank = rhs->dims->size;
    if (lhs_rank < 2 || lhs_rank > RANK || rhs_rank < 2 || rhs_rank > RANK) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "lhs has %d dimensions, rhs %d; each must have 2 to 5", lhs_rank,
                         rhs_rank);
    }
    int32_t l[RANK], r[RANK];
    extend(lhs, l);
    extend(rhs, r);
    const int out_rank = lhs_rank > rhs_rank ? lhs_rank : rhs_rank;
    int32_t expected[RANK];
    for (int i = 0; i < BATCH_DIMS; ++i) {
        if (l[i] != r[i] && l[i] != 1 && r[i] != 1) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "batch dimensions %d (lhs) and %d (rhs) do not broadcast",
                             (int)l[i], (int)r[i]);
        }
        d->batch[i] = l[i] == 1 ? r[i] : l[i];
        expected[i] = d->batch[i];
    }
    d->rows = d->adj_x ? l[RANK - 1] : l[RANK - 2];
    d->depth = d->adj_x ? l[RANK - 2] : l[RANK - 1];
    d->cols = d->adj_y ? r[RANK - 2] : r[RANK - 1];
    const int32_t rhs_depth = d->adj_y ? r[RANK - 1] : r[RANK - 2];
    if (d->depth != rhs_depth) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "lhs sums over %d elements, rhs over %d (adj_x %d, adj_y %d)",
                         (int)d->depth, (int)rhs_depth, d->adj_x, d->adj_y);
    }
    expected[RANK - 2] = d->rows;
    expected[RANK - 1] = d->cols;
    bool same = output->dims->size == out_rank;
    for (int i = 0; same && i < out_rank; ++i) {
        same = output->dims->data[i] == expected[RANK - out_rank + i];
    }
    if (!same) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output shape differs from the %d-D product [.., %d, %d] of lhs and rhs",
                         out_rank, (int)d->rows, (int)d->cols);
    }
    batch_strides(l, d->lhs_stride);
    batch_strides(r, d->rhs_stride);
    return TFLM_OK;
}

static tflm_status prepare_quantized(tflm_context *ctx, const tflm_tensor *lhs,
                                     const tflm_tensor *rhs, const tflm_tensor *output,
                                     batch_matmul_data *d)
{
    const bool s16 = lhs->type == TFLM_TYPE_INT16;
    const int32_t lo = s16 ? 0 : -128, hi = s16 ? 0 : 127; /* int16: zero points 0 */
    float lhs_scale, rhs_scale, output_scale;
    int32_t lhs_zp, rhs_zp, output_zp;
    tflm_status status;
    if ((status = tflm_nn_quant_params(ctx, lhs, "lhs", lo, hi, &lhs_scale, &lhs_zp)) !=
            TFLM_OK ||
        (status = tflm_nn_quant_params(ctx, rhs, "rhs", lo, hi, &rhs_scale, &rhs_zp)) !=
            TFLM_OK ||
        (status = tflm_nn_quant_params(ctx, output, "output", lo, hi, &output_scale,
                                       &output_zp)) != TFLM_OK) {
        return status;
    }
    int shift;
    if (!tflm_quantize_multiplier(tflm_fc_effective_scale(lhs_scale, rhs_scale, output_scale),
                                  &d->multiplier, &shift) ||
        (s16 && shift > TFLM_MAX_MULTIPLIER_SHIFT_S64)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "lhs scale x rhs scale / output scale is %s or more",
                         s16 ? "128" : "2^31");
    }
    d->shift = shift;
    d->lhs_offset = -lhs_zp;
    d->rhs_offset = -rhs_zp;
    d->output_offset = output_zp;
    return TFLM_OK;
}

static tflm_status prepare_hybrid(tflm_context *ctx, const tflm_node *node,
                                  const tflm_tensor *lhs, const tflm_tensor *rhs,
                                  batch_matmul_data *d)
{
    int busy = 0;
    for (int i = 0; i < lhs->dims->size - 2; ++i) {
        busy += lhs->dims->data[i] > 1;
    }
    if (d->depth < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "hybrid lhs rows are empty");
    }
    if (rhs->dims->size != 2 || busy > 1) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "hybrid (float lhs, int8 rhs) needs a 2-D rhs and at most one lhs batch "
                         "dimension above 1; got rhs of %d dimensions",
                         (int)rhs->dims->size);
    }
    tflm_quantization q;
    tflm_status status = tflm_nn_filter_quantization(ctx, rhs, d->cols, &q);
    if (status != TFLM_OK) {
        return status;
    }
    d->hybrid = true;
    d->asymmetric = tflm_batch_mat_mul_options_asymmetric_quantize_inputs(ctx, node);
    d->rhs_scale = q.scales[0];
    d->rhs_scales = q.scale_count > 1 ? q.scales : NULL;
    d->lhs_rows_total = tflm_element_count(lhs) / d->depth;
    const uint64_t bytes = (uint64_t)d->lhs_rows_total * (8u + (uint64_t)d->depth) +
                           4u * (uint64_t)d->cols + 4u * (uint64_t)d->depth;
    if (bytes > SIZE_MAX) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "lhs too large for the hybrid scratch");
    }
    return tflm_request_scratch(ctx, hybrid_scratch_bytes(d), &d->scratch_index);
}

static tflm_status batch_matmul_prepare(tflm_context *ctx, tflm_node *node)
{
    tflm_tensor *lhs, *rhs;
    tflm_status status = tflm_nn_check_io(ctx, node, 2, 2);
    if (status != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, LHS, "lhs", &lhs)) != TFLM_OK ||
        (status = tflm_nn_required_input(ctx, node, RHS, "rhs", &rhs)) != TFLM_OK) {
        return status;
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (lhs->type != TFLM_TYPE_FLOAT32 && lhs->type != TFLM_TYPE_INT8 &&
        lhs->type != TFLM_TYPE_INT16) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "lhs type %s not supported; expected FLOAT32, INT8 or INT16",
                         tflm_type_name_of(lhs->type));
    }
    const bool hybrid = lhs->type == TFLM_TYPE_FLOAT32 && rhs->type == TFLM_TYPE_INT8;
    if ((!hybrid && (status = tflm_nn_check_type(ctx, rhs, "rhs", lhs->type)) != TFLM_OK) ||
        (status = tflm_nn_check_type(ctx, output, "output", lhs->type)) != TFLM_OK) {
        return status;
    }
    batch_matmul_data *d = tflm_alloc_persistent(ctx, sizeof *d);
    if (d == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    d->adj_x = tflm_batch_mat_mul_options_adj_x(ctx, node);
    d->adj_y = tflm_batch_mat_mul_options_adj_y(ctx, node);
    if ((status = check_shapes(ctx, lhs, rhs, output, d)) != TFLM_OK ||
        (hybrid && (status = prepare_hybrid(ctx, node, lhs, rhs, d)) != TFLM_OK) ||
        (!hybrid && lhs->type != TFLM_TYPE_FLOAT32 &&
         (status = prepare_quantized(ctx, lhs, rhs, output, d)) != TFLM_OK)) {
        return status;
    }
    node->data = d;
    return TFLM_OK;
}

static tflm_status batch_matmul_invoke(tflm_context *ctx, tflm_node *node)
{
    const batch_matmul_data *d = node->data;
    const tflm_tensor *lhs = tflm_input(ctx, node, LHS);
    const tflm_tensor *rhs = tflm_input(ctx, node, RHS);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (d->hybrid) {
        batch_matmul_hybrid(d, lhs->data, rhs->data, tflm_scratch(ctx, d->scratch_index),
                            output->data);
    } else if (lhs->type == TFLM_TYPE_FLOAT32) {
        batch_matmul_f32(d, lhs->data, rhs->data, output->data);
    } else if (lhs->type == TFLM_TYPE_INT8) {
        batch_matmul_s8(d, lhs->data, rhs->data, output->data);
    } else {
        batch_matmul_s16(d, lhs->data, rhs->data, output->data);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_batch_matmul = {
    .builtin_code = TFLM_BUILTIN_BATCH_MATMUL,
    .custom_name = NULL,
    .name = "BATCH_MATMUL",
    .prepare = batch_matmul_prepare,
    .invoke = batch_matmul_invoke,
    .output_aliases_input = false,
};
