#include "svdf.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "hybrid.h"
#include "kernel_util.h"
#include "quant_util.h"
#include "tflm/builtin_options.h"
#include "tflm/ops.h"

/* ---- Prepare-time arithmetic ------------------------------------------------ */

bool tflm_svdf_quant_multipliers(float input_scale, float weights_feature_scale, float state_scale,
                                 float weights_time_scale, float output_scale, tflm_svdf_quant *quant)
{
    /* TFLM multiplies and divides the float scales in float, then widens. */
    const float effective_scale_1 = input_scale * weights_feature_scale / state_scale;
    const float effective_scale_2 = state_scale * weights_time_scale / output_scale;
    int shift;
    bool usable = tflm_quantize_multiplier(tflm_f64_widen(effective_scale_1), &quant->scale1_multiplier,
                                           &shift);
    quant->scale1_shift = shift;
    usable &= tflm_quantize_multiplier(tflm_f64_widen(effective_scale_2), &quant->scale2_multiplier,
                                       &shift);
    quant->scale2_shift = shift;
    return usable;
}

size_t tflm_svdf_s8_scratch_bytes(const tflm_svdf_params *params)
{
    const size_t units = (size_t)(params->filters / params->rank);
    return (size_t)params->batches * ((size_t)params->filters + units) * sizeof(int32_t);
}

size_t tflm_svdf_f32_scratch_bytes(const tflm_svdf_params *params)
{
    return (size_t)params->batches * (size_t)params->filters * sizeof(float);
}

/* ---- Pure compute -------------------------------------------------------- */

/* int32 addition that wraps like TFLM's on two's complement targets
 * instead of being undefined: accumulators of int16 x int16 products over
 * long memories can exceed int32 in principle (never in sane models). */
static inline int32_t wrap_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

/* The integer SVDF for a state/weights_time element type T with range
 * [T_MIN, T_MAX]; the two public variants instantiate it. */
#define TFLM_DEFINE_SVDF_INTEGER(NAME, T, T_MIN, T_MAX)                                              \
    void NAME(int32_t *scratch, const tflm_svdf_params *params, const tflm_svdf_quant *quant,        \
              const int8_t *input, const int8_t *weights_feature, const T *weights_time,              \
              const int32_t *bias, T *state, int8_t *output)                                          \
    {                                                                                                 \
        const int32_t batches = params->batches, input_size = params->input_size;                     \
        const int32_t filters = params->filters, memory = params->memory, rank = params->rank;        \
        const int32_t units = filters / rank;                                                         \
        const int32_t input_zp = quant->input_zero_point, state_zp = quant->state_zero_point;         \
        int32_t *filter_sums = scratch;                                                               \
        int32_t *unit_sums = scratch + (size_t)batches * (size_t)filters;                             \
                                                                                                      \
        /* Shift the state left by one element (the oldest value drops out). */                      \
        const size_t state_count = (size_t)batches * (size_t)filters * (size_t)memory;                \
        for (size_t i = 0; i + 1 < state_count; ++i) {                                                \
            state[i] = state[i + 1];                                                                  \
        }                                                                                             \
                                                                                                      \
        /* Feature matmul into the newest column of every filter's memory. */                        \
        for (int32_t b = 0; b < batches; ++b) {                                                       \
            const int8_t *in = input + (size_t)b * (size_t)input_size;                                \
            const int8_t *w = weights_feature;                                                        \
            T *newest = state + (size_t)b * (size_t)filters * (size_t)memory + (size_t)(memory - 1);  \
            for (int32_t r = 0; r < filters; ++r) {                                                   \
                int32_t dot = 0;                                                                      \
                for (int32_t c = 0; c < input_size; ++c) {                                            \
                    dot = wrap_add(dot, (int32_t)w[c] * ((int32_t)in[c] - input_zp));                 \
                }                                                                                     \
                w += input_size;                                                                      \
                dot = tflm_multiply_by_quantized_multiplier(dot, quant->scale1_multiplier,            \
                                                            quant->scale1_shift);                     \
                dot = wrap_add(dot, state_zp); /* wraps like the SIMD lanes */                        \
                dot = dot < (T_MIN) ? (T_MIN) : (dot > (T_MAX) ? (T_MAX) : dot);                      \
                newest[(size_t)r * (size_t)memory] = (T)dot;                                          \
            }                                                                                         \
        }                                                                                             \
                                                                                                      \
        /* Time: each filter's memory dotted with its weights_time row. */                           \
        for (int32_t b = 0; b < batches; ++b) {                                                       \
            const T *s = state + (size_t)b * (size_t)filters * (size_t)memory;                        \
            const T *wt = weights_time;                                                               \
            int32_t *sums = filter_sums + (size_t)b * (size_t)filters;                                \
            for (int32_t i = 0; i < filters; ++i) {                                                   \
                int32_t sum = 0;                                                                      \
                for (int32_t j = 0; j < memory; ++j) {                                                \
                    sum = wrap_add(sum, (int32_t)wt[j] * ((int32_t)s[j] - state_zp));                 \
                }                                                                                     \
                sums[i] = sum;                                                                        \
                wt += memory;                                                                         \
                s += memory;                                                                          \
            }                                                                                         \
        }                                                                                             \
                                                                                                      \
        /* Bias, reduction over rank, rescale into the output. */                                    \
        for (int32_t b = 0; b < batches; ++b) {                                                       \
            int32_t *out_sums = unit_sums + (size_t)b * (size_t)units;                                \
            const int32_t *sums = filter_sums + (size_t)b * (size_t)filters;                          \
            for (int32_t i = 0; i < units; ++i) {                                                     \
                int32_t acc = bias != NULL ? bias[i] : 0;                                             \
                for (int32_t j = 0; j < rank; ++j) {                                                  \
                    acc = wrap_add(acc, *sums++);                                                     \
                }                                                                                     \
                out_sums[i] = acc;                                                                    \
            }                                                                                         \
        }                                                                                             \
        const int32_t count = batches * units;                                                        \
        for (int32_t i = 0; i < count; ++i) {                                                         \
            int32_t x = wrap_add(tflm_multiply_by_quantized_multiplier(                               \
                                     unit_sums[i], quant->scale2_multiplier, quant->scale2_shift),    \
                                 quant->output_zero_point); /* wraps like the SIMD lanes */           \
            x = x < INT8_MIN ? INT8_MIN : (x > INT8_MAX ? INT8_MAX : x);                              \
            output[i] = (int8_t)x;                                                                    \
        }                                                                                             \
    }

