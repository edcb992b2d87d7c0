/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM: TFLM's unidirectional_sequence_lstm.cc,
 * lstm_eval.h/.cc and lstm_eval_common.cc are the specification. The
 * standard LSTM of Keras: four gates, each an input and a recurrent fully
 * connected layer summed, then sigmoid (tanh for the cell gate); the cell
 * state updated as forget * cell + input * cell_gate, clipped when
 * cell_clip > 0; the hidden state tanh(cell) * output, copied to the
 * output at each time step. As in TFLM, no CIFG (coupled input and
 * forget gates), peephole, projection or layer normalisation: their
 * tensors must be absent.
 *
 * Types (activations, weights, bias, cell state):
 *   float32 float32, float32, float32
 *   float32 int8,    float32, float32   (hybrid: TF Lite's, not TFLM's)
 *   int8   int8, int32, int16   (TFLM's 8x8->16)
 *   int16  int8, int64, int16   (16x8)
 * The hybrid variant (TF Lite's dynamic-range quantization; TFLM refuses
 * it) follows TF Lite's lstm_eval.cc: each step quantizes the input rows
 * and the hidden state rows to int8 (symmetric, or asymmetric with
 * asymmetric_quantize_inputs), takes integer dot products with the int8
 * weights, scales them to float onto the bias, and runs the float gates
 * and updates without TFLM's clamps.
 * Integer gates run in Q3.12 into the LUT sigmoid/tanh (sigmoid_tanh_s16.h),
 * their outputs in Q0.15; the element-wise products requantize with TFLM's
 * multipliers. Inputs are [batch, time, features] ([time, batch, features]
 * with time_major); hidden and cell state are variable tensors of batch x
 * units elements, kept across invokes.
 */
#include <string.h>

#include "exact_f64.h"
#include "f32_math.h"
#include "fixed_point.h"
#include "float_bits.h"
#include "kernel_util.h"
#include "quant_util.h"
#include "sigmoid_tanh_s16.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* Inputs, as lstm_shared.h numbers them. Gate g (input, forget, cell,
 * output) has its input weights at 1 + g, recurrent weights at 5 + g and
 * bias at 12 + g. */
enum {
    LSTM_INPUT = 0,
    LSTM_INPUT_WEIGHTS = 1,
    LSTM_RECURRENT_WEIGHTS = 5,
    LSTM_PEEPHOLE = 9,
    LSTM_BIAS = 12,
    LSTM_PROJECTION = 16,
    LSTM_HIDDEN = 18,
    LSTM_CELL = 19,
    LSTM_LAYER_NORM = 20,
    LSTM_INPUT_COUNT = 24,
};

enum { GATE_INPUT, GATE_FORGET, GATE_CELL, GATE_OUTPUT, GATE_COUNT };

typedef struct lstm_requant {
    int32_t multiplier;
    int shift;
} lstm_requant;

typedef struct lstm_data {
    tflm_type activation_type; /* FLOAT32, INT8 or INT16 */
    bool hybrid;               /* FLOAT32 with int8 weights */
    bool asymmetric;           /* hybrid: asymmetric_quantize_inputs */
    float weight_scale[GATE_COUNT], recurrent_scale[GATE_COUNT]; /* hybrid */
    bool time_major;
    int32_t batches, steps, input_size, units;
    bool clips;                /* cell_clip > 0 */
    float cell_clip_f32;       /* the option */
    int16_t cell_clip;         /* the option in cell state units */
    int32_t tanh_multiplier;   /* tanh of the cell state (Q.cell_scale_power) */
    int32_t tanh_shift;
    int32_t input_zero_point, hidden_zero_point;
    int32_t hidden_min, hidden_max;
    lstm_requant input_fc[GATE_COUNT], recurrent_fc[GATE_COUNT];
    lstm_requant forget_times_cell, input_times_cell_gate, output_times_tanh;
    int32_t scratch; /* four buffers of batches x units cell elements; hybrid:
                        then the quantized rows and their factors */
} lstm_data;

static const char *const input_names[LSTM_INPUT_COUNT] = {
    "input", "input_to_input_weights", "input_to_forget_weights", "input_to_cell_weights",
    "input_to_output_weights", "recurrent_to_input_weights", "recurrent_to_forget_weights",
    "recurrent_to_cell_weights", "recurrent_to_output_weights", "cell_to_input_weights",
    "cell_to_forget_weights", "cell_to_output_weights", "input_gate_bias", "forget_gate_bias",
    "cell_gate_bias", "output_gate_bias", "projection_weights", "projection_bias",
    "output_state", "cell_state", "input_layer_norm_coefficients",
    "forget_layer_norm_coefficients", "cell_layer_norm_coefficients",
    "output_layer_norm_coefficients",
};

/* ---- Pure compute (integer) ------------------------------------------------- */

static int16_t saturate_s16(int32_t x)
{
    return (int16_t)(x < INT16_MIN ? INT16_MIN : (x > INT16_MAX ? INT16_MAX : x));
}

/* out[b][u] = requant(sum_d w[u][d] * (in[b][d] - in_zp) + bias[u]) as
 * int16 (TFLM's integer FULLY_CONNECTED, int8 in, int32 accumulator, which
 * wraps as TFLM's does on two's complement targets). */
