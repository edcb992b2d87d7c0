/*
 * test_x86_kernels.c - every x86-64 SIMD kernel against its reference
 * kernel, at every ISA level this CPU supports (lower levels forced through
 * the level argument, as tflm_interpreter_options.max_isa does), on
 * randomized shapes and values with fixed seeds: odd channel counts, tails,
 * padding, strides, dilations, depth multipliers, extreme quantization.
 * Outputs must be byte-identical. Skipped (77) on non-x86-64 builds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/conv.h"
#include "kernels/add.h"
#include "kernels/depthwise_conv.h"
#include "kernels/fully_connected.h"
#include "kernels/mul.h"
#include "kernels/pooling.h"
#include "kernels/softmax.h"
#include "kernels/svdf.h"
#include "test.h"
#include "tflm/tflm.h"

#if TFLM_X86_KERNELS
#include "kernels/x86/binary_x86.h"
#include "kernels/x86/conv_x86.h"
#include "kernels/x86/depthwise_conv_x86.h"
#include "kernels/x86/fully_connected_x86.h"
#include "kernels/x86/pooling_x86.h"
#include "kernels/x86/softmax_x86.h"
#include "kernels/x86/svdf_x86.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

/* Uniform in [lo, hi]. */
static int32_t rnd_in(int32_t lo, int32_t hi)
{
    return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

static void fill_s8(int8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (int8_t)rnd_in(-128, 127);
    }
}

static void *alloc64(size_t bytes)
{
    return aligned_alloc(64, (bytes + 64) / 64 * 64 + 64);
}

/* Requantization parameters: usually realistic (Q31 multiplier >= 2^30,
 * shift making outputs spread over int8), sometimes extreme (any int32
 * multiplier, INT32_MIN included, shifts -31..30, huge biases). */
static void random_quant(int32_t channels, int32_t k, int extreme, int32_t *mult, int8_t *shift,
                         int32_t *bias)
{
    int32_t base_shift = -(8 + (k > 64 ? 5 : k > 8 ? 3 : 0));
    for (int32_t o = 0; o < channels; o++) {
        if (extreme) {
            mult[o] = (int32_t)rnd();
            if (rnd_in(0, 7) == 0) {
                mult[o] = INT32_MIN;
            }
            shift[o] = (int8_t)rnd_in(-31, 30);
            bias[o] = (int32_t)rnd();
        } else {
            mult[o] = (int32_t)(0x40000000u + (rnd() & 0x3fffffff));
            shift[o] = (int8_t)(base_shift + rnd_in(-2, 2));
            bias[o] = rnd_in(-20000, 20000);
        }
    }
}

static tflm_activation random_activation(void)
{
    tflm_activation a = {-128, 127};
    if (rnd_in(0, 2) == 0) {
        a.min = rnd_in(-128, 0);
        a.max = rnd_in(a.min, 127);
    }
    return a;
}

static int32_t out_size(int32_t in, int32_t k, int32_t stride, int32_t dilation, int32_t pad)
{
    const int32_t eff = (k - 1) * dilation + 1;
    const int32_t n = in + 2 * pad - eff;
    return n < 0 ? 0 : n / stride + 1;
}

static int report_mismatch(const char *what, tflm_isa isa, int test, const int8_t *want,
                           const int8_t *got, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (want[i] != got[i]) {
            fprintf(stderr, "%s at %s, case %d: byte %zu is %d, reference %d\n", what,
                    tflm_isa_name(isa), test, i, got[i], want[i]);
            return 1;
        }
    }
    return 0;
}

/* ---- CONV_2D int8 ------------------------------------------------------------ */

static void conv_s8_case(tflm_isa isa, int test)
{
    tflm_conv_params params = {0};
    int32_t k_h = rnd_in(1, 5), k_w = rnd_in(1, 5);
    if (test % 4 == 0) {
        k_h = k_w = 1;
    } else if (test % 4 == 1) {
        k_h = k_w = 3;
    }
    params.stride_h = rnd_in(1, 3);
    params.stride_w = rnd_in(1, 3);
    params.dilation_h = test % 3 == 0 ? rnd_in(1, 3) : 1;
    params.dilation_w = test % 3 == 0 ? rnd_in(1, 3) : 1;
    params.pad_h = rnd_in(0, k_h - 1);
    params.pad_w = rnd_in(0, k_w - 1);
    params.input_offset = rnd_in(-127, 128);
    params.output_offset = rnd_in(-128, 127);
    params.activation = random_activation();
    params.depth_multiplier = 1;
    tflm_dims in = {rnd_in(1, 2), rnd_in(1, 13), rnd_in(1, 13), rnd_in(1, 70)};
    if (test % 5 == 0) {
        in.c = 16 * rnd_in(1, 4);
    }
    if (test % 4 == 0 && test % 3 == 1) { /* pointwise: im2col rows are the input's */
        params.stride_h = params.stride_w = 1;
        in.c = 4 * rnd_in(1, 20);
    }
    if (test % 4 == 1 && test % 5 == 1) { /* a first layer: 1 or 3 channels, stride 2 */
        params.stride_h = params.stride_w = 2;
        params.dilation_h = params.dilation_w = 1;
        in.h = rnd_in(3, 40);
        in.w = rnd_in(3, 40);
        in.c = test % 2 ? 1 : 3;
    }
    tflm_dims k = {rnd_in(1, 70), k_h, k_w, in.c};
    if (test % 7 == 0) {
        k.n = 16 * rnd_in(1, 4);
    } else if (test % 7 == 1) {
        k.n = rnd_in(1, 17);
    }
    tflm_dims out = {in.n, out_size(in.h, k_h, params.stride_h, params.dilation_h, params.pad_h),
                     out_size(in.w, k_w, params.stride_w, params.dilation_w, params.pad_w), k.n};
    if (out.h == 0 || out.w == 0) {
        return;
    }
    const size_t in_n = (size_t)in.n * in.h * in.w * in.c, k_n = (size_t)k.n * k_h * k_w * in.c;
    const size_t out_n = (size_t)out.n * out.h * out.w * out.c;
    /* input and scratch exactly sized (malloc: 16-aligned): the sanitizer
       sees any read past the input or write past the scratch */
    int8_t *input = malloc(in_n), *filter = alloc64(k_n);
    int8_t *want = alloc64(out_n), *got = alloc64(out_n);
    int32_t *mult = alloc64(4 * (size_t)k.n);
    int8_t *shift = alloc64((size_t)k.n);
    int32_t *bias = alloc64(4 * (size_t)k.n);
    fill_s8(input, in_n);
    fill_s8(filter, k_n);
    random_quant(k.n, k_h * k_w * in.c, test % 6 == 5, mult, shift, bias);
    const int32_t *bias_or_null = test % 8 == 3 ? NULL : bias;
    tflm_per_channel_quant quant = {mult, shift, false};
    tflm_dims bias_dims = {1, 1, 1, k.n};
    tflm_conv_s8(&params, &quant, &in, input, &k, filter, &bias_dims, bias_or_null, &out, want);

    const size_t bytes = tflm_conv_s8_x86_persistent_size(isa, &in, &k, &out);
    CHECK(bytes > 0);
    void *persistent = alloc64(bytes);
    void *scratch = alloc64(tflm_conv_s8_x86_get_buffer_size(isa, &params, &in, &k, &out));
    tflm_conv_s8_x86 plan;
    tflm_conv_s8_x86_init(&plan, isa, &params, &quant, &in, &k, filter, bias_or_null, &out,
                          persistent);
    CHECK(plan.run != NULL);
    memset(got, 0x5a, out_n);
    plan.run(&plan, input, got, scratch);
    if (report_mismatch("CONV_2D s8", isa, test, want, got, out_n)) {
        tflm_test_failures++;
    }
    free(input), free(filter), free(want), free(got), free(mult), free(shift), free(bias);
    free(persistent), free(scratch);
}

