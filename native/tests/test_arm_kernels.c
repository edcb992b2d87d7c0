/*
 * test_arm_kernels.c - the Cortex-M variants against the reference kernels,
 * run on the board itself (a firmware: examples/firmware/CMakeLists.txt
 * builds it where the build compiles Arm variants, and runs it in QEMU), on
 * randomized shapes no shared model has: odd depths and unit counts,
 * several batches, filter offsets, per-channel multipliers and every kind of
 * activation range. Outputs must be byte-identical; exits 1 on the first
 * difference, after printing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "fw_print.h"
#include "kernels/arm/fully_connected_arm.h"

enum { MAX_BATCHES = 4, MAX_DEPTH = 700, MAX_UNITS = 40, CASES = 600 };

static uint32_t rng_state = 12345u;

static uint32_t rnd(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* An integer in [lo, hi]. */
static int32_t rnd_in(int32_t lo, int32_t hi)
{
    return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

static int8_t input[MAX_BATCHES * MAX_DEPTH];
static int8_t filter[MAX_UNITS * MAX_DEPTH];
static int32_t bias[MAX_UNITS];
static int32_t multiplier[MAX_UNITS], shift[MAX_UNITS];
static int8_t want[MAX_BATCHES * MAX_UNITS], got[MAX_BATCHES * MAX_UNITS];

/* Bytes all at one extreme now and then: the largest products. */
static void fill(int8_t *values, int32_t count)
{
    const int32_t kind = rnd_in(0, 7);
    for (int32_t i = 0; i < count; i++) {
        values[i] = (int8_t)(kind == 0 ? -128 : kind == 1 ? 127 : rnd_in(-128, 127));
    }
}

/* The output clamp: none, lower or upper bound only, both (RELU6-like),
 * or one value. */
static tflm_activation activation_range(int32_t output_zero_point)
{
    const int32_t a = rnd_in(-128, 127), b = rnd_in(-128, 127);
    switch (rnd_in(0, 4)) {
    case 0:
        return (tflm_activation){-128, 127};
    case 1:
        return (tflm_activation){output_zero_point, 127}; /* RELU */
    case 2:
        return (tflm_activation){-128, a};
    case 3:
        return (tflm_activation){a < b ? a : b, a < b ? b : a};
    default:
        return (tflm_activation){a, a};
    }
}

/* One random case; 0 when the variant's bytes equal the reference's. */
static int check_case(int test)
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
        multiplier[o] = (per_channel || o == 0) ? rnd_in(1 << 30, INT32_MAX) : multiplier[0];
        shift[o] = (per_channel || o == 0) ? rnd_in(-18, 3) : shift[0];
    }
    const int32_t output_zero_point = rnd_in(-128, 127);
    const tflm_fc_params params = {
        .input_offset = -rnd_in(-128, 127),
        .filter_offset = per_channel || rnd_in(0, 1) ? 0 : -rnd_in(-128, 127),
        .output_offset = output_zero_point,
        .activation = activation_range(output_zero_point),
    };
    const tflm_per_channel_quant quant = {multiplier, shift, false};
    const tflm_dims input_dims = {batches, 1, 1, depth}, filter_dims = {units, 1, 1, depth};
    const tflm_dims bias_dims = {1, 1, 1, units}, output_dims = {batches, 1, 1, units};
    const int32_t *bias_or_null = rnd_in(0, 3) == 0 ? NULL : bias;
    tflm_fully_connected_s8(&params, &quant, &input_dims, input, &filter_dims, filter, &bias_dims,
                            bias_or_null, &output_dims, want);
    tflm_s8_fc_2x4__dsp(&params, &quant, &input_dims, input, &filter_dims, filter, &bias_dims,
                        bias_or_null, &output_dims, got);
    for (int32_t i = 0; i < batches * units; i++) {
        if (got[i] != want[i]) {
            fw_print("FULLY_CONNECTED int8 DSP: case ");
            fw_print_int(test);
            fw_print(" (batches ");
            fw_print_int(batches);
            fw_print(", depth ");
            fw_print_int(depth);
            fw_print(", units ");
            fw_print_int(units);
            fw_print("), output ");
            fw_print_int(i);
            fw_print(": got ");
            fw_print_int(got[i]);
            fw_print(", the reference ");
            fw_print_int(want[i]);
            fw_print("\n");
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    for (int test = 0; test < CASES; test++) {
        if (check_case(test) != 0) {
            return 1;
        }
    }
    fw_print("FULLY_CONNECTED int8 DSP equals the reference on ");
    fw_print_int(CASES);
    fw_print(" random cases\n");
    return 0;
}