TFLM_DEFINE_SVDF_INTEGER(tflm_svdf_s8_s16, int16_t, INT16_MIN, INT16_MAX)
TFLM_DEFINE_SVDF_INTEGER(tflm_svdf_s8_s8, int8_t, INT8_MIN, INT8_MAX)

static void apply_time_weights(float *scratch, const tflm_svdf_params *params, int activation,
                               const float *weights_time, const float *bias, const float *state,
                               float *output);

void tflm_svdf_f32(float *scratch, const tflm_svdf_params *params, int activation, const float *input,
                   const float *weights_feature, const float *weights_time, const float *bias,
                   float *state, float *output)
{
    const int32_t batches = params->batches, input_size = params->input_size;
    const int32_t filters = params->filters, memory = params->memory;

    const size_t state_count = (size_t)batches * (size_t)filters * (size_t)memory;
    for (size_t i = 0; i + 1 < state_count; ++i) {
        state[i] = state[i + 1];
    }

    for (int32_t b = 0; b < batches; ++b) {
        const float *in = input + (size_t)b * (size_t)input_size;
        const float *w = weights_feature;
        float *newest = state + (size_t)b * (size_t)filters * (size_t)memory + (size_t)(memory - 1);
        for (int32_t r = 0; r < filters; ++r) {
            float dot = 0.0f;
            for (int32_t c = 0; c < input_size; ++c) {
                dot += w[c] * in[c];
            }
            w += input_size;
            newest[(size_t)r * (size_t)memory] = dot;
        }
    }

    apply_time_weights(scratch, params, activation, weights_time, bias, state, output);
}

/* The float SVDF after the newest state column is written: each filter's
 * memory dotted with its weights_time row (into scratch, batches x
 * filters), the rank sums of each unit added to its bias, the clamp. */