/* ---- DEPTHWISE_CONV_2D int8 ---------------------------------------------------- */

static void depthwise_s8_case(tflm_isa isa, int test)
{
    tflm_conv_params params = {0};
    /* micro_speech's layer: 1 input channel x 8, 10x8 filter, stride 2 */
    const int micro_speech = test % 50 == 7;
    const int32_t k_h = micro_speech ? 10 : test % 2 ? 3 : rnd_in(1, 5);
    const int32_t k_w = micro_speech ? 8 : test % 2 ? 3 : rnd_in(1, 5);
    params.stride_h = rnd_in(1, 3);
    params.stride_w = rnd_in(1, 3);
    params.dilation_h = test % 3 == 0 ? rnd_in(1, 3) : 1;
    params.dilation_w = test % 3 == 0 ? rnd_in(1, 3) : 1;
    params.pad_h = rnd_in(0, k_h - 1);
    params.pad_w = rnd_in(0, k_w - 1);
    params.input_offset = rnd_in(-127, 128);
    params.output_offset = rnd_in(-128, 127);
    params.activation = random_activation();
    params.depth_multiplier = test % 4 == 2 ? rnd_in(2, 9) : 1;
    tflm_dims in = {rnd_in(1, 2), rnd_in(1, 14), rnd_in(1, 14), rnd_in(1, 80)};
    if (params.depth_multiplier > 1 && test % 3 != 0) {
        in.c = test % 8 == 2 ? 1 : rnd_in(1, 12); /* micro_speech, person_detect: 1 x 8 */
    }
    if (test % 5 == 4) { /* one input channel: blocks broadcast it */
        in.c = 1;
        params.depth_multiplier = rnd_in(1, 32);
    } else if (test % 7 == 5) { /* multiples of 8: one input channel per block */
        in.c = rnd_in(1, 5);
        params.depth_multiplier = 8 * rnd_in(1, 4);
    }
    if (test % 9 == 1) { /* long rows: runs of inside windows, several pixels per vector */
        in.w = rnd_in(1, 70);
        in.c = test % 2 ? rnd_in(1, 8) : rnd_in(1, 40);
        params.stride_w = rnd_in(1, 2);
        params.depth_multiplier = 1;
    }
    if (micro_speech) {
        in = (tflm_dims){1, 49, 40, 1};
        params.depth_multiplier = 8;
        params.stride_h = params.stride_w = 2;
        params.dilation_h = params.dilation_w = 1;
        params.pad_h = 4;
        params.pad_w = 3;
    }
    const int32_t out_c = in.c * params.depth_multiplier;
    tflm_dims k = {1, k_h, k_w, out_c};
    tflm_dims out = {in.n, out_size(in.h, k_h, params.stride_h, params.dilation_h, params.pad_h),
                     out_size(in.w, k_w, params.stride_w, params.dilation_w, params.pad_w), out_c};
    if (out.h == 0 || out.w == 0) {
        return;
    }
    const size_t in_n = (size_t)in.n * in.h * in.w * in.c, k_n = (size_t)k_h * k_w * out_c;
    const size_t out_n = (size_t)out.n * out.h * out.w * out_c;
    int8_t *input = alloc64(in_n), *filter = alloc64(k_n);
    int8_t *want = alloc64(out_n), *got = alloc64(out_n);
    int32_t *mult = alloc64(4 * (size_t)out_c);
    int8_t *shift = alloc64((size_t)out_c);
    int32_t *bias = alloc64(4 * (size_t)out_c);
    fill_s8(input, in_n);
    fill_s8(filter, k_n);
    random_quant(out_c, k_h * k_w, test % 6 == 5, mult, shift, bias);
    const int32_t *bias_or_null = test % 8 == 3 ? NULL : bias;
    tflm_per_channel_quant quant = {mult, shift, false};
    tflm_dims bias_dims = {1, 1, 1, out_c};
    tflm_depthwise_conv_s8(&params, &quant, &in, input, &k, filter, &bias_dims, bias_or_null,
                           &out, want);
    const size_t bytes = tflm_depthwise_conv_s8_x86_persistent_size(isa, &params, &k);
    {
        CHECK(bytes > 0);
        void *persistent = alloc64(bytes);
        void *scratch = alloc64(tflm_depthwise_conv_s8_x86_get_buffer_size(isa, &params, &k, &out));
        tflm_depthwise_conv_s8_x86 plan;
        tflm_depthwise_conv_s8_x86_init(&plan, isa, &params, &quant, &in, &k, filter,
                                        bias_or_null, &out, persistent);
        CHECK(plan.run != NULL);
        memset(got, 0x5a, out_n);
        plan.run(&plan, input, got, scratch);
        if (report_mismatch("DEPTHWISE_CONV_2D s8", isa, test, want, got, out_n)) {
            tflm_test_failures++;
        }
        free(persistent), free(scratch);
    }
    if (in.c == 1) { /* a CONV_2D in disguise: the glue runs it as one */
        const tflm_dims conv_k = tflm_conv_s8_x86_depthwise_as_conv(&k);
        void *persistent = alloc64(tflm_conv_s8_x86_persistent_size(isa, &in, &conv_k, &out));
        void *scratch = alloc64(tflm_conv_s8_x86_get_buffer_size(isa, &params, &in, &conv_k, &out));
        int8_t *exact_input = malloc(in_n); /* reads past it show under the sanitizer */
        memcpy(exact_input, input, in_n);
        tflm_conv_s8_x86 plan;
        tflm_conv_s8_x86_init_depthwise(&plan, isa, &params, &quant, &in, &k, filter,
                                        bias_or_null, &out, persistent);
        CHECK(plan.run != NULL);
        memset(got, 0x5a, out_n);
        tflm_conv_s8_x86_run(&plan, exact_input, got, scratch);
        if (report_mismatch("DEPTHWISE_CONV_2D s8 as CONV_2D", isa, test, want, got, out_n)) {
            tflm_test_failures++;
        }
        free(persistent), free(scratch), free(exact_input);
    }
    free(input), free(filter), free(want), free(got), free(mult), free(shift), free(bias);
}

