/*
 * test_arm_dwconv16.c - the Cortex-M DEPTHWISE_CONV_2D 16x8 variants
 * (depth multiplier 1) against the reference kernel, run on the board
 * itself (a firmware: examples/firmware/CMakeLists.txt builds it where the
 * build compiles Arm variants, and runs it in QEMU), on randomized shapes:
 * filters up to 5x5, strides, dilations, padding, channel counts that are
 * and are not multiples of four, two batches, full int16 inputs (all at one
 * extreme now and then), int64 biases or none, per-channel multipliers with
 * right and left shifts and int16 clamps. One case in eight has the largest
 * filter the kernels take (506 taps of a 23 x 23 input at the extremes:
 * sums near 2^31). Outputs must be byte-identical; exits 1 on the first
 * difference, after printing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arm_test_random.h"
#include "fw_print.h"
#include "kernels/arm/depthwise_conv_arm.h"
#include "kernels/arm/s16_dwconv_walk.h"

enum {
    MAX_SIDE = 23,
    MAX_C = 19,
    MAX_BATCHES = 2,
    MAX_IN = MAX_BATCHES * MAX_SIDE * MAX_SIDE * MAX_C,
    MAX_OUT = MAX_BATCHES * 18 * 18 * MAX_C,
    CASES = 400,
};

static int16_t input[MAX_IN];
static int8_t filter[TFLM_S16_DWCONV_MAX_TAPS * MAX_C];
static int64_t bias[MAX_C];
static int32_t multiplier[MAX_C];
static int8_t shift[MAX_C];
static int16_t want[MAX_OUT], got[MAX_OUT];

static const struct {
    const char *name;
    tflm_s16_dwconv_fn run;
} kernels[] = {
    {"DSP", tflm_s16_dwconv_c4__dsp},
#if defined(__ARM_FEATURE_MVE)
    {"MVE", tflm_s16_dwconv_c4__mve},
#endif
};

static int report(const char *kernel, int test, const tflm_dims *in, const tflm_dims *k,
                  int32_t i, int32_t got_value, int32_t want_value)
{
    print_conv_case("DEPTHWISE_CONV_2D 16x8", kernel, test, in, k);
    fw_print("),");
    print_got_want(i, got_value, want_value);
    return 1;
}

/* An output size: the count of windows with the padding on both sides, at
 * least 1. */
static int32_t out_size(int32_t in, int32_t pad, int32_t k, int32_t dilation, int32_t stride)
{
    const int32_t span = in + 2 * pad - (k - 1) * dilation - 1;
    return span < 0 ? 1 : span / stride + 1;
}

static int check_case(int test)
{
    const int large = test % 8 == 7;
    const tflm_dims in = {large ? 1 : rnd_in(1, MAX_BATCHES), large ? MAX_SIDE : rnd_in(1, 9),
                          large ? MAX_SIDE : rnd_in(1, 9), large ? 4 : rnd_in(1, MAX_C)};
    const tflm_dims k = {1, large ? 22 : rnd_in(1, 5), large ? 23 : rnd_in(1, 5), in.c};
    tflm_conv_params p = {
        .stride_w = large ? 1 : rnd_in(1, 3),
        .stride_h = large ? 1 : rnd_in(1, 3),
        .dilation_w = large || rnd_in(0, 3) > 0 ? 1 : 2,
        .dilation_h = large || rnd_in(0, 3) > 0 ? 1 : 2,
        .depth_multiplier = 1,
    };
    p.pad_w = large ? 0 : rnd_in(0, (k.w - 1) * p.dilation_w);
    p.pad_h = large ? 0 : rnd_in(0, (k.h - 1) * p.dilation_h);
    p.activation = (tflm_activation){rnd_in(INT16_MIN, 0), rnd_in(0, INT16_MAX)};
    const tflm_dims out = {in.n, out_size(in.h, p.pad_h, k.h, p.dilation_h, p.stride_h),
                           out_size(in.w, p.pad_w, k.w, p.dilation_w, p.stride_w), k.c};
    const int32_t count = out.n * out.h * out.w * out.c;
    if (count > MAX_OUT) {
        fw_print("DEPTHWISE_CONV_2D 16x8: the test's buffers are too small\n");
        return 1;
    }
    const int extreme = large ? rnd_in(0, 1) : rnd_in(0, 7);
    for (int32_t i = 0; i < in.n * in.h * in.w * in.c; i++) {
        input[i] = (int16_t)(extreme == 0 ? INT16_MIN : extreme == 1 ? INT16_MAX
                                                      : rnd_in(INT16_MIN, INT16_MAX));
    }
    if (large) { /* every product at +-2^22 (or just under) */
        for (int32_t i = 0; i < k.h * k.w * k.c; i++) {
            filter[i] = -128;
        }
    } else {
        fill(filter, k.h * k.w * k.c);
    }
    for (int32_t o = 0; o < k.c; o++) {
        bias[o] = (int64_t)rnd_in(INT32_MIN / 2, INT32_MAX / 2) << rnd_in(0, 12);
        multiplier[o] = rnd_in(1 << 30, INT32_MAX);
        const int32_t kind = rnd_in(0, 15);
        shift[o] = (int8_t)(kind == 0 ? rnd_in(0, 3) : kind == 1 ? -31 : rnd_in(-20, -1));
    }
    const tflm_per_channel_quant quant = {multiplier, shift, rnd_in(0, 3) == 0};
    const tflm_bias_16x8 b = {rnd_in(0, 4) == 0 ? NULL : (const void *)bias, false};
    const tflm_dims bias_dims = {1, 1, 1, k.c};
    tflm_depthwise_conv_s16(&p, &quant, &in, input, &k, filter, &bias_dims, &b, &out, want);
    for (size_t v = 0; v < sizeof kernels / sizeof kernels[0]; v++) {
        kernels[v].run(&p, &quant, &in, input, &k, filter, &b, &out, got);
        for (int32_t i = 0; i < count; i++) {
            if (got[i] != want[i]) {
                return report(kernels[v].name, test, &in, &k, i, got[i], want[i]);
            }
        }
    }
    return 0;
}

int main(void)
{
    return run_cases(check_case, CASES,
                     sizeof kernels / sizeof kernels[0] > 1
                         ? "DEPTHWISE_CONV_2D 16x8 DSP and MVE equal the reference"
                         : "DEPTHWISE_CONV_2D 16x8 DSP equals the reference");
}
