/*
 * test_arm_conv.c - the Cortex-M CONV_2D int8 variants against the
 * reference kernel, run on the board itself (a firmware:
 * examples/firmware/CMakeLists.txt builds it where the build compiles Arm
 * variants, and runs it in QEMU), on randomized shapes: 1x1 to 5x5 and
 * asymmetric filters, strides, dilations, padding on either side, depths
 * that are and are not multiples of four (1 to 3 for first layers),
 * several batches, odd pixel and channel counts, per-channel multipliers
 * and every kind of activation range. Every case runs the im2col kernels,
 * and the 1x1 kernels where they apply (DSP, and MVE on a Helium core). Outputs must be byte-identical;
 * exits 1 on the first difference, after printing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arm_test_random.h"
#include "fw_print.h"
#include "kernels/arm/conv_arm.h"
#include "kernels/arm/fully_connected_arm.h"

enum {
    MAX_SIDE = 12,
    MAX_BATCHES = 2,
    MAX_DEPTH = 80,
    MAX_FILTERS = 24,
    MAX_K = 5,
    CASES = 500,
};

static int8_t input[MAX_BATCHES * MAX_SIDE * MAX_SIDE * MAX_DEPTH];
static int8_t filter[MAX_FILTERS * MAX_K * MAX_K * MAX_DEPTH];
static int32_t bias[MAX_FILTERS];
static int32_t multiplier[MAX_FILTERS];
static int8_t shift[MAX_FILTERS];
static int8_t want[MAX_BATCHES * MAX_SIDE * MAX_SIDE * MAX_FILTERS];
static int8_t got[sizeof want];
static int16_t input16[sizeof input];
static int64_t bias64[MAX_FILTERS];
static int16_t want16[sizeof want], got16[sizeof want];

/* The FULLY_CONNECTED 16x8 kernels the 16x8 im2col runs on this core. */
static const struct {
    const char *name;
    tflm_fc_s16_fn product;
} conv16_products[] = {
    {"16x8 DSP im2col", tflm_s16_fc_2x4__dsp},
#if defined(__ARM_FEATURE_MVE)
    {"16x8 MVE im2col", tflm_s16_fc_1x4__mve},
#endif
};
static uint32_t scratch[(MAX_K * MAX_K * MAX_DEPTH * 5 + 3) / 4]; /* 5 bytes a tap */

/* The CONV_2D int8 variants this core has; pointwise: 1x1 only. */
static const struct {
    const char *name;
    tflm_conv_s8_arm_fn run;
    int pointwise;
    int mve;
} conv_kernels[] = {
    {"int8 DSP im2col", tflm_s8_conv_im2col_2x2__dsp, 0, 0},
    {"int8 DSP 1x1", tflm_s8_conv_1x1_2x2__dsp, 1, 0},
#if defined(__ARM_FEATURE_MVE)
    {"int8 MVE im2col", tflm_s8_conv_im2col_4x1__mve, 0, 1},
    {"int8 MVE 1x1", tflm_s8_conv_1x1_4x1__mve, 1, 1},
#endif
};

/* A depth: first layers (1 to 3), multiples of four, or anything. */
static int32_t random_depth(void)
{
    switch (rnd_in(0, 3)) {
    case 0:
        return rnd_in(1, 3);
    case 1:
        return 4 * rnd_in(1, MAX_DEPTH / 4);
    default:
        return rnd_in(1, MAX_DEPTH);
    }
}

static int report(const char *kernel, int test, const tflm_dims *in, const tflm_dims *k,
                  const tflm_conv_params *p, int32_t index, int32_t g, int32_t w)
{
    fw_print("CONV_2D ");
    fw_print(kernel);
    fw_print(": case ");
    fw_print_int(test);
    fw_print(" (input ");
    fw_print_int(in->n);
    fw_print("x");
    fw_print_int(in->h);
    fw_print("x");
    fw_print_int(in->w);
    fw_print("x");
    fw_print_int(in->c);
    fw_print(", filter ");
    fw_print_int(k->n);
    fw_print("x");
    fw_print_int(k->h);
    fw_print("x");
    fw_print_int(k->w);
    fw_print(", stride ");
    fw_print_int(p->stride_h);
    fw_print(",");
    fw_print_int(p->stride_w);
    fw_print(", dilation ");
    fw_print_int(p->dilation_h);
    fw_print(",");
    fw_print_int(p->dilation_w);
    fw_print(", pad ");
    fw_print_int(p->pad_h);
    fw_print(",");
    fw_print_int(p->pad_w);
    fw_print("),");
    print_got_want(index, g, w);
    return 1;
}

/* One output axis: its size for the input, filter, stride, dilation and
 * padding drawn here (at least 1). */
static int32_t random_axis(int32_t in, int32_t k, int32_t *stride, int32_t *dilation,
                           int32_t *pad)
{
    *stride = rnd_in(1, 3);
    *dilation = k > 1 && rnd_in(0, 3) == 0 ? 2 : 1;
    const int32_t span = (k - 1) * *dilation + 1;
    *pad = rnd_in(0, 2) == 0 ? 0 : rnd_in(0, span - 1);
    const int32_t room = in + 2 * *pad - span;
    return room < 0 ? 0 : room / *stride + 1;
}

