/*
 * test_arm_kernels.c - the Cortex-M variants against the reference kernels,
 * run on the board itself (a firmware: examples/firmware/CMakeLists.txt
 * builds it where the build compiles Arm variants, and runs it in QEMU), on
 * randomized shapes no shared model has: odd depths, unit and channel
 * counts, several batches, filter offsets, depth multipliers, strides,
 * dilations, paddings, SVDF ranks and memories, per-channel multipliers with right and left shifts
 * and every kind of activation range. Outputs must be byte-identical; exits
 * 1 on the first difference, after printing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arm_test_random.h"
#include "fw_print.h"
#include "kernels/arm/binary_arm.h"
#include "kernels/arm/depthwise_conv_arm.h"
#include "kernels/arm/fully_connected_arm.h"
#include "kernels/arm/pooling_arm.h"
#include "kernels/arm/svdf_arm.h"

enum { MAX_BATCHES = 4, MAX_DEPTH = 700, MAX_UNITS = 40, CASES = 600 };

/* DEPTHWISE_CONV_2D: up to 2 batches of 9 x 9 x 19 inputs, depth
 * multiplier up to 3, filters up to 5 x 5, padding up to the filter's
 * extent, so outputs up to 2 x 18 x 18 x 57; for the kernel of few input
 * channels, 1 to 3 channels, depth multiplier 4, 8 or 12 and filters up to
 * 10 x 8 (micro_speech's), outputs up to 2 x 19 x 17 x 36. */
enum {
    DW_MAX_IN = 2 * 9 * 9 * 19,
    DW_MAX_C = 19 * 3,
    DW_MAX_TAPS = 80,
    DW_MAX_OUT = 2 * 19 * 18 * DW_MAX_C,
    DW_CASES = 400
};

static int8_t input[MAX_BATCHES * MAX_DEPTH];
static int8_t filter[MAX_UNITS * MAX_DEPTH];
static int32_t bias[MAX_UNITS];
static int32_t multiplier[MAX_UNITS];
static int8_t shift[MAX_UNITS];
static int8_t want[MAX_BATCHES * MAX_UNITS], got[MAX_BATCHES * MAX_UNITS];
static int8_t dw_input[DW_MAX_IN], dw_filter[DW_MAX_TAPS * DW_MAX_C];
static int32_t dw_bias[DW_MAX_C], dw_multiplier[DW_MAX_C];
static int8_t dw_shift[DW_MAX_C];
static int8_t dw_want[DW_MAX_OUT], dw_got[DW_MAX_OUT];
static uint32_t dw_scratch[128];

/* The FULLY_CONNECTED int8 variants this core has. */
static const struct {
    const char *name;
    void (*run)(const tflm_fc_params *params, const tflm_per_channel_quant *quant,
                const tflm_fc_shape *shape, const int8_t *input, const int8_t *filter,
                const int32_t *bias, int8_t *output);
} fc_kernels[] = {
    {"int8 DSP", tflm_s8_fc_2x4__dsp},
#if defined(__ARM_FEATURE_MVE)
    {"int8 MVE", tflm_s8_fc_1x4__mve},
#endif
};

/* Prints a FULLY_CONNECTED difference; returns 1. */
static int report_fc(const char *kernel, int test, const tflm_fc_shape *shape, int32_t i,
                     int32_t got_value, int32_t want_value)
{
    fw_print("FULLY_CONNECTED ");
    fw_print(kernel);
    fw_print(": case ");
    fw_print_int(test);
    fw_print(" (batches ");
    fw_print_int(shape->batches);
    fw_print(", depth ");
    fw_print_int(shape->depth);
    fw_print(", units ");
    fw_print_int(shape->units);
    fw_print("),");
    print_got_want(i, got_value, want_value);
    return 1;
}

/* One random FULLY_CONNECTED case; 0 when the variants' bytes equal the
 * reference's. */
