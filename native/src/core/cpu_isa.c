/*
 * cpu_isa.c - the instruction set level the SIMD kernels may use. On
 * x86-64: what CPUID reports, restricted to the register state the OS saves
 * (XGETBV). Elsewhere: the level the library was compiled for (cpu_isa.h).
 *
 * On x86-64 the level is detected once per process, then cached. CPUID is
 * slow where it matters most: under a hypervisor it traps (about a quarter
 * of an interpreter create's time in the arena sweep test). The cache is the one global this
 * library writes, and it does not break the "no global mutable state" rule
 * in spirit: it holds no interpreter state, only the result of a pure
 * function of the machine, so every thread that computes it computes the
 * same value. It is a C11 atomic int read and written with relaxed
 * ordering: two threads racing on the first call both run CPUID and store
 * the same value; a reader sees either 0 (not yet known: it detects) or
 * that value. No ordering with other memory is needed, since nothing else
 * is published through it. Relaxed loads and stores of an int are plain
 * moves on x86-64.
 */
#include "core/cpu_isa.h"

#ifdef TFLM_CPU_ISA_AT_RUN_TIME
#include <cpuid.h>
#include <stdatomic.h>

static uint64_t xgetbv0(void)
{
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

static tflm_isa detect(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) {
        return TFLM_ISA_SCALAR;
    }
    const int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx || !fma) {
        return TFLM_ISA_SCALAR;
    }
    const uint64_t xcr0 = xgetbv0();
    if ((xcr0 & 0x6) != 0x6) { /* XMM and YMM state */
        return TFLM_ISA_SCALAR;
    }
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        return TFLM_ISA_SCALAR;
    }
    const int avx2 = (b >> 5) & 1;
    const int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1;
    const int vnni = (c >> 11) & 1;
    if (!avx2) {
        return TFLM_ISA_SCALAR;
    }
    if (!avx512f || !avx512bw || !avx512vl || (xcr0 & 0xe6) != 0xe6) { /* opmask, ZMM state */
        return TFLM_ISA_AVX2;
    }
    return vnni ? TFLM_ISA_AVX512_VNNI : TFLM_ISA_AVX512;
}

/* 0: not detected yet; otherwise a tflm_isa (never TFLM_ISA_BEST = 0). */
static atomic_int detected_isa;

tflm_isa tflm_cpu_isa(void)
{
    int isa = atomic_load_explicit(&detected_isa, memory_order_relaxed);
    if (isa == 0) {
        isa = (int)detect();
        atomic_store_explicit(&detected_isa, isa, memory_order_relaxed);
    }
    return (tflm_isa)isa;
}
#else
tflm_isa tflm_cpu_isa(void)
{
    return TFLM_COMPILED_ISA;
}
#endif

const char *tflm_isa_name(tflm_isa isa)
{
    switch (isa) {
    case TFLM_ISA_BEST:
        return "best";
    case TFLM_ISA_SCALAR:
        return "scalar";
    case TFLM_ISA_AVX2:
        return "avx2";
    case TFLM_ISA_AVX512:
        return "avx512";
    case TFLM_ISA_AVX512_VNNI:
        return "avx512-vnni";
    case TFLM_ISA_ARM_DSP:
        return "arm-dsp";
    case TFLM_ISA_ARM_MVE:
        return "arm-mve";
    }
    return "unknown";
}
