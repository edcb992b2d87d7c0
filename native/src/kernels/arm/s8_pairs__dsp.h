/*
 * s8_pairs__dsp.h - the pieces the Cortex-M DSP microkernels share: int8
 * words unpacked into pairs of 16-bit lanes for SMLAD.
 *
 * SXTB16 sign-extends bytes 0 and 2 of a word into two int16 lanes (the
 * "even" pair); with a rotation by 8 it takes bytes 1 and 3 (the "odd"
 * pair). SXTAB16 does the same and adds a packed offset to each lane. Two
 * words unpacked the same way line up lane for lane, so SMLAD of the even
 * pairs plus SMLAD of the odd pairs is the dot product of the four bytes.
 */
#ifndef TFLM_KERNELS_ARM_S8_PAIRS__DSP_H
#define TFLM_KERNELS_ARM_S8_PAIRS__DSP_H

#include <arm_acle.h>
#include <stdint.h>

#if !defined(__ARM_FEATURE_DSP)
#error "s8_pairs__dsp.h needs the DSP extension; arm/sources.cmake lists its users for such cores only"
#endif

/* Four bytes from p, which need not be aligned: one ldr (v7-M and v8-M
 * allow it). The builtin, as the library builds -ffreestanding, where
 * memcpy is a call. */
static inline uint32_t tflm_dsp_load4(const void *p)
{
    uint32_t word;
    __builtin_memcpy(&word, p, sizeof word);
    return word;
}

/* The value in both 16-bit lanes of a word. */
static inline int16x2_t tflm_dsp_pair_of(int32_t value)
{
    return (int16x2_t)((uint32_t)(uint16_t)value * 0x10001u);
}

/* __sxtab16 of bytes 1 and 3: the rotation in the instruction, which the
 * compiler does not fold into it by itself. */
static inline int16x2_t tflm_dsp_sxtab16_odd(int16x2_t pair, uint32_t word)
{
    int16x2_t sum;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(sum) : "r"(pair), "r"(word));
    return sum;
}

/* __sxtb16 of bytes 1 and 3, as above. */
static inline int16x2_t tflm_dsp_sxtb16_odd(uint32_t word)
{
    int16x2_t pair;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(pair) : "r"(word));
    return pair;
}

#endif /* TFLM_KERNELS_ARM_S8_PAIRS__DSP_H */