static void apply_time_weights(float *scratch, const tflm_svdf_params *params, int activation,
                               const float *weights_time, const float *bias, const float *state,
                               float *output)
{
    const int32_t batches = params->batches;
    const int32_t filters = params->filters, memory = params->memory, rank = params->rank;
    const int32_t units = filters / rank;
    float lo, hi;
    tflm_activation_range_float(activation, &lo, &hi);
    for (int32_t b = 0; b < batches; ++b) {
        const float *s = state + (size_t)b * (size_t)filters * (size_t)memory;
        const float *wt = weights_time;
        float *sums = scratch + (size_t)b * (size_t)filters;
        for (int32_t i = 0; i < filters; ++i) {
            float sum = 0.0f;
            for (int32_t j = 0; j < memory; ++j) {
                sum += wt[j] * s[j];
            }
            sums[i] = sum;
            wt += memory;
            s += memory;
        }
    }

    for (int32_t b = 0; b < batches; ++b) {
        float *out = output + (size_t)b * (size_t)units;
        const float *sums = scratch + (size_t)b * (size_t)filters;
        for (int32_t i = 0; i < units; ++i) {
            float acc = bias != NULL ? bias[i] : 0.0f;
            for (int32_t j = 0; j < rank; ++j) {
                acc += *sums++;
            }
            /* TFLM's ActivationValFloat: max(lo, x) then min(hi, x). */
            acc = acc < lo ? lo : acc;
            out[i] = acc > hi ? hi : acc;
        }
    }
}

size_t tflm_svdf_hybrid_scratch_bytes(const tflm_svdf_params *params)
{
    const size_t batches = (size_t)params->batches, filters = (size_t)params->filters;
    return batches * filters * sizeof(float) +                      /* sums, newest */
           filters * (size_t)params->memory * sizeof(float) +      /* weights_time */
           batches * (sizeof(float) + sizeof(int32_t)) +            /* scales, offsets */
           filters * sizeof(int32_t) +                              /* row sums */
           batches * (size_t)params->input_size;                    /* quantized input */
}

void tflm_svdf_hybrid(void *scratch, const tflm_svdf_params *params, int activation,
                      bool asymmetric, const float *input, const int8_t *weights_feature,
                      float weights_feature_scale, const int8_t *weights_time,
                      float weights_time_scale, const float *bias, float *state, float *output)
{
    const int32_t batches = params->batches, input_size = params->input_size;
    const int32_t filters = params->filters, memory = params->memory;
    float *sums = scratch;
    float *time_f32 = sums + (size_t)batches * filters;

    const size_t state_count = (size_t)batches * (size_t)filters * (size_t)memory;
    for (size_t i = 0; i + 1 < state_count; ++i) {
        state[i] = state[i + 1];
    }
    for (size_t i = 0; i < (size_t)batches * filters; ++i) {
        sums[i] = 0.0f;
    }
    tflm_hybrid_matmul_accumulate(input, batches, input_size, asymmetric, weights_feature,
                                  filters, &weights_feature_scale, false,
                                  time_f32 + (size_t)filters * memory, sums);
    for (size_t i = 0; i < (size_t)batches * filters; ++i) {
        state[i * (size_t)memory + (size_t)(memory - 1)] = sums[i];
    }
    /* TF Lite dequantizes weights_time once into a float tensor: the same
     * values each invoke. */
    for (size_t i = 0; i < (size_t)filters * memory; ++i) {
        time_f32[i] = (float)weights_time[i] * weights_time_scale;
    }
    apply_time_weights(sums, params, activation, time_f32, bias, state, output);
}

/* ---- Node glue -------------------------------------------------------------- */

typedef tflm_svdf_data svdf_op_data;

