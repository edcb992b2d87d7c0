/* UNIDIRECTIONAL_SEQUENCE_LSTM (unidirectional_sequence_lstm.c) and the
 * int16 LUT sigmoid/tanh under it (sigmoid_tanh_s16.c).
 *
 * The LSTM cases are TFLM's own (tensorflow/lite/micro/kernels/testdata/
 * lstm_test_data.cc, unidirectional_sequence_lstm_test.cc): 2 batches, 3
 * steps, 2 inputs, 2 units, cell_clip 6, the float weights quantized with
 * TFLM's int8 and 16x8 settings the way its test quantizes them, checked
 * against its float goldens within its tolerances and byte for byte
 * against TFLM's reference integer ops; time-major input gives
 * the same bytes as batch-major; the state carries over to the next
 * invoke. Then every rejection of prepare. */
#include <math.h>

#include "kernel_harness.h"
#include "kernels/sigmoid_tanh_s16.h"
#include "test.h"
#include "tflm/ops.h"

enum { BATCHES = 2, STEPS = 3, INPUTS = 2, UNITS = 2, OUTPUT = 24 };

/* TFLM's float LSTM: weights (input, recurrent) and bias of the input,
 * forget, cell and output gates. */
static const float kWeights[4][4] = {{10, 10, 20, 20}, {-10, -10, -20, -20}, {1, 1, 1, 1}, {1, 1, 1, 1}};
static const float kBias[4][2] = {{-1, -2}, {1, 2}, {0, 0}, {0, 0}};
static const float kInput[BATCHES * STEPS * INPUTS] = {0.2f,  0.3f,  0.2f,  0.3f,  0.2f,  0.3f,
                                                       -0.98f, 0.62f, 0.01f, 0.99f, 0.49f, -0.32f};
static const float kOutput[BATCHES * STEPS * UNITS] = {
    0.26455893f,      0.26870455f,      0.47935803f, 0.47937014f, 0.58013272f, 0.58013278f,
    -1.41184672e-3f, -1.43329117e-5f, 0.46887168f, 0.46891281f, 0.50054074f, 0.50054148f};
static const float kHidden[BATCHES * UNITS] = {0.58013272f, 0.58013278f, 0.50054074f, 0.50054148f};
static const float kCell[BATCHES * UNITS] = {0.89740515f, 0.8974053f, 0.80327607f, 0.80327785f};

/* TFLM's quantization settings: scales of the input, the hidden state
 * (and output), the cell state; per gate its weights' and bias' scales. */
typedef struct settings {
    tflm_type act, bias;
    float input_scale, hidden_scale, cell_scale;
    int32_t hidden_zero_point;
    float weight_scale[4], bias_scale[4];
    float hidden_tolerance, cell_tolerance;
    /* The exact bytes: TFLM's reference integer ops (FullyConnected,
     * Logistic, Tanh, MulElementwise of tensorflow/lite/kernels/internal/
     * reference/integer_ops) compiled outside the project and driven in
     * lstm_eval.h's order on this case. */
    int32_t output[BATCHES * STEPS * UNITS], hidden[BATCHES * UNITS], cell[BATCHES * UNITS];
} settings;

static const settings kInt8 = {TFLM_TYPE_INT8, TFLM_TYPE_INT32, 0.00784313725490196f, 0.004705882165580988f,
                               0.00024414062f, -21,
                               {0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f,
                                0.007874015748031496f},
                               {0.0012351397251814111f, 0.0012351397251814111f, 6.175698625907056e-5f,
                                6.175698625907056e-5f},
                               1e-2f, 1e-2f,
                               {35, 35, 80, 80, 102, 102, -21, -21, 78, 78, 85, 85},
                               {102, 102, 85, 85},
                               {3664, 3664, 3274, 3274}};
static const settings kInt16 = {TFLM_TYPE_INT16, TFLM_TYPE_INT64, 3.0518044e-5f, 2.1362956633198035e-05f,
                                0.00024414062f, 0,
                                {0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f,
                                 0.007874015748031496f},
                                {4.8059911474468205e-06f, 4.8059911474468205e-06f, 2.40299557372341e-07f,
                                 2.40299557372341e-07f},
                                1e-3f, 1e-2f,
                                {12391, 12577, 22439, 22439, 27159, 27159, -66, 0, 21943, 21943, 23426, 23426},
                                {27159, 27159, 23426, 23426},
                                {3676, 3676, 3290, 3290}};

