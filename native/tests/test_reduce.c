/* MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, REDUCE_ALL, REDUCE_ANY:
 * random shapes and axis lists (negative, duplicate, keep_dims or not)
 * against a naive reduction written from the definition (each output
 * element visits the whole input in row-major order), quantized MEAN/SUM
 * against TF Lite's QuantizedMeanOrSum formula and against real numbers
 * (+-1), quantized PROD against TF Lite's QuantizedReduceProd with its
 * scale from the C library's pow, an axis computed at invoke, empty
 * inputs, and the rejections. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "kernels/fixed_point.h"
#include "nn_test_util.h"
#include "test.h"
#include "tflm/ops.h"

#define MAX_ELEMS 256

/* A random reduction: rank 1..4, dims 1..4, 1..4 axes (some negative,
 * some repeated). mask gets the reduced dims. */
typedef struct setup {
    int32_t rank, dims[4];
    int32_t axes[4], axis_count;
    uint32_t mask;
    bool keep_dims;
    int32_t out_dims[4], out_rank;
    int32_t in_count, out_count;
} setup;

static void random_setup(setup *s)
{
    s->rank = rng_range(1, 4);
    s->in_count = 1;
    for (int d = 0; d < s->rank; ++d) {
        s->dims[d] = rng_range(1, 4);
        s->in_count *= s->dims[d];
    }
    s->axis_count = rng_range(1, 4);
    s->mask = 0;
    for (int i = 0; i < s->axis_count; ++i) {
        const int32_t a = rng_range(0, s->rank - 1);
        s->mask |= 1u << a;
        s->axes[i] = rng_range(0, 1) ? a - s->rank : a;
    }
    s->keep_dims = rng_range(0, 1);
    s->out_rank = 0;
    s->out_count = 1;
    for (int d = 0; d < s->rank; ++d) {
        if (s->mask & (1u << d)) {
            if (s->keep_dims) {
                s->out_dims[s->out_rank++] = 1;
            }
        } else {
            s->out_dims[s->out_rank++] = s->dims[d];
            s->out_count *= s->dims[d];
        }
    }
}

/* The output element input element i falls on. */
static int32_t output_of(const setup *s, int32_t i)
{
    int32_t coord[4], rem = i;
    for (int d = s->rank - 1; d >= 0; --d) {
        coord[d] = rem % s->dims[d];
        rem /= s->dims[d];
    }
    int32_t o = 0;
    for (int d = 0; d < s->rank; ++d) {
        if (!(s->mask & (1u << d))) {
            o = o * s->dims[d] + coord[d];
        }
    }
    return o;
}

static int32_t axis_dims[1];

static void node(tflm_context *ctx, const tflm_kernel *kernel, const setup *s, tflm_type type,
                 void *in, void *out, float in_scale, int32_t in_zp, float out_scale,
                 int32_t out_zp)
{
    harness_init(ctx, kernel, 2);
    harness_tensor(ctx, 0, type, s->dims, s->rank, in, in_scale, in_zp);
    axis_dims[0] = s->axis_count;
    harness_tensor(ctx, 1, TFLM_TYPE_INT32, axis_dims, 1, (void *)s->axes, 0.0f, 0);
    ctx->tensors[1].is_constant = 1;
    harness_tensor(ctx, 2, type, s->out_dims, s->out_rank, out, out_scale, out_zp);
    harness_option_int(ctx, TFLM_OPTIONS_REDUCER, TFLM_REDUCER_OPTIONS_KEEP_DIMS, s->keep_dims);
}

static bool run(tflm_context *ctx)
{
    const bool ok = harness_prepare(ctx) == TFLM_OK && harness_invoke(ctx) == TFLM_OK;
    harness_free(ctx);
    return ok;
}

