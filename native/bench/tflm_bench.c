/*
 * tflm_bench - times tflm_interpreter_invoke on the shared models, reference
 * kernels against the SIMD kernels at every ISA level this CPU has, and
 * checks each run's outputs against ../shared/golden (integer outputs byte
 * for byte). Host tool; not a test (timings never are).
 *
 *   tflm_bench [--iterations N] [MODEL...]   (default: all models)
 *   tflm_bench --conv-layers                 ResNet-8 conv layers: GMAC/s vs int8 peak
 *   tflm_bench [--iterations N] --float-kernels  float32 CONV_2D, DEPTHWISE x2, SOFTMAX
 *
 * Prints, per model and level, the median and min µs per inference and the
 * arena bytes the interpreter needs (tflm_interpreter_arena_used).
 * --conv-layers times the CONV_2D int8 kernel of the best level on the nine
 * conv layers of MLPerf Tiny's ResNet-8 (pretrainedResnet_quant) and
 * compares the GMAC/s with the level's int8 peak measured in the same run
 * (tflm_int8_peak_probe: vpdpbusd zmm at avx512-vnni).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tests/golden_file.h"
#include "bench_time.h"
#include "kernels/x86/conv_x86.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

#ifndef TFLM_SHARED_DIR
#define TFLM_SHARED_DIR "../shared"
#endif

typedef struct layer {
    int32_t in_hw, in_c, out_c, k, stride;
} layer;

/* The level's int8 peak (tflm_int8_peak_probe), best of three runs. */
static double int8_peak_gmacs(tflm_isa isa)
{
    double best = 0;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = bench_now_us();
        const uint64_t macs = tflm_int8_peak_probe(isa, 5000000);
        double g = (double)macs / (bench_now_us() - t0) / 1e3;
        best = g > best ? g : best;
    }
    return best;
}

