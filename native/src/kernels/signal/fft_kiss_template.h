/*
 * fft_kiss_template.h - kiss_fft 1.3.0's transform (kiss_fft.c) and real
 * transforms (tools/kiss_fftr.c), written once for every scalar type.
 * Only fft_int16.c, fft_int32.c and fft_float.c include it, each after
 * naming its type:
 *
 *   FFT_TYPE             int16, int32 or float: fft_kiss.h's names
 *   fft_scalar           the sample type (kiss_fft_scalar)
 *
 * and, for fixed point (kiss_fft's FIXED_POINT):
 *
 *   fft_product          the type of products (SAMPPROD): int32_t, int64_t
 *   FFT_FRACTION_BITS    FRACBITS: 15, 31
 *   FFT_SAMPLE_MAX       SAMP_MAX: INT16_MAX, INT32_MAX
 *
 * Below, kiss_fft's arithmetic macros (_kiss_fft_guts.h) become static
 * inline functions, in fixed point or float; every expression keeps
 * kiss_fft's order of operations, which float results depend on.
 */
#ifndef FFT_TYPE
#error "define FFT_TYPE and fft_scalar before including fft_kiss_template.h"
#endif

#include "fft_kiss.h"
#include "fft_twiddle.h"

#define FFT_CONCAT3(a, b, c) a##b##c
#define FFT_NAME3(a, b, c) FFT_CONCAT3(a, b, c)
#define FFT_FN(name) FFT_NAME3(fft_, FFT_TYPE, _##name)
#define fft_cpx FFT_NAME3(fft_cpx_, FFT_TYPE, )
#define fft_plan FFT_NAME3(fft_, FFT_TYPE, _plan)

#ifdef FFT_FRACTION_BITS

#include "../fixed_point_math.h" /* tflm_fp_add, tflm_fp_sub: int32 arithmetic that wraps */

/* Fixed point. Sums and differences are C's int arithmetic, 32 bits, and
 * wrap there (int16 ones cannot; int32 ones overflow, which C leaves
 * undefined and TFLM's targets compute in two's complement); stored as a
 * sample, they wrap to its width, as GCC and Clang convert. HALF_OF
 * shifts the int sum, so an int16 sum keeps its 17th bit. Products are
 * fft_product, rounded: (p + 2^(FRACBITS - 1)) >> FRACBITS, stored as a
 * sample; a stage's division by its radix multiplies by SAMP_MAX / radix
 * (truncated) the same way. Twiddles: floor(0.5 + SAMP_MAX x cos) as
 * kiss_fft computes them in double. */

static inline fft_scalar add(fft_scalar a, fft_scalar b)
{
    return (fft_scalar)tflm_fp_add(a, b);
}

static inline fft_scalar sub(fft_scalar a, fft_scalar b)
{
    return (fft_scalar)tflm_fp_sub(a, b);
}

static inline fft_scalar neg(fft_scalar a)
{
    return (fft_scalar)tflm_fp_sub(0, a);
}

static inline fft_scalar times_minus_one(fft_scalar a) /* kiss_fftri's "*= -1" */
{
    return neg(a);
}

static inline fft_scalar half(fft_scalar a) /* HALF_OF */
{
    return (fft_scalar)(a >> 1);
}

static inline fft_scalar half_add(fft_scalar a, fft_scalar b) /* HALF_OF(a + b) */
{
    return (fft_scalar)(tflm_fp_add(a, b) >> 1);
}

static inline fft_scalar half_sub(fft_scalar a, fft_scalar b)
{
    return (fft_scalar)(tflm_fp_sub(a, b) >> 1);
}

/* sround */
static inline fft_scalar round_product(fft_product p)
{
    return (fft_scalar)(uint32_t)((p + ((fft_product)1 << (FFT_FRACTION_BITS - 1))) >>
                                  FFT_FRACTION_BITS);
}

/* S_MUL, and C_MULBYSCALAR's products */
static inline fft_scalar s_mul(fft_scalar a, fft_scalar b)
{
    return round_product((fft_product)a * b);
}

/* C_MUL's parts. One factor of each product is a twiddle, below SAMP_MAX
 * in magnitude, so neither the difference nor the sum overflows. */
static inline fft_scalar mul_sub(fft_scalar a, fft_scalar b, fft_scalar c, fft_scalar d)
{
    return round_product((fft_product)a * b - (fft_product)c * d);
}

