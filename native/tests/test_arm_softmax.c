/*
 * test_arm_softmax.c - the Cortex-M SOFTMAX int8 variants (int8 and int16
 * outputs) against the reference kernel, run on the board itself (a
 * firmware: examples/firmware/CMakeLists.txt builds it where the build
 * compiles Arm variants, and runs it in QEMU), on randomized rows: 1 to 3
 * rows of 1 to 12 elements (classifier heads) or up to 100 (past the
 * kernels' cache of 32 exps, and depth % 4 tails), input scalings from
 * every left shift prepare can give (diff_min from far below -255 to -1),
 * and inputs with few distinct values (ties at the maximum). Outputs must
 * be byte-identical; exits 1 on the first difference, after printing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arm_test_random.h"
#include "fw_print.h"
#include "kernels/arm/softmax_arm.h"

enum { MAX_ROWS = 3, MAX_DEPTH = 100, CASES = 600 };

static int8_t input[MAX_ROWS * MAX_DEPTH];
static int8_t want[MAX_ROWS * MAX_DEPTH], got[MAX_ROWS * MAX_DEPTH];
static int16_t want16[MAX_ROWS * MAX_DEPTH], got16[MAX_ROWS * MAX_DEPTH];

static const struct {
    const char *name;
    tflm_softmax_s8_fn s8;
    tflm_softmax_s8_s16_fn s8_s16;
} kernels[] = {
    {"DSP", tflm_s8_softmax_c1__dsp, tflm_s8_s16_softmax_c1__dsp},
#if defined(__ARM_FEATURE_MVE)
    {"MVE", tflm_s8_softmax_x4__mve, tflm_s8_s16_softmax_x4__mve},
#endif
};

static int report(const char *kernel, const char *output, int test, int32_t rows, int32_t depth,
                  int32_t i, int32_t got_value, int32_t want_value)
{
    fw_print("SOFTMAX int8 -> ");
    fw_print(output);
    fw_print(" ");
    fw_print(kernel);
    fw_print(": case ");
    fw_print_int(test);
    fw_print(" (");
    fw_print_int(rows);
    fw_print(" rows of ");
    fw_print_int(depth);
    fw_print("),");
    print_got_want(i, got_value, want_value);
    return 1;
}

static int check_case(int test)
{
    const int32_t rows = rnd_in(1, MAX_ROWS);
    const int32_t depth = test % 2 == 0 ? rnd_in(1, 12) : rnd_in(1, MAX_DEPTH);
    /* What tflm_softmax_quant_params gives: a Q31 multiplier of at least
       one half, a left shift, and CalculateInputRadius(5, shift, 31). */
    tflm_softmax_quant q;
    q.input_multiplier = rnd_in(1 << 30, INT32_MAX);
    q.input_left_shift = rnd_in(0, 30);
    q.diff_min = -(int32_t)(((int64_t)31 << 26) >> q.input_left_shift);
    const int32_t n = rows * depth;
    fill(input, n);
    if (test % 3 == 1) { /* few distinct values: ties at the maximum */
        for (int32_t i = 0; i < n; i++) {
            input[i] = (int8_t)(input[i] / 64 * 20);
        }
    }
    tflm_softmax_s8(&q, rows, depth, input, want);
    tflm_softmax_s8_s16(&q, rows, depth, input, want16);
    for (size_t v = 0; v < sizeof kernels / sizeof kernels[0]; v++) {
        kernels[v].s8(&q, rows, depth, input, got);
        kernels[v].s8_s16(&q, rows, depth, input, got16);
        for (int32_t i = 0; i < n; i++) {
            if (got[i] != want[i]) {
                return report(kernels[v].name, "int8", test, rows, depth, i, got[i], want[i]);
            }
            if (got16[i] != want16[i]) {
                return report(kernels[v].name, "int16", test, rows, depth, i, got16[i],
                              want16[i]);
            }
        }
    }
    return 0;
}

int main(void)
{
    return run_cases(check_case, CASES,
                     sizeof kernels / sizeof kernels[0] > 1
                         ? "SOFTMAX int8 -> int8 and int16 DSP and MVE equal the reference"
                         : "SOFTMAX int8 -> int8 and int16 DSP equals the reference");
}