static int conv_layers(void)
{
    static const layer layers[] = {
        {32, 3, 16, 3, 1},  {32, 16, 16, 3, 1}, {32, 16, 16, 3, 1},
        {32, 16, 32, 3, 2}, {16, 32, 32, 3, 1}, {32, 16, 32, 1, 2},
        {16, 32, 64, 3, 2}, {8, 64, 64, 3, 1},  {16, 32, 64, 1, 2},
    };
    const tflm_isa isa = tflm_cpu_isa();
    printf("CONV_2D int8 at %s on ResNet-8's conv layers (SAME padding)\n", tflm_isa_name(isa));
    double total_macs = 0, total_us = 0;
    for (size_t l = 0; l < sizeof layers / sizeof layers[0]; l++) {
        const layer *L = &layers[l];
        const int32_t out_hw = (L->in_hw + L->stride - 1) / L->stride;
        tflm_dims in = {1, L->in_hw, L->in_hw, L->in_c}, k = {L->out_c, L->k, L->k, L->in_c};
        tflm_dims out = {1, out_hw, out_hw, L->out_c};
        tflm_conv_params params = {L->stride, L->stride, 1, 1, 0, 0, 1, 3, -5, {-128, 127}, {0, 0}};
        const int32_t pad = ((out_hw - 1) * L->stride + L->k - L->in_hw) / 2;
        params.pad_h = params.pad_w = pad > 0 ? pad : 0;
        int8_t *input = aligned_alloc(64, 1 << 16), *filter = aligned_alloc(64, 1 << 16);
        int8_t *output = aligned_alloc(64, 1 << 16);
        int32_t mult[64], bias[64];
        int8_t shift[64];
        for (int i = 0; i < (1 << 16); i++) {
            input[i] = (int8_t)(i * 7), filter[i] = (int8_t)(i * 13);
        }
        for (int i = 0; i < 64; i++) {
            mult[i] = 1 << 30, shift[i] = -9, bias[i] = i;
        }
        tflm_per_channel_quant quant = {mult, shift, false};
        void *persistent = aligned_alloc(64, tflm_conv_s8_x86_persistent_size(isa, &in, &k, &out) + 64);
        void *scratch = aligned_alloc(64, tflm_conv_s8_x86_get_buffer_size(isa, &params, &in, &k, &out) + 64);
        tflm_conv_s8_x86 plan;
        tflm_conv_s8_x86_init(&plan, isa, &params, &quant, &in, &k, filter, bias, &out, persistent);
        if (plan.run == NULL) {
            printf("no conv kernel at this level\n");
            return 1;
        }
        double times[501];
        for (int it = 0; it < 501; it++) {
            double t0 = bench_now_us();
            plan.run(&plan, input, output, scratch);
            times[it] = bench_now_us() - t0;
        }
        const double median = bench_median(times, 501);
        const double macs = (double)out_hw * out_hw * L->out_c * L->k * L->k * L->in_c;
        printf("  %2dx%-2d x%-3d -> %-3d k%d s%d  %9.0f MACs %8.2f us %7.1f GMAC/s\n", L->in_hw,
               L->in_hw, L->in_c, L->out_c, L->k, L->stride, macs, median, macs / median / 1e3);
        total_macs += macs;
        total_us += median;
        free(input), free(filter), free(output), free(persistent), free(scratch);
    }
    const double peak = int8_peak_gmacs(isa);
    printf("all conv layers: %.0f MACs in %.1f us = %.1f GMAC/s", total_macs, total_us,
           total_macs / total_us / 1e3);
    if (peak > 0) {
        printf("; measured int8 peak %.1f GMAC/s -> %.1f%% of peak", peak,
               100.0 * total_macs / total_us / 1e3 / peak);
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    int iterations = 200;
    const char *models[32];
    int model_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conv-layers") == 0) {
            return conv_layers();
        } else if (strcmp(argv[i], "--float-kernels") == 0) {
            return bench_float_kernels(iterations);
        } else if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
            iterations = atoi(argv[++i]);
        } else if (model_count < 32) {
            models[model_count++] = argv[i];
        }
    }
    if (model_count == 0) {
        for (size_t i = 0; i < golden_model_count && model_count < 32; i++) {
            models[model_count++] = golden_models[i];
        }
    }
    const tflm_isa best = tflm_cpu_isa();
    printf("cpu isa: %s; %d iterations after warm-up; µs per inference (median, min)\n",
           tflm_isa_name(best), iterations);
    printf("%-24s %-12s %10s %10s %8s %11s %s\n", "model", "kernels", "median_us", "min_us",
           "speedup", "arena_bytes", "golden");
    const tflm_kernel *storage[TFLM_OP_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT);
    tflm_op_resolver_add_all(&ops);
    const size_t arena_size = 4u << 20;
    uint8_t *arena = aligned_alloc(64, arena_size);
    double *times = malloc(sizeof(double) * (size_t)iterations);
    int failures = 0;
    for (int m = 0; m < model_count; m++) {
        golden_case c;
        if (golden_case_read(models[m], &c) != 0) {
            return 1;
        }
        double reference_us = 0;
        for (int level = TFLM_ISA_SCALAR; level <= (int)best; level++) {
            tflm_interpreter_options options = {TFLM_KERNELS_OPTIMIZED, level};
            tflm_interpreter *interp;
            tflm_error error;
            if (tflm_interpreter_create_with_options(&interp, c.model, c.model_size, &ops,
                                                     arena, arena_size, &options,
                                                     &error) != TFLM_OK) {
                fprintf(stderr, "%s: %s\n", models[m], error.message);
                failures++;
                continue;
            }
            if (golden_set_inputs(interp, models[m], &c) != 0) {
                failures++;
                continue;
            }
            int iters = level == TFLM_ISA_SCALAR ? (iterations / 10 > 5 ? iterations / 10 : 5) : iterations;
            for (int w = 0; w < 3; w++) {
                tflm_interpreter_invoke(interp);
            }
            for (int it = 0; it < iters; it++) {
                double t0 = bench_now_us();
                tflm_interpreter_invoke(interp);
                times[it] = bench_now_us() - t0;
            }
            const double median = bench_median(times, iters); /* sorts: times[0] is the min */
            int ok = 1;
            /* golden outputs are for one invoke from the golden input; stateful
               models (keyword_scrambled) need a fresh interpreter */
            tflm_interpreter_reset_state(interp);
            golden_set_inputs(interp, models[m], &c);
            tflm_interpreter_invoke(interp);
            for (int i = 0; i < c.outputs.count; i++) {
                tflm_tensor_info t;
                tflm_interpreter_output(interp, (size_t)c.outputs.tensors[i].index, &t);
                ok = ok && golden_output_matches(models[m], &t, &c.outputs.tensors[i]);
            }
            failures += !ok;
            if (level == TFLM_ISA_SCALAR) {
                reference_us = median;
            }
            printf("%-24s %-12s %10.1f %10.1f %7.1fx %11zu %s\n", models[m],
                   level == TFLM_ISA_SCALAR ? "reference" : tflm_isa_name((tflm_isa)level), median,
                   times[0], reference_us / median, tflm_interpreter_arena_used(interp),
                   ok ? "match" : "MISMATCH");
            fflush(stdout);
        }
        golden_case_free(&c);
    }
    free(times);
    free(arena);
    return failures != 0;
}
