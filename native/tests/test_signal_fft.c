/* TFLM's SignalRfft and SignalIrfft (native/src/kernels/signal/rfft.c,
 * irfft.c and kiss_fft in fft_kiss.h): every case of TFLM's fft_test.cc for
 * them, with its values (signal_fft_test_data.h) and option maps; kiss_fft's
 * twiddle factors against the C library's double arithmetic; what prepare
 * refuses. */
#include <math.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "kernels/signal/fft_twiddle.h"
#include "signal_fft_test_data.h"
#include "test.h"
#include "tflm/ops.h"

/* Every twiddle and super twiddle of kiss_fft for the real FFT lengths up
 * to 1024, and of lengths divisible by 6 up to 2048 (where cos = +-1/2
 * makes the double roundings decide), forward and inverse: in 16 and
 * 32-bit scale equal to floor(.5 + scale * cos(phase)) computed in double
 * as kiss_fft does, in float bit for bit (float)cos(phase), the sign of
 * sin(-0) included. */
static int twiddle_mismatches(double phase, tflm_f64 abs_phase, bool negative)
{
    static const uint32_t scales[2] = {32767u, 2147483647u};
    int mismatches = 0;
    for (int s = 0; s < 2; s++) {
        int64_t re, im;
        fft_twiddle(abs_phase, negative, scales[s], &re, &im);
        mismatches += re != (int64_t)floor(.5 + scales[s] * cos(phase)) ||
                      im != (int64_t)floor(.5 + scales[s] * sin(phase));
    }
    float re, im;
    const float expected[2] = {(float)cos(phase), (float)sin(phase)};
    fft_twiddle_float(abs_phase, negative, &re, &im);
    mismatches += memcmp(&re, &expected[0], sizeof re) != 0 || memcmp(&im, &expected[1], sizeof im) != 0;
    return mismatches;
}

static void test_twiddles(void)
{
    const double pi = 3.14159265358979323846264338327950288;
    int mismatches = 0;
    for (int length = 2; length <= 2048; length += 2) {
        if (length > 1024 && length % 6 != 0) {
            continue;
        }
        const int n = length / 2;
        for (int inverse = 0; inverse < 2; inverse++) {
            for (int i = 0; i < n; i++) {
                double phase = -2 * pi * i / n;
                phase *= inverse ? -1 : 1;
                mismatches += twiddle_mismatches(phase, fft_twiddle_phase((uint32_t)i, (uint32_t)n),
                                                 !inverse);
            }
            for (int i = 0; i < n / 2; i++) {
                double phase = -pi * ((double)(i + 1) / n + .5);
                phase *= inverse ? -1 : 1;
                mismatches += twiddle_mismatches(
                    phase, fft_super_twiddle_phase((uint32_t)i, (uint32_t)n), !inverse);
            }
        }
    }
    CHECK_EQ_INT(0, mismatches);
}

/* TFLM's fft option maps: fft_length 64 and 512, T FLOAT32, INT16, INT32. */
static const uint8_t fft_64_float[26] = {0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74,
                                         0x68, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f, 0x02, 0x01,
                                         0x02, 0x00, 0x40, 0x04, 0x04, 0x04, 0x24, 0x01};
static const uint8_t fft_64_int16[26] = {0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74,
                                         0x68, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f, 0x02, 0x01,
                                         0x02, 0x07, 0x40, 0x04, 0x04, 0x04, 0x24, 0x01};
static const uint8_t fft_64_int32[26] = {0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74,
                                         0x68, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f, 0x02, 0x01,
                                         0x02, 0x02, 0x40, 0x04, 0x04, 0x04, 0x24, 0x01};
static const uint8_t fft_512_float[31] = {
    0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74, 0x68, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f,
    0x02, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x05, 0x05, 0x06, 0x25, 0x01};