/* ---- FULLY_CONNECTED int8 (the model's weights, unpacked) ---------------------- */

static void fully_connected_s8_case(tflm_isa isa, int test)
{
    const int32_t batches = test % 3 == 0 ? rnd_in(1, 12) : 1;
    const int32_t depth = test % 5 == 0 ? 16 * rnd_in(1, 40) : rnd_in(1, 700);
    const int32_t units = test % 7 == 0 ? 8 * rnd_in(1, 20) : rnd_in(1, 100);
    /* a filter zero point (per-tensor models) in one case of four */
    const int32_t filter_offset = test % 4 == 1 ? rnd_in(-127, 128) : 0;
    tflm_fc_params fc = {rnd_in(-127, 128), filter_offset, rnd_in(-128, 127),
                         random_activation()};
    int8_t *input = alloc64((size_t)batches * depth), *filter = alloc64((size_t)units * depth);
    int8_t *want = alloc64((size_t)batches * units), *got = alloc64((size_t)batches * units);
    int32_t *mult = alloc64(4 * (size_t)units);
    int8_t *shift = alloc64((size_t)units);
    int32_t *bias = alloc64(4 * (size_t)units);
    fill_s8(input, (size_t)batches * depth);
    fill_s8(filter, (size_t)units * depth);
    random_quant(units, depth, test % 6 == 5, mult, shift, bias);
    if (test % 2 == 0) { /* per-tensor: one pair repeated */
        for (int32_t o = 1; o < units; o++) {
            mult[o] = mult[0], shift[o] = shift[0];
        }
    }
    const int32_t *bias_or_null = test % 8 == 3 ? NULL : bias;
    tflm_per_channel_quant quant = {mult, shift, false};
    const tflm_fc_shape shape = {batches, depth, units};
    tflm_fully_connected_s8(&fc, &quant, &shape, input, filter, bias_or_null, want);
    const size_t bytes = tflm_fc_s8_x86_persistent_size(isa, units);
    CHECK(bytes > 0);
    void *persistent = alloc64(bytes);
    void *scratch = alloc64(tflm_fc_s8_x86_get_buffer_size(isa, depth));
    tflm_fc_s8_x86 plan;
    /* per-tensor: one pair, then garbage the plan must not read */
    int32_t *one_mult = alloc64(4 * (size_t)units);
    int8_t *one_shift = alloc64((size_t)units);
    for (int32_t o = 0; o < units; o++) {
        one_mult[o] = o == 0 ? mult[0] : 12345, one_shift[o] = (int8_t)(o == 0 ? shift[0] : 25);
    }
    const tflm_per_channel_quant pairs = test % 2 == 0
                                             ? (tflm_per_channel_quant){one_mult, one_shift, true}
                                             : quant;
    tflm_fc_s8_x86_init(&plan, isa, &fc, &pairs, batches, depth, units, filter, bias_or_null,
                        persistent);
    CHECK(plan.run != NULL);
    memset(got, 0x5a, (size_t)batches * units);
    tflm_fc_s8_x86_run(&plan, input, got, scratch);
    if (report_mismatch("FULLY_CONNECTED s8", isa, test, want, got, (size_t)batches * units)) {
        tflm_test_failures++;
    }
    free(input), free(filter), free(want), free(got), free(mult), free(shift), free(bias);
    free(persistent), free(scratch), free(one_mult), free(one_shift);
}

/* ---- ADD and MUL int8 (broadcasting) -------------------------------------------- */

/* Random broadcastable shapes of rank 1..5: each dimension of an input is
 * the output's or 1. */
static int32_t random_broadcast(tflm_broadcast *bc, int32_t *n1, int32_t *n2)
{
    int32_t rank = rnd_in(1, 5), s1[5], s2[5], so[5];
    int32_t total = 1;
    *n1 = *n2 = 1;
    for (int i = 0; i < rank; i++) {
        so[i] = rnd_in(1, i == rank - 1 ? 40 : 4);
        const int mode = rnd_in(0, 5);
        s1[i] = mode == 1 ? 1 : so[i];
        s2[i] = mode == 2 ? 1 : so[i];
        total *= so[i];
        *n1 *= s1[i];
        *n2 *= s2[i];
    }
    CHECK(tflm_broadcast_init(s1, rank, s2, rank, so, rank, bc));
    return total;
}

