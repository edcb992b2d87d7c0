/*
 * bench_float_kernels.c - tflm_bench --float-kernels: no shared model has a
 * float32 convolution, so the float32 SIMD kernels are timed on their own,
 * on the shapes of a small float vision model, against the reference
 * kernels, with every output compared bit for bit.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "bench_time.h"
#include "kernels/conv.h"
#include "kernels/depthwise_conv.h"
#include "kernels/softmax.h"
#include "kernels/x86/conv_x86.h"
#include "kernels/x86/depthwise_conv_x86.h"
#include "kernels/x86/softmax_x86.h"

enum { SOFTMAX_ROWS = 8, SOFTMAX_DEPTH = 1000 };

typedef struct float_case {
    const char *name;
    tflm_conv_params params;
    tflm_dims input_dims, filter_dims, output_dims;
} float_case;

typedef struct buffers {
    float *input, *filter, *bias, *output;
} buffers;

/* One run of the case's op: the reference (isa SCALAR) or a level's variant. */
static void run(const float_case *c, int op, tflm_isa isa, const tflm_conv_f32_x86 *plan,
                const buffers *b)
{
    const tflm_dims bias_dims = {1, 1, 1, c->output_dims.c};
    if (op == 0 && isa == TFLM_ISA_SCALAR) {
        tflm_conv_f32(&c->params, &c->input_dims, b->input, &c->filter_dims, b->filter,
                      &bias_dims, b->bias, &c->output_dims, b->output);
    } else if (op == 0) {
        tflm_conv_f32_x86_run(plan, b->input, b->output);
    } else if (op == 1) {
        const tflm_depthwise_conv_f32_fn fn =
            isa == TFLM_ISA_SCALAR ? tflm_depthwise_conv_f32
                                   : tflm_depthwise_conv_f32_x86_variant(isa, &c->params);
        fn(&c->params, &c->input_dims, b->input, &c->filter_dims, b->filter, &bias_dims, b->bias,
           &c->output_dims, b->output);
    } else {
        const tflm_softmax_f32_fn fn =
            isa == TFLM_ISA_SCALAR ? tflm_softmax_f32 : tflm_softmax_f32_x86_variant(isa);
        fn(1.0f, SOFTMAX_ROWS, SOFTMAX_DEPTH, b->input, b->output);
    }
}

static double time_us(const float_case *c, int op, tflm_isa isa, const tflm_conv_f32_x86 *plan,
                      const buffers *b, double *times, int iterations)
{
    run(c, op, isa, plan, b); /* warm-up; packs the plan's filter */
    for (int i = 0; i < iterations; i++) {
        const double t0 = bench_now_us();
        run(c, op, isa, plan, b);
        times[i] = bench_now_us() - t0;
    }
    return bench_median(times, iterations);
}

int bench_float_kernels(int iterations)
{
    const tflm_conv_params conv = {.stride_w = 1, .stride_h = 1, .dilation_w = 1,
                                   .dilation_h = 1, .pad_w = 1, .pad_h = 1,
                                   .depth_multiplier = 1, .activation_f32 = {0.0f, 6.0f}};
    tflm_conv_params depthwise = conv;
    depthwise.depth_multiplier = 2;
    const float_case cases[] = {
        {"CONV_2D 48x48x16, 3x3 -> 32", conv, {1, 48, 48, 16}, {32, 3, 3, 16}, {1, 48, 48, 32}},
        {"DEPTHWISE 48x48x16 x2, 3x3", depthwise, {1, 48, 48, 16}, {1, 3, 3, 32}, {1, 48, 48, 32}},
        {"SOFTMAX 8 x 1000", conv, {1, 1, SOFTMAX_ROWS, SOFTMAX_DEPTH}, {0}, {0}},
    };
    const size_t in_n = 48 * 48 * 16, out_n = 48 * 48 * 32, filter_n = 32 * 3 * 3 * 16;
    buffers b = {aligned_alloc(64, 4 * in_n), aligned_alloc(64, 4 * filter_n),
                 aligned_alloc(64, 4 * 32), aligned_alloc(64, 4 * out_n)};
    float *want = aligned_alloc(64, 4 * out_n);
    double *times = malloc(sizeof(double) * (size_t)iterations);
    /* Deterministic values of both signs; softmax reads the first 8000. */
    for (size_t i = 0; i < in_n; i++) {
        b.input[i] = (float)((int)(i * 7919 % 2001) - 1000) / 250.0f;
    }
    for (size_t i = 0; i < filter_n; i++) {
        b.filter[i] = (float)((int)(i * 37 % 201) - 100) / 400.0f;
    }
    for (int i = 0; i < 32; i++) {
        b.bias[i] = (float)i / 64.0f;
    }
    int failures = 0;
    printf("float32 kernels, %d runs each after warm-up; µs (median)\n", iterations);
    printf("%-32s %-12s %10s %8s\n", "kernel", "kernels", "median_us", "speedup");
    for (int op = 0; op < 3; op++) {
        const float_case *c = &cases[op];
        const size_t n = op == 2 ? (size_t)SOFTMAX_ROWS * SOFTMAX_DEPTH : out_n;
        const double reference = time_us(c, op, TFLM_ISA_SCALAR, NULL, &b, times, iterations);
        memcpy(want, b.output, 4 * n);
        printf("%-32s %-12s %10.1f %8s\n", c->name, "reference", reference, "1.00x");
        for (int level = TFLM_ISA_AVX2; level <= (int)tflm_cpu_isa(); level++) {
            const tflm_isa isa = (tflm_isa)level;
            tflm_conv_f32_x86 plan;
            void *persistent = NULL;
            if (op == 0) {
                const size_t bytes = tflm_conv_f32_x86_persistent_size(
                    isa, &c->input_dims, &c->filter_dims, &c->output_dims);
                persistent = aligned_alloc(64, (bytes + 63) / 64 * 64);
                tflm_conv_f32_x86_init(&plan, isa, &c->params, &c->input_dims, &c->filter_dims,
                                       b.filter, b.bias, &c->output_dims, persistent);
            }
            memset(b.output, 0, 4 * n);
            const double us = time_us(c, op, isa, &plan, &b, times, iterations);
            const int same = memcmp(want, b.output, 4 * n) == 0;
            failures += !same;
            printf("%-32s %-12s %10.1f %7.2fx%s\n", c->name, tflm_isa_name(isa), us,
                   reference / us, same ? "" : "  OUTPUT DIFFERS");
            free(persistent);
        }
    }
    free(b.input), free(b.filter), free(b.bias), free(b.output);
    free(want), free(times);
    return failures != 0;
}