/* TFLM's test quantizers (micro_utils.h): round(value / scale) in float,
 * clamped; symmetric ones stop at min + 1. */
static int64_t quantize(float value, float scale, int32_t zero_point, int64_t lo, int64_t hi)
{
    int64_t q = (int64_t)round((double)(value / scale)) + zero_point;
    return q < lo ? lo : (q > hi ? hi : q);
}

/* Everything one node needs, in place for the harness. */
typedef struct lstm_case {
    int8_t weights[4][4], recurrent[4][4];
    int32_t bias32[4][UNITS];
    int64_t bias64[4][UNITS];
    int16_t input[BATCHES * STEPS * INPUTS], hidden[BATCHES * UNITS], output[BATCHES * STEPS * UNITS];
    int16_t cell[BATCHES * UNITS];
} lstm_case;

static void set_input(const settings *s, lstm_case *c, const float *values, bool time_major)
{
    for (int b = 0; b < BATCHES; b++) {
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < INPUTS; i++) {
                const int at = time_major ? (t * BATCHES + b) * INPUTS + i : (b * STEPS + t) * INPUTS + i;
                const int64_t q = quantize(values[(b * STEPS + t) * INPUTS + i], s->input_scale, 0,
                                           s->act == TFLM_TYPE_INT8 ? INT8_MIN : INT16_MIN,
                                           s->act == TFLM_TYPE_INT8 ? INT8_MAX : INT16_MAX);
                if (s->act == TFLM_TYPE_INT8) {
                    ((int8_t *)c->input)[at] = (int8_t)q;
                } else {
                    c->input[at] = (int16_t)q;
                }
            }
        }
    }
}

/* The TFLM node: quantized weights, zero states (the hidden one at its
 * zero point), cell_clip 6, tanh. */
static void build(tflm_context *ctx, const settings *s, lstm_case *c, bool time_major)
{
    memset(c, 0, sizeof *c);
    harness_init(ctx, &tflm_op_unidirectional_sequence_lstm, 24);
    const int32_t in_dims[3] = {time_major ? STEPS : BATCHES, time_major ? BATCHES : STEPS, INPUTS};
    const int32_t out_dims[3] = {in_dims[0], in_dims[1], UNITS};
    const int32_t w_dims[2] = {UNITS, INPUTS}, r_dims[2] = {UNITS, UNITS}, b_dims[1] = {UNITS};
    const int32_t state_dims[2] = {BATCHES, UNITS};
    set_input(s, c, kInput, time_major);
    harness_tensor(ctx, 0, s->act, in_dims, 3, c->input, s->input_scale, 0);
    for (int g = 0; g < 4; g++) {
        for (int i = 0; i < 4; i++) {
            c->weights[g][i] = (int8_t)quantize(kWeights[g][i], s->weight_scale[g], 0, -127, 127);
            c->recurrent[g][i] = c->weights[g][i];
        }
        for (int u = 0; u < UNITS; u++) {
            c->bias64[g][u] = quantize(kBias[g][u], s->bias_scale[g], 0, INT64_MIN + 1, INT64_MAX);
            c->bias32[g][u] = (int32_t)c->bias64[g][u];
        }
        harness_tensor(ctx, 1 + g, TFLM_TYPE_INT8, w_dims, 2, c->weights[g], s->weight_scale[g], 0);
        harness_tensor(ctx, 5 + g, TFLM_TYPE_INT8, r_dims, 2, c->recurrent[g], s->weight_scale[g], 0);
        harness_tensor(ctx, 12 + g, s->bias, b_dims, 1, s->bias == TFLM_TYPE_INT32 ? (void *)c->bias32[g]
                                                                                  : (void *)c->bias64[g],
                       s->bias_scale[g], 0);
        ctx->tensors[1 + g].is_constant = ctx->tensors[5 + g].is_constant = ctx->tensors[12 + g].is_constant = 1;
    }
    for (int i = 0; i < BATCHES * UNITS; i++) {
        if (s->act == TFLM_TYPE_INT8) {
            ((int8_t *)c->hidden)[i] = (int8_t)s->hidden_zero_point;
        }
    }
    harness_tensor(ctx, 18, s->act, state_dims, 2, c->hidden, s->hidden_scale, s->hidden_zero_point);
    harness_tensor(ctx, 19, TFLM_TYPE_INT16, state_dims, 2, c->cell, s->cell_scale, 0);
    ctx->tensors[18].is_variable = ctx->tensors[19].is_variable = 1;
    const int absent[] = {9, 10, 11, 16, 17, 20, 21, 22, 23};
    for (size_t a = 0; a < sizeof absent / sizeof absent[0]; a++) {
        harness_absent_input(ctx, absent[a]);
    }
    harness_tensor(ctx, OUTPUT, s->act, out_dims, 3, c->output, s->hidden_scale, s->hidden_zero_point);
    HARNESS_OPTION_FLOAT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, CELL_CLIP, 6.0f);
    HARNESS_OPTION_INT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_TANH);
    HARNESS_OPTION_INT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, TIME_MAJOR, time_major);
}