static void binary_s8_case(tflm_isa isa, int test)
{
    tflm_broadcast bc;
    int32_t n1, n2;
    const int32_t n = random_broadcast(&bc, &n1, &n2);
    int8_t *a = alloc64((size_t)n1), *b = alloc64((size_t)n2);
    int8_t *want = alloc64((size_t)n), *got = alloc64((size_t)n);
    fill_s8(a, (size_t)n1);
    fill_s8(b, (size_t)n2);
    const tflm_activation act = random_activation();
    if (test % 2 == 0) {
        tflm_add_quant q;
        float s1 = (float)rnd_in(1, 1000) / 10000.0f, s2 = (float)rnd_in(1, 1000) / 10000.0f;
        float so = (float)rnd_in(1, 1000) / 5000.0f;
        if (!tflm_add_quant_multipliers(s1, s2, so, 20, &q)) {
            goto done;
        }
        q.input1_offset = rnd_in(-127, 128);
        q.input2_offset = rnd_in(-127, 128);
        q.output_offset = rnd_in(-128, 127);
        q.activation = act;
        if (test % 8 == 2) { /* any quantization: the variants' general paths */
            q.left_shift = rnd_in(0, 26);
            q.input1_multiplier = (int32_t)rnd();
            q.input2_multiplier = (int32_t)(0x40000000u + (rnd() & 0x3fffffff));
            q.input1_shift = rnd_in(-31, 3);
            q.input2_shift = rnd_in(-31, 0);
            q.output_multiplier = (int32_t)rnd();
            q.output_shift = rnd_in(-31, 4);
            q.input1_offset = rnd_in(-300, 300);
        } else if (test % 8 == 4) { /* the edges of the split form (s8_add_x16__avx512.c) */
            q.left_shift = rnd_in(0, 1) ? 9 : 22;
            q.input1_shift = q.input2_shift = rnd_in(-31, 0);
            q.input1_offset = rnd_in(0, 1) ? -128 : 128;
            q.input2_offset = rnd_in(0, 1) ? -128 : 128;
        }
        tflm_add_s8(&q, &bc, a, b, want);
        tflm_add_s8_fn fn = tflm_add_s8_x86_variant(isa);
        CHECK(fn != NULL);
        fn(&q, &bc, a, b, got);
        if (report_mismatch("ADD s8", isa, test, want, got, (size_t)n)) {
            tflm_test_failures++;
        }
    } else {
        tflm_mul_quant q;
        if (test % 6 == 5) { /* any multiplier and shift */
            q.output_multiplier = (int32_t)rnd();
            q.output_shift = rnd_in(-31, 14);
        } else {
            q.output_multiplier = (int32_t)(0x40000000u + (rnd() & 0x3fffffff));
            q.output_shift = rnd_in(-12, 0);
        }
        q.input1_offset = rnd_in(-127, 128);
        q.input2_offset = rnd_in(-127, 128);
        q.output_offset = rnd_in(-128, 127);
        q.activation = act;
        tflm_mul_s8(&q, &bc, a, b, want);
        tflm_mul_s8_fn fn = tflm_mul_s8_x86_variant(isa);
        CHECK(fn != NULL);
        fn(&q, &bc, a, b, got);
        if (report_mismatch("MUL s8", isa, test, want, got, (size_t)n)) {
            tflm_test_failures++;
        }
    }
done:
    free(a), free(b), free(want), free(got);
}

/* ---- AVERAGE_POOL_2D and MAX_POOL_2D, int8 and float32 ------------------------------ */

static int report_mismatch_f32(const char *what, tflm_isa isa, int test, const float *want,
                               const float *got, size_t n)
{
    if (memcmp(want, got, n * sizeof(float)) == 0) { /* bit for bit */
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (memcmp(&want[i], &got[i], sizeof(float)) != 0) {
            fprintf(stderr, "%s at %s, case %d: element %zu is %.9g, reference %.9g\n", what,
                    tflm_isa_name(isa), test, i, (double)got[i], (double)want[i]);
            break;
        }
    }
    return 1;
}

static void pool_case(tflm_isa isa, int test)
{
    tflm_pool_params params = {0};
    params.filter_h = rnd_in(1, 6);
    params.filter_w = test % 5 == 0 ? rnd_in(1, 14) : rnd_in(1, 6);
    params.stride_h = rnd_in(1, 3);
    params.stride_w = rnd_in(1, 3);
    params.pad_h = rnd_in(0, params.filter_h - 1);
    params.pad_w = rnd_in(0, params.filter_w - 1);
    params.activation = random_activation();
    params.activation_f32.min = test % 3 == 0 ? (float)rnd_in(-50, 0) / 10.0f : -3.402823466e+38f;
    params.activation_f32.max = test % 3 == 0 ? (float)rnd_in(0, 50) / 10.0f : 3.402823466e+38f;
    tflm_dims in = {rnd_in(1, 2), rnd_in(1, 12), rnd_in(1, 14), rnd_in(1, 80)};
    tflm_dims out = {in.n, out_size(in.h, params.filter_h, params.stride_h, 1, params.pad_h),
                     out_size(in.w, params.filter_w, params.stride_w, 1, params.pad_w), in.c};
    if (out.h == 0 || out.w == 0) {
        return;
    }
    const size_t in_n = (size_t)in.n * in.h * in.w * in.c;
    const size_t out_n = (size_t)out.n * out.h * out.w * out.c;
    int8_t *input = alloc64(in_n), *want = alloc64(out_n), *got = alloc64(out_n);
    float *input_f = alloc64(4 * in_n), *want_f = alloc64(4 * out_n), *got_f = alloc64(4 * out_n);
    fill_s8(input, in_n);
    for (size_t i = 0; i < in_n; i++) { /* values whose sums round */
        input_f[i] = (float)(int32_t)rnd() / 3.0e7f;
    }
    const tflm_pool_s8_fn avg_s8 = tflm_average_pool_s8_x86_variant(isa, &params);
    const tflm_pool_s8_fn max_s8 = tflm_max_pool_s8_x86_variant(isa);
    const tflm_pool_f32_fn avg_f32 = tflm_average_pool_f32_x86_variant(isa);
    const tflm_pool_f32_fn max_f32 = tflm_max_pool_f32_x86_variant(isa);
    CHECK(avg_s8 != NULL && max_s8 != NULL && avg_f32 != NULL && max_f32 != NULL);

    tflm_average_pool_s8(&params, &in, input, &out, want);
    memset(got, 0x5a, out_n);
    avg_s8(&params, &in, input, &out, got);
    tflm_test_failures += report_mismatch("AVERAGE_POOL_2D s8", isa, test, want, got, out_n);
    tflm_max_pool_s8(&params, &in, input, &out, want);
    memset(got, 0x5a, out_n);
    max_s8(&params, &in, input, &out, got);
    tflm_test_failures += report_mismatch("MAX_POOL_2D s8", isa, test, want, got, out_n);
    tflm_average_pool_f32(&params, &in, input_f, &out, want_f);
    memset(got_f, 0x5a, 4 * out_n);
    avg_f32(&params, &in, input_f, &out, got_f);
    tflm_test_failures += report_mismatch_f32("AVERAGE_POOL_2D f32", isa, test, want_f, got_f, out_n);
    tflm_max_pool_f32(&params, &in, input_f, &out, want_f);
    memset(got_f, 0x5a, 4 * out_n);
    max_f32(&params, &in, input_f, &out, got_f);
    tflm_test_failures += report_mismatch_f32("MAX_POOL_2D f32", isa, test, want_f, got_f, out_n);
    free(input), free(want), free(got), free(input_f), free(want_f), free(got_f);
}