static const uint8_t fft_512_int16[31] = {
    0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74, 0x68, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f,
    0x02, 0x00, 0x01, 0x00, 0x02, 0x00, 0x07, 0x00, 0x00, 0x02, 0x05, 0x05, 0x06, 0x25, 0x01};
static const uint8_t fft_512_int32[31] = {
    0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74, 0x68, 0x00, 0x54, 0x00, 0x02, 0x03, 0x0f,
    0x02, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0x02, 0x05, 0x05, 0x06, 0x25, 0x01};

static double element(tflm_type type, const void *data, int32_t i)
{
    switch (type) {
    case TFLM_TYPE_INT16: return ((const int16_t *)data)[i];
    case TFLM_TYPE_INT32: return ((const int32_t *)data)[i];
    default: return ((const float *)data)[i];
    }
}

/* One case of TFLM's TestFFT: input through the kernel with the option
 * map, the output against golden within TFLM's tolerance, and bit for bit
 * but in the values TFLM's golden has other than kiss_fft's arithmetic
 * (which TFLM runs): 24 of IrfftTestLength512Float's, each one float ulp
 * (2^-27) away. */
typedef struct fft_case {
    const char *name;
    const tflm_kernel *kernel;
    const uint8_t *options;
    uint32_t options_size;
    tflm_type type;
    int32_t input_dims[3], output_dims[3];
    int rank;
    const void *input, *golden;
    double tolerance;
    int32_t differing; /* values not bit for bit the golden's */
} fft_case;

static void run_fft_case(const fft_case *c)
{
    static tflm_context ctx;
    static float output[4 * 66 + 512];
    const int32_t count = c->output_dims[c->rank - 1] * (c->rank == 3 ? 4 : 1);
    memset(output, 0, sizeof output);
    harness_init(&ctx, c->kernel, 1);
    harness_tensor(&ctx, 0, c->type, c->input_dims, c->rank, (void *)c->input, 0, 0);
    harness_tensor(&ctx, 1, c->type, c->output_dims, c->rank, output, 0, 0);
    harness_custom_options(&ctx, c->options, c->options_size);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    double worst = 0;
    int32_t differ = 0;
    for (int32_t i = 0; i < count; i++) {
        const double got = element(c->type, output, i), want = element(c->type, c->golden, i);
        worst = fabs(got - want) > worst ? fabs(got - want) : worst;
        differ += got != want;
    }
    if (worst > c->tolerance || differ != c->differing) {
        fprintf(stderr, "%s: %d of %d values differ, by up to %g\n", c->name, (int)differ,
                (int)count, worst);
        tflm_test_failures++;
    }
    harness_free(&ctx);
}