static void fc_s8(const int8_t *in, int32_t in_zp, const int8_t *w, const int32_t *bias,
                  int32_t batches, int32_t depth, int32_t units, lstm_requant q, int16_t *out)
{
    for (int32_t b = 0; b < batches; b++) {
        const int8_t *x = in + (size_t)b * (size_t)depth;
        for (int32_t u = 0; u < units; u++) {
            const int8_t *row = w + (size_t)u * (size_t)depth;
            uint32_t acc = 0;
            for (int32_t d = 0; d < depth; d++) {
                acc += (uint32_t)((int32_t)row[d] * ((int32_t)x[d] - in_zp));
            }
            if (bias != NULL) {
                acc += (uint32_t)bias[u];
            }
            out[(size_t)b * (size_t)units + (size_t)u] =
                saturate_s16(tflm_multiply_by_quantized_multiplier((int32_t)acc, q.multiplier, q.shift));
        }
    }
}

/* The same with int16 in and an int64 accumulator (16x8). */
static void fc_s16(const int16_t *in, int32_t in_zp, const int8_t *w, const int64_t *bias,
                   int32_t batches, int32_t depth, int32_t units, lstm_requant q, int16_t *out)
{
    for (int32_t b = 0; b < batches; b++) {
        const int16_t *x = in + (size_t)b * (size_t)depth;
        for (int32_t u = 0; u < units; u++) {
            const int8_t *row = w + (size_t)u * (size_t)depth;
            uint64_t acc = 0;
            for (int32_t d = 0; d < depth; d++) {
                acc += (uint64_t)(int64_t)((int32_t)row[d] * ((int32_t)x[d] - in_zp));
            }
            if (bias != NULL) {
                acc += (uint64_t)bias[u];
            }
            out[(size_t)b * (size_t)units + (size_t)u] = saturate_s16(
                tflm_multiply_by_quantized_multiplier_s64((int64_t)acc, q.multiplier, q.shift));
        }
    }
}

/* out = requant(a * b) + zero_point, clamped to [lo, hi] (TFLM's
 * MulElementwise with symmetric inputs). */
static void mul_s16(const int16_t *a, const int16_t *b, int32_t count, lstm_requant q,
                    int32_t zero_point, int32_t lo, int32_t hi, void *out, bool out_s8)
{
    for (int32_t i = 0; i < count; i++) {
        int32_t y = zero_point + tflm_multiply_by_quantized_multiplier((int32_t)a[i] * (int32_t)b[i],
                                                                       q.multiplier, q.shift);
        y = y < lo ? lo : (y > hi ? hi : y);
        if (out_s8) {
            ((int8_t *)out)[i] = (int8_t)y;
        } else {
            ((int16_t *)out)[i] = (int16_t)y;
        }
    }
}

static void add_s16(const int16_t *a, const int16_t *b, int32_t count, int16_t *out)
{
    for (int32_t i = 0; i < count; i++) {
        out[i] = saturate_s16((int32_t)a[i] + (int32_t)b[i]);
    }
}

/* The tensors one invoke reads, the model's pointers. */
typedef struct lstm_tensors {
    const void *input;
    const int8_t *weights[GATE_COUNT], *recurrent[GATE_COUNT];
    const void *bias[GATE_COUNT];
    void *hidden, *cell, *output;
} lstm_tensors;

/* One gate of one step for batches rows: FC(input) + FC(hidden), then
 * sigmoid, or tanh (cell gate). in and hidden point at the step's rows. */
static void gate_integer(const lstm_data *d, const lstm_tensors *t, int g, const void *in,
                         const void *hidden, int32_t batches, int16_t *out, int16_t *scratch)
{
    const int32_t count = batches * d->units;
    if (d->activation_type == TFLM_TYPE_INT8) {
        fc_s8(in, d->input_zero_point, t->weights[g], t->bias[g], batches, d->input_size, d->units,
              d->input_fc[g], out);
        fc_s8(hidden, d->hidden_zero_point, t->recurrent[g], NULL, batches, d->units, d->units,
              d->recurrent_fc[g], scratch);
    } else {
        fc_s16(in, d->input_zero_point, t->weights[g], t->bias[g], batches, d->input_size, d->units,
               d->input_fc[g], out);
        fc_s16(hidden, d->hidden_zero_point, t->recurrent[g], NULL, batches, d->units, d->units,
               d->recurrent_fc[g], scratch);
    }
    add_s16(out, scratch, count, out);
    if (g == GATE_CELL) {
        tflm_tanh_s16(0, 0, count, out, out); /* Q3.12: no shift */
    } else {
        tflm_logistic_s16(0, 0, count, out, out);
    }
}

/* One time step of TFLM's LstmStep for batches rows. buffers: four of
 * batches x units. */