/* ---- SOFTMAX int8 -> int8 / int16 ---------------------------------------------------- */

static void softmax_case(tflm_isa isa, int test)
{
    const int32_t rows = rnd_in(1, 4);
    const int32_t depth = test % 4 == 0 ? rnd_in(1, 12) : rnd_in(1, 300);
    tflm_softmax_quant q;
    /* input scales from 1/1024 to 2: diff_min from far below -255 to a few steps */
    const double beta = test % 5 == 0 ? (double)rnd_in(1, 40) / 10.0 : 1.0;
    const double scale = (double)rnd_in(1, 2048) / 1024.0;
    if (!tflm_softmax_quant_params(beta, scale, &q)) {
        return;
    }
    const size_t n = (size_t)rows * depth;
    int8_t *input = alloc64(n), *want = alloc64(n), *got = alloc64(n);
    int16_t *want16 = alloc64(2 * n), *got16 = alloc64(2 * n);
    fill_s8(input, n);
    if (test % 3 == 1) { /* few distinct values: ties at the maximum */
        for (size_t i = 0; i < n; i++) {
            input[i] = (int8_t)(input[i] / 64 * 20);
        }
    }
    const tflm_softmax_s8_fn fn = tflm_softmax_s8_x86_variant(isa);
    const tflm_softmax_s8_s16_fn fn16 = tflm_softmax_s8_s16_x86_variant(isa);
    CHECK(fn != NULL && fn16 != NULL);
    tflm_softmax_s8(&q, rows, depth, input, want);
    memset(got, 0x5a, n);
    fn(&q, rows, depth, input, got);
    tflm_test_failures += report_mismatch("SOFTMAX s8", isa, test, want, got, n);
    tflm_softmax_s8_s16(&q, rows, depth, input, want16);
    memset(got16, 0x5a, 2 * n);
    fn16(&q, rows, depth, input, got16);
    tflm_test_failures += report_mismatch("SOFTMAX s8->s16 (bytes)", isa, test,
                                          (const int8_t *)want16, (const int8_t *)got16, 2 * n);
    free(input), free(want), free(got), free(want16), free(got16);
}

/* ---- float32: FULLY_CONNECTED, DEPTHWISE_CONV_2D, ADD, MUL (bit for bit) ------------ */

static void fill_f32(float *p, size_t n)
{
    for (size_t i = 0; i < n; i++) { /* mixed magnitudes: sums that round, some zeros */
        const int32_t r = (int32_t)rnd();
        p[i] = rnd_in(0, 15) == 0 ? 0.0f : (float)r / (float)(1u << rnd_in(20, 31));
    }
}

static tflm_activation_f32 random_activation_f32(void)
{
    tflm_activation_f32 a = {-3.402823466e+38f, 3.402823466e+38f};
    if (rnd_in(0, 2) == 0) {
        a.min = rnd_in(0, 1) ? 0.0f : -1.0f;
        a.max = rnd_in(0, 1) ? 6.0f : 1.0f;
    }
    return a;
}