static void test_tflm_cases(void)
{
    /* TFLM's length-64 cases: an impulse of 16384 and its flat spectrum,
     * 16384 in float, 16384 / 64 in fixed point; in four rows for INT32
     * (OuterDims4), rows of the same values. */
    static float impulse_float[64] = {16384};
    static int16_t impulse_int16[64] = {16384};
    static int32_t impulse_int32[4 * 64], flat_int32[4 * 66];
    static float flat_float[66], inverse_float[64] = {256};
    static int16_t flat_int16[66], inverse_int16[64] = {256};
    static int32_t inverse_int32[4 * 64];
    for (int i = 0; i < 4 * 66; i += 2) {
        flat_int32[i] = 256;
    }
    for (int i = 0; i < 66; i += 2) {
        flat_float[i] = 16384;
        flat_int16[i] = 256;
    }
    for (int i = 0; i < 4; i++) {
        impulse_int32[64 * i] = 16384;
        inverse_int32[64 * i] = 256;
    }
    static float flat_256_float[66];
    for (int i = 0; i < 66; i += 2) {
        flat_256_float[i] = 256;
    }
    const fft_case cases[] = {
        {"RfftTestSize64Float", &tflm_op_signal_rfft, fft_64_float, 26, TFLM_TYPE_FLOAT32, {64},
         {66}, 1, impulse_float, flat_float, 1e-7, 0},
        {"RfftTestSize64Int16", &tflm_op_signal_rfft, fft_64_int16, 26, TFLM_TYPE_INT16, {64},
         {66}, 1, impulse_int16, flat_int16, 0, 0},
        {"RfftTestSize64Int32", &tflm_op_signal_rfft, fft_64_int32, 26, TFLM_TYPE_INT32, {64},
         {66}, 1, impulse_int32, flat_int32, 0, 0},
        {"RfftTestSize64Int32OuterDims4", &tflm_op_signal_rfft, fft_64_int32, 26, TFLM_TYPE_INT32,
         {2, 2, 64}, {2, 2, 66}, 3, impulse_int32, flat_int32, 0, 0},
        {"RfftTestSize512Float", &tflm_op_signal_rfft, fft_512_float, 31, TFLM_TYPE_FLOAT32, {512},
         {514}, 1, kRfftFloatLength512Input, kRfftFloatLength512Golden, 1e-5, 0},
        {"RfftTestSize512Int16", &tflm_op_signal_rfft, fft_512_int16, 31, TFLM_TYPE_INT16, {512},
         {514}, 1, kRfftInt16Length512Input, kRfftInt16Length512Golden, 3, 0},
        {"RfftTestSize512Int32", &tflm_op_signal_rfft, fft_512_int32, 31, TFLM_TYPE_INT32, {512},
         {514}, 1, kRfftInt32Length512Input, kRfftInt32Length512Golden, 0, 0},
        {"IrfftTestLength64Float", &tflm_op_signal_irfft, fft_64_float, 26, TFLM_TYPE_FLOAT32,
         {66}, {64}, 1, flat_256_float, inverse_float, 1e-7, 0},
        {"IrfftTestLength64Int16", &tflm_op_signal_irfft, fft_64_int16, 26, TFLM_TYPE_INT16, {66},
         {64}, 1, flat_int16, inverse_int16, 0, 0},
        {"IrfftTestLength64Int32", &tflm_op_signal_irfft, fft_64_int32, 26, TFLM_TYPE_INT32, {66},
         {64}, 1, flat_int32, inverse_int32, 0, 0},
        {"IrfftTestLength64Int32OuterDims4", &tflm_op_signal_irfft, fft_64_int32, 26,
         TFLM_TYPE_INT32, {2, 2, 66}, {2, 2, 64}, 3, flat_int32, inverse_int32, 0, 0},
        {"IrfftTestLength512Float", &tflm_op_signal_irfft, fft_512_float, 31, TFLM_TYPE_FLOAT32,
         {514}, {512}, 1, kIrfftFloatLength512Input, kIrfftFloatLength512Golden, 1e-6, 24},
        {"IrfftTestLength512Int16", &tflm_op_signal_irfft, fft_512_int16, 31, TFLM_TYPE_INT16,
         {514}, {512}, 1, kRfftInt16Length512Golden, kIrfftInt16Length512Golden, 0, 0},
        {"IrfftTestLength512Int32", &tflm_op_signal_irfft, fft_512_int32, 31, TFLM_TYPE_INT32,
         {514}, {512}, 1, kIrfftInt32Length512Input, kIrfftInt32Length512Golden, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_fft_case(&cases[i]);
    }
}

/* fft_length 12, 20, 60, 90, 120, 250 and 384, whose halves take the
 * radices 2 x 3, 2 x 5, 2 x 3 x 5, 3 x 3 x 5, 4 x 3 x 5, 5 x 5 x 5 and
 * 4 x 4 x 4 x 3, forward and inverse, on two rows of pseudo-random values
 * in each type, shorter than fft_length for the forward transform:
 * the outputs' FNV-1a hashes are those of kiss_fft 1.3.0 itself (with
 * TFLM's patch, built for x86-64 with the same inputs) - the fixed-point
 * values wrap here, full scale in, which both do alike - and float stays
 * near the exact DFT computed in double. */
static uint32_t lcg_state;

static void next_value(tflm_type type, void *data, int32_t i)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    if (type == TFLM_TYPE_INT16) {
        ((int16_t *)data)[i] = (int16_t)((int16_t)(lcg_state >> 16) >> 1);
    } else if (type == TFLM_TYPE_INT32) {
        ((int32_t *)data)[i] = (int32_t)lcg_state >> 1;
    } else {
        ((float *)data)[i] = (float)((int32_t)lcg_state >> 12) / 64.0f;
    }
}