static int32_t element(const settings *s, const void *data, int i)
{
    return s->act == TFLM_TYPE_INT8 ? ((const int8_t *)data)[i] : ((const int16_t *)data)[i];
}

static void check_near(const char *what, int i, float expected, float got, float tolerance)
{
    if (!(fabsf(expected - got) <= tolerance)) {
        fprintf(stderr, "%s[%d]: expected %f, got %f (tolerance %g)\n", what, i, expected, got, tolerance);
        tflm_test_failures++;
    }
}

/* TFLM's test: hidden, cell and output dequantized against the float
 * goldens; then time-major gives the same bytes; then a second invoke
 * starts from the kept state. */
static void test_tflm_case(const settings *s)
{
    static tflm_context ctx, major;
    static lstm_case c, m;
    build(&ctx, s, &c, false);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    if (ctx.message[0] != '\0') {
        fprintf(stderr, "%s\n", ctx.formatted);
    }
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    const float hs = s->hidden_scale;
    const int32_t zp = s->hidden_zero_point;
    for (int i = 0; i < BATCHES * UNITS; i++) {
        check_near("hidden", i, kHidden[i], (float)(element(s, c.hidden, i) - zp) * hs, s->hidden_tolerance);
        check_near("cell", i, kCell[i], (float)c.cell[i] * s->cell_scale, s->cell_tolerance);
    }
    for (int i = 0; i < BATCHES * STEPS * UNITS; i++) {
        check_near("output", i, kOutput[i], (float)(element(s, c.output, i) - zp) * hs, s->hidden_tolerance);
        CHECK_EQ_INT(s->output[i], element(s, c.output, i));
    }
    for (int i = 0; i < BATCHES * UNITS; i++) {
        CHECK_EQ_INT(s->hidden[i], element(s, c.hidden, i));
        CHECK_EQ_INT(s->cell[i], c.cell[i]);
    }

    build(&major, s, &m, true);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&major));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&major));
    for (int b = 0; b < BATCHES; b++) {
        for (int t = 0; t < STEPS; t++) {
            for (int u = 0; u < UNITS; u++) {
                CHECK_EQ_INT(element(s, c.output, (b * STEPS + t) * UNITS + u),
                             element(s, m.output, (t * BATCHES + b) * UNITS + u));
            }
        }
    }
    CHECK(memcmp(c.cell, m.cell, sizeof c.cell) == 0 && memcmp(c.hidden, m.hidden, sizeof c.hidden) == 0);

    /* The state carries over: invoking again equals one run over the
     * sequence repeated (the cell of the second run starts where the
     * first ended, which the first steps' outputs show). */
    int16_t first[BATCHES * STEPS * UNITS];
    memcpy(first, c.output, sizeof first);
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(first, c.output, s->act == TFLM_TYPE_INT8 ? sizeof first / 2 : sizeof first) != 0);
    harness_free(&ctx);
    harness_free(&major);
}

/* A larger case from a fixed generator, where TFLM's case is too tame:
 * 3 batches, 4 steps, 5 inputs, 4 units, random int8 weights, biases and
 * inputs; int8 with input zero point 7, hidden zero point 5, cell scale
 * 2^-11 (tanh shifts left) and a clip of 1.0 that bites; 16x8 with cell
 * scale 2^-13 (tanh shifts right), no clip. Both batch- and time-major.
 * Expected: TFLM's reference integer ops, compiled outside the project
 * and driven in lstm_eval.h's order with the same generator. */
enum { GB = 3, GT = 4, GI = 5, GS = 4 };

typedef struct generated {
    tflm_type act, bias;
    float input_scale, hidden_scale, cell_scale, clip;
    int32_t input_zero_point, hidden_zero_point;
    float weight_scale, bias_scale;
    int32_t bias_range;
    int32_t output[GB * GT * GS], hidden[GB * GS], cell[GB * GS];
} generated;

