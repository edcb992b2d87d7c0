/* fft_int16.c - fft_int16.h: kiss_fft's 16-bit fixed-point arithmetic.
 *
 * Every value is an int16; sums and differences are taken in int and
 * stored back with the int16 wrap, products are rounded Q15:
 * (a * b + 2^14) >> 15, and a stage's division by its radix multiplies by
 * 32767 / radix (truncated) the same way. */
#include "fft_int16.h"

#include "fft_twiddle.h"

static inline int16_t wrap16(int32_t x)
{
    return (int16_t)(uint16_t)(uint32_t)x;
}

/* kiss_fft's sround(smul(a, b)) */
static inline int16_t q15_mul(int32_t a, int32_t b)
{
    return wrap16((a * b + (1 << 14)) >> 15);
}

static inline fft_cpx16 cpx_mul(fft_cpx16 a, fft_cpx16 b)
{
    fft_cpx16 r = {wrap16((a.re * b.re - a.im * b.im + (1 << 14)) >> 15),
                   wrap16((a.re * b.im + a.im * b.re + (1 << 14)) >> 15)};
    return r;
}

static inline fft_cpx16 cpx_add(fft_cpx16 a, fft_cpx16 b)
{
    fft_cpx16 r = {wrap16(a.re + b.re), wrap16(a.im + b.im)};
    return r;
}

static inline fft_cpx16 cpx_sub(fft_cpx16 a, fft_cpx16 b)
{
    fft_cpx16 r = {wrap16(a.re - b.re), wrap16(a.im - b.im)};
    return r;
}

/* kiss_fft's C_FIXDIV: c / radix as c x (32767 / radix) in Q15. */
static inline void cpx_divide(fft_cpx16 *c, int32_t radix)
{
    c->re = q15_mul(c->re, 32767 / radix);
    c->im = q15_mul(c->im, 32767 / radix);
}

static void radix2(fft_cpx16 *out, size_t stride, const fft_cpx16 *tw, int32_t m)
{
    for (int32_t k = 0; k < m; k++) {
        fft_cpx16 *a = &out[k], *b = &out[k + m];
        cpx_divide(a, 2);
        cpx_divide(b, 2);
        const fft_cpx16 t = cpx_mul(*b, tw[(size_t)k * stride]);
        *b = cpx_sub(*a, t);
        *a = cpx_add(*a, t);
    }
}

static void radix4(fft_cpx16 *out, size_t stride, const fft_cpx16 *tw, int32_t m)
{
    for (int32_t k = 0; k < m; k++) {
        fft_cpx16 *f0 = &out[k], *f1 = &out[k + m], *f2 = &out[k + 2 * m], *f3 = &out[k + 3 * m];
        cpx_divide(f0, 4);
        cpx_divide(f1, 4);
        cpx_divide(f2, 4);
        cpx_divide(f3, 4);
        const fft_cpx16 s0 = cpx_mul(*f1, tw[(size_t)k * stride]);
        const fft_cpx16 s1 = cpx_mul(*f2, tw[(size_t)k * stride * 2]);
        const fft_cpx16 s2 = cpx_mul(*f3, tw[(size_t)k * stride * 3]);
        const fft_cpx16 s5 = cpx_sub(*f0, s1);
        *f0 = cpx_add(*f0, s1);
        const fft_cpx16 s3 = cpx_add(s0, s2), s4 = cpx_sub(s0, s2);
        *f2 = cpx_sub(*f0, s3);
        *f0 = cpx_add(*f0, s3);
        f1->re = wrap16(s5.re + s4.im); /* forward transform: times -i */
        f1->im = wrap16(s5.im - s4.re);
        f3->re = wrap16(s5.re - s4.im);
        f3->im = wrap16(s5.im + s4.re);
    }
}