static void step_integer(const lstm_data *d, const lstm_tensors *t, const void *in, void *hidden,
                         int16_t *cell, void *out, int32_t batches, int16_t *buffers)
{
    const int32_t count = batches * d->units;
    int16_t *forget = buffers, *input_gate = buffers + count, *cell_gate = buffers + 2 * count;
    int16_t *scratch = buffers + 3 * count;
    gate_integer(d, t, GATE_FORGET, in, hidden, batches, forget, scratch);
    gate_integer(d, t, GATE_INPUT, in, hidden, batches, input_gate, scratch);
    gate_integer(d, t, GATE_CELL, in, hidden, batches, cell_gate, scratch);

    mul_s16(forget, cell, count, d->forget_times_cell, 0, INT16_MIN, INT16_MAX, cell, false);
    mul_s16(input_gate, cell_gate, count, d->input_times_cell_gate, 0, INT16_MIN, INT16_MAX, input_gate,
            false);
    add_s16(cell, input_gate, count, cell);
    if (d->clips) {
        for (int32_t i = 0; i < count; i++) {
            const int16_t c = cell[i] < d->cell_clip ? cell[i] : d->cell_clip;
            cell[i] = c > -d->cell_clip ? c : (int16_t)-d->cell_clip;
        }
    }

    int16_t *output_gate = input_gate, *tanh_cell = forget; /* reused as TFLM does */
    gate_integer(d, t, GATE_OUTPUT, in, hidden, batches, output_gate, scratch);
    tflm_tanh_s16(d->tanh_multiplier, d->tanh_shift, count, cell, tanh_cell);
    const bool s8 = d->activation_type == TFLM_TYPE_INT8;
    mul_s16(tanh_cell, output_gate, count, d->output_times_tanh, d->hidden_zero_point, d->hidden_min,
            d->hidden_max, hidden, s8);
    memcpy(out, hidden, (size_t)count * (s8 ? 1u : 2u));
}

/* ---- Pure compute (float32) --------------------------------------------------- */

/* TFLM's float ops clamp to the activation range of NONE, [-FLT_MAX,
 * FLT_MAX], with std::max then std::min: infinities become FLT_MAX, NaN
 * passes. */
static float clamp_f32(float x)
{
    const float lo = -3.40282347e38f, hi = 3.40282347e38f;
    x = x < lo ? lo : x;
    return hi < x ? hi : x;
}

/* TF Lite's float FULLY_CONNECTED: the products summed in order, then the
 * bias. */
static void fc_f32(const float *in, const float *w, const float *bias, int32_t batches, int32_t depth,
                   int32_t units, float *out)
{
    for (int32_t b = 0; b < batches; b++) {
        const float *x = in + (size_t)b * (size_t)depth;
        for (int32_t u = 0; u < units; u++) {
            const float *row = w + (size_t)u * (size_t)depth;
            float total = 0.0f;
            for (int32_t d = 0; d < depth; d++) {
                total += x[d] * row[d];
            }
            out[(size_t)b * (size_t)units + (size_t)u] = clamp_f32(total + (bias != NULL ? bias[u] : 0.0f));
        }
    }
}

static void gate_f32(const lstm_data *d, const lstm_tensors *t, int g, const float *in, const float *hidden,
                     int32_t batches, float *out, float *scratch)
{
    const int32_t count = batches * d->units;
    fc_f32(in, (const float *)(const void *)t->weights[g], t->bias[g], batches, d->input_size, d->units, out);
    fc_f32(hidden, (const float *)(const void *)t->recurrent[g], NULL, batches, d->units, d->units, scratch);
    for (int32_t i = 0; i < count; i++) {
        const float sum = out[i] + scratch[i];
        out[i] = g == GATE_CELL ? tflm_tanhf(sum) : tflm_logisticf(sum);
    }
}

/* step_integer's order, in float. */
static void step_f32(const lstm_data *d, const lstm_tensors *t, const float *in, float *hidden, float *cell,
                     float *out, int32_t batches, float *buffers)
{
    const int32_t count = batches * d->units;
    float *forget = buffers, *input_gate = buffers + count, *cell_gate = buffers + 2 * count;
    float *scratch = buffers + 3 * count;
    gate_f32(d, t, GATE_FORGET, in, hidden, batches, forget, scratch);
    gate_f32(d, t, GATE_INPUT, in, hidden, batches, input_gate, scratch);
    gate_f32(d, t, GATE_CELL, in, hidden, batches, cell_gate, scratch);
    for (int32_t i = 0; i < count; i++) {
        float c = clamp_f32(forget[i] * cell[i]) + clamp_f32(input_gate[i] * cell_gate[i]);
        if (d->clips) { /* std::max(std::min(clip, c), -clip): NaN becomes clip */
            c = c < d->cell_clip_f32 ? c : d->cell_clip_f32;
            c = c < -d->cell_clip_f32 ? -d->cell_clip_f32 : c;
        }
        cell[i] = c;
    }
    float *output_gate = input_gate;
    gate_f32(d, t, GATE_OUTPUT, in, hidden, batches, output_gate, scratch);
    for (int32_t i = 0; i < count; i++) {
        hidden[i] = clamp_f32(tflm_tanhf(cell[i]) * output_gate[i]);
    }
    memcpy(out, hidden, (size_t)count * sizeof(float));
}

/* ---- Pure compute (hybrid) ----------------------------------------------------- */

/* Hybrid scratch after the four gate buffers: per batch row its scaling
 * factor and zero point, then the quantized input and hidden rows. */
typedef struct hybrid_rows {
    float *input_factor, *hidden_factor;
    int32_t *input_offset, *hidden_offset;
    int8_t *input, *hidden;
} hybrid_rows;

static size_t hybrid_extra_bytes(int32_t batches, int32_t input_size, int32_t units)
{
    return (size_t)batches * (2 * sizeof(float) + 2 * sizeof(int32_t)) +
           (size_t)batches * ((size_t)input_size + (size_t)units);
}

static bool all_zero(const float *x, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (x[i] != 0.0f) {
            return false;
        }
    }
    return true;
}

/* (int32_t)value clamped to [lo, hi], NaN giving lo (what x86's
 * conversion and TF Lite's clamp make of it). */