static tflm_status svdf_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 5 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 5 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *weights_feature = tflm_input(ctx, node, 1);
    const tflm_tensor *weights_time = tflm_input(ctx, node, 2);
    const tflm_tensor *bias = tflm_input(ctx, node, 3); /* optional */
    const tflm_tensor *state = tflm_input(ctx, node, 4);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || weights_feature == NULL || weights_time == NULL || state == NULL ||
        output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input, weights, state or output tensor missing");
    }
    const int32_t rank = tflm_svdf_options_rank(ctx, node);
    const int32_t activation = tflm_svdf_options_fused_activation_function(ctx, node);
    if (input->dims->size != 2 || weights_feature->dims->size != 2 || weights_time->dims->size != 2 ||
        state->dims->size != 2 || output->dims->size != 2) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "input, weights_feature, weights_time, state and output must be 2-D");
    }
    tflm_svdf_params p;
    p.batches = input->dims->data[0];
    p.input_size = input->dims->data[1];
    p.filters = weights_feature->dims->data[0];
    p.memory = weights_time->dims->data[1];
    p.rank = rank;
    if (rank <= 0 || p.filters % rank != 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "rank %d must be positive and divide the %d filters",
                         (int)rank, (int)p.filters);
    }
    const int32_t units = p.filters / rank;
    if (weights_feature->dims->data[1] != p.input_size) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "weights_feature has %d columns; input size is %d",
                         (int)weights_feature->dims->data[1], (int)p.input_size);
    }
    if (weights_time->dims->data[0] != p.filters || p.memory <= 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "weights_time has %d rows; expected %d filters",
                         (int)weights_time->dims->data[0], (int)p.filters);
    }
    if (bias != NULL && (bias->dims->size < 1 || bias->dims->data[0] != units)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "bias must have %d elements (units)", (int)units);
    }
    if (state->dims->data[0] != p.batches || state->dims->data[1] != p.memory * p.filters) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "state must be [%d, %d]", (int)p.batches,
                         (int)(p.memory * p.filters));
    }
    if (!state->is_variable) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "state (input 4) must be a variable tensor");
    }
    if (output->dims->data[0] != p.batches || output->dims->data[1] != units) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output must be [%d, %d]", (int)p.batches, (int)units);
    }

    svdf_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }

    size_t scratch_bytes;
    if (input->type == TFLM_TYPE_INT8) {
        if (weights_feature->type != TFLM_TYPE_INT8) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "weights_feature type %s not supported; expected INT8",
                             tflm_type_name_of(weights_feature->type));
        }
        if (weights_time->type != TFLM_TYPE_INT16 && weights_time->type != TFLM_TYPE_INT8) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "weights_time type %s not supported; expected INT16 or INT8",
                             tflm_type_name_of(weights_time->type));
        }
        if (state->type != weights_time->type) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "state type %s must equal weights_time type %s",
                             tflm_type_name_of(state->type), tflm_type_name_of(weights_time->type));
        }
        if (bias != NULL && bias->type != TFLM_TYPE_INT32) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "bias type %s not supported; expected INT32",
                             tflm_type_name_of(bias->type));
        }
        if (output->type != TFLM_TYPE_INT8) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "output type %s not supported; expected INT8",
                             tflm_type_name_of(output->type));
        }
        float s_in, s_wf, s_wt, s_state, s_out;
        int32_t z_in, z_wf, z_wt, z_state, z_out;
        if (!tflm_per_tensor_quantization(ctx, input, &s_in, &z_in) ||
            !tflm_per_tensor_quantization(ctx, weights_feature, &s_wf, &z_wf) ||
            !tflm_per_tensor_quantization(ctx, weights_time, &s_wt, &z_wt) ||
            !tflm_per_tensor_quantization(ctx, state, &s_state, &z_state) ||
            !tflm_per_tensor_quantization(ctx, output, &s_out, &z_out)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                             "quantized SVDF needs scales on input, weights, state and output");
        }
        if (bias != NULL) {
            float s_bias;
            int32_t z_bias;
            tflm_per_tensor_quantization(ctx, bias, &s_bias, &z_bias);
            const double expected = (double)(s_state * s_wt);
            const double diff = (double)s_bias - expected;
            if (!(diff < 1e-5 && diff > -1e-5)) {
                return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                                 "bias scale must equal state scale x weights_time scale");
            }
        }
        if (!tflm_svdf_quant_multipliers(s_in, s_wf, s_state, s_wt, s_out, &data->u.quant)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "an effective scale is 2^31 or more");
        }
        data->u.quant.input_zero_point = z_in;
        data->u.quant.state_zero_point = z_state;
        data->u.quant.output_zero_point = z_out;
        scratch_bytes = tflm_svdf_s8_scratch_bytes(&p);
    } else if (input->type == TFLM_TYPE_FLOAT32 && weights_feature->type == TFLM_TYPE_INT8) {
        /* Hybrid (TF Lite's; TFLM has none): int8 weights, float the rest. */
        if (weights_time->type != TFLM_TYPE_INT8 || state->type != TFLM_TYPE_FLOAT32 ||
            output->type != TFLM_TYPE_FLOAT32 || (bias != NULL && bias->type != TFLM_TYPE_FLOAT32)) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "hybrid SVDF needs INT8 weights_time and FLOAT32 bias, state and "
                             "output");
        }
        int32_t z_wf, z_wt;
        if (!tflm_per_tensor_quantization(ctx, weights_feature, &data->u.f.weights_feature_scale,
                                          &z_wf) ||
            !tflm_per_tensor_quantization(ctx, weights_time, &data->u.f.weights_time_scale, &z_wt)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "hybrid SVDF needs scales on both weights");
        }
        if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
            activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "fused activation %d not supported",
                             (int)activation);
        }
        data->hybrid = true;
        data->u.f.activation = (int8_t)activation;
        data->u.f.asymmetric = tflm_svdf_options_asymmetric_quantize_inputs(ctx, node);
        scratch_bytes = tflm_svdf_hybrid_scratch_bytes(&p);
    } else if (input->type == TFLM_TYPE_FLOAT32) {
        if (weights_feature->type != TFLM_TYPE_FLOAT32 || weights_time->type != TFLM_TYPE_FLOAT32 ||
            state->type != TFLM_TYPE_FLOAT32 || output->type != TFLM_TYPE_FLOAT32 ||
            (bias != NULL && bias->type != TFLM_TYPE_FLOAT32)) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                             "FLOAT32 SVDF needs FLOAT32 weights, bias, state and output");
        }
        if (activation != TFLM_ACTIVATION_NONE && activation != TFLM_ACTIVATION_RELU &&
            activation != TFLM_ACTIVATION_RELU_N1_TO_1 && activation != TFLM_ACTIVATION_RELU6) {
            return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "fused activation %d not supported",
                             (int)activation);
        }
        data->u.f.activation = (int8_t)activation;
        scratch_bytes = tflm_svdf_f32_scratch_bytes(&p);
    } else {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected INT8 or FLOAT32",
                         tflm_type_name_of(input->type));
    }
    tflm_status status = TFLM_OK;
    if (!data->hybrid && (status = tflm_svdf_variant(ctx, node, data, TFLM_SVDF_VARIANT(data))) != TFLM_OK) {
        return status;
    }
    if (scratch_bytes > 0 && !tflm_variant_chosen(TFLM_VARIANT_SVDF, TFLM_SVDF_VARIANT(data))) {
        if ((status = tflm_request_scratch(ctx, scratch_bytes, &data->scratch_index)) != TFLM_OK) {
            return status;
        }
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status svdf_invoke(tflm_context *ctx, tflm_node *node)
{
    const svdf_op_data *d = node->data;
    const tflm_variant *variant = TFLM_SVDF_VARIANT(d);
    if (tflm_variant_chosen(TFLM_VARIANT_SVDF, variant)) {
        return variant->invoke(ctx, node, variant->plan);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *weights_feature = tflm_input(ctx, node, 1);
    const tflm_tensor *weights_time = tflm_input(ctx, node, 2);
    const tflm_tensor *bias = tflm_input(ctx, node, 3);
    tflm_tensor *state = tflm_input(ctx, node, 4);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    void *scratch = tflm_scratch(ctx, d->scratch_index);
    const tflm_svdf_params params = tflm_svdf_params_of(ctx, node);
    const void *bias_data = bias != NULL ? bias->data : NULL;
    if (d->hybrid) {
        tflm_svdf_hybrid(scratch, &params, d->u.f.activation, d->u.f.asymmetric, input->data,
                         weights_feature->data, d->u.f.weights_feature_scale, weights_time->data,
                         d->u.f.weights_time_scale, bias_data, state->data, output->data);
    } else if (input->type == TFLM_TYPE_FLOAT32) {
        tflm_svdf_f32(scratch, &params, d->u.f.activation, input->data, weights_feature->data,
                      weights_time->data, bias_data, state->data, output->data);
    } else if (state->type == TFLM_TYPE_INT16) {
        tflm_svdf_s8_s16(scratch, &params, &d->u.quant, input->data, weights_feature->data,
                         weights_time->data, bias_data, state->data, output->data);
    } else {
        tflm_svdf_s8_s8(scratch, &params, &d->u.quant, input->data, weights_feature->data,
                        weights_time->data, bias_data, state->data, output->data);
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_svdf = {
    .builtin_code = TFLM_BUILTIN_SVDF,
    .custom_name = NULL,
    .name = "SVDF",
    .prepare = svdf_prepare,
    .invoke = svdf_invoke,
    .output_aliases_input = false,
};