static int check_fc_case(int test)
{
    const int wide = test % 50 == 0; /* a depth like ad01_int8's 640 */
    const int32_t batches = rnd_in(1, MAX_BATCHES);
    const int32_t depth = wide ? rnd_in(600, MAX_DEPTH) : rnd_in(1, 67);
    const int32_t units = wide ? rnd_in(1, 9) : rnd_in(1, MAX_UNITS);
    fill(input, batches * depth);
    fill(filter, units * depth);
    const int per_channel = rnd_in(0, 1);
    for (int32_t o = 0; o < units; o++) {
        bias[o] = rnd_in(-(1 << 20), 1 << 20);
        /* per-tensor: one pair at [0]; the rest a different pair, which
           a kernel reading past [0] would use */
        multiplier[o] = rnd_in(1 << 30, INT32_MAX);
        shift[o] = (int8_t)rnd_in(-18, 3);
    }
    const int32_t output_zero_point = rnd_in(-128, 127);
    const tflm_fc_params params = {
        .input_offset = -rnd_in(-128, 127),
        .filter_offset = per_channel || rnd_in(0, 1) ? 0 : -rnd_in(-128, 127),
        .output_offset = output_zero_point,
        .activation = activation_range(output_zero_point),
    };
    const tflm_per_channel_quant quant = {multiplier, shift, !per_channel};
    const tflm_fc_shape shape = {batches, depth, units};
    const int32_t *bias_or_null = rnd_in(0, 3) == 0 ? NULL : bias;
    tflm_fully_connected_s8(&params, &quant, &shape, input, filter, bias_or_null, want);
    for (size_t v = 0; v < sizeof fc_kernels / sizeof fc_kernels[0]; v++) {
        fc_kernels[v].run(&params, &quant, &shape, input, filter, bias_or_null, got);
        for (int32_t i = 0; i < batches * units; i++) {
            if (got[i] != want[i]) {
                return report_fc(fc_kernels[v].name, test, &shape, i, got[i], want[i]);
            }
        }
    }
    return 0;
}

/* The FULLY_CONNECTED 16x8 variants this core has. */
static const struct {
    const char *name;
    tflm_fc_s16_fn run;
} fc16_kernels[] = {
    {"16x8 DSP", tflm_s16_fc_2x4__dsp},
#if defined(__ARM_FEATURE_MVE)
    {"16x8 MVE", tflm_s16_fc_1x4__mve},
#endif
};

static int16_t fc16_input[MAX_BATCHES * MAX_DEPTH];
static int64_t fc16_bias[MAX_UNITS];
static int16_t fc16_want[MAX_BATCHES * MAX_UNITS], fc16_got[MAX_BATCHES * MAX_UNITS];

/* One random FULLY_CONNECTED 16x8 case (symmetric, as TFLM's int16): full
 * int16 inputs, int64 or int32 biases or none, the output clamped to a
 * random int16 range; 0 when the variants' outputs equal the reference's. */
static int check_fc16_case(int test)
{
    const int wide = test % 50 == 0;
    const int32_t batches = rnd_in(1, MAX_BATCHES);
    const int32_t depth = wide ? rnd_in(600, MAX_DEPTH) : rnd_in(1, 67);
    const int32_t units = wide ? rnd_in(1, 9) : rnd_in(1, MAX_UNITS);
    const int extreme = rnd_in(0, 7); /* 0, 1: every input at one end */
    for (int32_t i = 0; i < batches * depth; i++) {
        fc16_input[i] = (int16_t)(extreme == 0 ? INT16_MIN : extreme == 1 ? INT16_MAX
                                                           : rnd_in(INT16_MIN, INT16_MAX));
    }
    fill(filter, units * depth);
    const int per_channel = rnd_in(0, 1);
    for (int32_t o = 0; o < units; o++) {
        fc16_bias[o] = ((int64_t)rnd_in(INT32_MIN / 2, INT32_MAX / 2) << rnd_in(0, 12));
        bias[o] = rnd_in(-(1 << 24), 1 << 24);
        multiplier[o] = rnd_in(1 << 30, INT32_MAX);
        shift[o] = (int8_t)rnd_in(-24, 3);
    }
    const int32_t lo = rnd_in(INT16_MIN, 0), hi = rnd_in(0, INT16_MAX);
    const tflm_fc_params params = {.output_offset = rnd_in(0, 3) == 0 ? rnd_in(-100, 100) : 0,
                                   .activation = {lo, hi}};
    const tflm_per_channel_quant quant = {multiplier, shift, !per_channel};
    const tflm_fc_shape shape = {batches, depth, units};
    const int bias_kind = rnd_in(0, 2); /* int64, int32, none */
    const tflm_bias_16x8 b = {bias_kind == 0 ? (const void *)fc16_bias : bias_kind == 1 ? (const void *)bias : NULL,
                              bias_kind == 1};
    tflm_fully_connected_s16(&params, &quant, &shape, fc16_input, filter, &b, fc16_want);
    for (size_t v = 0; v < sizeof fc16_kernels / sizeof fc16_kernels[0]; v++) {
        fc16_kernels[v].run(&params, &quant, &shape, fc16_input, filter, &b, fc16_got);
        for (int32_t i = 0; i < batches * units; i++) {
            if (fc16_got[i] != fc16_want[i]) {
                return report_fc(fc16_kernels[v].name, test, &shape, i, fc16_got[i], fc16_want[i]);
            }
        }
    }
    return 0;
}

