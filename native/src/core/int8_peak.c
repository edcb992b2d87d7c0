/* int8_peak.c - tflm_int8_peak_probe (tflm/tflm.h): the loops whose
 * throughput is a level's int8 peak. Each round issues 16 instructions on
 * 16 accumulators (vpdpbusd) or 8 multiply-add pairs on 8 accumulators
 * (vpmaddwd's products are independent; only the adds chain, one cycle
 * each), enough in flight to cover the multiplies' latency, with the
 * sources never written, so nothing but the instructions bounds the loop.
 * Written as assembly so the compiler adds nothing to it. */
#include "core/cpu_isa.h"

#ifdef TFLM_CPU_ISA_AT_RUN_TIME

__attribute__((target("avx512f,avx512vnni"))) static void vpdpbusd_zmm(uint64_t rounds)
{
    for (uint64_t n = 0; n < rounds; n++) {
        __asm__ volatile(
            "vpdpbusd %%zmm30, %%zmm31, %%zmm0\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm1\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm2\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm3\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm4\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm5\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm6\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm7\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm8\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm9\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm10\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm11\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm12\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm13\n\t"
            "vpdpbusd %%zmm30, %%zmm31, %%zmm14\n\tvpdpbusd %%zmm30, %%zmm31, %%zmm15\n\t"
            :
            :
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
              "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    }
}

/* Two rounds of eight pairs: the 16 instructions of the others. */
__attribute__((target("avx512f,avx512bw"))) static void vpmaddwd_zmm(uint64_t rounds)
{
    for (uint64_t n = 0; n < 2 * rounds; n++) {
        __asm__ volatile(
            "vpmaddwd %%zmm30, %%zmm31, %%zmm16\n\tvpaddd %%zmm16, %%zmm0, %%zmm0\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm17\n\tvpaddd %%zmm17, %%zmm1, %%zmm1\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm18\n\tvpaddd %%zmm18, %%zmm2, %%zmm2\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm19\n\tvpaddd %%zmm19, %%zmm3, %%zmm3\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm20\n\tvpaddd %%zmm20, %%zmm4, %%zmm4\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm21\n\tvpaddd %%zmm21, %%zmm5, %%zmm5\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm22\n\tvpaddd %%zmm22, %%zmm6, %%zmm6\n\t"
            "vpmaddwd %%zmm30, %%zmm31, %%zmm23\n\tvpaddd %%zmm23, %%zmm7, %%zmm7\n\t"
            :
            :
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm16", "xmm17",
              "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23");
    }
}

__attribute__((target("avx2"))) static void vpmaddwd_ymm(uint64_t rounds)
{
    for (uint64_t n = 0; n < 2 * rounds; n++) {
        __asm__ volatile(
            "vpmaddwd %%ymm14, %%ymm15, %%ymm8\n\tvpaddd %%ymm8, %%ymm0, %%ymm0\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm9\n\tvpaddd %%ymm9, %%ymm1, %%ymm1\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm10\n\tvpaddd %%ymm10, %%ymm2, %%ymm2\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm11\n\tvpaddd %%ymm11, %%ymm3, %%ymm3\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm12\n\tvpaddd %%ymm12, %%ymm4, %%ymm4\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm13\n\tvpaddd %%ymm13, %%ymm5, %%ymm5\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm8\n\tvpaddd %%ymm8, %%ymm6, %%ymm6\n\t"
            "vpmaddwd %%ymm14, %%ymm15, %%ymm9\n\tvpaddd %%ymm9, %%ymm7, %%ymm7\n\t"
            :
            :
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
              "xmm10", "xmm11", "xmm12", "xmm13");
    }
}

uint64_t tflm_int8_peak_probe(tflm_isa isa, uint64_t rounds)
{
    const tflm_isa machine = tflm_machine_isa();
    if (isa == TFLM_ISA_AVX512_VNNI && machine >= TFLM_ISA_AVX512_VNNI) {
        vpdpbusd_zmm(rounds);
        return rounds * 16u * 64u;
    }
    if (isa == TFLM_ISA_AVX512 && machine >= TFLM_ISA_AVX512) {
        vpmaddwd_zmm(rounds);
        return rounds * 16u * 32u;
    }
    if (isa == TFLM_ISA_AVX2 && machine >= TFLM_ISA_AVX2) {
        vpmaddwd_ymm(rounds);
        return rounds * 16u * 16u;
    }
    return 0;
}

#else

uint64_t tflm_int8_peak_probe(tflm_isa isa, uint64_t rounds)
{
    (void)isa;
    (void)rounds;
    return 0;
}

#endif