static inline fft_scalar mul_add(fft_scalar a, fft_scalar b, fft_scalar c, fft_scalar d)
{
    return round_product((fft_product)a * b + (fft_product)c * d);
}

/* C_FIXDIV */
static inline void fixdiv(fft_cpx *c, int32_t radix)
{
    c->re = s_mul(c->re, (fft_scalar)(FFT_SAMPLE_MAX / radix));
    c->im = s_mul(c->im, (fft_scalar)(FFT_SAMPLE_MAX / radix));
}

/* kf_cexp of -phase (negative) or +phase */
static inline fft_cpx twiddle(tflm_f64 phase, bool negative)
{
    int64_t re, im;
    fft_twiddle(phase, negative, FFT_SAMPLE_MAX, &re, &im);
    fft_cpx c = {(fft_scalar)re, (fft_scalar)im};
    return c;
}

#else

/* Float, with TFLM's patch making HALF_OF a float product: each operation
 * rounded to float (the build's C11 mode keeps products and sums apart:
 * no fused multiply-add); no division by the radix. Twiddles:
 * (float)cos(phase) of kiss_fft's double phase (fft_twiddle_float). */

static inline float add(float a, float b)
{
    return a + b;
}

static inline float sub(float a, float b)
{
    return a - b;
}

static inline float neg(float a)
{
    return -a;
}

static inline float times_minus_one(float a)
{
    return a * -1.0f;
}

static inline float half(float a)
{
    return a * 0.5f;
}

static inline float half_add(float a, float b)
{
    return (a + b) * 0.5f;
}

static inline float half_sub(float a, float b)
{
    return (a - b) * 0.5f;
}

static inline float s_mul(float a, float b)
{
    return a * b;
}

static inline float mul_sub(float a, float b, float c, float d)
{
    return a * b - c * d;
}

static inline float mul_add(float a, float b, float c, float d)
{
    return a * b + c * d;
}

static inline void fixdiv(fft_cpx *c, int32_t radix)
{
    (void)c;
    (void)radix;
}

static inline fft_cpx twiddle(tflm_f64 phase, bool negative)
{
    fft_cpx c;
    fft_twiddle_float(phase, negative, &c.re, &c.im);
    return c;
}

#endif

static inline fft_cpx cpx_make(fft_scalar re, fft_scalar im)
{
    fft_cpx c = {re, im};
    return c;
}

static inline fft_cpx cpx_add(fft_cpx a, fft_cpx b)
{
    return cpx_make(add(a.re, b.re), add(a.im, b.im));
}

static inline fft_cpx cpx_sub(fft_cpx a, fft_cpx b)
{
    return cpx_make(sub(a.re, b.re), sub(a.im, b.im));
}

static inline fft_cpx cpx_mul(fft_cpx a, fft_cpx b)
{
    return cpx_make(mul_sub(a.re, b.re, a.im, b.im), mul_add(a.re, b.im, a.im, b.re));
}

/* kf_bfly2 */
static void radix2(fft_cpx *out, size_t stride, const fft_cpx *tw, int32_t m)
{
    for (int32_t k = 0; k < m; k++) {
        fft_cpx *a = &out[k], *b = &out[k + m];
        fixdiv(a, 2);
        fixdiv(b, 2);
        const fft_cpx t = cpx_mul(*b, tw[(size_t)k * stride]);
        *b = cpx_sub(*a, t);
        *a = cpx_add(*a, t);
    }
}

/* kf_bfly4: the inverse transform multiplies by +i where the forward one
 * multiplies by -i, which swaps what the two lines write to f1 and f3. */
static void radix4(fft_cpx *out, size_t stride, const fft_cpx *tw, int32_t m, bool inverse)
{
    for (int32_t k = 0; k < m; k++) {
        fft_cpx *f0 = &out[k], *f1 = &out[k + m], *f2 = &out[k + 2 * m], *f3 = &out[k + 3 * m];
        fixdiv(f0, 4);
        fixdiv(f1, 4);
        fixdiv(f2, 4);
        fixdiv(f3, 4);
        const fft_cpx s0 = cpx_mul(*f1, tw[(size_t)k * stride]);
        const fft_cpx s1 = cpx_mul(*f2, tw[(size_t)k * stride * 2]);
        const fft_cpx s2 = cpx_mul(*f3, tw[(size_t)k * stride * 3]);
        const fft_cpx s5 = cpx_sub(*f0, s1);
        *f0 = cpx_add(*f0, s1);
        const fft_cpx s3 = cpx_add(s0, s2), s4 = cpx_sub(s0, s2);
        *f2 = cpx_sub(*f0, s3);
        *f0 = cpx_add(*f0, s3);
        fft_cpx *minus_i = inverse ? f3 : f1, *plus_i = inverse ? f1 : f3;
        *minus_i = cpx_make(add(s5.re, s4.im), sub(s5.im, s4.re));
        *plus_i = cpx_make(sub(s5.re, s4.im), add(s5.im, s4.re));
    }
}

