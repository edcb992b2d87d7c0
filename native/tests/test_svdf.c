/* SVDF: the integer kernels against a naive model written from TFLM's
 * description (explicit [batch][filter][memory] state indexing), over
 * several invokes so the state shift is exercised, with rank 1 and 2,
 * batches 1 and 2, with and without bias, int16 and int8 state; float
 * against a double model; node glue with a persistent state. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "kernels/svdf.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define MAX_B 2
#define MAX_IN 24
#define MAX_F 16
#define MAX_M 6

typedef struct model_svdf {
    int batches, input_size, filters, memory, rank;
    int32_t state[MAX_B][MAX_F][MAX_M];
} model_svdf;

static void model_step(model_svdf *m, const tflm_svdf_quant *q, int32_t state_min, int32_t state_max,
                       const int8_t *input, const int8_t *wf, const int32_t *wt, const int32_t *bias,
                       int8_t *output)
{
    const int units = m->filters / m->rank;
    for (int b = 0; b < m->batches; ++b) {
        /* The flat state shifts left by one: within a filter's memory the
         * values move one step older; the oldest of filter f+1 lands in
         * the newest slot of filter f, then gets overwritten below. */
        int32_t flat[MAX_F * MAX_M];
        for (int f = 0; f < m->filters; ++f) {
            for (int t = 0; t < m->memory; ++t) {
                flat[f * m->memory + t] = m->state[b][f][t];
            }
        }
        for (int f = 0; f < m->filters; ++f) {
            for (int t = 0; t < m->memory; ++t) {
                const int src = f * m->memory + t + 1;
                if (src < m->filters * m->memory) {
                    m->state[b][f][t] = flat[src];
                }
            }
        }
    }
    /* Across batches the flat shift also carries batch b+1's first value
     * into batch b's last slot, which the feature step overwrites. */
    for (int b = 0; b < m->batches; ++b) {
        for (int f = 0; f < m->filters; ++f) {
            int32_t dot = 0;
            for (int c = 0; c < m->input_size; ++c) {
                dot += wf[f * m->input_size + c] * (input[b * m->input_size + c] - q->input_zero_point);
            }
            int32_t v = ref_requantize(dot, q->scale1_multiplier, q->scale1_shift) + q->state_zero_point;
            m->state[b][f][m->memory - 1] = ref_clamp(v, state_min, state_max);
        }
        for (int u = 0; u < units; ++u) {
            int32_t acc = bias != NULL ? bias[u] : 0;
            for (int r = 0; r < m->rank; ++r) {
                const int f = u * m->rank + r;
                for (int t = 0; t < m->memory; ++t) {
                    acc += wt[f * m->memory + t] * (m->state[b][f][t] - q->state_zero_point);
                }
            }
            const int32_t y = ref_requantize(acc, q->scale2_multiplier, q->scale2_shift) + q->output_zero_point;
            output[b * units + u] = (int8_t)ref_clamp(y, -128, 127);
        }
    }
}

static void test_integer_random(void)
{
    for (int trial = 0; trial < 120; ++trial) {
        const int s16 = trial % 2 == 0;
        tflm_svdf_params p;
        p.batches = rng_range(1, MAX_B);
        p.input_size = rng_range(1, MAX_IN);
        p.rank = rng_range(1, 2);
        p.filters = p.rank * rng_range(1, MAX_F / 2);
        p.memory = rng_range(1, MAX_M);
        const int units = p.filters / p.rank;
        tflm_svdf_quant q;
        tflm_svdf_quant_multipliers(rng_float(0.01f, 0.2f), rng_float(0.002f, 0.02f),
                                    s16 ? rng_float(0.0005f, 0.005f) : rng_float(0.05f, 0.5f),
                                    s16 ? rng_float(0.001f, 0.004f) : rng_float(0.002f, 0.02f),
                                    rng_float(0.05f, 0.5f), &q);
        q.input_zero_point = rng_range(-128, 127);
        q.state_zero_point = s16 ? 0 : rng_range(-20, 20);
        q.output_zero_point = rng_range(-128, 127);
        const int32_t smin = s16 ? -32768 : -128, smax = s16 ? 32767 : 127;

        int8_t input[MAX_B * MAX_IN], wf[MAX_F * MAX_IN], out[MAX_B * MAX_F], want[MAX_B * MAX_F];
        int16_t wt16[MAX_F * MAX_M], state16[MAX_B * MAX_F * MAX_M];
        int8_t wt8[MAX_F * MAX_M], state8[MAX_B * MAX_F * MAX_M];
        int32_t wt32[MAX_F * MAX_M], bias[MAX_F];
        int32_t scratch[MAX_B * (MAX_F + MAX_F)];
        const int with_bias = trial % 3 != 0;
        for (int i = 0; i < p.filters * p.input_size; ++i) {
            wf[i] = (int8_t)rng_range(-128, 127);
        }
        for (int i = 0; i < p.filters * p.memory; ++i) {
            /* int16 weights kept to +-3000 so the int32 sums cannot overflow */
            wt32[i] = s16 ? rng_range(-3000, 3000) : rng_range(-128, 127);
            wt16[i] = (int16_t)wt32[i];
            wt8[i] = (int8_t)wt32[i];
        }
        for (int i = 0; i < units; ++i) {
            bias[i] = rng_range(-100000, 100000);
        }
        model_svdf m;
        memset(&m, 0, sizeof m);
        m.batches = p.batches;
        m.input_size = p.input_size;
        m.filters = p.filters;
        m.memory = p.memory;
        m.rank = p.rank;
        memset(state16, 0, sizeof state16);
        memset(state8, 0, sizeof state8);
        for (int step = 0; step < 2 * p.memory + 2; ++step) {
            for (int i = 0; i < p.batches * p.input_size; ++i) {
                input[i] = (int8_t)rng_range(-128, 127);
            }
            memset(scratch, 0x5a, sizeof scratch);
            if (s16) {
                tflm_svdf_s8_s16(scratch, &p, &q, input, wf, wt16, with_bias ? bias : NULL, state16, out);
            } else {
                tflm_svdf_s8_s8(scratch, &p, &q, input, wf, wt8, with_bias ? bias : NULL, state8, out);
            }
            model_step(&m, &q, smin, smax, input, wf, wt32, with_bias ? bias : NULL, want);
            for (int i = 0; i < p.batches * units; ++i) {
                CHECK_EQ_INT(want[i], out[i]);
            }
            for (int b = 0; b < p.batches; ++b) {
                for (int f = 0; f < p.filters; ++f) {
                    for (int t = 0; t < p.memory; ++t) {
                        const size_t k = ((size_t)b * p.filters + f) * p.memory + t;
                        CHECK_EQ_INT(m.state[b][f][t], s16 ? state16[k] : state8[k]);
                    }
                }
            }
        }
        CHECK(tflm_svdf_s8_scratch_bytes(&p) == (size_t)p.batches * (p.filters + units) * 4);
    }
}