static void test_float(void)
{
    static tflm_context ctx;
    const tflm_kernel *kernels[5] = {&tflm_op_mean, &tflm_op_sum, &tflm_op_reduce_max,
                                     &tflm_op_reduce_min, &tflm_op_reduce_prod};
    float in[MAX_ELEMS], out[MAX_ELEMS];
    for (int trial = 0; trial < 500; ++trial) {
        setup s;
        random_setup(&s);
        for (int i = 0; i < s.in_count; ++i) {
            in[i] = rng_float(-2.0f, 2.0f);
        }
        const int k = trial % 5;
        node(&ctx, kernels[k], &s, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
        CHECK(run(&ctx));
        for (int32_t o = 0; o < s.out_count; ++o) {
            float acc = k == 2 ? -INFINITY : k == 3 ? INFINITY : k == 4 ? 1.0f : 0.0f;
            int32_t n = 0;
            for (int32_t i = 0; i < s.in_count; ++i) {
                if (output_of(&s, i) == o) {
                    acc = k == 2 ? fmaxf(acc, in[i]) : k == 3 ? fminf(acc, in[i])
                          : k == 4 ? acc * in[i] : acc + in[i];
                    ++n;
                }
            }
            if (k == 0) {
                acc /= (float)n;
            }
            CHECK(out[o] == acc);
        }
    }
}

/* QuantizedMeanOrSum for one output from its formula. */
static int32_t model_mean_or_sum(bool mean, int64_t sum, int32_t n, float si, int32_t zi,
                                 float so, int32_t zo, int32_t lo, int32_t hi)
{
    int32_t m;
    int sh;
    tflm_quantize_multiplier((double)si / (double)so, &m, &sh);
    if (mean) {
        int e = 0;
        while (((int64_t)2 << e) <= n) {
            ++e;
        }
        e = e < 32 ? e : 32;
        e = e < 31 + sh ? e : 31 + sh;
        m = (int32_t)(((int64_t)m << e) / n);
        sh -= e;
    }
    return ref_clamp(ref_requantize((int32_t)(sum - (int64_t)zi * n), m, sh) + zo, lo, hi);
}

static void test_quantized(void)
{
    static tflm_context ctx;
    int8_t in8[MAX_ELEMS], out8[MAX_ELEMS];
    int16_t in16[MAX_ELEMS], out16[MAX_ELEMS];
    for (int trial = 0; trial < 600; ++trial) {
        setup s;
        random_setup(&s);
        const bool mean = trial % 2 == 0, is16 = trial % 3 == 0;
        const int32_t lo = is16 ? INT16_MIN : INT8_MIN, hi = is16 ? INT16_MAX : INT8_MAX;
        const float si = rng_float(0.001f, 0.1f);
        const float so = mean ? si * rng_float(0.5f, 2.0f) : si * rng_float(1.0f, 20.0f);
        const int32_t zi = is16 ? 0 : rng_range(-128, 127), zo = is16 ? 0 : rng_range(-128, 127);
        for (int i = 0; i < s.in_count; ++i) {
            in8[i] = (int8_t)rng_range(-128, 127);
            in16[i] = (int16_t)rng_range(-32768, 32767);
        }
        node(&ctx, mean ? &tflm_op_mean : &tflm_op_sum, &s, is16 ? TFLM_TYPE_INT16 : TFLM_TYPE_INT8,
             is16 ? (void *)in16 : (void *)in8, is16 ? (void *)out16 : (void *)out8, si, zi, so, zo);
        CHECK(run(&ctx));
        for (int32_t o = 0; o < s.out_count; ++o) {
            int64_t sum = 0;
            int32_t n = 0;
            for (int32_t i = 0; i < s.in_count; ++i) {
                if (output_of(&s, i) == o) {
                    sum += is16 ? in16[i] : in8[i];
                    ++n;
                }
            }
            const int32_t got = is16 ? out16[o] : out8[o];
            CHECK_EQ_INT(model_mean_or_sum(mean, sum, n, si, zi, so, zo, lo, hi), got);
            double real = si * (double)(sum - (int64_t)zi * n);
            if (mean) {
                real /= n;
            }
            const double ideal = fmin(fmax(real / so + zo, lo), hi);
            CHECK(fabs(got - ideal) <= 1.0);
        }
    }
}

/* TF Lite's QuantizedReduceProd for output o, its step scale from the C
 * library's pow and TF Lite's QuantizeMultiplier. */
static int32_t model_prod(const setup *s, int32_t o, const int32_t *in, int32_t zi, int32_t zo,
                          int32_t multiplier, int shift, int32_t lo, int32_t hi)
{
    int32_t prod = 0;
    bool first = true;
    for (int32_t i = 0; i < s->in_count; ++i) {
        if (output_of(s, i) == o) {
            const int64_t x = in[i] - zi;
            prod = first ? (int32_t)x
                         : tflm_multiply_by_quantized_multiplier_s64(prod * x, multiplier, shift);
            first = false;
        }
    }
    const int32_t v = tflm_multiply_by_quantized_multiplier_s64(prod, multiplier, shift) + zo;
    return v < lo ? lo : v > hi ? hi : v;
}

static void test_quantized_prod(void)
{
    static tflm_context ctx;
    int8_t in8[MAX_ELEMS], out8[MAX_ELEMS];
    int16_t in16[MAX_ELEMS], out16[MAX_ELEMS];
    int32_t values[MAX_ELEMS];
    int refused = 0, ran = 0;
    for (int trial = 0; trial < 800; ++trial) {
        setup s;
        random_setup(&s);
        const bool is16 = trial % 3 == 0;
        const int32_t lo = is16 ? INT16_MIN : INT8_MIN, hi = is16 ? INT16_MAX : INT8_MAX;
        const int32_t n = s.in_count / s.out_count;
        const float si = rng_float(0.001f, 0.2f);
        /* output scales around the product's range, and some far off */
        const double range = pow(si * (is16 ? 32768.0 : 128.0), n) / (double)hi;
        const double spread = exp((double)rng_float(-6.0f, 6.0f));
        const float so = (float)fmin(fmax(range * spread, 1e-30), 1e30);
        const int32_t zi = is16 ? 0 : rng_range(-128, 127), zo = is16 ? 0 : rng_range(-128, 127);
        for (int i = 0; i < s.in_count; ++i) {
            values[i] = rng_range(lo, hi);
            in8[i] = (int8_t)values[i];
            in16[i] = (int16_t)values[i];
        }
        int32_t multiplier;
        int shift;
        tflm_quantize_multiplier((double)si / pow((double)so, 1.0 / n), &multiplier, &shift);
        node(&ctx, &tflm_op_reduce_prod, &s, is16 ? TFLM_TYPE_INT16 : TFLM_TYPE_INT8,
             is16 ? (void *)in16 : (void *)in8, is16 ? (void *)out16 : (void *)out8, si, zi, so,
             zo);
        const bool axis_at_invoke = trial % 4 == 1; /* the scale computed at invoke */
        ctx.tensors[1].is_constant = !axis_at_invoke;
        if (shift > 7) { /* beyond the 64-bit rescale */
            const tflm_status status = harness_prepare(&ctx);
            CHECK_EQ_INT(TFLM_ERROR_KERNEL,
                         axis_at_invoke && status == TFLM_OK ? harness_invoke(&ctx) : status);
            CHECK(strstr(ctx.message, "2^7 or more") != NULL);
            harness_free(&ctx);
            ++refused;
            continue;
        }
        CHECK(run(&ctx));
        ++ran;
        for (int32_t o = 0; o < s.out_count; ++o) {
            CHECK_EQ_INT(model_prod(&s, o, values, zi, zo, multiplier, shift, lo, hi),
                         is16 ? out16[o] : out8[o]);
        }
    }
    CHECK(ran > 500 && refused > 0);
}

static void test_integer_and_bool(void)
{
    static tflm_context ctx;
    int8_t in8[MAX_ELEMS], out8[MAX_ELEMS];
    int16_t in16[MAX_ELEMS], out16[MAX_ELEMS];
    int32_t in32[MAX_ELEMS], out32[MAX_ELEMS];
    int64_t in64[MAX_ELEMS], out64[MAX_ELEMS];
    uint8_t inb[MAX_ELEMS], outb[MAX_ELEMS];
    for (int trial = 0; trial < 700; ++trial) {
        setup s;
        random_setup(&s);
        for (int i = 0; i < s.in_count; ++i) {
            in8[i] = (int8_t)rng_range(-128, 127);
            in16[i] = (int16_t)rng_range(-32768, 32767);
            in32[i] = (int32_t)rng_u32(); /* products wrap */
            in64[i] = (int64_t)((uint64_t)rng_u32() << 32 | rng_u32());
            inb[i] = (uint8_t)(rng_range(0, 3) != 0);
        }
        const int k = trial % 7;
        switch (k) {
        case 0: case 1:
            node(&ctx, k == 0 ? &tflm_op_reduce_max : &tflm_op_reduce_min, &s, TFLM_TYPE_INT8, in8,
                 out8, 0.5f, 3, 0.5f, 3);
            break;
        case 2: case 3:
            node(&ctx, k == 2 ? &tflm_op_reduce_max : &tflm_op_reduce_min, &s, TFLM_TYPE_INT16,
                 in16, out16, 0.5f, 0, 0.5f, 0);
            break;
        case 4:
            node(&ctx, &tflm_op_reduce_prod, &s, trial % 2 ? TFLM_TYPE_INT32 : TFLM_TYPE_INT64,
                 trial % 2 ? (void *)in32 : (void *)in64, trial % 2 ? (void *)out32 : (void *)out64,
                 0.0f, 0, 0.0f, 0);
            break;
        default:
            node(&ctx, k == 5 ? &tflm_op_reduce_all : &tflm_op_reduce_any, &s, TFLM_TYPE_BOOL, inb,
                 outb, 0.0f, 0, 0.0f, 0);
            break;
        }
        CHECK(run(&ctx));
        for (int32_t o = 0; o < s.out_count; ++o) {
            int64_t max8 = -128, min8 = 127, max16 = -32768, min16 = 32767;
            uint32_t p32 = 1;
            uint64_t p64 = 1;
            bool all = true, any = false;
            for (int32_t i = 0; i < s.in_count; ++i) {
                if (output_of(&s, i) != o) {
                    continue;
                }
                max8 = in8[i] > max8 ? in8[i] : max8;
                min8 = in8[i] < min8 ? in8[i] : min8;
                max16 = in16[i] > max16 ? in16[i] : max16;
                min16 = in16[i] < min16 ? in16[i] : min16;
                p32 *= (uint32_t)in32[i];
                p64 *= (uint64_t)in64[i];
                all = all && inb[i];
                any = any || inb[i];
            }
            const int64_t expected[7] = {max8, min8, max16, min16,
                                         trial % 2 ? (int64_t)(int32_t)p32 : (int64_t)p64, all, any};
            const int64_t got[7] = {out8[o], out8[o], out16[o], out16[o],
                                    trial % 2 ? out32[o] : out64[o], outb[o], outb[o]};
            CHECK(expected[k] == got[k]);
        }
    }
}

/* int8 and int16 without quantization multiply in their own type,
 * wrapping (TF Lite's EvalGeneric). */
static void test_plain_integer_prod(void)
{
    static tflm_context ctx;
    int8_t in8[MAX_ELEMS], out8[MAX_ELEMS];
    int16_t in16[MAX_ELEMS], out16[MAX_ELEMS];
    for (int trial = 0; trial < 300; ++trial) {
        setup s;
        random_setup(&s);
        const bool is16 = trial % 2 == 0;
        for (int i = 0; i < s.in_count; ++i) {
            in8[i] = (int8_t)rng_range(-128, 127);
            in16[i] = (int16_t)rng_range(-32768, 32767);
        }
        node(&ctx, &tflm_op_reduce_prod, &s, is16 ? TFLM_TYPE_INT16 : TFLM_TYPE_INT8,
             is16 ? (void *)in16 : (void *)in8, is16 ? (void *)out16 : (void *)out8, 0.0f, 0,
             0.0f, 0);
        CHECK(run(&ctx));
        for (int32_t o = 0; o < s.out_count; ++o) {
            uint32_t p = 1;
            for (int32_t i = 0; i < s.in_count; ++i) {
                if (output_of(&s, i) == o) {
                    p = is16 ? (uint32_t)(uint16_t)(p * (uint32_t)in16[i])
                             : (uint32_t)(uint8_t)(p * (uint32_t)in8[i]);
                }
            }
            CHECK_EQ_INT(is16 ? (int16_t)p : (int8_t)p, is16 ? out16[o] : out8[o]);
        }
    }
}

/* A 2x3 input reduced over its last axis, optionally with its axis from
 * the graph (not constant). */
static void small_node(tflm_context *ctx, const tflm_kernel *kernel, tflm_type type, void *in,
                       int32_t *axis, void *out, const int32_t *out_dims, int out_rank)
{
    static const int32_t in_dims[2] = {2, 3};
    static const int32_t one[1] = {1};
    harness_init(ctx, kernel, 2);
    harness_tensor(ctx, 0, type, in_dims, 2, in, 0.0f, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_INT32, one, 1, axis, 0.0f, 0);
    harness_tensor(ctx, 2, type, out_dims, out_rank, out, 0.0f, 0);
}

static void test_axis_at_invoke(void)
{
    static tflm_context ctx;
    float in[6] = {1, 2, 3, 4, 5, 6}, out[3];
    int32_t axis[1] = {-1};
    const int32_t two[1] = {2}, three[1] = {3};
    small_node(&ctx, &tflm_op_sum, TFLM_TYPE_FLOAT32, in, axis, out, two, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 6.0f && out[1] == 15.0f);
    axis[0] = 5; /* out of range, found at invoke */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    CHECK(strstr(ctx.message, "out of range") != NULL);
    axis[0] = 0; /* valid, but gives a [3] output, not the [2] the model has */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    harness_free(&ctx);
    small_node(&ctx, &tflm_op_sum, TFLM_TYPE_FLOAT32, in, axis, out, three, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == 5.0f && out[1] == 7.0f && out[2] == 9.0f);
    harness_free(&ctx);
}

static void test_empty_and_scalar(void)
{
    static tflm_context ctx;
    /* [2, 0] reduced over axis 1: two outputs of the initial value. */
    setup s = {.rank = 2, .dims = {2, 0}, .axes = {1}, .axis_count = 1, .mask = 2,
               .keep_dims = false, .out_dims = {2}, .out_rank = 1, .in_count = 0, .out_count = 2};
    float in[1] = {0}, out[2] = {7, 7};
    node(&ctx, &tflm_op_reduce_max, &s, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    CHECK(run(&ctx));
    CHECK(out[0] == -3.402823466e+38f && out[1] == -3.402823466e+38f);
    node(&ctx, &tflm_op_mean, &s, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    CHECK(run(&ctx));
    CHECK(out[0] == 0.0f && out[1] == 0.0f);
    int8_t in8[1] = {0}, out8[2] = {7, 7};
    node(&ctx, &tflm_op_mean, &s, TFLM_TYPE_INT8, in8, out8, 0.1f, 5, 0.1f, 5);
    CHECK(run(&ctx));
    CHECK(out8[0] == 0 && out8[1] == 0); /* T(), not the zero point, as TF Lite */
    node(&ctx, &tflm_op_reduce_prod, &s, TFLM_TYPE_INT8, in8, out8, 0.1f, 5, 0.1f, -3);
    CHECK(run(&ctx));
    CHECK(out8[0] == -3 && out8[1] == -3); /* TF Lite leaves it unwritten: the real 0 here */
    /* A scalar input ignores its axes, even out of range ones. */
    setup scalar = {.rank = 0, .axes = {9}, .axis_count = 1, .out_rank = 0, .in_count = 1,
                    .out_count = 1};
    float x[1] = {2.5f}, y[1];
    node(&ctx, &tflm_op_mean, &scalar, TFLM_TYPE_FLOAT32, x, y, 0.0f, 0, 0.0f, 0);
    CHECK(run(&ctx));
    CHECK(y[0] == 2.5f);
}

/* The harness keeps a message's format, not its formatted text. */
static void expect_fail(tflm_context *ctx, tflm_status status, const char *text)
{
    CHECK_EQ_INT(status, harness_prepare(ctx));
    if (strstr(ctx->message, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", ctx->message, text);
        CHECK(0);
    }
    harness_free(ctx);
}

static void test_rejections(void)
{
    static tflm_context ctx;
    setup s = {.rank = 2, .dims = {2, 3}, .axes = {1}, .axis_count = 1, .mask = 2,
               .keep_dims = false, .out_dims = {2}, .out_rank = 1, .in_count = 6, .out_count = 2};
    float in[6] = {0}, out[3];
    int32_t in32[6] = {0}, out32[2];
    int8_t in8[6] = {0}, out8[2];

    node(&ctx, &tflm_op_mean, &s, TFLM_TYPE_INT32, in32, out32, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported");
    node(&ctx, &tflm_op_reduce_prod, &s, TFLM_TYPE_BOOL, in8, out8, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported");
    int16_t in16[6] = {0}, out16[2];
    node(&ctx, &tflm_op_reduce_prod, &s, TFLM_TYPE_INT16, in16, out16, 0.1f, 0, 0.1f, 3);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "int16 zero points must be 0");
    node(&ctx, &tflm_op_reduce_all, &s, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported");
    node(&ctx, &tflm_op_sum, &s, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    ctx.tensors[2].type = TFLM_TYPE_INT8;
    expect_fail(&ctx, TFLM_ERROR_UNSUPPORTED, "%s type %s not supported");
    node(&ctx, &tflm_op_sum, &s, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    ctx.tensors[1].type = TFLM_TYPE_INT64;
    expect_fail(&ctx, TFLM_ERROR_UNSUPPORTED, "%s type %s not supported");

    setup bad = s;
    bad.axes[0] = 2;
    node(&ctx, &tflm_op_sum, &bad, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "out of range for an input");
    bad.axes[0] = -3;
    node(&ctx, &tflm_op_sum, &bad, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "out of range for an input");
    bad = s;
    bad.out_dims[0] = 3; /* as if axis 0 were reduced */
    node(&ctx, &tflm_op_sum, &bad, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "the reduced input gives");
    bad = s;
    bad.keep_dims = true; /* output should be [2, 1] */
    node(&ctx, &tflm_op_sum, &bad, TFLM_TYPE_FLOAT32, in, out, 0.0f, 0, 0.0f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "the reduced input gives");

    node(&ctx, &tflm_op_reduce_max, &s, TFLM_TYPE_INT8, in8, out8, 0.1f, 0, 0.2f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "input and output must share scale and zero point");
    node(&ctx, &tflm_op_mean, &s, TFLM_TYPE_INT8, in8, out8, 0.0f, 0, 0.2f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "has no quantization scale");
    node(&ctx, &tflm_op_sum, &s, TFLM_TYPE_INT8, in8, out8, 1.0f, 0, 1e-12f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "2^31 or more");
    node(&ctx, &tflm_op_mean, &s, TFLM_TYPE_INT8, in8, out8, 0.1f, 200, 0.1f, 0);
    expect_fail(&ctx, TFLM_ERROR_KERNEL, "zero point %d outside");

    harness_init(&ctx, &tflm_op_sum, 1);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, s.dims, 2, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, s.out_dims, 1, out, 0.0f, 0);
    CHECK(harness_prepare(&ctx) != TFLM_OK);
    harness_free(&ctx);
}

int main(void)
{
    test_float();
    test_quantized();
    test_quantized_prod();
    test_integer_and_bool();
    test_plain_integer_prod();
    test_axis_at_invoke();
    test_empty_and_scalar();
    test_rejections();
    TEST_MAIN_END();
}