static int8_t clamp_to_s8(float value, int32_t lo, int32_t hi)
{
    return (int8_t)(value >= (float)hi ? hi : (value >= (float)lo ? (int32_t)value : lo));
}

/* TF Lite's SymmetricQuantizeFloats: scale max|x| / 127, q = round(x * 127 / max|x|). */
static void quantize_symmetric(const float *x, int32_t count, int8_t *q, float *factor)
{
    float lo = x[0], hi = x[0];
    for (int32_t i = 1; i < count; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = hi < x[i] ? x[i] : hi;
    }
    lo = lo < 0.0f ? -lo : lo;
    hi = hi < 0.0f ? -hi : hi;
    const float range = lo < hi ? hi : lo;
    if (range == 0.0f) {
        memset(q, 0, (size_t)count);
        *factor = 1.0f;
        return;
    }
    *factor = range / 127.0f;
    const float inverse = 127.0f / range;
    for (int32_t i = 0; i < count; i++) {
        q[i] = clamp_to_s8(tflm_roundf(x[i] * inverse), -127, 127);
    }
}

/* round(x), halves away from zero, for |x| < 2^31. */
static int32_t round_double(double x)
{
    const int32_t whole = (int32_t)x;
    const double rest = x - (double)whole;
    return whole + (rest >= 0.5 ? 1 : (rest <= -0.5 ? -1 : 0));
}

/* TF Lite's AsymmetricQuantizeFloats: [min(0, min x), max(0, max x)] onto
 * [-128, 127], its zero point chosen and nudged in double. */
static void quantize_asymmetric(const float *x, int32_t count, int8_t *q, float *factor, int32_t *offset)
{
    float lo = x[0], hi = x[0];
    for (int32_t i = 1; i < count; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = hi < x[i] ? x[i] : hi;
    }
    const double rmin = lo < 0.0f ? (double)lo : 0.0, rmax = hi > 0.0f ? (double)hi : 0.0;
    if (rmin == rmax) {
        memset(q, 0, (size_t)count);
        *factor = 1.0f;
        *offset = 0;
        return;
    }
    const double scale = (rmax - rmin) / 255.0;
    const double from_min = -128.0 - rmin / scale, from_max = 127.0 - rmax / scale;
    const double min_error = 128.0 + (rmin / scale < 0 ? -rmin / scale : rmin / scale);
    const double max_error = 127.0 + (rmax / scale < 0 ? -rmax / scale : rmax / scale);
    const double zero_point = min_error < max_error ? from_min : from_max;
    *offset = zero_point <= -128.0 ? -128 : (zero_point >= 127.0 ? 127 : round_double(zero_point));
    *factor = (float)scale;
    const float inverse = 1.0f / *factor;
    for (int32_t i = 0; i < count; i++) {
        q[i] = clamp_to_s8(tflm_roundf((float)*offset + x[i] * inverse), -128, 127);
    }
}

/* Quantizes rows of x (count each) unless all are zero; whether it did. */
static bool quantize_rows(const lstm_data *d, const float *x, int32_t rows, int32_t count, int8_t *q,
                          float *factor, int32_t *offset)
{
    if (all_zero(x, (size_t)rows * (size_t)count)) {
        return false;
    }
    for (int32_t r = 0; r < rows; r++) {
        offset[r] = 0;
        if (d->asymmetric) {
            quantize_asymmetric(x + (size_t)r * (size_t)count, count, q + (size_t)r * (size_t)count,
                                &factor[r], &offset[r]);
        } else {
            quantize_symmetric(x + (size_t)r * (size_t)count, count, q + (size_t)r * (size_t)count,
                               &factor[r]);
        }
    }
    return true;
}

/* out[b][u] += (sum_c w[u][c] * (q[b][c] - offset[b])) * (factor[b] * scale),
 * the int32 sum wrapping as TF Lite's (MatrixBatchVectorMultiplyAccumulate). */
static void accumulate_hybrid(const int8_t *w, float scale, const int8_t *q, const float *factor,
                              const int32_t *offset, int32_t rows, int32_t depth, int32_t units, float *out)
{
    for (int32_t b = 0; b < rows; b++) {
        const int8_t *x = q + (size_t)b * (size_t)depth;
        const float row_scale = factor[b] * scale;
        for (int32_t u = 0; u < units; u++) {
            const int8_t *row = w + (size_t)u * (size_t)depth;
            uint32_t dot = 0, row_sum = 0;
            for (int32_t c = 0; c < depth; c++) {
                dot += (uint32_t)((int32_t)row[c] * (int32_t)x[c]);
                row_sum += (uint32_t)(int32_t)row[c];
            }
            dot -= row_sum * (uint32_t)offset[b];
            out[(size_t)b * (size_t)units + (size_t)u] += (float)(int32_t)dot * row_scale;
        }
    }
}