/* Prints a DEPTHWISE_CONV_2D difference. */
static void print_dw_difference(const char *kernel, int test, const tflm_dims *in, const tflm_dims *k,
                                const tflm_conv_params *p, int32_t i, int8_t got_value,
                                int8_t want_value)
{
    print_conv_case("DEPTHWISE_CONV_2D int8", kernel, test, in, k);
    fw_print(", multiplier ");
    fw_print_int(p->depth_multiplier);
    fw_print(", stride ");
    fw_print_int(p->stride_w);
    fw_print(", dilation ");
    fw_print_int(p->dilation_w);
    fw_print("),");
    print_got_want(i, got_value, want_value);
}

/* An output size: the SAME-like or VALID-like count of windows, at least 1
 * (a window may lie wholly in the padding). */
static int32_t dw_out_size(int32_t in, int32_t pad, int32_t k, int32_t dilation, int32_t stride)
{
    const int32_t span = in + 2 * pad + rnd_in(0, 1) - (k - 1) * dilation - 1;
    return span < 0 ? 1 : span / stride + 1;
}

/* One random DEPTHWISE_CONV_2D case; 0 when the variant's bytes equal the
 * reference's. few: the kernel of few input channels (m4), otherwise c4.
 * For c4, every fourth case has MobileNet's shape: 3x3, stride 1 or 2,
 * channels a multiple of 4, depth multiplier 1. For m4, every other case
 * has micro_speech's kind: rows of 4 or 8 taps, up to 10 rows, over 1
 * channel without dilation (the kernel's word-at-a-time path). */