/* kf_bfly3 */
static void radix3(fft_cpx *out, size_t stride, const fft_cpx *tw, int32_t m)
{
    const fft_scalar sin_third = tw[stride * (size_t)m].im; /* sin(-+2 pi / 3) */
    for (int32_t k = 0; k < m; k++) {
        fft_cpx *f0 = &out[k], *f1 = &out[k + m], *f2 = &out[k + 2 * m];
        fixdiv(f0, 3);
        fixdiv(f1, 3);
        fixdiv(f2, 3);
        const fft_cpx s1 = cpx_mul(*f1, tw[(size_t)k * stride]);
        const fft_cpx s2 = cpx_mul(*f2, tw[(size_t)k * stride * 2]);
        const fft_cpx s3 = cpx_add(s1, s2);
        fft_cpx s0 = cpx_sub(s1, s2);
        *f1 = cpx_make(sub(f0->re, half(s3.re)), sub(f0->im, half(s3.im)));
        s0 = cpx_make(s_mul(s0.re, sin_third), s_mul(s0.im, sin_third));
        *f0 = cpx_add(*f0, s3);
        *f2 = cpx_make(add(f1->re, s0.im), sub(f1->im, s0.re));
        *f1 = cpx_make(sub(f1->re, s0.im), add(f1->im, s0.re));
    }
}

/* kf_bfly5 */
static void radix5(fft_cpx *out, size_t stride, const fft_cpx *tw, int32_t m)
{
    const fft_cpx ya = tw[stride * (size_t)m], yb = tw[stride * 2 * (size_t)m];
    for (int32_t u = 0; u < m; u++) {
        fft_cpx *f0 = &out[u], *f1 = &out[u + m], *f2 = &out[u + 2 * m], *f3 = &out[u + 3 * m],
                *f4 = &out[u + 4 * m];
        fixdiv(f0, 5);
        fixdiv(f1, 5);
        fixdiv(f2, 5);
        fixdiv(f3, 5);
        fixdiv(f4, 5);
        const fft_cpx s0 = *f0;
        const fft_cpx s1 = cpx_mul(*f1, tw[(size_t)u * stride]);
        const fft_cpx s2 = cpx_mul(*f2, tw[(size_t)u * stride * 2]);
        const fft_cpx s3 = cpx_mul(*f3, tw[(size_t)u * stride * 3]);
        const fft_cpx s4 = cpx_mul(*f4, tw[(size_t)u * stride * 4]);
        const fft_cpx s7 = cpx_add(s1, s4), s10 = cpx_sub(s1, s4);
        const fft_cpx s8 = cpx_add(s2, s3), s9 = cpx_sub(s2, s3);
        *f0 = cpx_make(add(f0->re, add(s7.re, s8.re)), add(f0->im, add(s7.im, s8.im)));
        const fft_cpx s5 = cpx_make(add(add(s0.re, s_mul(s7.re, ya.re)), s_mul(s8.re, yb.re)),
                                    add(add(s0.im, s_mul(s7.im, ya.re)), s_mul(s8.im, yb.re)));
        const fft_cpx s6 = cpx_make(add(s_mul(s10.im, ya.im), s_mul(s9.im, yb.im)),
                                    sub(neg(s_mul(s10.re, ya.im)), s_mul(s9.re, yb.im)));
        *f1 = cpx_sub(s5, s6);
        *f4 = cpx_add(s5, s6);
        const fft_cpx s11 = cpx_make(add(add(s0.re, s_mul(s7.re, yb.re)), s_mul(s8.re, ya.re)),
                                     add(add(s0.im, s_mul(s7.im, yb.re)), s_mul(s8.im, ya.re)));
        const fft_cpx s12 = cpx_make(add(neg(s_mul(s10.im, yb.im)), s_mul(s9.im, ya.im)),
                                     sub(s_mul(s10.re, yb.im), s_mul(s9.re, ya.im)));
        *f2 = cpx_add(s11, s12);
        *f3 = cpx_sub(s11, s12);
    }
}

