/*
 * add_x86.c - ADD on x86-64 (int8 and float32): the variant hook
 * (variant.h) and the variant tables, as MUL's (binary_x86.h).
 */
#include "binary_x86.h"

TFLM_X86_BINARY_GLUE(add, tflm_s8_add_x8__avx2, tflm_s8_add_x16__avx512, tflm_f32_add_x8__avx2)