static const generated kGenerated[2] = {
    {TFLM_TYPE_INT8, TFLM_TYPE_INT32, 0.02f, 0.0078125f, 1.0f / 2048, 1.0f, 7, 5, 0.01f, 0.0002f, 3000,
     {6, -35, -69, 3, 5, -50, -55, -41, -7, 3, 2, 16, 3, -89, -59, 6, 34, -17, -23, -20, 41, 18, 62, 64,
      13, 38, 42, 4, 1, 26, 8, -8, 76, -72, 2, -17, 99, -91, -58, 2, 7, 5, 5, 9, 36, 32, -31, 94},
     {3, -89, -59, 6, 1, 26, 8, -8, 36, 32, -31, 94},
     {-80, -2048, -1419, 162, -381, 420, 2048, -210, 723, 730, -1605, 1779}},
    {TFLM_TYPE_INT16, TFLM_TYPE_INT64, 0.0001f, 0.00003f, 1.0f / 8192, 0.0f, 0, 0, 0.004f, 4e-7f, 400000,
     {-1326, 1583, -554, -2500, -3489, 1207, 4381, 34, 1871, 8321, -3229, 2113, 12849, -2835, -7250, -1735,
      11436, 11380, 7075, 14904, 5150, 12251, -6606, 2631, 194, 4930, 3774, 6025, 12158, 11418, 9567, 11581,
      -1028, -7076, 907, -2479, -3412, 450, 7241, 3114, -1880, -7099, 6560, -3610, -3559, -1823, 1421, 1914},
     {12849, -2835, -7250, -1735, 12158, 11418, 9567, 11581, -3559, -1823, 1421, 1914},
     {3704, -1168, -2246, -2223, 4632, 4953, 3882, 5404, -6837, -1634, 2971, 602}},
};

static uint32_t generator_state;

static int32_t next_in(int32_t lo, int32_t hi)
{
    generator_state = generator_state * 1103515245u + 12345u;
    return lo + (int32_t)((generator_state >> 8) % (uint32_t)(hi - lo + 1));
}

static void test_generated(const generated *gen, bool time_major)
{
    static tflm_context ctx;
    static int8_t w[4][GS * GI], r[4][GS * GS];
    static int64_t bias64[4][GS];
    static int32_t bias32[4][GS];
    static int16_t input[GB * GT * GI], hidden[GB * GS], cell[GB * GS], output[GB * GT * GS];
    const bool s8 = gen->act == TFLM_TYPE_INT8;
    generator_state = 1;
    for (int g = 0; g < 4; g++) {
        for (int i = 0; i < GS * GI; i++) {
            w[g][i] = (int8_t)next_in(-127, 127);
        }
        for (int i = 0; i < GS * GS; i++) {
            r[g][i] = (int8_t)next_in(-127, 127);
        }
        for (int u = 0; u < GS; u++) {
            bias64[g][u] = next_in(-gen->bias_range, gen->bias_range);
            bias32[g][u] = (int32_t)bias64[g][u];
        }
    }
    for (int b = 0; b < GB; b++) { /* generated batch-major */
        for (int t = 0; t < GT; t++) {
            for (int i = 0; i < GI; i++) {
                const int32_t v = s8 ? next_in(INT8_MIN, INT8_MAX) : next_in(INT16_MIN, INT16_MAX);
                const int at = time_major ? (t * GB + b) * GI + i : (b * GT + t) * GI + i;
                if (s8) {
                    ((int8_t *)input)[at] = (int8_t)v;
                } else {
                    input[at] = (int16_t)v;
                }
            }
        }
    }
    memset(cell, 0, sizeof cell);
    for (int i = 0; i < GB * GS; i++) {
        if (s8) {
            ((int8_t *)hidden)[i] = (int8_t)gen->hidden_zero_point;
        } else {
            hidden[i] = (int16_t)gen->hidden_zero_point;
        }
    }
    harness_init(&ctx, &tflm_op_unidirectional_sequence_lstm, 24);
    const int32_t in_dims[3] = {time_major ? GT : GB, time_major ? GB : GT, GI};
    const int32_t out_dims[3] = {in_dims[0], in_dims[1], GS};
    const int32_t w_dims[2] = {GS, GI}, r_dims[2] = {GS, GS}, b_dims[1] = {GS}, state_dims[2] = {GB, GS};
    harness_tensor(&ctx, 0, gen->act, in_dims, 3, input, gen->input_scale, gen->input_zero_point);
    for (int g = 0; g < 4; g++) {
        harness_tensor(&ctx, 1 + g, TFLM_TYPE_INT8, w_dims, 2, w[g], gen->weight_scale, 0);
        harness_tensor(&ctx, 5 + g, TFLM_TYPE_INT8, r_dims, 2, r[g], gen->weight_scale, 0);
        harness_tensor(&ctx, 12 + g, gen->bias, b_dims, 1, s8 ? (void *)bias32[g] : (void *)bias64[g],
                       gen->bias_scale, 0);
    }
    harness_tensor(&ctx, 18, gen->act, state_dims, 2, hidden, gen->hidden_scale, gen->hidden_zero_point);
    harness_tensor(&ctx, 19, TFLM_TYPE_INT16, state_dims, 2, cell, gen->cell_scale, 0);
    ctx.tensors[18].is_variable = ctx.tensors[19].is_variable = 1;
    const int absent[] = {9, 10, 11, 16, 17, 20, 21, 22, 23};
    for (size_t a = 0; a < sizeof absent / sizeof absent[0]; a++) {
        harness_absent_input(&ctx, absent[a]);
    }
    harness_tensor(&ctx, OUTPUT, gen->act, out_dims, 3, output, gen->hidden_scale, gen->hidden_zero_point);
    HARNESS_OPTION_FLOAT(&ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, CELL_CLIP, gen->clip);
    HARNESS_OPTION_INT(&ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_TANH);
    HARNESS_OPTION_INT(&ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, TIME_MAJOR, time_major);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int b = 0; b < GB; b++) {
        for (int t = 0; t < GT; t++) {
            for (int u = 0; u < GS; u++) {
                const int at = time_major ? (t * GB + b) * GS + u : (b * GT + t) * GS + u;
                CHECK_EQ_INT(gen->output[(b * GT + t) * GS + u], s8 ? ((int8_t *)output)[at] : output[at]);
            }
        }
    }
    for (int i = 0; i < GB * GS; i++) {
        CHECK_EQ_INT(gen->hidden[i], s8 ? ((int8_t *)hidden)[i] : hidden[i]);
        CHECK_EQ_INT(gen->cell[i], cell[i]);
    }
    harness_free(&ctx);
}

