/*
 * mul_x86.c - MUL on x86-64 (int8 and float32): the variant hook
 * (variant.h) and the variant tables, as ADD's (binary_x86.h).
 */
#include "binary_x86.h"

TFLM_X86_BINARY_GLUE(mul, tflm_s8_mul_x8__avx2, tflm_s8_mul_x8__avx2, tflm_f32_mul_x8__avx2)
