/*
 * add_arm.c - ADD on Cortex-M: the variant hook (variant.h), as MUL's
 * (binary_arm.h). Compiled only for cores with Helium (arm/sources.cmake):
 * int8 runs s8_add_x4__mve.c at level ARM_MVE.
 */
#include "binary_arm.h"

TFLM_ARM_BINARY_GLUE(add, tflm_s8_add_x4__mve, tflm_add_s8_mve_accepts)