/* A float node of TFLM's shape on the given weights (float32 or int8 with
 * per-gate scales): the hybrid test runs both. */
typedef struct float_node {
    float w[4][4], bias[4][UNITS], input[BATCHES * STEPS * INPUTS], hidden[BATCHES * UNITS];
    float cell[BATCHES * UNITS], output[BATCHES * STEPS * UNITS];
    int8_t w8[4][4];
} float_node;

static void build_float(tflm_context *ctx, float_node *n, bool hybrid, const float *scales, bool asymmetric)
{
    harness_init(ctx, &tflm_op_unidirectional_sequence_lstm, 24);
    const int32_t in_dims[3] = {BATCHES, STEPS, INPUTS}, out_dims[3] = {BATCHES, STEPS, UNITS};
    const int32_t w_dims[2] = {UNITS, INPUTS}, r_dims[2] = {UNITS, UNITS}, b_dims[1] = {UNITS};
    const int32_t state_dims[2] = {BATCHES, UNITS};
    memcpy(n->input, kInput, sizeof n->input);
    memcpy(n->bias, kBias, sizeof n->bias);
    memset(n->hidden, 0, sizeof n->hidden);
    memset(n->cell, 0, sizeof n->cell);
    harness_tensor(ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 3, n->input, 0.0f, 0);
    for (int g = 0; g < 4; g++) {
        const tflm_type type = hybrid ? TFLM_TYPE_INT8 : TFLM_TYPE_FLOAT32;
        void *w = hybrid ? (void *)n->w8[g] : (void *)n->w[g];
        const float scale = hybrid ? scales[g] : 0.0f;
        harness_tensor(ctx, 1 + g, type, w_dims, 2, w, scale, 0);
        harness_tensor(ctx, 5 + g, type, r_dims, 2, w, scale, 0);
        harness_tensor(ctx, 12 + g, TFLM_TYPE_FLOAT32, b_dims, 1, n->bias[g], 0.0f, 0);
    }
    harness_tensor(ctx, 18, TFLM_TYPE_FLOAT32, state_dims, 2, n->hidden, 0.0f, 0);
    harness_tensor(ctx, 19, TFLM_TYPE_FLOAT32, state_dims, 2, n->cell, 0.0f, 0);
    ctx->tensors[18].is_variable = ctx->tensors[19].is_variable = 1;
    const int absent[] = {9, 10, 11, 16, 17, 20, 21, 22, 23};
    for (size_t a = 0; a < sizeof absent / sizeof absent[0]; a++) {
        harness_absent_input(ctx, absent[a]);
    }
    harness_tensor(ctx, OUTPUT, TFLM_TYPE_FLOAT32, out_dims, 3, n->output, 0.0f, 0);
    HARNESS_OPTION_FLOAT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, CELL_CLIP, 6.0f);
    HARNESS_OPTION_INT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_TANH);
    HARNESS_OPTION_INT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, ASYMMETRIC_QUANTIZE_INPUTS, asymmetric);
}

