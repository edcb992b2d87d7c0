/*
 * arm_test_random.h - the random cases of the Cortex-M variant tests
 * (test_arm_*.c, firmwares without a C library's rand): a fixed LCG, so a
 * failing case repeats, and the int8 data and clamps that stress the
 * variants.
 */
#ifndef TFLM_TESTS_ARM_TEST_RANDOM_H
#define TFLM_TESTS_ARM_TEST_RANDOM_H

#include <stdint.h>

#include "fw_print.h"
#include "kernels/nn_types.h"

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
static inline tflm_activation activation_range(int32_t output_zero_point)
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

/* "AxBxC..." of count values. */
static inline void print_shape(const int32_t *values, int count)
{
    for (int i = 0; i < count; i++) {
        if (i > 0) {
            fw_print("x");
        }
        fw_print_int(values[i]);
    }
}

/* "<op> <kernel>: case N (input NxHxWxC, filter HxW" (the caller closes it). */
static inline void print_conv_case(const char *op, const char *kernel, int test,
                                   const tflm_dims *in, const tflm_dims *k)
{
    fw_print(op);
    fw_print(" ");
    fw_print(kernel);
    fw_print(": case ");
    fw_print_int(test);
    const int32_t input[4] = {in->n, in->h, in->w, in->c}, filter[2] = {k->h, k->w};
    fw_print(" (input ");
    print_shape(input, 4);
    fw_print(", filter ");
    print_shape(filter, 2);
}

/* Runs check(0 .. cases - 1) and, when all pass, prints
 * "<what> on <cases> random cases"; main's exit status. */
static inline int run_cases(int (*check)(int test), int cases, const char *what)
{
    for (int test = 0; test < cases; test++) {
        if (check(test) != 0) {
            return 1;
        }
    }
    fw_print(what);
    fw_print(" on ");
    fw_print_int(cases);
    fw_print(" random cases\n");
    return 0;
}

/* The end of a reported difference: " output I: got G, the reference W". */
static inline void print_got_want(int32_t index, int32_t got, int32_t want)
{
    fw_print(" output ");
    fw_print_int(index);
    fw_print(": got ");
    fw_print_int(got);
    fw_print(", the reference ");
    fw_print_int(want);
    fw_print("\n");
}

#endif /* TFLM_TESTS_ARM_TEST_RANDOM_H */
