/*
 * add_arm.c - ADD on Cortex-M: the variant hook (variant.h), as MUL's
 * (binary_arm.h). Compiled only for cores with the DSP extension
 * (arm/sources.cmake): int8 runs s8_add_x1__dsp.c at level ARM_DSP and
 * s8_add_x4__mve.c at ARM_MVE (Helium builds).
 */
#include "binary_arm.h"

TFLM_ARM_BINARY_GLUE(add)