/* TFLM's float case: its goldens within its tolerance, 1e-6. */
static void test_tflm_float(void)
{
    static tflm_context ctx;
    static float_node n;
    memcpy(n.w, kWeights, sizeof n.w);
    build_float(&ctx, &n, false, NULL, false);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < BATCHES * UNITS; i++) {
        check_near("float hidden", i, kHidden[i], n.hidden[i], 1e-6f);
        check_near("float cell", i, kCell[i], n.cell[i], 1e-6f);
    }
    for (int i = 0; i < BATCHES * STEPS * UNITS; i++) {
        check_near("float output", i, kOutput[i], n.output[i], 1e-6f);
    }
    harness_free(&ctx);
}

/* Hybrid (int8 weights, scales max|w| / 127, as dynamic-range quantization
 * writes them): against the float kernel on the same weights
 * dequantized; they differ by the per-row int8 quantization of input and
 * hidden state (half a step of max|row| / 127 each), symmetric and
 * asymmetric. */
static void test_hybrid(void)
{
    static tflm_context ctx, reference;
    static float_node hybrid, f;
    float scales[4];
    for (int g = 0; g < 4; g++) {
        scales[g] = fabsf(kWeights[g][2]) / 127.0f; /* the largest of each gate */
        for (int i = 0; i < 4; i++) {
            hybrid.w8[g][i] = (int8_t)quantize(kWeights[g][i], scales[g], 0, -127, 127);
            f.w[g][i] = (float)hybrid.w8[g][i] * scales[g];
        }
    }
    for (int asymmetric = 0; asymmetric < 2; asymmetric++) {
        build_float(&ctx, &hybrid, true, scales, asymmetric);
        build_float(&reference, &f, false, NULL, false);
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_prepare(&reference));
        if (ctx.message[0] != '\0') {
            fprintf(stderr, "%s\n", ctx.formatted);
        }
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&reference));
        for (int i = 0; i < BATCHES * STEPS * UNITS; i++) {
            check_near(asymmetric ? "asymmetric hybrid output" : "hybrid output", i, f.output[i],
                       hybrid.output[i], 0.005f);
        }
        for (int i = 0; i < BATCHES * UNITS; i++) {
            check_near("hybrid cell", i, f.cell[i], hybrid.cell[i], 0.005f);
        }
        harness_free(&ctx);
        harness_free(&reference);
    }
}

/* ---- Rejections --------------------------------------------------------------- */

typedef void (*spoil_fn)(tflm_context *ctx, lstm_case *c);

static int16_t spare[16];
static const int32_t two[2] = {UNITS, UNITS}, one[1] = {UNITS};
static const float per_channel_scales[2] = {0.1f, 0.2f};
static const int64_t per_channel_zero_points[2] = {0, 0};