static int check_dw_case(int test, int few)
{
    const int mobilenet = !few && test % 4 == 0, speech = few && test % 2 == 0;
    const tflm_dims in = {rnd_in(1, 2), rnd_in(1, 9), rnd_in(1, 9),
                          mobilenet ? 4 * rnd_in(1, 4)
                          : speech  ? 1
                          : few     ? rnd_in(1, 3)
                                    : rnd_in(1, 19)};
    const int32_t m = few ? 4 * rnd_in(1, 3) : mobilenet || rnd_in(0, 2) > 0 ? 1 : rnd_in(2, 3);
    const tflm_dims k = {1,
                         mobilenet ? 3
                         : speech  ? rnd_in(1, 10)
                                   : rnd_in(1, 5),
                         mobilenet ? 3
                         : speech  ? 4 * rnd_in(1, 2)
                                   : rnd_in(1, 5),
                         in.c * m};
    tflm_conv_params p = {
        .stride_w = mobilenet ? rnd_in(1, 2) : rnd_in(1, 3),
        .stride_h = mobilenet ? rnd_in(1, 2) : rnd_in(1, 3),
        .dilation_w = mobilenet || speech || rnd_in(0, 3) > 0 ? 1 : 2,
        .dilation_h = mobilenet || rnd_in(0, 3) > 0 ? 1 : 2,
        .depth_multiplier = m,
        .input_offset = -rnd_in(-128, 127),
        .output_offset = rnd_in(-128, 127),
    };
    p.pad_w = rnd_in(0, (k.w - 1) * p.dilation_w);
    p.pad_h = rnd_in(0, (k.h - 1) * p.dilation_h);
    p.activation = activation_range(p.output_offset);
    const tflm_dims out = {in.n, dw_out_size(in.h, p.pad_h, k.h, p.dilation_h, p.stride_h),
                           dw_out_size(in.w, p.pad_w, k.w, p.dilation_w, p.stride_w), k.c};
    const tflm_dims bias_dims = {1, 1, 1, k.c};
    fill(dw_input, in.n * in.h * in.w * in.c);
    fill(dw_filter, k.h * k.w * k.c);
    const int wide_bias = rnd_in(0, 9) == 0; /* sums that wrap */
    for (int32_t o = 0; o < k.c; o++) {
        dw_bias[o] = wide_bias ? (int32_t)(rnd() << 8) : rnd_in(-(1 << 20), 1 << 20);
        dw_multiplier[o] = rnd_in(1 << 30, INT32_MAX);
        /* right shifts mostly (the fast requantization), now and then a
           left shift or the largest right shift */
        const int32_t kind = rnd_in(0, 15);
        dw_shift[o] = (int8_t)(kind == 0 ? rnd_in(0, 3) : kind == 1 ? -31 : rnd_in(-12, -1));
    }
    /* per-tensor now and then: one pair at [0] for every channel */
    const tflm_per_channel_quant quant = {dw_multiplier, dw_shift, rnd_in(0, 3) == 0};
    const int32_t *bias_or_null = rnd_in(0, 5) == 0 ? NULL : dw_bias;
    if ((!few && tflm_s8_dwconv_c4__dsp_scratch_size(&k) > sizeof dw_scratch) ||
        out.n * out.h * out.w * out.c > DW_MAX_OUT) {
        fw_print("DEPTHWISE_CONV_2D int8 DSP: the test's buffers are too small\n");
        return 1;
    }
    tflm_depthwise_conv_s8(&p, &quant, &in, dw_input, &k, dw_filter, &bias_dims, bias_or_null,
                           &out, dw_want);
    if (few) {
        tflm_s8_dwconv_m4__dsp(&p, &quant, &in, dw_input, &k, dw_filter, &bias_dims,
                               bias_or_null, &out, dw_got);
    } else {
        tflm_s8_dwconv_c4__dsp(&p, &quant, &in, dw_input, &k, dw_filter, &bias_dims,
                               bias_or_null, &out, dw_got, dw_scratch);
    }
    for (int32_t i = 0; i < out.n * out.h * out.w * out.c; i++) {
        if (dw_got[i] != dw_want[i]) {
            print_dw_difference(few ? "DSP m4" : "DSP c4", test, &in, &k, &p, i, dw_got[i],
                                dw_want[i]);
            return 1;
        }
    }
#if defined(__ARM_FEATURE_MVE)
    tflm_s8_dwconv_c4__mve(&p, &quant, &in, dw_input, &k, dw_filter, &bias_dims, bias_or_null,
                           &out, dw_got);
    for (int32_t i = 0; i < out.n * out.h * out.w * out.c; i++) {
        if (dw_got[i] != dw_want[i]) {
            print_dw_difference("MVE c4", test, &in, &k, &p, i, dw_got[i], dw_want[i]);
            return 1;
        }
    }
#endif
    return 0;
}

#if defined(__ARM_FEATURE_MVE)
#define SVDF_VARIANTS "SVDF int8 (int16 state) DSP and MVE each"
#else
#define SVDF_VARIANTS "SVDF int8 (int16 state) DSP"
#endif

/* SVDF: up to 2 batches of 70 inputs, 16 units of rank up to 3, memory up
 * to 12; the state is checked as well as the output. */
enum {
    SVDF_MAX_IN = 70,
    SVDF_MAX_FILTERS = 48,
    SVDF_MAX_STATE = 2 * SVDF_MAX_FILTERS * 12,
    SVDF_CASES = 400
};

