/* FULLY_CONNECTED compute functions against hand-worked cases and an
 * independent naive implementation (TFLM's loop, ref_requantize). */
#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "kernels/fully_connected.h"
#include "kernels/kernel_util.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

static void naive_fc_s8(int32_t batches, int32_t depth, int32_t units, int32_t input_offset,
                        int32_t filter_offset, int32_t output_offset, int32_t act_min,
                        int32_t act_max, const int32_t *mult, const int8_t *shift,
                        const int8_t *input, const int8_t *filter, const int32_t *bias,
                        int8_t *output)
{
    for (int32_t b = 0; b < batches; ++b) {
        for (int32_t o = 0; o < units; ++o) {
            int64_t acc = 0;
            for (int32_t d = 0; d < depth; ++d) {
                acc += (int64_t)(filter[o * depth + d] + filter_offset) *
                       (input[b * depth + d] + input_offset);
            }
            if (bias) {
                acc += bias[o];
            }
            int32_t v = ref_requantize((int32_t)acc, mult[o], shift[o]) + output_offset;
            output[b * units + o] = (int8_t)ref_clamp(v, act_min, act_max);
        }
    }
}

static void test_hand_case(void)
{
    /* input {1,2,3,4} with zero point -1 -> {2,3,4,5};
     * row 0: 1*2 + 0*3 - 1*4 + 2*5 = 8, + bias 10 = 18, x 0.5 = 9, + 5 = 14
     * row 1: 3*(2+3+4+5) = 42, - 20 = 22, x 0.5 = 11, + 5 = 16 */
    const int8_t input[4] = {1, 2, 3, 4};
    const int8_t filter[8] = {1, 0, -1, 2, 3, 3, 3, 3};
    const int32_t bias[2] = {10, -20};
    const int32_t mult[2] = {1 << 30, 1 << 30};
    const int8_t shift[2] = {0, 0};
    tflm_per_channel_quant quant = {mult, shift, false};
    tflm_fc_params params = {.input_offset = 1, .filter_offset = 0, .output_offset = 5,
                             .activation = {-128, 127}};
    const tflm_fc_shape shape = {1, 4, 2};
    int8_t output[2] = {0, 0};
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, bias, output);
    CHECK_EQ_INT(14, output[0]);
    CHECK_EQ_INT(16, output[1]);

    /* No bias: 8 x 0.5 = 4 + 5 = 9; 42 x 0.5 = 21 + 5 = 26. */
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, NULL, output);
    CHECK_EQ_INT(9, output[0]);
    CHECK_EQ_INT(26, output[1]);

    /* A filter zero point of 1 (per-tensor): weights become {0,-1,-2,1},{2,2,2,2}:
     * 0 - 3 - 8 + 5 = -6 + 10 = 4 -> 2 + 5 = 7; 28 - 20 = 8 -> 4 + 5 = 9. */
    params.filter_offset = -1;
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, bias, output);
    CHECK_EQ_INT(7, output[0]);
    CHECK_EQ_INT(9, output[1]);
}

static void test_saturation_and_activation(void)
{
    /* acc = 127 * 127 * 2 = 32258; x 1.0 (2^30, shift 1) = 32258 -> 127;
     * the negated row gives -32258 -> -128; with RELU [zp, 127] the negative
     * row clamps to the zero point. */
    const int8_t input[2] = {127, 127};
    const int8_t filter[4] = {127, 127, -127, -127};
    const int32_t mult[2] = {1 << 30, 1 << 30};
    const int8_t shift[2] = {1, 1};
    tflm_per_channel_quant quant = {mult, shift, false};
    tflm_fc_params params = {.input_offset = 0, .output_offset = -3, .activation = {-128, 127}};
    const tflm_fc_shape shape = {1, 2, 2};
    int8_t output[2];
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, NULL, output);
    CHECK_EQ_INT(127, output[0]);
    CHECK_EQ_INT(-128, output[1]);
    params.activation.min = -3;
    params.activation.max = 100;
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, NULL, output);
    CHECK_EQ_INT(100, output[0]);
    CHECK_EQ_INT(-3, output[1]);
}

static void test_rounding_ties(void)
{
    /* Multiplier 0.5 with shift -1 (x 0.25): acc 2 -> 0.5 -> 1, acc -2 ->
     * -0.5 -> -1 (RoundingDivideByPOT rounds ties away from zero); acc 6
     * -> 1.5 -> 2, acc -6 -> -2. The Q31 step is exact here (x/2). */
    const int8_t input[1] = {1};
    const int8_t filter[4] = {2, -2, 6, -6};
    const int32_t mult[4] = {1 << 30, 1 << 30, 1 << 30, 1 << 30};
    const int8_t shift[4] = {-1, -1, -1, -1};
    tflm_per_channel_quant quant = {mult, shift, false};
    tflm_fc_params params = {.activation = {-128, 127}};
    const tflm_fc_shape shape = {1, 1, 4};
    int8_t output[4];
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, NULL, output);
    CHECK_EQ_INT(1, output[0]);
    CHECK_EQ_INT(-1, output[1]);
    CHECK_EQ_INT(2, output[2]);
    CHECK_EQ_INT(-2, output[3]);
}