/* One step of TF Lite's LstmStepHybrid for rows batch rows. */
static void step_hybrid(const lstm_data *d, const lstm_tensors *t, const float *in, float *hidden, float *cell,
                        float *out, int32_t rows, float *buffers, const hybrid_rows *h)
{
    const int32_t count = rows * d->units;
    const bool has_input = quantize_rows(d, in, rows, d->input_size, h->input, h->input_factor, h->input_offset);
    const bool has_hidden = quantize_rows(d, hidden, rows, d->units, h->hidden, h->hidden_factor, h->hidden_offset);
    float *gates[GATE_COUNT] = {buffers, buffers + count, buffers + 2 * count, buffers + 3 * count};
    for (int g = 0; g < GATE_COUNT; g++) {
        const float *bias = t->bias[g];
        for (int32_t b = 0; b < rows; b++) {
            memcpy(gates[g] + (size_t)b * (size_t)d->units, bias, (size_t)d->units * sizeof(float));
        }
        if (has_input) {
            accumulate_hybrid(t->weights[g], d->weight_scale[g], h->input, h->input_factor, h->input_offset, rows,
                              d->input_size, d->units, gates[g]);
        }
        if (has_hidden) {
            accumulate_hybrid(t->recurrent[g], d->recurrent_scale[g], h->hidden, h->hidden_factor,
                              h->hidden_offset, rows, d->units, d->units, gates[g]);
        }
        for (int32_t i = 0; i < count; i++) {
            gates[g][i] = g == GATE_CELL ? tflm_tanhf(gates[g][i]) : tflm_logisticf(gates[g][i]);
        }
    }
    for (int32_t i = 0; i < count; i++) {
        float c = gates[GATE_FORGET][i] * cell[i];
        c += gates[GATE_CELL][i] * gates[GATE_INPUT][i];
        if (d->clips) {
            c = c < d->cell_clip_f32 ? c : d->cell_clip_f32;
            c = c < -d->cell_clip_f32 ? -d->cell_clip_f32 : c;
        }
        cell[i] = c;
        hidden[i] = gates[GATE_OUTPUT][i] * tflm_tanhf(c);
    }
    memcpy(out, hidden, (size_t)count * sizeof(float));
}

/* ---- Node glue -------------------------------------------------------------- */

static tflm_status fail_input(tflm_context *ctx, int i, const char *what)
{
    return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d (%s) %s", i, input_names[i], what);
}

/* Whether t has dims d0 (and d1 when rank is 2). */
static bool has_shape(const tflm_tensor *t, int rank, int32_t d0, int32_t d1)
{
    return t->dims->size == rank && t->dims->data[0] == d0 && (rank == 1 || t->dims->data[1] == d1);
}

/* The per-tensor scale of input i, positive and finite, with its zero
 * point inside [lo, hi]; fails otherwise. */
static tflm_status per_tensor(tflm_context *ctx, const tflm_node *node, int i, int32_t lo, int32_t hi,
                              float *scale, int32_t *zero_point)
{
    const tflm_tensor *t = tflm_input(ctx, node, i);
    tflm_quantization q;
    tflm_tensor_quantization(ctx, t, &q);
    if (!tflm_per_tensor_quantization(ctx, t, scale, zero_point) || q.scale_count != 1 ||
        !(*scale > 0.0f) || tflm_float_bits(*scale) >= 0x7f800000u) {
        return fail_input(ctx, i, "needs one positive finite scale (per-tensor quantization)");
    }
    if (*zero_point < lo || *zero_point > hi) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d (%s): zero point %d outside [%d, %d]", i,
                         input_names[i], (int)*zero_point, (int)lo, (int)hi);
    }
    return TFLM_OK;
}

static tflm_status requant(tflm_context *ctx, tflm_double scale, int max_shift, const char *what,
                           lstm_requant *q)
{
    if (!tflm_quantize_multiplier(scale, &q->multiplier, &q->shift) || q->shift > max_shift) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "%s: effective scale too large", what);
    }
    return TFLM_OK;
}

/* The integer parameters: gate FC multipliers into Q3.12, the products'
 * multipliers, the cell state's tanh scaling and clip. */
