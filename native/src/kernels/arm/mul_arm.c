/*
 * mul_arm.c - MUL on Cortex-M: the variant hook (variant.h), as ADD's
 * (binary_arm.h). Compiled only for cores with Helium (arm/sources.cmake):
 * int8 runs s8_mul_x4__mve.c at level ARM_MVE.
 */
#include "binary_arm.h"

TFLM_ARM_BINARY_GLUE(mul, tflm_s8_mul_x4__mve, tflm_mul_s8_mve_accepts)