static void test_random_s8(void)
{
    enum { MAX_B = 4, MAX_D = 80, MAX_U = 20 };
    static int8_t input[MAX_B * MAX_D], filter[MAX_U * MAX_D], got[MAX_B * MAX_U],
        want[MAX_B * MAX_U];
    static int32_t bias[MAX_U], mult[MAX_U];
    static int8_t shift[MAX_U];
    int mismatches = 0;
    for (int iter = 0; iter < 500; ++iter) {
        int32_t batches = rng_range(1, MAX_B), depth = rng_range(1, MAX_D),
                units = rng_range(1, MAX_U);
        for (int32_t i = 0; i < batches * depth; ++i) input[i] = (int8_t)rng_range(-128, 127);
        for (int32_t i = 0; i < units * depth; ++i) filter[i] = (int8_t)rng_range(-128, 127);
        int per_channel = iter % 2;
        int32_t m0;
        int8_t s0;
        rng_multiplier(-12, 1, &m0, &s0);
        for (int32_t o = 0; o < units; ++o) {
            bias[o] = rng_range(-40000, 40000);
            if (per_channel) {
                rng_multiplier(-12, 1, &mult[o], &shift[o]);
            } else {
                mult[o] = m0;
                shift[o] = s0;
            }
        }
        int32_t input_zp = iter % 7 == 0 ? -128 : iter % 7 == 1 ? 127 : rng_range(-128, 127);
        int32_t output_zp = rng_range(-128, 127);
        int32_t filter_zp = per_channel ? 0 : rng_range(-3, 3);
        int32_t act_min = iter % 3 == 0 ? output_zp : -128;
        int32_t act_max = iter % 5 == 0 ? rng_range(output_zp, 127) : 127;
        const int32_t *b = iter % 4 == 3 ? NULL : bias;
        /* per-tensor: one pair, then garbage the kernel must not read */
        static int32_t one_mult[MAX_U];
        static int8_t one_shift[MAX_U];
        for (int32_t o = 0; o < MAX_U; ++o) {
            one_mult[o] = o == 0 ? m0 : rng_range(1, 1000);
            one_shift[o] = o == 0 ? s0 : 20;
        }
        tflm_per_channel_quant quant = per_channel ? (tflm_per_channel_quant){mult, shift, false}
                                                   : (tflm_per_channel_quant){one_mult, one_shift, true};
        tflm_fc_params params = {.input_offset = -input_zp, .filter_offset = -filter_zp,
                                 .output_offset = output_zp, .activation = {act_min, act_max}};
        const tflm_fc_shape shape = {batches, depth, units};
        tflm_fully_connected_s8(&params, &quant, &shape, input, filter, b, got);
        naive_fc_s8(batches, depth, units, -input_zp, -filter_zp, output_zp, act_min, act_max,
                    mult, shift, input, filter, b, want);
        if (memcmp(got, want, (size_t)(batches * units)) != 0) {
            ++mismatches;
        }
    }
    CHECK_EQ_INT(0, mismatches);
}