static void float_case(tflm_isa isa, int test)
{
    /* FULLY_CONNECTED */
    {
        const int32_t batches = test % 3 == 0 ? rnd_in(1, 5) : 1;
        const int32_t depth = rnd_in(1, 200), units = rnd_in(1, 40);
        const tflm_activation_f32 act = random_activation_f32();
        float *input = alloc64(4 * (size_t)batches * depth), *filter = alloc64(4 * (size_t)units * depth);
        float *bias = alloc64(4 * (size_t)units);
        float *want = alloc64(4 * (size_t)batches * units), *got = alloc64(4 * (size_t)batches * units);
        fill_f32(input, (size_t)batches * depth);
        fill_f32(filter, (size_t)units * depth);
        fill_f32(bias, (size_t)units);
        const float *bias_or_null = test % 4 == 3 ? NULL : bias;
        const tflm_fc_shape shape = {batches, depth, units};
        tflm_fully_connected_f32(&act, &shape, input, filter, bias_or_null, want);
        const tflm_fc_f32_fn fn = tflm_fc_f32_x86_variant(isa);
        CHECK(fn != NULL);
        memset(got, 0x5a, 4 * (size_t)batches * units);
        fn(&act, &shape, input, filter, bias_or_null, got);
        tflm_test_failures += report_mismatch_f32("FULLY_CONNECTED f32", isa, test, want, got,
                                                  (size_t)batches * units);
        free(input), free(filter), free(bias), free(want), free(got);
    }
    /* DEPTHWISE_CONV_2D, multiplier 1 */
    {
        tflm_conv_params params = {0};
        const int32_t k_h = rnd_in(1, 5), k_w = rnd_in(1, 5);
        params.stride_h = rnd_in(1, 3);
        params.stride_w = rnd_in(1, 3);
        params.dilation_h = test % 3 == 0 ? rnd_in(1, 3) : 1;
        params.dilation_w = test % 3 == 0 ? rnd_in(1, 3) : 1;
        params.pad_h = rnd_in(0, k_h - 1);
        params.pad_w = rnd_in(0, k_w - 1);
        params.depth_multiplier = 1;
        params.activation_f32 = random_activation_f32();
        const tflm_dims in = {rnd_in(1, 2), rnd_in(1, 12), rnd_in(1, 12), rnd_in(1, 40)};
        const tflm_dims k = {1, k_h, k_w, in.c};
        const tflm_dims out = {in.n, out_size(in.h, k_h, params.stride_h, params.dilation_h, params.pad_h),
                               out_size(in.w, k_w, params.stride_w, params.dilation_w, params.pad_w), in.c};
        if (out.h > 0 && out.w > 0) {
            const size_t in_n = (size_t)in.n * in.h * in.w * in.c, k_n = (size_t)k_h * k_w * in.c;
            const size_t out_n = (size_t)out.n * out.h * out.w * out.c;
            float *input = alloc64(4 * in_n), *filter = alloc64(4 * k_n), *bias = alloc64(4 * (size_t)in.c);
            float *want = alloc64(4 * out_n), *got = alloc64(4 * out_n);
            fill_f32(input, in_n);
            fill_f32(filter, k_n);
            fill_f32(bias, (size_t)in.c);
            const float *bias_or_null = test % 4 == 3 ? NULL : bias;
            const tflm_dims bd = {1, 1, 1, in.c};
            tflm_depthwise_conv_f32(&params, &in, input, &k, filter, &bd, bias_or_null, &out, want);
            const tflm_depthwise_conv_f32_fn fn = tflm_depthwise_conv_f32_x86_variant(isa, &params);
            CHECK(fn != NULL);
            memset(got, 0x5a, 4 * out_n);
            fn(&params, &in, input, &k, filter, &bd, bias_or_null, &out, got);
            tflm_test_failures += report_mismatch_f32("DEPTHWISE_CONV_2D f32", isa, test, want,
                                                      got, out_n);
            free(input), free(filter), free(bias), free(want), free(got);
        }
    }
    /* ADD and MUL, broadcasting */
    {
        tflm_broadcast bc;
        int32_t n1, n2;
        const int32_t n = random_broadcast(&bc, &n1, &n2);
        float *a = alloc64(4 * (size_t)n1), *b = alloc64(4 * (size_t)n2);
        float *want = alloc64(4 * (size_t)n), *got = alloc64(4 * (size_t)n);
        fill_f32(a, (size_t)n1);
        fill_f32(b, (size_t)n2);
        const tflm_activation_f32 act = random_activation_f32();
        tflm_add_f32(&act, &bc, a, b, want);
        CHECK(tflm_add_f32_x86_variant(isa) != NULL);
        memset(got, 0x5a, 4 * (size_t)n);
        tflm_add_f32_x86_variant(isa)(&act, &bc, a, b, got);
        tflm_test_failures += report_mismatch_f32("ADD f32", isa, test, want, got, (size_t)n);
        tflm_mul_f32(&act, &bc, a, b, want);
        CHECK(tflm_mul_f32_x86_variant(isa) != NULL);
        memset(got, 0x5a, 4 * (size_t)n);
        tflm_mul_f32_x86_variant(isa)(&act, &bc, a, b, got);
        tflm_test_failures += report_mismatch_f32("MUL f32", isa, test, want, got, (size_t)n);
        free(a), free(b), free(want), free(got);
    }
}

/* ---- SVDF int8 with an int16 state ------------------------------------------------ */

static int32_t random_svdf_shift(int extreme, int32_t typical)
{
    return extreme ? rnd_in(-31, 31) : typical + rnd_in(-3, 3);
}

/* Several invokes in a row on one state, so that it fills with the
 * variant's own results; output and state compared after each. */