/* One random case; 0 when the variants' bytes equal the reference's. */
static int check_case(int test)
{
    const int pointwise = rnd_in(0, 2) == 0;
    tflm_conv_params params = {0};
    tflm_dims in, k, out;
    do {
        in = (tflm_dims){rnd_in(1, MAX_BATCHES), rnd_in(1, MAX_SIDE), rnd_in(1, MAX_SIDE),
                         random_depth()};
        k = (tflm_dims){rnd_in(1, MAX_FILTERS), pointwise ? 1 : rnd_in(1, MAX_K),
                        pointwise ? 1 : rnd_in(1, MAX_K), in.c};
        out.n = in.n;
        out.h = random_axis(in.h, k.h, &params.stride_h, &params.dilation_h, &params.pad_h);
        out.w = random_axis(in.w, k.w, &params.stride_w, &params.dilation_w, &params.pad_w);
        out.c = k.n;
        if (pointwise) {
            params.pad_h = params.pad_w = 0;
            out.h = (in.h - 1) / params.stride_h + 1;
            out.w = (in.w - 1) / params.stride_w + 1;
        }
    } while (out.h < 1 || out.w < 1);
    fill(input, in.n * in.h * in.w * in.c);
    fill(filter, k.n * k.h * k.w * k.c);
    const int per_channel = rnd_in(0, 1);
    for (int32_t o = 0; o < k.n; o++) {
        bias[o] = rnd_in(-(1 << 20), 1 << 20);
        /* per-tensor: one pair at [0]; the rest a different pair, which
           a kernel reading past [0] would use */
        multiplier[o] = rnd_in(1 << 30, INT32_MAX);
        shift[o] = (int8_t)rnd_in(-18, 3);
    }
    const int32_t output_zero_point = rnd_in(-128, 127);
    params.input_offset = -rnd_in(-128, 127);
    params.output_offset = output_zero_point;
    params.activation = activation_range(output_zero_point);
    params.depth_multiplier = 1;
    const tflm_per_channel_quant quant = {multiplier, shift, !per_channel};
    const tflm_dims bias_dims = {1, 1, 1, k.n};
    const int32_t *bias_or_null = rnd_in(0, 3) == 0 ? NULL : bias;
    const int32_t count = out.n * out.h * out.w * out.c;
    tflm_conv_s8(&params, &quant, &in, input, &k, filter, &bias_dims, bias_or_null, &out, want);

    if (tflm_conv_s8_arm_get_buffer_size(&k) > sizeof scratch) {
        fw_print("scratch too small for the test's largest filter\n");
        return 1;
    }
    for (size_t v = 0; v < sizeof conv_kernels / sizeof conv_kernels[0]; v++) {
        if (conv_kernels[v].pointwise && !tflm_conv_s8_arm_pointwise(&params, &in, &k)) {
            continue;
        }
#if defined(__ARM_FEATURE_MVE)
        if (conv_kernels[v].mve && !tflm_conv_s8_mve_accepts(&params)) {
            continue;
        }
#endif
        conv_kernels[v].run(&params, &quant, &in, input, &k, filter, &bias_dims, bias_or_null,
                            &out, got, scratch);
        for (int32_t i = 0; i < count; i++) {
            if (got[i] != want[i]) {
                return report(conv_kernels[v].name, test, &in, &k, &params, i, got[i], want[i]);
            }
        }
    }
    /* 16x8 on the same shapes: full int16 inputs, no zero points, int64 or
       int32 biases or none, an int16 clamp. */
    const int extreme = rnd_in(0, 7);
    for (int32_t i = 0; i < in.n * in.h * in.w * in.c; i++) {
        input16[i] = (int16_t)(extreme == 0 ? INT16_MIN : extreme == 1 ? INT16_MAX
                                                        : rnd_in(INT16_MIN, INT16_MAX));
    }
    for (int32_t o = 0; o < k.n; o++) {
        bias64[o] = (int64_t)rnd_in(INT32_MIN / 2, INT32_MAX / 2) << rnd_in(0, 12);
    }
    tflm_conv_params params16 = params;
    params16.activation = (tflm_activation){rnd_in(INT16_MIN, 0), rnd_in(0, INT16_MAX)};
    const int bias_kind = rnd_in(0, 2); /* int64, int32, none */
    const tflm_bias_16x8 b16 = {bias_kind == 0 ? (const void *)bias64
                                : bias_kind == 1 ? (const void *)bias
                                                 : NULL,
                                bias_kind == 1};
    tflm_conv_s16(&params16, &quant, &in, input16, &k, filter, &bias_dims, &b16, &out, want16);
    for (size_t v = 0; v < sizeof conv16_products / sizeof conv16_products[0]; v++) {
        tflm_s16_conv_im2col(conv16_products[v].product, &params16, &quant, &in, input16, &k,
                             filter, &b16, &out, got16, scratch);
        for (int32_t i = 0; i < count; i++) {
            if (got16[i] != want16[i]) {
                return report(conv16_products[v].name, test, &in, &k, &params16, i, got16[i],
                              want16[i]);
            }
        }
    }
    return 0;
}

int main(void)
{
    return run_cases(check_case, CASES,
                     sizeof conv_kernels / sizeof conv_kernels[0] > 2
                         ? "CONV_2D int8 DSP and MVE (1x1 and im2col), and 16x8 DSP and MVE, equal the reference"
                         : "CONV_2D int8 DSP (1x1 and im2col), and 16x8 DSP, equal the reference");
}