/* kf_work: the DFT of in[0], in[stride], ... into out, as radix p over p
 * sub-DFTs of every p-th input. Recursion depth: the stages. */
static void transform(const fft_plan *plan, fft_cpx *out, const fft_cpx *in, size_t stride,
                      const int32_t *stages)
{
    const int32_t p = stages[0], m = stages[1];
    for (int32_t j = 0; j < p; j++) {
        if (m == 1) {
            out[j] = in[(size_t)j * stride];
        } else {
            transform(plan, out + (size_t)j * m, in + (size_t)j * stride, stride * (size_t)p,
                      stages + 2);
        }
    }
    switch (p) {
    case 2: radix2(out, stride, plan->twiddles, m); break;
    case 3: radix3(out, stride, plan->twiddles, m); break;
    case 4: radix4(out, stride, plan->twiddles, m, plan->inverse); break;
    default: radix5(out, stride, plan->twiddles, m); break; /* fft_factor admits no other */
    }
}

void FFT_FN(plan_init)(fft_plan *plan, int32_t n, bool inverse, fft_cpx *twiddles)
{
    plan->n = n;
    plan->inverse = inverse;
    (void)fft_factor(n, plan->stages);
    plan->twiddles = twiddles;
    plan->super_twiddles = twiddles + n;
    for (int32_t i = 0; i < n; i++) {
        plan->twiddles[i] = twiddle(fft_twiddle_phase((uint32_t)i, (uint32_t)n), !inverse);
    }
    for (int32_t i = 0; i < n / 2; i++) {
        plan->super_twiddles[i] =
            twiddle(fft_super_twiddle_phase((uint32_t)i, (uint32_t)n), !inverse);
    }
}

/* kiss_fftr */
void FFT_FN(real_forward)(const fft_plan *plan, const fft_scalar *samples, fft_cpx *bins,
                          fft_cpx *work)
{
    const int32_t n = plan->n;
    transform(plan, work, (const fft_cpx *)(const void *)samples, 1, plan->stages);
    /* DC and Nyquist from the sums of even and odd samples */
    fft_cpx dc = work[0];
    fixdiv(&dc, 2);
    bins[0].re = add(dc.re, dc.im);
    bins[n].re = sub(dc.re, dc.im);
    bins[0].im = bins[n].im = 0;
    for (int32_t k = 1; k <= n / 2; k++) {
        fft_cpx fpk = work[k];
        fft_cpx fpnk = cpx_make(work[n - k].re, neg(work[n - k].im));
        fixdiv(&fpk, 2);
        fixdiv(&fpnk, 2);
        const fft_cpx f1k = cpx_add(fpk, fpnk), f2k = cpx_sub(fpk, fpnk);
        const fft_cpx tw = cpx_mul(f2k, plan->super_twiddles[k - 1]);
        bins[k] = cpx_make(half_add(f1k.re, tw.re), half_add(f1k.im, tw.im));
        bins[n - k] = cpx_make(half_sub(f1k.re, tw.re), half_sub(tw.im, f1k.im));
    }
}

/* kiss_fftri */
void FFT_FN(real_inverse)(const fft_plan *plan, const fft_cpx *bins, fft_scalar *samples,
                          fft_cpx *work)
{
    const int32_t n = plan->n;
    work[0] = cpx_make(add(bins[0].re, bins[n].re), sub(bins[0].re, bins[n].re));
    fixdiv(&work[0], 2);
    for (int32_t k = 1; k <= n / 2; k++) {
        fft_cpx fk = bins[k];
        fft_cpx fnkc = cpx_make(bins[n - k].re, neg(bins[n - k].im));
        fixdiv(&fk, 2);
        fixdiv(&fnkc, 2);
        const fft_cpx fek = cpx_add(fk, fnkc);
        const fft_cpx fok = cpx_mul(cpx_sub(fk, fnkc), plan->super_twiddles[k - 1]);
        work[k] = cpx_add(fek, fok);
        work[n - k] = cpx_sub(fek, fok);
        work[n - k].im = times_minus_one(work[n - k].im);
    }
    transform(plan, (fft_cpx *)(void *)samples, work, 1, plan->stages);
}

#undef FFT_CONCAT3
#undef FFT_NAME3
#undef FFT_FN
#undef fft_cpx
#undef fft_plan