static int8_t svdf_weights_feature[SVDF_MAX_FILTERS * SVDF_MAX_IN];
static int16_t svdf_weights_time[SVDF_MAX_FILTERS * 12];
static int16_t svdf_state_want[SVDF_MAX_STATE], svdf_state_got[SVDF_MAX_STATE];
#if defined(__ARM_FEATURE_MVE)
static int16_t svdf_state_mve[SVDF_MAX_STATE];
#endif
static int32_t svdf_ref_scratch[2 * (SVDF_MAX_FILTERS + 16)];
static uint32_t svdf_scratch[SVDF_MAX_IN / 2];

/* Prints an SVDF difference (what: "output" or "state"). */
static void print_svdf_difference(int test, const tflm_svdf_params *p, const char *what,
                                  int32_t i, int32_t got_value, int32_t want_value)
{
    fw_print("SVDF int8: case ");
    fw_print_int(test);
    fw_print(" (batches ");
    fw_print_int(p->batches);
    fw_print(", inputs ");
    fw_print_int(p->input_size);
    fw_print(", filters ");
    fw_print_int(p->filters);
    fw_print(", rank ");
    fw_print_int(p->rank);
    fw_print(", memory ");
    fw_print_int(p->memory);
    fw_print("), ");
    fw_print(what);
    fw_print(" ");
    fw_print_int(i);
    fw_print(": got ");
    fw_print_int(got_value);
    fw_print(", the reference ");
    fw_print_int(want_value);
    fw_print("\n");
}

/* One random SVDF case (int8, int16 state); 0 when the variant's output
 * and state equal the reference's. */
static int check_svdf_case(int test)
{
    const int32_t rank = rnd_in(1, 3), units = rnd_in(1, 16);
    const tflm_svdf_params p = {
        .batches = rnd_in(1, 2),
        .input_size = rnd_in(1, SVDF_MAX_IN),
        .filters = units * rank,
        .memory = rnd_in(1, 12),
        .rank = rank,
    };
    const tflm_svdf_quant q = {
        .input_zero_point = rnd_in(-128, 127),
        /* TFLM's converter gives 0; now and then another */
        .state_zero_point = rnd_in(0, 3) == 0 ? rnd_in(-300, 300) : 0,
        .output_zero_point = rnd_in(-128, 127),
        .scale1_multiplier = rnd_in(1 << 30, INT32_MAX),
        .scale1_shift = rnd_in(-14, 1),
        .scale2_multiplier = rnd_in(1 << 30, INT32_MAX),
        .scale2_shift = rnd_in(-20, 1),
    };
    fill(input, p.batches * p.input_size);
    fill(svdf_weights_feature, p.filters * p.input_size);
    const int32_t state_count = p.batches * p.filters * p.memory;
    for (int32_t i = 0; i < p.filters * p.memory; i++) {
        svdf_weights_time[i] = (int16_t)rnd_in(INT16_MIN, INT16_MAX);
    }
    for (int32_t i = 0; i < state_count; i++) {
        svdf_state_want[i] = svdf_state_got[i] = (int16_t)rnd_in(INT16_MIN, INT16_MAX);
    }
#if defined(__ARM_FEATURE_MVE)
    for (int32_t i = 0; i < state_count; i++) {
        svdf_state_mve[i] = svdf_state_got[i];
    }
#endif
    for (int32_t u = 0; u < units; u++) {
        bias[u] = rnd_in(-(1 << 24), 1 << 24);
    }
    const int32_t *bias_or_null = rnd_in(0, 3) == 0 ? NULL : bias;
    tflm_svdf_s8_s16(svdf_ref_scratch, &p, &q, input, svdf_weights_feature, svdf_weights_time,
                     bias_or_null, svdf_state_want, want);
    tflm_s8_s16_svdf_2x4__dsp(&p, &q, input, svdf_weights_feature, svdf_weights_time,
                              bias_or_null, svdf_state_got, got, svdf_scratch);
    for (int32_t i = 0; i < p.batches * units; i++) {
        if (got[i] != want[i]) {
            print_svdf_difference(test, &p, "DSP output", i, got[i], want[i]);
            return 1;
        }
    }
    for (int32_t i = 0; i < state_count; i++) {
        if (svdf_state_got[i] != svdf_state_want[i]) {
            print_svdf_difference(test, &p, "DSP state", i, svdf_state_got[i], svdf_state_want[i]);
            return 1;
        }
    }
#if defined(__ARM_FEATURE_MVE)
    tflm_s8_s16_svdf_1x4__mve(&p, &q, input, svdf_weights_feature, svdf_weights_time, bias_or_null,
                              svdf_state_mve, got);
    for (int32_t i = 0; i < p.batches * units; i++) {
        if (got[i] != want[i]) {
            print_svdf_difference(test, &p, "MVE output", i, got[i], want[i]);
            return 1;
        }
    }
    for (int32_t i = 0; i < state_count; i++) {
        if (svdf_state_mve[i] != svdf_state_want[i]) {
            print_svdf_difference(test, &p, "MVE state", i, svdf_state_mve[i], svdf_state_want[i]);
            return 1;
        }
    }
#endif
    return 0;
}