static void radix3(fft_cpx16 *out, size_t stride, const fft_cpx16 *tw, int32_t m)
{
    const int16_t sin_third = tw[stride * (size_t)m].im; /* sin(-2 pi / 3) */
    for (int32_t k = 0; k < m; k++) {
        fft_cpx16 *f0 = &out[k], *f1 = &out[k + m], *f2 = &out[k + 2 * m];
        cpx_divide(f0, 3);
        cpx_divide(f1, 3);
        cpx_divide(f2, 3);
        const fft_cpx16 s1 = cpx_mul(*f1, tw[(size_t)k * stride]);
        const fft_cpx16 s2 = cpx_mul(*f2, tw[(size_t)k * stride * 2]);
        const fft_cpx16 s3 = cpx_add(s1, s2);
        fft_cpx16 s0 = cpx_sub(s1, s2);
        f1->re = wrap16(f0->re - (s3.re >> 1));
        f1->im = wrap16(f0->im - (s3.im >> 1));
        s0.re = q15_mul(s0.re, sin_third);
        s0.im = q15_mul(s0.im, sin_third);
        *f0 = cpx_add(*f0, s3);
        f2->re = wrap16(f1->re + s0.im);
        f2->im = wrap16(f1->im - s0.re);
        f1->re = wrap16(f1->re - s0.im);
        f1->im = wrap16(f1->im + s0.re);
    }
}

static void radix5(fft_cpx16 *out, size_t stride, const fft_cpx16 *tw, int32_t m)
{
    const fft_cpx16 ya = tw[stride * (size_t)m], yb = tw[stride * 2 * (size_t)m];
    for (int32_t u = 0; u < m; u++) {
        fft_cpx16 *f0 = &out[u], *f1 = &out[u + m], *f2 = &out[u + 2 * m], *f3 = &out[u + 3 * m],
                  *f4 = &out[u + 4 * m];
        cpx_divide(f0, 5);
        cpx_divide(f1, 5);
        cpx_divide(f2, 5);
        cpx_divide(f3, 5);
        cpx_divide(f4, 5);
        const fft_cpx16 s0 = *f0;
        const fft_cpx16 s1 = cpx_mul(*f1, tw[(size_t)u * stride]);
        const fft_cpx16 s2 = cpx_mul(*f2, tw[(size_t)u * stride * 2]);
        const fft_cpx16 s3 = cpx_mul(*f3, tw[(size_t)u * stride * 3]);
        const fft_cpx16 s4 = cpx_mul(*f4, tw[(size_t)u * stride * 4]);
        const fft_cpx16 s7 = cpx_add(s1, s4), s10 = cpx_sub(s1, s4);
        const fft_cpx16 s8 = cpx_add(s2, s3), s9 = cpx_sub(s2, s3);
        f0->re = wrap16(f0->re + (s7.re + s8.re));
        f0->im = wrap16(f0->im + (s7.im + s8.im));
        const fft_cpx16 s5 = {wrap16(s0.re + q15_mul(s7.re, ya.re) + q15_mul(s8.re, yb.re)),
                              wrap16(s0.im + q15_mul(s7.im, ya.re) + q15_mul(s8.im, yb.re))};
        const fft_cpx16 s6 = {wrap16(q15_mul(s10.im, ya.im) + q15_mul(s9.im, yb.im)),
                              wrap16(-q15_mul(s10.re, ya.im) - q15_mul(s9.re, yb.im))};
        *f1 = cpx_sub(s5, s6);
        *f4 = cpx_add(s5, s6);
        const fft_cpx16 s11 = {wrap16(s0.re + q15_mul(s7.re, yb.re) + q15_mul(s8.re, ya.re)),
                               wrap16(s0.im + q15_mul(s7.im, yb.re) + q15_mul(s8.im, ya.re))};
        const fft_cpx16 s12 = {wrap16(-q15_mul(s10.im, yb.im) + q15_mul(s9.im, ya.im)),
                               wrap16(q15_mul(s10.re, yb.im) - q15_mul(s9.re, ya.im))};
        *f2 = cpx_add(s11, s12);
        *f3 = cpx_sub(s11, s12);
    }
}

/* kiss_fft's kf_work: the DFT of in[0], in[stride], ... into out, as radix
 * p over p sub-DFTs of every p-th input. Recursion depth: the stages. */