static tflm_status prepare_integer(tflm_context *ctx, const tflm_node *node, lstm_data *d)
{
    const bool s8 = d->activation_type == TFLM_TYPE_INT8;
    const int32_t act_min = s8 ? INT8_MIN : INT16_MIN, act_max = s8 ? INT8_MAX : INT16_MAX;
    float input_scale, hidden_scale, cell_scale;
    int32_t cell_zero_point;
    tflm_status status = per_tensor(ctx, node, LSTM_INPUT, act_min, act_max, &input_scale, &d->input_zero_point);
    status = status == TFLM_OK ? per_tensor(ctx, node, LSTM_HIDDEN, act_min, act_max, &hidden_scale,
                                            &d->hidden_zero_point)
                               : status;
    status = status == TFLM_OK ? per_tensor(ctx, node, LSTM_CELL, INT16_MIN, INT16_MAX, &cell_scale,
                                            &cell_zero_point)
                               : status;
    const float gate_scale = 1.0f / 4096.0f; /* Q3.12 */
    const int max_shift = s8 ? TFLM_MAX_MULTIPLIER_SHIFT : TFLM_MAX_MULTIPLIER_SHIFT_S64;
    for (int g = 0; status == TFLM_OK && g < GATE_COUNT; g++) {
        float w_scale, r_scale;
        int32_t w_zero_point, r_zero_point;
        status = per_tensor(ctx, node, LSTM_INPUT_WEIGHTS + g, 0, 0, &w_scale, &w_zero_point);
        status = status == TFLM_OK ? per_tensor(ctx, node, LSTM_RECURRENT_WEIGHTS + g, 0, 0, &r_scale,
                                                &r_zero_point)
                                   : status;
        /* TFLM leaves the bias scale unchecked here (its own comment:
         * float scales lack the precision); so does this kernel. */
        status = status == TFLM_OK ? requant(ctx, tflm_fc_effective_scale(input_scale, w_scale, gate_scale),
                                             max_shift, input_names[LSTM_INPUT_WEIGHTS + g], &d->input_fc[g])
                                   : status;
        status = status == TFLM_OK
                     ? requant(ctx, tflm_fc_effective_scale(hidden_scale, r_scale, gate_scale), max_shift,
                               input_names[LSTM_RECURRENT_WEIGHTS + g], &d->recurrent_fc[g])
                     : status;
    }
    if (status != TFLM_OK) {
        return status;
    }
    const float q15 = 1.0f / 32768.0f; /* gate outputs */
    status = requant(ctx, tflm_conv_effective_scale(q15, cell_scale, cell_scale), TFLM_MAX_MULTIPLIER_SHIFT,
                     "forget gate x cell state", &d->forget_times_cell);
    status = status == TFLM_OK ? requant(ctx, tflm_conv_effective_scale(q15, q15, cell_scale),
                                         TFLM_MAX_MULTIPLIER_SHIFT, "input gate x cell gate",
                                         &d->input_times_cell_gate)
                               : status;
    status = status == TFLM_OK ? requant(ctx, tflm_conv_effective_scale(q15, q15, hidden_scale),
                                         TFLM_MAX_MULTIPLIER_SHIFT, "output gate x tanh(cell state)",
                                         &d->output_times_tanh)
                               : status;
    if (status != TFLM_OK) {
        return status;
    }
    d->hidden_min = act_min;
    d->hidden_max = act_max;

    /* tanh reads Q3.12: the cell state, 2^power a unit, is shifted by
     * 15 + power - 3 (multiplier 3 << shift, or 3 and a right shift). */
    int32_t power;
    (void)tflm_checked_log2(cell_scale, &power); /* TFLM takes the rounded log2 of any scale */
    const int32_t shift = 15 + power - 3;
    if (shift > TFLM_SIGMOID_TANH_S16_MAX_LEFT_SHIFT || shift < -31) {
        return fail_input(ctx, LSTM_CELL, "scale too far from the Q3.12 of the gates");
    }
    d->tanh_multiplier = shift < 0 ? 3 : 0;
    d->tanh_shift = shift < 0 ? -shift : shift;

    const float clip = tflm_unidirectional_sequence_lstm_options_cell_clip(ctx, node);
    d->clips = clip > 0.0f;
    if (d->clips) {
        /* (int16)min(max(clip / scale, -32768), 32767) in double. */
        const tflm_f64 ratio = tflm_f64_div(tflm_f64_from_float(clip), tflm_f64_from_float(cell_scale));
        const tflm_f64 top = tflm_f64_from_float(32767.0f);
        if (tflm_f64_compare(ratio, top) >= 0) {
            d->cell_clip = INT16_MAX;
        } else {
            d->cell_clip = (int16_t)(ratio.exponent <= -64 ? 0 : ratio.mantissa >> -ratio.exponent);
        }
    }
    return TFLM_OK;
}

/* Types of every tensor against the variant the input's type picks. */
static tflm_status check_types(tflm_context *ctx, const tflm_node *node, tflm_type act)
{
    const tflm_type weight = tflm_input(ctx, node, LSTM_INPUT_WEIGHTS + GATE_FORGET)->type;
    const tflm_type bias = tflm_input(ctx, node, LSTM_BIAS + GATE_FORGET)->type;
    const tflm_type cell = tflm_input(ctx, node, LSTM_CELL)->type;
    const bool ok = (act == TFLM_TYPE_FLOAT32 && (weight == TFLM_TYPE_FLOAT32 || weight == TFLM_TYPE_INT8) &&
                     bias == TFLM_TYPE_FLOAT32 && cell == TFLM_TYPE_FLOAT32) ||
                    (act == TFLM_TYPE_INT8 && weight == TFLM_TYPE_INT8 && bias == TFLM_TYPE_INT32 &&
                     cell == TFLM_TYPE_INT16) ||
                    (act == TFLM_TYPE_INT16 && weight == TFLM_TYPE_INT8 && bias == TFLM_TYPE_INT64 &&
                     cell == TFLM_TYPE_INT16);
    if (!ok) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "input %s, weights %s, bias %s, cell state %s not supported; expected FLOAT32 "
                         "for all (or INT8 weights), or INT8, INT8, INT32, INT16, or INT16, INT8, INT64, INT16",
                         tflm_type_name_of(act), tflm_type_name_of(weight), tflm_type_name_of(bias),
                         tflm_type_name_of(cell));
    }
    for (int i = 1; i < LSTM_INPUT_COUNT; i++) {
        const tflm_tensor *t = tflm_input(ctx, node, i); /* the absent ones were checked */
        const tflm_type want = i < LSTM_PEEPHOLE ? weight : (i < LSTM_PROJECTION ? bias : (i == LSTM_HIDDEN ? act : cell));
        if (t != NULL && t->type != want) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d (%s) is %s; expected %s", i, input_names[i],
                             tflm_type_name_of(t->type), tflm_type_name_of(want));
        }
    }
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (output->type != act) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output is %s; expected %s as the input",
                         tflm_type_name_of(output->type), tflm_type_name_of(act));
    }
    return TFLM_OK;
}

/* Presence, variables and shapes, as TFLM's ValidateTensorStatus and
 * ValidateTensorSize, with the sizes kept in d. */