/* AVERAGE_POOL_2D and MAX_POOL_2D: up to 2 batches of 11 x 11 x 37,
 * windows up to 6 x 6, padding up to 2; now and then 17 x 17 x 8 with the
 * largest window the DSP average takes, 16 x 16, or one past it (MVE). */
enum {
    POOL_MAX_IN = 2 * 11 * 11 * 37,
    POOL_MAX_OUT = 2 * 15 * 15 * 37, /* a side grows by at most 2 x 2 - 1 */
    POOL_CASES = 300
};
static int8_t pool_in[POOL_MAX_IN], pool_want[POOL_MAX_OUT], pool_got[POOL_MAX_OUT];

/* The int8 pooling variants this core has; the average ones with the
 * largest window they take. */
static const struct {
    const char *name;
    tflm_pool_s8_fn run, reference;
    int32_t max_taps;
} pool_kernels[] = {
    {"MAX_POOL_2D int8 DSP", tflm_s8_maxpool_c4__dsp, tflm_max_pool_s8, INT32_MAX},
    {"AVERAGE_POOL_2D int8 DSP", tflm_s8_avgpool_c4__dsp, tflm_average_pool_s8,
     TFLM_ARM_AVGPOOL_DSP_MAX_TAPS},
#if defined(__ARM_FEATURE_MVE)
    {"MAX_POOL_2D int8 MVE", tflm_s8_maxpool_c16__mve, tflm_max_pool_s8, INT32_MAX},
    {"AVERAGE_POOL_2D int8 MVE", tflm_s8_avgpool_c4__mve, tflm_average_pool_s8, INT32_MAX},
#endif
};

/* An output size: windows from -pad on, at least one inside the input. */
static int32_t pool_out_size(int32_t in, int32_t pad, int32_t filter, int32_t stride)
{
    const int32_t span = in + 2 * pad - filter;
    return span < 0 ? 1 : span / stride + 1;
}