static uint32_t fnv1a(const void *data, size_t bytes)
{
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < bytes; i++) {
        hash = (hash ^ ((const uint8_t *)data)[i]) * 16777619u;
    }
    return hash;
}

/* The DFT of x (count samples, zero-padded to length) at bin k, in double. */
static void dft(const float *x, int32_t count, int32_t length, int32_t k, double *re, double *im)
{
    const double pi = 3.14159265358979323846;
    *re = *im = 0;
    for (int32_t t = 0; t < count; t++) {
        const double angle = -2 * pi * (double)((int64_t)k * t % length) / length;
        *re += x[t] * cos(angle);
        *im += x[t] * sin(angle);
    }
}

/* Sample t of the inverse DFT of the n + 1 bins of a real signal of 2n
 * samples (the imaginary parts of bins 0 and n unused, as in kiss_fft). */
static double inverse_dft(const float *bins, int32_t n, int32_t t)
{
    const double pi = 3.14159265358979323846;
    double sum = bins[0] + ((t % 2) ? -bins[2 * n] : bins[2 * n]);
    for (int32_t k = 1; k < n; k++) {
        const double angle = pi * (double)((int64_t)k * t % (2 * n)) / n;
        sum += 2 * (bins[2 * k] * cos(angle) - bins[2 * k + 1] * sin(angle));
    }
    return sum / (2 * n);
}

static void check_near_dft(const float *input, int32_t count, int32_t length, const float *bins,
                           const float *inverse_bins, const float *inverse)
{
    double scale = 0, worst = 0;
    for (int32_t t = 0; t < count; t++) {
        scale += fabs(input[t]);
    }
    for (int32_t k = 0; k <= length / 2; k++) {
        double re, im;
        dft(input, count, length, k, &re, &im);
        worst = fmax(worst, fmax(fabs(bins[2 * k] - re), fabs(bins[2 * k + 1] - im)) / scale);
    }
    scale = 0;
    for (int32_t k = 0; k <= length; k++) {
        scale += fabs(inverse_bins[k]);
    }
    for (int32_t t = 0; t < length; t++) {
        worst = fmax(worst, fabs(inverse[t] - inverse_dft(inverse_bins, length / 2, t)) /
                                (2 * scale / length));
    }
    CHECK(worst < 1e-6);
}