static tflm_status check_tensors(tflm_context *ctx, const tflm_node *node, lstm_data *d)
{
    if (node->inputs->size != LSTM_INPUT_COUNT || node->outputs->size != 1 ||
        tflm_output(ctx, node, 0) == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 24 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    static const struct {
        int first, last;
        const char *what;
    } absent[] = {{LSTM_PEEPHOLE, LSTM_BIAS - 1, "peephole weights"},
                  {LSTM_PROJECTION, LSTM_HIDDEN - 1, "projection"},
                  {LSTM_LAYER_NORM, LSTM_INPUT_COUNT - 1, "layer normalisation"}};
    for (size_t a = 0; a < sizeof absent / sizeof absent[0]; a++) {
        for (int i = absent[a].first; i <= absent[a].last; i++) {
            if (tflm_input(ctx, node, i) != NULL) {
                return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input %d (%s): %s not supported (nor by TFLM)",
                                 i, input_names[i], absent[a].what);
            }
        }
    }
    static const int8_t required[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, LSTM_HIDDEN, LSTM_CELL};
    for (size_t r = 0; r < sizeof required; r++) {
        const int i = required[r];
        if (tflm_input(ctx, node, i) == NULL) {
            return fail_input(ctx, i, i == LSTM_INPUT_WEIGHTS || i == LSTM_RECURRENT_WEIGHTS || i == LSTM_BIAS
                                          ? "is absent: CIFG (no input gate) is not supported (nor by TFLM)"
                                          : "is absent");
        }
    }
    const tflm_tensor *input = tflm_input(ctx, node, LSTM_INPUT);
    const tflm_tensor *hidden = tflm_input(ctx, node, LSTM_HIDDEN), *cell = tflm_input(ctx, node, LSTM_CELL);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input->dims->size != 3) {
        return fail_input(ctx, LSTM_INPUT, "must have rank 3");
    }
    d->batches = d->time_major ? input->dims->data[1] : input->dims->data[0];
    d->steps = d->time_major ? input->dims->data[0] : input->dims->data[1];
    d->input_size = input->dims->data[2];
    const tflm_tensor *forget = tflm_input(ctx, node, LSTM_INPUT_WEIGHTS + GATE_FORGET);
    if (forget->dims->size != 2) {
        return fail_input(ctx, LSTM_INPUT_WEIGHTS + GATE_FORGET, "must have rank 2");
    }
    d->units = forget->dims->data[0];
    for (int g = 0; g < GATE_COUNT; g++) {
        if (!has_shape(tflm_input(ctx, node, LSTM_INPUT_WEIGHTS + g), 2, d->units, d->input_size)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d (%s) must be [%d, %d] (units, input size)",
                             LSTM_INPUT_WEIGHTS + g, input_names[LSTM_INPUT_WEIGHTS + g], (int)d->units,
                             (int)d->input_size);
        }
        if (!has_shape(tflm_input(ctx, node, LSTM_RECURRENT_WEIGHTS + g), 2, d->units, d->units)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d (%s) must be [%d, %d] (units, units)",
                             LSTM_RECURRENT_WEIGHTS + g, input_names[LSTM_RECURRENT_WEIGHTS + g],
                             (int)d->units, (int)d->units);
        }
        if (!has_shape(tflm_input(ctx, node, LSTM_BIAS + g), 1, d->units, 0)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input %d (%s) must be [%d] (units)", LSTM_BIAS + g,
                             input_names[LSTM_BIAS + g], (int)d->units);
        }
    }
    /* In 64 bits: batches and units come from different tensors, so only
     * each is below 2^31 (fuzz finding). */
    const int64_t state = (int64_t)d->batches * d->units;
    if (!hidden->is_variable || !cell->is_variable) {
        return fail_input(ctx, hidden->is_variable ? LSTM_CELL : LSTM_HIDDEN, "must be a variable tensor");
    }
    if (tflm_element_count(hidden) != state || tflm_element_count(cell) != state) {
        return fail_input(ctx, tflm_element_count(hidden) != state ? LSTM_HIDDEN : LSTM_CELL,
                          "must hold batches x units elements");
    }
    if (output->dims->size != 3 || output->dims->data[0] != input->dims->data[0] ||
        output->dims->data[1] != input->dims->data[1] || output->dims->data[2] != d->units) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output must be [%d, %d, %d]", (int)input->dims->data[0],
                         (int)input->dims->data[1], (int)d->units);
    }
    return output->is_constant ? tflm_fail(ctx, TFLM_ERROR_KERNEL, "output is a constant") : TFLM_OK;
}