static int check_pool_case(int test)
{
    const int big = test % 10 == 0; /* windows of 16 x 16 or 17 x 16 */
    tflm_pool_params p = {0};
    const int32_t side = big ? 17 : 11;
    const tflm_dims in = {rnd_in(1, 2), rnd_in(1, side), rnd_in(1, side), rnd_in(1, big ? 8 : 37)};
    p.filter_h = big ? rnd_in(16, 17) : rnd_in(1, 6);
    p.filter_w = big ? 16 : rnd_in(1, 6);
    p.stride_h = rnd_in(1, 3);
    p.stride_w = rnd_in(1, 3);
    p.pad_h = rnd_in(0, p.filter_h - 1 < 2 ? p.filter_h - 1 : 2);
    p.pad_w = rnd_in(0, p.filter_w - 1 < 2 ? p.filter_w - 1 : 2);
    const int32_t zero_point = rnd_in(-128, 127);
    p.activation = activation_range(zero_point);
    const tflm_dims out = {in.n, pool_out_size(in.h, p.pad_h, p.filter_h, p.stride_h),
                           pool_out_size(in.w, p.pad_w, p.filter_w, p.stride_w), in.c};
    /* every window must hold a tap of the input, as prepare ensures */
    if ((out.h - 1) * p.stride_h - p.pad_h >= in.h || (out.w - 1) * p.stride_w - p.pad_w >= in.w) {
        return 0;
    }
    const int32_t count = out.n * out.h * out.w * out.c;
    if (in.n * in.h * in.w * in.c > POOL_MAX_IN || count > POOL_MAX_OUT) {
        fw_print("pooling: the test's buffers are too small\n");
        return 1;
    }
    fill(pool_in, in.n * in.h * in.w * in.c);
    for (size_t v = 0; v < sizeof pool_kernels / sizeof pool_kernels[0]; v++) {
        if (p.filter_h * p.filter_w > pool_kernels[v].max_taps) {
            continue;
        }
        pool_kernels[v].reference(&p, &in, pool_in, &out, pool_want);
        pool_kernels[v].run(&p, &in, pool_in, &out, pool_got);
        for (int32_t i = 0; i < count; i++) {
            if (pool_got[i] != pool_want[i]) {
                fw_print(pool_kernels[v].name);
                fw_print(": case ");
                fw_print_int(test);
                fw_print(" (input ");
                fw_print_int(in.h);
                fw_print("x");
                fw_print_int(in.w);
                fw_print("x");
                fw_print_int(in.c);
                fw_print(", window ");
                fw_print_int(p.filter_h);
                fw_print("x");
                fw_print_int(p.filter_w);
                fw_print("),");
                print_got_want(i, pool_got[i], pool_want[i]);
                return 1;
            }
        }
    }
    return 0;
}

/* ADD and MUL: rank-4 shapes up to 6 x 5 x 7 x 9, each input broadcast
 * along any axis, multipliers and shifts as prepare makes them (right
 * shifts, now and then the largest; MUL's products need left ones too),
 * int8's left shift of 20 or another. */
enum { BINARY_MAX = 6 * 5 * 7 * 9, BINARY_CASES = 400 };
static int8_t binary_in1[BINARY_MAX], binary_in2[BINARY_MAX];
static int8_t binary_want[BINARY_MAX], binary_got[BINARY_MAX];

/* 0 when the count outputs match; otherwise prints the first difference. */
static int compare_binary(const char *name, int test, int32_t count)
{
    for (int32_t i = 0; i < count; i++) {
        if (binary_got[i] != binary_want[i]) {
            fw_print(name);
            fw_print(": case ");
            fw_print_int(test);
            fw_print(",");
            print_got_want(i, binary_got[i], binary_want[i]);
            return 1;
        }
    }
    return 0;
}