static void test_mixed_radix(void)
{
    static const struct {
        tflm_type type;
        uint32_t hashes[7][3]; /* fft_length, forward hash, inverse hash */
    } types[] = {
        {TFLM_TYPE_INT16,
         {{12, 0x45d9d9dau, 0x8b0e1f7bu}, {20, 0x5afd651eu, 0xe0a2cf68u},
          {60, 0xb684c8c0u, 0xaeef894eu}, {90, 0xa75f3b43u, 0xde9a1298u},
          {120, 0x3cbdc733u, 0x13ce3421u}, {250, 0x0a3f3224u, 0xcbb30219u},
          {384, 0x2e91d14au, 0x90b0762du}}},
        {TFLM_TYPE_INT32,
         {{12, 0x8904c238u, 0x424eb952u}, {20, 0xa6eda85eu, 0xecf235a2u},
          {60, 0x66aea379u, 0x80ac5196u}, {90, 0x2cdefa9au, 0x96d691a3u},
          {120, 0x07867a57u, 0xb5c1dfb1u}, {250, 0xcbfe4f35u, 0x77c20f08u},
          {384, 0x3df6b01bu, 0x38b32f67u}}},
        {TFLM_TYPE_FLOAT32,
         {{12, 0x65eeff18u, 0x36887b04u}, {20, 0xfbefa17eu, 0x108394d5u},
          {60, 0x3993fe75u, 0x701c929fu}, {90, 0x5f1ba5eeu, 0xdd28e126u},
          {120, 0xb041a808u, 0x3a5e8dd9u}, {250, 0xcd408214u, 0x5abe1f7eu},
          {384, 0x740638b4u, 0xd6c3f77fu}}},
    };
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        const tflm_type type = types[t].type;
        const size_t size = tflm_type_size(type);
        for (int l = 0; l < 7; l++) {
            static tflm_context ctx;
            static float input[2 * 384], bins[2 * 386], inverse_bins[2 * 386], inverse[2 * 384];
            flex_builder b;
            const int32_t length = (int32_t)types[t].hashes[l][0], values = length + 2;
            const int32_t input_dims[2] = {2, length - 3}, bins_dims[2] = {2, values};
            const int32_t output_dims[2] = {2, length};
            lcg_state = (uint32_t)length;
            for (int32_t i = 0; i < 2 * (length - 3); i++) {
                next_value(type, input, i);
            }
            for (int32_t i = 0; i < 2 * values; i++) {
                next_value(type, inverse_bins, i);
            }
            for (int inverse_kernel = 0; inverse_kernel < 2; inverse_kernel++) {
                flex_begin(&b);
                flex_int(&b, "T", type);
                flex_int(&b, "fft_length", length);
                harness_init(&ctx, inverse_kernel ? &tflm_op_signal_irfft : &tflm_op_signal_rfft, 1);
                harness_tensor(&ctx, 0, type, inverse_kernel ? bins_dims : input_dims, 2,
                               inverse_kernel ? inverse_bins : input, 0, 0);
                harness_tensor(&ctx, 1, type, inverse_kernel ? output_dims : bins_dims, 2,
                               inverse_kernel ? inverse : bins, 0, 0);
                harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
                CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
                CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
                harness_free(&ctx);
            }
            CHECK_EQ_INT(types[t].hashes[l][1], fnv1a(bins, 2 * (size_t)values * size));
            CHECK_EQ_INT(types[t].hashes[l][2], fnv1a(inverse, 2 * (size_t)length * size));
            for (int row = 0; type == TFLM_TYPE_FLOAT32 && row < 2; row++) {
                check_near_dft(input + row * (length - 3), length - 3, length, bins + row * values,
                               inverse_bins + row * values, inverse + row * length);
            }
        }
    }
}

static void fft_node(tflm_context *ctx, flex_builder *b, const tflm_kernel *kernel, int64_t type,
                     int64_t fft_length, tflm_type tensor_type, const int32_t *input_dims,
                     int rank, const int32_t *output_dims, int output_rank)
{
    static float input[1024], output[1024];
    flex_begin(b);
    flex_int(b, "T", type);
    flex_int(b, "fft_length", fft_length);
    harness_init(ctx, kernel, 1);
    harness_tensor(ctx, 0, tensor_type, input_dims, rank, input, 0, 0);
    harness_tensor(ctx, 1, tensor_type, output_dims, output_rank, output, 0, 0);
    harness_custom_options(ctx, b->buf, (uint32_t)flex_end(b));
}