static tflm_status lstm_prepare(tflm_context *ctx, tflm_node *node)
{
    lstm_data *d = tflm_alloc_persistent(ctx, sizeof *d);
    if (d == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = d;
    d->time_major = tflm_unidirectional_sequence_lstm_options_time_major(ctx, node);
    tflm_status status = check_tensors(ctx, node, d);
    if (status != TFLM_OK) {
        return status;
    }
    const int activation = tflm_unidirectional_sequence_lstm_options_fused_activation_function(ctx, node);
    if (activation != TFLM_ACTIVATION_TANH) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "cell gate activation %d not supported; expected TANH (4), as TFLM", activation);
    }
    d->activation_type = (tflm_type)tflm_input(ctx, node, LSTM_INPUT)->type;
    status = check_types(ctx, node, d->activation_type);
    if (status != TFLM_OK) {
        return status;
    }
    const bool is_float = d->activation_type == TFLM_TYPE_FLOAT32;
    d->hybrid = is_float && tflm_input(ctx, node, LSTM_INPUT_WEIGHTS)->type == TFLM_TYPE_INT8;
    size_t extra = 0;
    if (is_float) {
        d->cell_clip_f32 = tflm_unidirectional_sequence_lstm_options_cell_clip(ctx, node);
        d->clips = d->cell_clip_f32 > 0.0f;
    }
    if (d->hybrid) {
        d->asymmetric = tflm_unidirectional_sequence_lstm_options_asymmetric_quantize_inputs(ctx, node);
        for (int g = 0; g < GATE_COUNT; g++) {
            int32_t zero_point;
            status = per_tensor(ctx, node, LSTM_INPUT_WEIGHTS + g, 0, 0, &d->weight_scale[g], &zero_point);
            status = status == TFLM_OK ? per_tensor(ctx, node, LSTM_RECURRENT_WEIGHTS + g, 0, 0,
                                                    &d->recurrent_scale[g], &zero_point)
                                       : status;
            if (status != TFLM_OK) {
                return status;
            }
        }
        extra = hybrid_extra_bytes(d->batches, d->input_size, d->units);
    } else if (!is_float) {
        status = prepare_integer(ctx, node, d);
        if (status != TFLM_OK) {
            return status;
        }
    }
    const size_t state = (size_t)d->batches * (size_t)d->units;
    return tflm_request_scratch(ctx, 4 * state * (is_float ? sizeof(float) : sizeof(int16_t)) + extra,
                                &d->scratch);
}

static tflm_status lstm_invoke(tflm_context *ctx, tflm_node *node)
{
    const lstm_data *d = node->data;
    lstm_tensors t;
    t.input = tflm_input(ctx, node, LSTM_INPUT)->data;
    for (int g = 0; g < GATE_COUNT; g++) {
        t.weights[g] = tflm_input(ctx, node, LSTM_INPUT_WEIGHTS + g)->data;
        t.recurrent[g] = tflm_input(ctx, node, LSTM_RECURRENT_WEIGHTS + g)->data;
        t.bias[g] = tflm_input(ctx, node, LSTM_BIAS + g)->data;
    }
    t.hidden = tflm_input(ctx, node, LSTM_HIDDEN)->data;
    t.cell = tflm_input(ctx, node, LSTM_CELL)->data;
    t.output = tflm_output(ctx, node, 0)->data;
    void *buffers = tflm_scratch(ctx, d->scratch);
    const size_t act = tflm_type_size(d->activation_type);
    const size_t cell = d->activation_type == TFLM_TYPE_FLOAT32 ? sizeof(float) : sizeof(int16_t);
    const size_t in_row = (size_t)d->input_size * act, out_row = (size_t)d->units * act;
    const uint8_t *in = t.input;
    uint8_t *out = t.output, *hidden = t.hidden, *cells = t.cell;
    /* time_major: every batch at each step; else one batch at a time, all
     * its steps, with its rows of the state. */
    const int32_t outer = d->time_major ? d->steps : d->batches;
    const int32_t inner = d->time_major ? 1 : d->steps;
    const int32_t rows = d->time_major ? d->batches : 1;
    hybrid_rows h = {NULL, NULL, NULL, NULL, NULL, NULL};
    if (d->hybrid) { /* after the gate buffers, floats and int32s first: aligned */
        uint8_t *at = (uint8_t *)buffers + 4 * (size_t)d->batches * (size_t)d->units * sizeof(float);
        h.input_factor = (float *)(void *)at;
        h.hidden_factor = h.input_factor + d->batches;
        h.input_offset = (int32_t *)(void *)(h.hidden_factor + d->batches);
        h.hidden_offset = h.input_offset + d->batches;
        h.input = (int8_t *)(h.hidden_offset + d->batches);
        h.hidden = h.input + (size_t)d->batches * (size_t)d->input_size;
    }
    for (int32_t o = 0; o < outer; o++) {
        const size_t state_row = d->time_major ? 0 : (size_t)o;
        for (int32_t i = 0; i < inner; i++) {
            const size_t row = ((size_t)o * (size_t)inner + (size_t)i) * (size_t)rows;
            if (d->hybrid) {
                step_hybrid(d, &t, (const float *)(const void *)(in + row * in_row),
                            (float *)(void *)(hidden + state_row * out_row),
                            (float *)(void *)(cells + state_row * (size_t)d->units * cell),
                            (float *)(void *)(out + row * out_row), rows, buffers, &h);
            } else if (d->activation_type == TFLM_TYPE_FLOAT32) {
                step_f32(d, &t, (const float *)(const void *)(in + row * in_row),
                         (float *)(void *)(hidden + state_row * out_row),
                         (float *)(void *)(cells + state_row * (size_t)d->units * cell),
                         (float *)(void *)(out + row * out_row), rows, buffers);
            } else {
                step_integer(d, &t, in + row * in_row, hidden + state_row * out_row,
                             (int16_t *)(void *)(cells + state_row * (size_t)d->units * cell), out + row * out_row,
                             rows, buffers);
            }
        }
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_unidirectional_sequence_lstm = {
    .builtin_code = TFLM_BUILTIN_UNIDIRECTIONAL_SEQUENCE_LSTM,
    .custom_name = NULL,
    .name = "UNIDIRECTIONAL_SEQUENCE_LSTM",
    .prepare = lstm_prepare,
    .invoke = lstm_invoke,
    .output_aliases_input = false,
};