static void peephole(tflm_context *ctx, lstm_case *c)
{
    (void)c;
    ctx->inputs[1 + 10] = 10;
    harness_tensor(ctx, 10, TFLM_TYPE_INT16, one, 1, spare, 1.0f, 0);
}
static void projection(tflm_context *ctx, lstm_case *c)
{
    (void)c;
    ctx->inputs[1 + 16] = 16;
    harness_tensor(ctx, 16, TFLM_TYPE_INT8, two, 2, spare, 1.0f, 0);
}
static void layer_norm(tflm_context *ctx, lstm_case *c)
{
    (void)c;
    ctx->inputs[1 + 23] = 23;
    harness_tensor(ctx, 23, TFLM_TYPE_INT16, one, 1, spare, 1.0f, 0);
}
static void cifg(tflm_context *ctx, lstm_case *c) { (void)c; harness_absent_input(ctx, 1); }
static void no_cell(tflm_context *ctx, lstm_case *c) { (void)c; harness_absent_input(ctx, 19); }
static void hidden_not_variable(tflm_context *ctx, lstm_case *c) { (void)c; ctx->tensors[18].is_variable = 0; }
static void input_rank_2(tflm_context *ctx, lstm_case *c)
{
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, two, 2, c->input, 0.1f, 0);
}
static void recurrent_shape(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[2] = {UNITS, 3};
    harness_tensor(ctx, 6, TFLM_TYPE_INT8, dims, 2, c->recurrent[1], 0.1f, 0);
}
static void bias_shape(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[1] = {1};
    harness_tensor(ctx, 14, TFLM_TYPE_INT32, dims, 1, c->bias32[2], 0.1f, 0);
}
static void cell_too_small(tflm_context *ctx, lstm_case *c)
{
    harness_tensor(ctx, 19, TFLM_TYPE_INT16, one, 1, c->cell, 0.00024414062f, 0);
    ctx->tensors[19].is_variable = 1;
}
static void output_shape(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[3] = {BATCHES, STEPS, 3};
    harness_tensor(ctx, OUTPUT, TFLM_TYPE_INT8, dims, 3, c->output, 0.1f, 0);
}
static void int16_input(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[3] = {BATCHES, STEPS, INPUTS};
    harness_tensor(ctx, 0, TFLM_TYPE_INT16, dims, 3, c->input, 0.1f, 0);
}
static void bias_int64(tflm_context *ctx, lstm_case *c)
{
    harness_tensor(ctx, 15, TFLM_TYPE_INT64, one, 1, c->bias64[3], 0.1f, 0);
}
static void output_int16(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[3] = {BATCHES, STEPS, UNITS};
    harness_tensor(ctx, OUTPUT, TFLM_TYPE_INT16, dims, 3, c->output, 0.1f, 0);
}
static void per_channel(tflm_context *ctx, lstm_case *c)
{
    (void)c;
    harness_per_channel(ctx, 3, per_channel_scales, per_channel_zero_points, 2, 0);
}
static void weight_zero_point(tflm_context *ctx, lstm_case *c)
{
    harness_tensor(ctx, 7, TFLM_TYPE_INT8, two, 2, c->recurrent[2], 0.1f, 3);
}
static void input_unquantized(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[3] = {BATCHES, STEPS, INPUTS};
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, dims, 3, c->input, 0.0f, 0);
}
static void relu(tflm_context *ctx, lstm_case *c)
{
    (void)c;
    HARNESS_OPTION_INT(ctx, UNIDIRECTIONAL_SEQUENCE_LSTM, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
}
static void huge_cell_scale(tflm_context *ctx, lstm_case *c)
{
    const int32_t dims[2] = {BATCHES, UNITS};
    harness_tensor(ctx, 19, TFLM_TYPE_INT16, dims, 2, c->cell, 8.0f, 0);
    ctx->tensors[19].is_variable = 1;
}
static void too_few_inputs(tflm_context *ctx, lstm_case *c)
{
    (void)c;
    ctx->inputs[0] = 20;
}

static const struct {
    spoil_fn spoil;
    const char *message;
} rejections[] = {
    {peephole, "input 10 (cell_to_forget_weights): peephole weights not supported (nor by TFLM)"},
    {projection, "input 16 (projection_weights): projection not supported (nor by TFLM)"},
    {layer_norm, "input 23 (output_layer_norm_coefficients): layer normalisation not supported (nor by TFLM)"},
    {cifg, "input 1 (input_to_input_weights) is absent: CIFG (no input gate) is not supported (nor by TFLM)"},
    {no_cell, "input 19 (cell_state) is absent"},
    {hidden_not_variable, "input 18 (output_state) must be a variable tensor"},
    {input_rank_2, "input 0 (input) must have rank 3"},
    {recurrent_shape, "input 6 (recurrent_to_forget_weights) must be [2, 2] (units, units)"},
    {bias_shape, "input 14 (cell_gate_bias) must be [2] (units)"},
    {cell_too_small, "input 19 (cell_state) must hold batches x units elements"},
    {output_shape, "output must be [2, 3, 2]"},
    {int16_input, "input INT16, weights INT8, bias INT32, cell state INT16 not supported; expected FLOAT32 "
                  "for all (or INT8 weights), or INT8, INT8, INT32, INT16, or INT16, INT8, INT64, INT16"},
    {bias_int64, "input 15 (output_gate_bias) is INT64; expected INT32"},
    {output_int16, "output is INT16; expected INT8 as the input"},
    {per_channel, "input 3 (input_to_cell_weights) needs one positive finite scale (per-tensor quantization)"},
    {weight_zero_point, "input 7 (recurrent_to_cell_weights): zero point 3 outside [0, 0]"},
    {input_unquantized, "input 0 (input) needs one positive finite scale"},
    {relu, "cell gate activation 1 not supported; expected TANH (4), as TFLM"},
    {huge_cell_scale, "input 19 (cell_state) scale too far from the Q3.12 of the gates"},
    {too_few_inputs, "expected 24 inputs and 1 output, got 20 and 1"},
};

static void test_rejections(void)
{
    static tflm_context ctx;
    static lstm_case c;
    for (size_t r = 0; r < sizeof rejections / sizeof rejections[0]; r++) {
        build(&ctx, &kInt8, &c, false);
        rejections[r].spoil(&ctx, &c);
        CHECK(harness_prepare(&ctx) != TFLM_OK);
        if (strstr(ctx.formatted, rejections[r].message) == NULL) {
            fprintf(stderr, "case %zu: message \"%s\" lacks \"%s\"\n", r, ctx.formatted, rejections[r].message);
            tflm_test_failures++;
        }
        harness_free(&ctx);
    }
}

/* ---- sigmoid/tanh LUT ------------------------------------------------------------- */

/* Exact points (Q3.12 in, Q0.15 out), worked out from TF Lite's formulas:
 * 0 gives 1/2 and 0; sigmoid's symmetry is exact; past the table both
 * saturate. Everywhere within 2^-13 of the real functions (the table's
 * rounding plus interpolation). */
static void test_sigmoid_tanh(void)
{
    int16_t in[5] = {0, 4096, -4096, 32767, -32768}, out[5];
    tflm_logistic_s16(0, 0, 3, in, out);
    CHECK_EQ_INT(16384, out[0]);
    CHECK_EQ_INT(32768, out[1] + out[2]); /* sigmoid(x) + sigmoid(-x) = 1, exactly */
    tflm_tanh_s16(0, 0, 1, in, out);
    CHECK_EQ_INT(0, out[0]);
    /* Past the table (a 2^4 input scale): 32767 and 1 / -32767. */
    tflm_logistic_s16(0, 4, 2, in + 3, out);
    CHECK_EQ_INT(32767, out[0]);
    CHECK_EQ_INT(1, out[1]);
    tflm_tanh_s16(0, 4, 2, in + 3, out);
    CHECK_EQ_INT(32767, out[0]);
    CHECK_EQ_INT(-32767, out[1]);
    for (int32_t x = -32768; x <= 32767; x += 7) {
        int16_t v = (int16_t)x, s, t;
        tflm_logistic_s16(0, 0, 1, &v, &s);
        tflm_tanh_s16(0, 0, 1, &v, &t);
        const double real = x / 4096.0;
        const double sig = 1.0 / (1.0 + exp(-real));
        if (fabs(s / 32768.0 - sig) > 1.0 / 8192 || fabs(t / 32768.0 - tanh(real)) > 1.0 / 8192) {
            fprintf(stderr, "x %d: sigmoid %d (%f), tanh %d (%f)\n", (int)x, s, sig, t, tanh(real));
            tflm_test_failures++;
            break;
        }
    }
    /* A cell state in Q4.11 (scale 2^-11): shift 1, x * 6 into Q3.12 (TFLM's Tanh
     * with multiplier 0). */
    int16_t cell = 2048, y; /* 1.0 */
    tflm_tanh_s16(0, 1, 1, &cell, &y);
    CHECK(fabs(y / 32768.0 - tanh(1.0)) < 1.0 / 8192);
    tflm_tanh_s16(3, 1, 1, &cell, &y); /* Q2.13 with TFLM's negative-shift form: x * 3 >> 1 */
    CHECK(fabs(y / 32768.0 - tanh(0.25)) < 1.0 / 8192);
}

int main(void)
{
    test_sigmoid_tanh();
    test_tflm_float();
    test_hybrid();
    test_tflm_case(&kInt8);
    test_tflm_case(&kInt16);
    for (int g = 0; g < 2; g++) {
        test_generated(&kGenerated[g], false);
        test_generated(&kGenerated[g], true);
    }
    test_rejections();
    TEST_MAIN_END();
}