static void svdf_case(tflm_isa isa, int test)
{
    const int extreme = test % 5 == 4;
    tflm_svdf_params params;
    params.batches = rnd_in(1, 3);
    params.rank = rnd_in(1, 3);
    params.input_size = test % 4 == 0 ? 16 * rnd_in(1, 6) : rnd_in(1, 100);
    params.memory = test % 4 == 1 ? 8 * rnd_in(1, 4) : rnd_in(1, 40);
    const int32_t units = test % 6 == 0 ? 8 * rnd_in(1, 8) : rnd_in(1, 70);
    params.filters = units * params.rank;
    tflm_svdf_quant quant = {rnd_in(-128, 127), test % 3 == 0 ? rnd_in(-32768, 32767) : 0,
                             rnd_in(-128, 127), 0, 0, 0, 0};
    quant.scale1_multiplier = extreme ? (int32_t)rnd() : (int32_t)(0x40000000u + (rnd() & 0x3fffffff));
    quant.scale1_shift = random_svdf_shift(extreme, -4);
    quant.scale2_multiplier = extreme ? (int32_t)rnd() : (int32_t)(0x40000000u + (rnd() & 0x3fffffff));
    quant.scale2_shift = random_svdf_shift(extreme, -20);
    if (extreme && rnd_in(0, 3) == 0) {
        quant.scale1_multiplier = INT32_MIN;
        quant.scale2_multiplier = INT32_MIN;
    }
    const size_t in_n = (size_t)params.batches * params.input_size;
    const size_t wf_n = (size_t)params.filters * params.input_size;
    const size_t wt_n = (size_t)params.filters * params.memory;
    const size_t state_n = (size_t)params.batches * wt_n, out_n = (size_t)params.batches * units;
    int8_t *input = alloc64(in_n), *weights_feature = alloc64(wf_n);
    int16_t *weights_time = alloc64(2 * wt_n), *want_state = alloc64(2 * state_n);
    int16_t *got_state = alloc64(2 * state_n);
    int32_t *bias = alloc64(4 * (size_t)units);
    int8_t *want = alloc64(out_n), *got = alloc64(out_n);
    int32_t *ref_scratch = alloc64(tflm_svdf_s8_scratch_bytes(&params));
    fill_s8(weights_feature, wf_n);
    const int32_t wt_max = extreme ? 32767 : 600;
    for (size_t i = 0; i < wt_n; i++) {
        weights_time[i] = (int16_t)rnd_in(-wt_max - (extreme ? 1 : 0), wt_max);
    }
    for (size_t i = 0; i < state_n; i++) {
        want_state[i] = (int16_t)rnd_in(-32768, 32767);
    }
    memcpy(got_state, want_state, 2 * state_n);
    for (int32_t u = 0; u < units; u++) {
        bias[u] = extreme ? (int32_t)rnd() : rnd_in(-200000, 200000);
    }
    const int32_t *bias_or_null = test % 7 == 3 ? NULL : bias;
    CHECK(tflm_svdf_s8_x86_applies(isa, &params, &quant));
    void *persistent = alloc64(tflm_svdf_s8_x86_persistent_size(&params, &quant));
    void *scratch = alloc64(tflm_svdf_s8_x86_get_buffer_size(&params));
    tflm_svdf_s8_x86 plan;
    tflm_svdf_s8_x86_init(&plan, isa, &params, &quant, weights_feature, weights_time,
                          bias_or_null, persistent);
    CHECK(plan.run != NULL);
    for (int invoke = 0; invoke < 4; invoke++) {
        fill_s8(input, in_n);
        tflm_svdf_s8_s16(ref_scratch, &params, &quant, input, weights_feature, weights_time,
                         bias_or_null, want_state, want);
        memset(got, 0x5a, out_n);
        tflm_svdf_s8_x86_run(&plan, input, got_state, got, scratch);
        if (report_mismatch("SVDF s8 output", isa, test, want, got, out_n) ||
            report_mismatch("SVDF s16 state", isa, test, (const int8_t *)want_state,
                            (const int8_t *)got_state, 2 * state_n)) {
            tflm_test_failures++;
            break;
        }
    }
    free(input), free(weights_feature), free(weights_time), free(want_state), free(got_state);
    free(bias), free(want), free(got), free(ref_scratch), free(persistent), free(scratch);
}

/* ---- float32: CONV_2D, DEPTHWISE_CONV_2D with a multiplier, SOFTMAX (bit for bit) ---- */

/* Values with sums that round, negatives, zeros and sometimes huge ones. */
static void fill_f32_wide(float *p, size_t n, int huge)
{
    fill_f32(p, n);
    for (size_t i = 0; huge && i < n; i++) {
        if (rnd_in(0, 7) == 0) {
            p[i] *= 1e30f;
        }
    }
}

static tflm_conv_params random_window_f32(int test, int32_t k_h, int32_t k_w)
{
    tflm_conv_params params = {0};
    params.stride_h = rnd_in(1, 3);
    params.stride_w = rnd_in(1, 3);
    params.dilation_h = test % 3 == 0 ? rnd_in(1, 3) : 1;
    params.dilation_w = test % 3 == 0 ? rnd_in(1, 3) : 1;
    /* Pads up to the whole (dilated) filter: pixels with few or no taps. */
    params.pad_h = rnd_in(0, (k_h - 1) * params.dilation_h + (test % 5 == 0));
    params.pad_w = rnd_in(0, (k_w - 1) * params.dilation_w + (test % 5 == 0));
    params.depth_multiplier = 1;
    params.activation_f32 = random_activation_f32();
    return params;
}

static void conv_f32_case(tflm_isa isa, int test)
{
    int32_t k_h = rnd_in(1, 5), k_w = rnd_in(1, 5);
    if (test % 4 == 0) {
        k_h = k_w = 1;
    } else if (test % 4 == 1) {
        k_h = k_w = 3;
    }
    const tflm_conv_params params = random_window_f32(test, k_h, k_w);
    tflm_dims in = {rnd_in(1, 2), rnd_in(1, 14), rnd_in(1, 14), rnd_in(1, 40)};
    if (test % 6 == 0) {
        in.h = in.w = 1;
    }
    tflm_dims k = {rnd_in(1, 70), k_h, k_w, in.c};
    if (test % 7 == 0) {
        k.n = 16 * rnd_in(1, 4);
    }
    const tflm_dims out = {in.n,
                           out_size(in.h, k_h, params.stride_h, params.dilation_h, params.pad_h),
                           out_size(in.w, k_w, params.stride_w, params.dilation_w, params.pad_w),
                           k.n};
    if (out.h == 0 || out.w == 0) {
        return;
    }
    const size_t in_n = (size_t)in.n * in.h * in.w * in.c, k_n = (size_t)k.n * k_h * k_w * in.c;
    const size_t out_n = (size_t)out.n * out.h * out.w * out.c;
    float *input = alloc64(4 * in_n), *filter = alloc64(4 * k_n), *bias = alloc64(4 * (size_t)k.n);
    float *want = alloc64(4 * out_n), *got = alloc64(4 * out_n);
    fill_f32_wide(input, in_n, test % 9 == 4);
    fill_f32(filter, k_n);
    fill_f32(bias, (size_t)k.n);
    const float *bias_or_null = test % 8 == 3 ? NULL : bias;
    const tflm_dims bd = {1, 1, 1, k.n};
    tflm_conv_f32(&params, &in, input, &k, filter, &bd, bias_or_null, &out, want);
    const size_t bytes = tflm_conv_f32_x86_persistent_size(isa, &in, &k, &out);
    CHECK(bytes > 0);
    void *persistent = alloc64(bytes);
    tflm_conv_f32_x86 plan;
    tflm_conv_f32_x86_init(&plan, isa, &params, &in, &k, filter, bias_or_null, &out, persistent);
    CHECK(plan.run != NULL);
    memset(got, 0x5a, 4 * out_n);
    tflm_conv_f32_x86_run(&plan, input, got);
    tflm_test_failures += report_mismatch_f32("CONV_2D f32", isa, test, want, got, out_n);
    free(input), free(filter), free(bias), free(want), free(got), free(persistent);
}

