/*
 * float_bits.h - a float's or a double's bits and back, for the prepare
 * steps that work on the bits (exact_f64.h, scale checks). The memcpy
 * idiom through the compiler's builtin: the freestanding build does not
 * treat memcpy as a builtin, so a plain memcpy is a library call, about a
 * dozen bytes of Cortex-M code per use where the builtin is a register
 * move. (GCC and Clang, the compilers the build supports, both have it.)
 */
#ifndef TFLM_KERNELS_FLOAT_BITS_H
#define TFLM_KERNELS_FLOAT_BITS_H

#include <stdint.h>

/* A binary64 value as the prepare steps pass it between exact_f64.h's
 * functions: a double where double is binary64 (every 32-bit core and
 * host), its bits in a uint64_t where double is 32 bits wide (8-bit AVR,
 * whose GCC has no 64-bit floating type). The bits are what those
 * functions read and write either way, so both give the same multipliers;
 * nothing does double arithmetic on a tflm_double. */
#if __SIZEOF_DOUBLE__ == 8
typedef double tflm_double;
#else
typedef uint64_t tflm_double;
#endif

static inline uint32_t tflm_float_bits(float value)
{
    uint32_t bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

static inline float tflm_float_from_bits(uint32_t bits)
{
    float value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

static inline uint64_t tflm_double_bits(tflm_double value)
{
    uint64_t bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

static inline tflm_double tflm_double_from_bits(uint64_t bits)
{
    tflm_double value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

#endif /* TFLM_KERNELS_FLOAT_BITS_H */