static void test_float(void)
{
    tflm_svdf_params p = {1, 3, 4, 2, 2}; /* batches, input, filters, memory, rank */
    const float wf[12] = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
    const float wt[8] = {0.5f, 1, 1, 0.5f, 2, -1, -1, 2};
    const float bias[2] = {0.25f, -10.0f};
    float state[8] = {0};
    float scratch[4], out[2];
    const float in1[3] = {1, 2, 3}, in2[3] = {-1, 4, 0.5f};
    tflm_svdf_f32(scratch, &p, 1 /* RELU */, in1, wf, wt, bias, state, out);
    /* features: [1, 2, 3, 6]; state columns (old, new): f0 (0,1) f1 (0,2) f2 (0,3) f3 (0,6)
     * filter sums: 1, 1, -3, 12 -> unit 0 = 0.25 + 2 = 2.25, unit 1 = -10 + 9 -> relu 0 */
    CHECK(out[0] == 2.25f && out[1] == 0.0f);
    tflm_svdf_f32(scratch, &p, 1, in2, wf, wt, bias, state, out);
    /* features: [-1, 4, 0.5, 3.5]; memories f0 (1,-1) f1 (2,4) f2 (3,0.5) f3 (6,3.5)
     * sums: 0.5-1 = -0.5, 2+2 = 4, 6-0.5 = 5.5, -6+7 = 1 -> 0.25+3.5 = 3.75, -10+6.5 -> relu 0 */
    CHECK(out[0] == 3.75f && out[1] == 0.0f);
}

static void test_node_glue(void)
{
    static tflm_context ctx;
    /* keyword_scrambled's first SVDF layer in miniature: rank 1, int16 state. */
    const int32_t d_in[2] = {1, 8}, d_wf[2] = {4, 8}, d_wt[2] = {4, 3}, d_b[1] = {4};
    const int32_t d_state[2] = {1, 12}, d_out[2] = {1, 4};
    int8_t input[8], wf[32], out[4], want[4];
    int16_t wt[12], state[12] = {0}, state_ref[12] = {0};
    int32_t bias[4] = {100, -200, 300, -400};
    int32_t scratch[8];
    for (int i = 0; i < 32; ++i) {
        wf[i] = (int8_t)rng_range(-128, 127);
    }
    for (int i = 0; i < 12; ++i) {
        wt[i] = (int16_t)rng_range(-3000, 3000);
    }
    harness_init(&ctx, &tflm_op_svdf, 5);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d_in, 2, input, 0.0592083f, -128);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d_wf, 2, wf, 0.00917121f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, d_wt, 2, wt, 0.00370551f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT32, d_b, 1, bias, 0.00437017f * 0.00370551f, 0);
    harness_tensor(&ctx, 4, TFLM_TYPE_INT16, d_state, 2, state, 0.00437017f, 0);
    ctx.tensors[4].is_variable = 1;
    harness_tensor(&ctx, 5, TFLM_TYPE_INT8, d_out, 2, out, 0.236183f, -128);
    HARNESS_OPTION_INT(&ctx, SVDF, RANK, 1);
    HARNESS_OPTION_INT(&ctx, SVDF, FUSED_ACTIVATION_FUNCTION, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    tflm_svdf_params p = {1, 8, 4, 3, 1};
    tflm_svdf_quant q;
    tflm_svdf_quant_multipliers(0.0592083f, 0.00917121f, 0.00437017f, 0.00370551f, 0.236183f, &q);
    q.input_zero_point = -128;
    q.state_zero_point = 0;
    q.output_zero_point = -128;
    for (int step = 0; step < 5; ++step) {
        for (int i = 0; i < 8; ++i) {
            input[i] = (int8_t)rng_range(-128, 127);
        }
        CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
        tflm_svdf_s8_s16(scratch, &p, &q, input, wf, wt, bias, state_ref, want);
        CHECK(memcmp(out, want, sizeof out) == 0);
        CHECK(memcmp(state, state_ref, sizeof state) == 0);
    }
    /* Rejections: state not variable, rank not dividing filters, bias scale. */
    ctx.tensors[4].is_variable = 0;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    ctx.tensors[4].is_variable = 1;
    HARNESS_OPTION_INT(&ctx, SVDF, RANK, 3);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, SVDF, RANK, 1);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT32, d_b, 1, bias, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* Without bias (optional input absent). */
    harness_absent_input(&ctx, 3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    tflm_svdf_s8_s16(scratch, &p, &q, input, wf, wt, NULL, state_ref, want);
    CHECK(memcmp(out, want, sizeof out) == 0);
    harness_free(&ctx);
}