static void test_f32(void)
{
    /* {1, -2, 0.5} . {2, 1, 4} = 2; + bias 0.25 = 2.25; second row
     * {-1, -1, -1} -> -(-0.5) = -(1 - 2 + 0.5) = 0.5, + bias -1 = -0.5. */
    const float input[3] = {1.0f, -2.0f, 0.5f};
    const float filter[6] = {2.0f, 1.0f, 4.0f, -1.0f, -1.0f, -1.0f};
    const float bias[2] = {0.25f, -1.0f};
    const tflm_fc_shape shape = {1, 3, 2};
    float output[2];
    tflm_activation_f32 none = {-3.402823466e+38f, 3.402823466e+38f};
    tflm_fully_connected_f32(&none, &shape, input, filter, bias, output);
    CHECK(output[0] == 2.25f);
    CHECK(output[1] == -0.5f);
    tflm_activation_f32 relu = {0.0f, 3.402823466e+38f};
    tflm_fully_connected_f32(&relu, &shape, input, filter, bias, output);
    CHECK(output[0] == 2.25f);
    CHECK(output[1] == 0.0f);
    tflm_activation_f32 relu_n1 = {-1.0f, 1.0f};
    tflm_fully_connected_f32(&relu_n1, &shape, input, filter, NULL, output);
    CHECK(output[0] == 1.0f);   /* 2 clamps to 1   */
    CHECK(output[1] == 0.5f);

    /* Random shapes against the same loop written plainly: identical
     * operation order, so identical bits. */
    enum { MAX_B = 3, MAX_D = 50, MAX_U = 10 };
    static float x[MAX_B * MAX_D], w[MAX_U * MAX_D], bb[MAX_U], got[MAX_B * MAX_U];
    int mismatches = 0;
    for (int iter = 0; iter < 100; ++iter) {
        int32_t batches = rng_range(1, MAX_B), depth = rng_range(1, MAX_D),
                units = rng_range(1, MAX_U);
        for (int32_t i = 0; i < batches * depth; ++i) x[i] = rng_float(-2, 2);
        for (int32_t i = 0; i < units * depth; ++i) w[i] = rng_float(-1, 1);
        for (int32_t i = 0; i < units; ++i) bb[i] = rng_float(-1, 1);
        const tflm_fc_shape shape = {batches, depth, units};
        tflm_activation_f32 act = {-0.5f, 6.0f};
        tflm_fully_connected_f32(&act, &shape, x, w, bb, got);
        for (int32_t b = 0; b < batches; ++b) {
            for (int32_t o = 0; o < units; ++o) {
                float total = 0.0f;
                for (int32_t d = 0; d < depth; ++d) total += x[b * depth + d] * w[o * depth + d];
                float v = total + bb[o];
                v = v < -0.5f ? -0.5f : v > 6.0f ? 6.0f : v;
                if (got[b * units + o] != v) ++mismatches;
            }
        }
    }
    CHECK_EQ_INT(0, mismatches);
}


/* ---- Node glue through the kernel harness ----------------------------------- */

static void test_node_s8_per_tensor(void)
{
    /* hello_world's first layer: [1,1] x [16,1] + bias, RELU. */
    static tflm_context ctx;
    int8_t input[1] = {37}, filter[16], output[16], want[16];
    int32_t bias[16];
    for (int i = 0; i < 16; ++i) {
        filter[i] = (int8_t)rng_range(-127, 127);
        bias[i] = rng_range(-2000, 2000);
    }
    const float in_s = 0.0244801f, f_s = 0.00403901f, b_s = 9.88754e-05f, out_s = 0.0133251f;
    harness_init(&ctx, &tflm_op_fully_connected, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 1}, 2, input, in_s, -128);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){16, 1}, 2, filter, f_s, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){16}, 1, bias, b_s, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 16}, 2, output, out_s, -128);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int32_t m, mult[16];
    int8_t shift[16];
    int s;
    /* Per-tensor: the scale product is taken in float (GetQuantizedConvolutionMultipler). */
    float product = in_s * f_s;
    tflm_quantize_multiplier((double)product / (double)out_s, &m, &s);
    for (int i = 0; i < 16; ++i) {
        mult[i] = m;
        shift[i] = (int8_t)s;
    }
    naive_fc_s8(1, 1, 16, 128, 0, -128, -128, 127, mult, shift, input, filter, bias, want);
    CHECK(memcmp(output, want, 16) == 0);
    harness_free(&ctx);

    /* The INT8-only registration computes the same bytes. */
    memset(output, 0, sizeof output);
    harness_init(&ctx, &tflm_op_fully_connected_int8, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 1}, 2, input, in_s, -128);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){16, 1}, 2, filter, f_s, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){16}, 1, bias, b_s, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 16}, 2, output, out_s, -128);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(memcmp(output, want, 16) == 0);
    harness_free(&ctx);
}

static void test_node_s8_per_channel(void)
{
    /* Three output channels with their own filter scales (quantized_dimension 0),
     * a rank-4 input flattened to 2 batches of depth 6, no bias, RELU6. */
    static tflm_context ctx;
    int8_t input[12], filter[18], output[6], want[6];
    for (int i = 0; i < 12; ++i) input[i] = (int8_t)rng_range(-128, 127);
    for (int i = 0; i < 18; ++i) filter[i] = (int8_t)rng_range(-127, 127);
    static const float scales[3] = {0.01f, 0.002f, 0.03f};
    static const int64_t zps[3] = {0, 0, 0};
    harness_init(&ctx, &tflm_op_fully_connected, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1, 2, 2, 3}, 4, input, 0.05f, 3);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){3, 6}, 2, filter, 1.0f, 0);
    harness_per_channel(&ctx, 1, scales, zps, 3, 0);
    harness_absent_input(&ctx, 2);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){2, 3}, 2, output, 0.04f, -20);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_RELU6);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int32_t mult[3], lo, hi;
    int8_t shift[3];
    ref_channel_multipliers(0.05f, scales, 0.04f, 3, mult, shift);
    tflm_activation_range_quantized(TFLM_ACTIVATION_RELU6, 0.04f, -20, -128, 127, &lo, &hi);
    CHECK_EQ_INT(-20, lo);
    CHECK_EQ_INT(127, hi); /* -20 + 150 clamps to 127 */
    naive_fc_s8(2, 6, 3, -3, 0, -20, lo, hi, mult, shift, input, filter, NULL, want);
    CHECK(memcmp(output, want, 6) == 0);
    harness_free(&ctx);
}