static int check_binary_case(int test)
{
    int32_t out[4], shape1[4], shape2[4];
    const int32_t limits[4] = {6, 5, 7, 9};
    int32_t count = 1;
    for (int a = 0; a < 4; a++) {
        out[a] = rnd_in(1, limits[a]);
        const int32_t broadcast = rnd_in(0, 5); /* 0: input 1 along a, 1: input 2 */
        shape1[a] = broadcast == 0 ? 1 : out[a];
        shape2[a] = broadcast == 1 ? 1 : out[a];
        count *= out[a];
    }
    tflm_broadcast bc;
    if (!tflm_broadcast_init(shape1, 4, shape2, 4, out, 4, &bc)) {
        fw_print("ADD, MUL: the test's shapes do not broadcast\n");
        return 1;
    }
    fill(binary_in1, BINARY_MAX);
    fill(binary_in2, BINARY_MAX);
    tflm_add_quant add = {
        .input1_offset = -rnd_in(-128, 127),
        .input2_offset = -rnd_in(-128, 127),
        .output_offset = rnd_in(-128, 127),
        .left_shift = rnd_in(0, 3) == 0 ? rnd_in(0, 24) : 20,
        .input1_multiplier = rnd_in(1 << 30, INT32_MAX),
        .input1_shift = rnd_in(0, 7) == 0 ? -31 : rnd_in(-8, 0),
        .input2_multiplier = rnd_in(1 << 30, INT32_MAX),
        .input2_shift = rnd_in(-8, 0),
        .output_multiplier = rnd_in(1 << 30, INT32_MAX),
        .output_shift = rnd_in(-24, 0),
    };
    add.activation = activation_range(add.output_offset);
    tflm_add_s8(&add, &bc, binary_in1, binary_in2, binary_want);
    tflm_s8_add_x1__dsp(&add, &bc, binary_in1, binary_in2, binary_got);
    if (compare_binary("ADD int8 DSP", test, count) != 0) {
        return 1;
    }
#if defined(__ARM_FEATURE_MVE)
    tflm_s8_add_x4__mve(&add, &bc, binary_in1, binary_in2, binary_got);
    if (compare_binary("ADD int8 MVE", test, count) != 0) {
        return 1;
    }
#endif
    tflm_mul_quant mul = {
        .input1_offset = add.input1_offset,
        .input2_offset = add.input2_offset,
        .output_offset = add.output_offset,
        .output_multiplier = rnd_in(1 << 30, INT32_MAX),
        .output_shift = rnd_in(0, 7) == 0 ? rnd_in(0, 8) : rnd_in(-31, -1),
        .activation = add.activation,
    };
    tflm_mul_s8(&mul, &bc, binary_in1, binary_in2, binary_want);
    tflm_s8_mul_x1__dsp(&mul, &bc, binary_in1, binary_in2, binary_got);
    if (compare_binary("MUL int8 DSP", test, count) != 0) {
        return 1;
    }
#if defined(__ARM_FEATURE_MVE)
    tflm_s8_mul_x4__mve(&mul, &bc, binary_in1, binary_in2, binary_got);
    if (compare_binary("MUL int8 MVE", test, count) != 0) {
        return 1;
    }
#endif
    return 0;
}

int main(void)
{
    for (int test = 0; test < CASES; test++) {
        if (check_fc_case(test) != 0) {
            return 1;
        }
    }
    fw_print(sizeof fc_kernels / sizeof fc_kernels[0] > 1
                 ? "FULLY_CONNECTED int8 DSP and MVE equal the reference on "
                 : "FULLY_CONNECTED int8 DSP equals the reference on ");
    fw_print_int(CASES);
    fw_print(" random cases\n");
    for (int test = 0; test < CASES; test++) {
        if (check_fc16_case(test) != 0) {
            return 1;
        }
    }
    fw_print(sizeof fc16_kernels / sizeof fc16_kernels[0] > 1
                 ? "FULLY_CONNECTED 16x8 DSP and MVE equal the reference on "
                 : "FULLY_CONNECTED 16x8 DSP equals the reference on ");
    fw_print_int(CASES);
    fw_print(" random cases\n");
    for (int few = 0; few <= 1; few++) {
        for (int test = 0; test < DW_CASES; test++) {
            if (check_dw_case(test, few) != 0) {
                return 1;
            }
        }
        fw_print(few ? "DEPTHWISE_CONV_2D int8 DSP (< 4 channels, m4) equals the reference on "
                     : "DEPTHWISE_CONV_2D int8 DSP (c4) equals the reference on ");
        fw_print_int(DW_CASES);
        fw_print(" random cases\n");
#if defined(__ARM_FEATURE_MVE)
        fw_print("DEPTHWISE_CONV_2D int8 MVE equals it on the same cases\n");
#endif
    }
    for (int test = 0; test < SVDF_CASES; test++) {
        if (check_svdf_case(test) != 0) {
            return 1;
        }
    }
    fw_print(SVDF_VARIANTS " equals the reference on ");
    fw_print_int(SVDF_CASES);
    fw_print(" random cases\n");
    for (int test = 0; test < POOL_CASES; test++) {
        if (check_pool_case(test) != 0) {
            return 1;
        }
    }
    fw_print("AVERAGE_POOL_2D and MAX_POOL_2D int8 variants equal the reference on ");
    fw_print_int(POOL_CASES);
    fw_print(" random cases\n");
    for (int test = 0; test < BINARY_CASES; test++) {
        if (check_binary_case(test) != 0) {
            return 1;
        }
    }
    fw_print("ADD and MUL int8 variants equal the reference on ");
    fw_print_int(BINARY_CASES);
    fw_print(" random cases\n");
    return 0;
}