/* The same node at each ISA level this CPU has, its weights constant (a
 * SIMD variant may keep their pointers from prepare) or not (their data is
 * placed after prepare, as an activation's is: a variant must then read
 * them at invoke or leave the node to the reference). */
static void test_variant_glue(void)
{
    static tflm_context ctx;
    const int32_t d_in[2] = {2, 20}, d_wf[2] = {12, 20}, d_wt[2] = {12, 10}, d_b[1] = {6};
    const int32_t d_state[2] = {2, 120}, d_out[2] = {2, 6};
    int8_t input[40], wf[240], out[12], want[12];
    int16_t wt[120], state[240], state_ref[240];
    int32_t bias[6], scratch[2 * (12 + 6)];
    for (size_t i = 0; i < sizeof wf; ++i) {
        wf[i] = (int8_t)rng_range(-128, 127);
    }
    for (int i = 0; i < 120; ++i) {
        wt[i] = (int16_t)rng_range(-3000, 3000);
    }
    for (int i = 0; i < 6; ++i) {
        bias[i] = rng_range(-5000, 5000);
    }
    tflm_svdf_params p = {2, 20, 12, 10, 2};
    tflm_svdf_quant q;
    tflm_svdf_quant_multipliers(0.05f, 0.01f, 0.004f, 0.003f, 0.2f, &q);
    q.input_zero_point = 3;
    q.state_zero_point = 0;
    q.output_zero_point = -7;
    for (int level = TFLM_ISA_SCALAR; level <= (int)tflm_cpu_isa(); ++level) {
        for (int constant = 0; constant < 2; ++constant) {
            harness_init(&ctx, &tflm_op_svdf, 5);
            ctx.isa = (tflm_isa)level;
            harness_tensor(&ctx, 0, TFLM_TYPE_INT8, d_in, 2, input, 0.05f, 3);
            harness_tensor(&ctx, 1, TFLM_TYPE_INT8, d_wf, 2, constant ? wf : NULL, 0.01f, 0);
            harness_tensor(&ctx, 2, TFLM_TYPE_INT16, d_wt, 2, wt, 0.003f, 0);
            harness_tensor(&ctx, 3, TFLM_TYPE_INT32, d_b, 1, bias, 0.004f * 0.003f, 0);
            harness_tensor(&ctx, 4, TFLM_TYPE_INT16, d_state, 2, state, 0.004f, 0);
            harness_tensor(&ctx, 5, TFLM_TYPE_INT8, d_out, 2, out, 0.2f, -7);
            for (int t = 1; t <= 3; ++t) {
                ctx.tensors[t].is_constant = constant;
            }
            ctx.tensors[4].is_variable = 1;
            HARNESS_OPTION_INT(&ctx, SVDF, RANK, 2);
            memset(state, 0, sizeof state);
            memset(state_ref, 0, sizeof state_ref);
            CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
            ctx.tensors[1].data = wf;
            for (int step = 0; step < 3; ++step) {
                for (size_t i = 0; i < sizeof input; ++i) {
                    input[i] = (int8_t)rng_range(-128, 127);
                }
                CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
                tflm_svdf_s8_s16(scratch, &p, &q, input, wf, wt, bias, state_ref, want);
                CHECK(memcmp(out, want, sizeof out) == 0);
                CHECK(memcmp(state, state_ref, sizeof state) == 0);
            }
            harness_free(&ctx);
        }
    }
}

int main(void)
{
    test_integer_random();
    test_float();
    test_node_glue();
    test_variant_glue();
    TEST_MAIN_END();
}