static void test_rejects(void)
{
    static tflm_context ctx;
    flex_builder b;
    const tflm_kernel *rfft = &tflm_op_signal_rfft, *irfft = &tflm_op_signal_irfft;
    const int32_t d64[1] = {64}, d66[1] = {66}, d2x64[2] = {2, 64}, d2x66[2] = {2, 66};
    const tflm_kernel *const kernels[2] = {rfft, irfft};
    for (int k = 0; k < 2; k++) {
        const int32_t *in = k ? d66 : d64, *out = k ? d64 : d66;
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_UINT8, 64, TFLM_TYPE_UINT8, in, 1, out, 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_UNSUPPORTED,
                              "type UINT8 not supported; expected INT16, INT32 or FLOAT32"));
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT32, 64, TFLM_TYPE_INT16, in, 1, out, 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                              "input 0 is INT16 of rank 1; expected INT32"));
        /* kiss_fftr refuses odd lengths; TFLM would run with no state */
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT16, 63, TFLM_TYPE_INT16, in, 1, out, 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_UNSUPPORTED, "fft_length 63 must be even"));
        /* halves of 1 and 7 take kiss_fft's generic radix: TFLM crashes */
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT16, 2, TFLM_TYPE_INT16, in, 1, out, 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_UNSUPPORTED,
                              "fft_length 2 must be even with a half of"));
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_FLOAT32, 14, TFLM_TYPE_FLOAT32, in, 1, out, 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_UNSUPPORTED, "factors 2, 3 and 5 only"));
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT16, 0, TFLM_TYPE_INT16, in, 1, out, 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                              "option \"fft_length\" out of range"));
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT16, (1 << 24) + 2, TFLM_TYPE_INT16, in, 1, out,
                 1);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL,
                              "option \"fft_length\" out of range"));
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT16, 64, TFLM_TYPE_INT16, in, 1, k ? d2x64 : d2x66,
                 2);
        CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "input and output must have the same rank"));
        fft_node(&ctx, &b, kernels[k], TFLM_TYPE_INT16, 64, TFLM_TYPE_INT16, in, 1, out, 1);
        flex_begin(&b);
        flex_int(&b, "fft_length", 64);
        harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
        CHECK(harness_rejects(&ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"T\" missing"));
    }
    /* TFLM would zero-pad a negative count of samples */
    fft_node(&ctx, &b, rfft, TFLM_TYPE_INT32, 64, TFLM_TYPE_INT32, (const int32_t[]){65}, 1, d66, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                          "rows of 1 to fft_length (64) samples in, as many rows of 66 values out"));
    /* and write 33 bins into rows of 32 */
    fft_node(&ctx, &b, rfft, TFLM_TYPE_INT32, 64, TFLM_TYPE_INT32, d64, 1, d64, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "as many rows of 66 values out"));
    fft_node(&ctx, &b, rfft, TFLM_TYPE_FLOAT32, 64, TFLM_TYPE_FLOAT32, d2x64, 2,
             (const int32_t[]){1, 66}, 2);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "as many rows of 66 values out"));
    /* shorter rows are zero-padded */
    fft_node(&ctx, &b, rfft, TFLM_TYPE_FLOAT32, 64, TFLM_TYPE_FLOAT32, (const int32_t[]){2, 50}, 2,
             d2x66, 2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    harness_free(&ctx);
    /* TFLM would read 33 bins from rows of 32 */
    fft_node(&ctx, &b, irfft, TFLM_TYPE_INT32, 64, TFLM_TYPE_INT32, d64, 1, d64, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL,
                          "rows of 66 values (fft_length / 2 + 1 complex bins) in, as many rows of fft_length (64) samples out"));
    fft_node(&ctx, &b, irfft, TFLM_TYPE_INT32, 64, TFLM_TYPE_INT32, d66, 1, d66, 1);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "as many rows of fft_length (64) samples out"));
    fft_node(&ctx, &b, irfft, TFLM_TYPE_INT16, 64, TFLM_TYPE_INT16, d2x66, 2,
             (const int32_t[]){1, 64}, 2);
    CHECK(harness_rejects(&ctx, TFLM_ERROR_KERNEL, "as many rows of fft_length (64) samples out"));
}

int main(void)
{
    test_twiddles();
    test_tflm_cases();
    test_mixed_radix();
    test_rejects();
    TEST_MAIN_END();
}