static void depthwise_multiplier_f32_case(tflm_isa isa, int test)
{
    const int32_t k_h = rnd_in(1, 5), k_w = rnd_in(1, 5);
    tflm_conv_params params = random_window_f32(test, k_h, k_w);
    params.depth_multiplier = test % 5 == 0 ? rnd_in(9, 20) : rnd_in(2, 5);
    tflm_dims in = {rnd_in(1, 2), rnd_in(1, 12), rnd_in(1, 12), rnd_in(1, 20)};
    if (test % 6 == 0) {
        in.h = in.w = 1;
    }
    const int32_t out_c = in.c * params.depth_multiplier;
    const tflm_dims k = {1, k_h, k_w, out_c};
    const tflm_dims out = {in.n,
                           out_size(in.h, k_h, params.stride_h, params.dilation_h, params.pad_h),
                           out_size(in.w, k_w, params.stride_w, params.dilation_w, params.pad_w),
                           out_c};
    if (out.h == 0 || out.w == 0) {
        return;
    }
    const size_t in_n = (size_t)in.n * in.h * in.w * in.c, k_n = (size_t)k_h * k_w * out_c;
    const size_t out_n = (size_t)out.n * out.h * out.w * out.c;
    float *input = alloc64(4 * in_n), *filter = alloc64(4 * k_n), *bias = alloc64(4 * (size_t)out_c);
    float *want = alloc64(4 * out_n), *got = alloc64(4 * out_n);
    fill_f32_wide(input, in_n, test % 9 == 4);
    fill_f32(filter, k_n);
    fill_f32(bias, (size_t)out_c);
    const float *bias_or_null = test % 4 == 3 ? NULL : bias;
    const tflm_dims bd = {1, 1, 1, out_c};
    tflm_depthwise_conv_f32(&params, &in, input, &k, filter, &bd, bias_or_null, &out, want);
    const tflm_depthwise_conv_f32_fn fn = tflm_depthwise_conv_f32_x86_variant(isa, &params);
    CHECK(fn != NULL);
    memset(got, 0x5a, 4 * out_n);
    fn(&params, &in, input, &k, filter, &bd, bias_or_null, &out, got);
    tflm_test_failures += report_mismatch_f32("DEPTHWISE_CONV_2D f32 m>1", isa, test, want, got,
                                              out_n);
    free(input), free(filter), free(bias), free(want), free(got);
}

static void softmax_f32_case(tflm_isa isa, int test)
{
    /* Negative betas make positive exp arguments: exp's overflow paths. */
    static const float betas[] = {1.0f, 0.5f, 2.7f, 1e-3f, 100.0f, 0.0f, 1e30f, -1.0f, -0.3f};
    const float beta = betas[test % 9];
    const int32_t rows = rnd_in(1, 4);
    const int32_t depth = test % 10 == 0 ? rnd_in(1, 9) : rnd_in(1, 1100);
    const size_t n = (size_t)rows * depth;
    float *input = alloc64(4 * n), *want = alloc64(4 * n), *got = alloc64(4 * n);
    const float scale = (float)(1u << rnd_in(0, 10)); /* diffs from tiny to past exp's range */
    for (size_t i = 0; i < n; i++) {
        input[i] = rnd_in(0, 15) == 0 ? 0.0f : (float)(int32_t)rnd() / 2147483648.0f * scale;
        if (beta == -1.0f) { /* arguments across exp's overflow edge (88.0 to 88.73) */
            input[i] = -(float)rnd_in(0, 90000) / 1000.0f;
        }
        const int32_t special = test % 5 == 4 ? rnd_in(0, 60) : -1;
        if (special == 0) {
            input[i] = __builtin_nanf("");
        } else if (special == 1) {
            input[i] = -__builtin_inff();
        } else if (special == 2) {
            input[i] = test % 3 == 0 ? __builtin_inff() : -0.0f;
        } else if (special == 3) {
            input[i] = 3e38f;
        }
    }
    tflm_softmax_f32(beta, rows, depth, input, want);
    const tflm_softmax_f32_fn fn = tflm_softmax_f32_x86_variant(isa);
    CHECK(fn != NULL);
    memset(got, 0x5a, 4 * n);
    fn(beta, rows, depth, input, got);
    tflm_test_failures += report_mismatch_f32("SOFTMAX f32", isa, test, want, got, n);
    free(input), free(want), free(got);
}

int main(void)
{
    const tflm_isa best = tflm_cpu_isa();
    printf("cpu isa: %s\n", tflm_isa_name(best));
    for (int level = TFLM_ISA_AVX2; level <= (int)best; level++) {
        const tflm_isa isa = (tflm_isa)level;
        int before = tflm_test_failures;
        rng_state = 1234 + (uint64_t)level;
        for (int t = 0; t < 400; t++) {
            conv_s8_case(isa, t);
        }
        for (int t = 0; t < 800; t++) {
            depthwise_s8_case(isa, t);
        }
        for (int t = 0; t < 400; t++) {
            binary_s8_case(isa, t);
        }
        for (int t = 0; t < 300; t++) {
            fully_connected_s8_case(isa, t);
        }
        for (int t = 0; t < 300; t++) {
            pool_case(isa, t);
        }
        for (int t = 0; t < 300; t++) {
            softmax_case(isa, t);
        }
        for (int t = 0; t < 300; t++) {
            float_case(isa, t);
        }
        for (int t = 0; t < 400; t++) {
            svdf_case(isa, t);
        }
        for (int t = 0; t < 400; t++) {
            conv_f32_case(isa, t);
        }
        for (int t = 0; t < 300; t++) {
            depthwise_multiplier_f32_case(isa, t);
        }
        for (int t = 0; t < 400; t++) {
            softmax_f32_case(isa, t);
        }
        printf("%-12s %s\n", tflm_isa_name(isa), tflm_test_failures == before ? "ok" : "FAILED");
    }
    TEST_MAIN_END();
}
#else
int main(void)
{
    printf("skipped: no x86-64 SIMD kernels in this build\n");
    return 77;
}
#endif
