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

static inline uint64_t tflm_double_bits(double value)
{
    uint64_t bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

static inline double tflm_double_from_bits(uint64_t bits)
{
    double value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

#endif /* TFLM_KERNELS_FLOAT_BITS_H */
