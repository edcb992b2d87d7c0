/*
 * cpu_isa.h - the instruction set levels (tflm_isa) this build knows, and
 * the best one the machine it runs on has.
 *
 * x86-64: SCALAR and the x86 levels, the CPU's read at run time
 * (tflm_cpu_isa: CPUID and XGETBV). Cortex-M: SCALAR and the Arm levels,
 * the core's fixed at compile time by the compiler's feature macros, so
 * the interpreter's level is a constant and a core without DSP carries no
 * code for the choice. Anything else: SCALAR only.
 */
#ifndef TFLM_CORE_CPU_ISA_H
#define TFLM_CORE_CPU_ISA_H

#include <stdbool.h>
#include <stdint.h>

#include "tflm/tflm.h"

#define TFLM_ISA_BIT(isa) (1u << (isa))

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TFLM_CPU_ISA_AT_RUN_TIME 1
#define TFLM_BUILD_ISAS                                                                    \
    (TFLM_ISA_BIT(TFLM_ISA_BEST) | TFLM_ISA_BIT(TFLM_ISA_SCALAR) | TFLM_ISA_BIT(TFLM_ISA_AVX2) | \
     TFLM_ISA_BIT(TFLM_ISA_AVX512) | TFLM_ISA_BIT(TFLM_ISA_AVX512_VNNI))
#elif defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
#define TFLM_BUILD_ISAS                                                               \
    (TFLM_ISA_BIT(TFLM_ISA_BEST) | TFLM_ISA_BIT(TFLM_ISA_SCALAR) |                    \
     TFLM_ISA_BIT(TFLM_ISA_ARM_DSP) | TFLM_ISA_BIT(TFLM_ISA_ARM_MVE))
#if defined(__ARM_FEATURE_MVE)
#define TFLM_COMPILED_ISA TFLM_ISA_ARM_MVE /* Armv8.1-M: MVE requires the DSP extension */
#elif defined(__ARM_FEATURE_DSP)
#define TFLM_COMPILED_ISA TFLM_ISA_ARM_DSP
#else
#define TFLM_COMPILED_ISA TFLM_ISA_SCALAR
#endif
#else
#define TFLM_BUILD_ISAS (TFLM_ISA_BIT(TFLM_ISA_BEST) | TFLM_ISA_BIT(TFLM_ISA_SCALAR))
#define TFLM_COMPILED_ISA TFLM_ISA_SCALAR
#endif

/* Whether isa (an option value) names a level this build knows. */
static inline bool tflm_build_knows_isa(int32_t isa)
{
    return (uint32_t)isa < 32u && (TFLM_BUILD_ISAS >> isa & 1u) != 0;
}

/* The best level of the machine, as tflm_cpu_isa; a constant unless it is
 * read at run time. */
static inline tflm_isa tflm_machine_isa(void)
{
#ifdef TFLM_CPU_ISA_AT_RUN_TIME
    return tflm_cpu_isa();
#else
    return TFLM_COMPILED_ISA;
#endif
}

#endif /* TFLM_CORE_CPU_ISA_H */