static void transform(fft_cpx16 *out, const fft_cpx16 *in, size_t stride, const int32_t *stages,
                      const fft_cpx16 *tw)
{
    const int32_t p = stages[0], m = stages[1];
    for (int32_t j = 0; j < p; j++) {
        if (m == 1) {
            out[j] = in[(size_t)j * stride];
        } else {
            transform(out + (size_t)j * m, in + (size_t)j * stride, stride * (size_t)p, stages + 2,
                      tw);
        }
    }
    switch (p) {
    case 2: radix2(out, stride, tw, m); break;
    case 3: radix3(out, stride, tw, m); break;
    case 4: radix4(out, stride, tw, m); break;
    default: radix5(out, stride, tw, m); break; /* fft16_factor admits no other */
    }
}

bool fft16_factor(int32_t n, int32_t *stages)
{
    if (n < 2) {
        return false; /* n = 1 would take kiss_fft's generic radix */
    }
    int32_t floor_sqrt = 0;
    while ((int64_t)(floor_sqrt + 1) * (floor_sqrt + 1) <= n) {
        floor_sqrt++;
    }
    int32_t p = 4;
    int count = 0;
    do {
        while (n % p) {
            p = p == 4 ? 2 : p == 2 ? 3 : p + 2;
            if (p > floor_sqrt) {
                p = n; /* no factor left below the square root */
            }
        }
        if (p > 5 || count == FFT_MAX_STAGES) {
            return false;
        }
        n /= p;
        stages[2 * count] = p;
        stages[2 * count + 1] = n;
        count++;
    } while (n > 1);
    return true;
}

size_t fft16_twiddle_count(int32_t n)
{
    return (size_t)n + (size_t)n / 2;
}

static fft_cpx16 twiddle16(tflm_f64 phase)
{
    int64_t re, im;
    fft_twiddle(phase, true, 32767, &re, &im);
    fft_cpx16 r = {(int16_t)re, (int16_t)im};
    return r;
}

void fft16_plan_init(fft16_plan *plan, int32_t n, fft_cpx16 *twiddles)
{
    plan->n = n;
    (void)fft16_factor(n, plan->stages);
    plan->twiddles = twiddles;
    plan->super_twiddles = twiddles + n;
    for (int32_t i = 0; i < n; i++) {
        plan->twiddles[i] = twiddle16(fft_twiddle_phase((uint32_t)i, (uint32_t)n));
    }
    for (int32_t i = 0; i < n / 2; i++) {
        plan->super_twiddles[i] = twiddle16(fft_super_twiddle_phase((uint32_t)i, (uint32_t)n));
    }
}

void fft16_real_forward(const fft16_plan *plan, const int16_t *samples, fft_cpx16 *bins,
                        fft_cpx16 *work)
{
    const int32_t n = plan->n;
    transform(work, (const fft_cpx16 *)(const void *)samples, 1, plan->stages, plan->twiddles);
    /* DC and Nyquist from the sums of even and odd samples */
    fft_cpx16 dc = work[0];
    cpx_divide(&dc, 2);
    bins[0].re = wrap16(dc.re + dc.im);
    bins[n].re = wrap16(dc.re - dc.im);
    bins[0].im = bins[n].im = 0;
    for (int32_t k = 1; k <= n / 2; k++) {
        fft_cpx16 fpk = work[k];
        fft_cpx16 fpnk = {work[n - k].re, wrap16(-work[n - k].im)};
        cpx_divide(&fpk, 2);
        cpx_divide(&fpnk, 2);
        const fft_cpx16 f1k = cpx_add(fpk, fpnk), f2k = cpx_sub(fpk, fpnk);
        const fft_cpx16 tw = cpx_mul(f2k, plan->super_twiddles[k - 1]);
        bins[k].re = wrap16((f1k.re + tw.re) >> 1);
        bins[k].im = wrap16((f1k.im + tw.im) >> 1);
        bins[n - k].re = wrap16((f1k.re - tw.re) >> 1);
        bins[n - k].im = wrap16((tw.im - f1k.im) >> 1);
    }
}