static void test_node_f32_keep_num_dims(void)
{
    static tflm_context ctx;
    float input[24], filter[20], bias[5], output[30], want[30];
    for (int i = 0; i < 24; ++i) input[i] = rng_float(-1, 1);
    for (int i = 0; i < 20; ++i) filter[i] = rng_float(-1, 1);
    for (int i = 0; i < 5; ++i) bias[i] = rng_float(-1, 1);
    harness_init(&ctx, &tflm_op_fully_connected, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 3, 4}, 3, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){5, 4}, 2, filter, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){5}, 1, bias, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 3, 5}, 3, output, 0, 0);
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, KEEP_NUM_DIMS, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int b = 0; b < 6; ++b) {
        for (int o = 0; o < 5; ++o) {
            float t = 0.0f;
            for (int d = 0; d < 4; ++d) t += input[b * 4 + d] * filter[o * 4 + d];
            want[b * 5 + o] = t + bias[o];
        }
    }
    CHECK(memcmp(output, want, sizeof want) == 0);

    /* keep_num_dims with a flattened output is rejected. */
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){6, 5}, 2, output, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_free(&ctx);

    /* The INT8-only registration rejects float tensors. */
    harness_init(&ctx, &tflm_op_fully_connected_int8, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, (const int32_t[]){6, 4}, 2, input, 0, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, (const int32_t[]){5, 4}, 2, filter, 0, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, (const int32_t[]){5}, 1, bias, 0, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_FLOAT32, (const int32_t[]){6, 5}, 2, output, 0, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_free(&ctx);
}

static void test_node_errors(void)
{
    static tflm_context ctx;
    int8_t input[8] = {0}, filter[8] = {0}, output[2] = {0};
    int16_t wide[8] = {0};
    int32_t bias[2] = {0};
#define SETUP()                                                                                  \
    do {                                                                                         \
        harness_init(&ctx, &tflm_op_fully_connected, 3);                                         \
        harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){2, 4}, 2, input, 0.1f, 0);     \
        harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 4}, 2, filter, 0.1f, 0);    \
        harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){1}, 1, bias, 0.01f, 0);       \
        harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){2, 1}, 2, output, 0.1f, 0);    \
    } while (0)
    SETUP();
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));

    SETUP();
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, (const int32_t[]){1, 4}, 2, wide, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "not supported; expected") != NULL);

    SETUP();
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1, 3}, 2, filter, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* 8 elements, depth 3 */

    SETUP();
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){1, 2}, 2, output, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* last dim is not units */

    /* 2^18 batches x 2^14 units overflows int32 to 0 elements: the output
     * (last dimension 2^14, a zero dimension) must still be refused. */
    SETUP();
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){1 << 18, 1}, 2, input, 0.1f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, (const int32_t[]){1 << 14, 1}, 2, filter, 0.1f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){1 << 14}, 1, bias, 0.01f, 0);
    harness_tensor(&ctx, 3, TFLM_TYPE_INT8, (const int32_t[]){0, 1 << 14}, 2, output, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));

    SETUP();
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, FUSED_ACTIVATION_FUNCTION, TFLM_ACTIVATION_TANH);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));

    SETUP();
    HARNESS_OPTION_INT(&ctx, FULLY_CONNECTED, WEIGHTS_FORMAT, 1); /* SHUFFLED4x16INT8 */
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));

    SETUP();
    harness_tensor(&ctx, 2, TFLM_TYPE_INT32, (const int32_t[]){1}, 1, bias, 0.5f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* bias scale far from 0.01 */

    SETUP();
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, (const int32_t[]){2, 4}, 2, input, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx)); /* no input scale */

    SETUP();
    harness_tensor(&ctx, 0, TFLM_TYPE_UINT8, (const int32_t[]){2, 4}, 2, input, 0.1f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
#undef SETUP
    harness_free(&ctx);
}

int main(void)
{
    test_hand_case();
    test_saturation_and_activation();
    test_rounding_ties();
    test_random_s8();
    test_f32();
    test_node_s8_per_tensor();
    test_node_s8_per_channel();
    test_node_f32_keep_num_dims();
    test_node_errors();
    TEST_MAIN_END();
}
