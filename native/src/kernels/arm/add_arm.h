/*
 * add_arm.h - ADD on Cortex-M: the microkernels (s8_add_*.c), for the glue
 * add_arm.c and the tests. README.md in the parent folder: variants, file
 * names.
 *
 *                 ARM_DSP          ARM_MVE
 *   int8          the reference    4 lanes, exact requantization
 *
 * The reference's signature and broadcast walk.
 */
#ifndef TFLM_KERNELS_ARM_ADD_ARM_H
#define TFLM_KERNELS_ARM_ADD_ARM_H

#include <stdbool.h>

#include "../add.h"

/* Whether the MVE kernel computes quant's adds exactly: every shift in
 * [-31, 31] (the reference's division by 2^32 or more is not defined). */
bool tflm_add_s8_mve_accepts(const tflm_add_quant *quant);

/* tflm_add_s8 with Helium (MVE), for the quant tflm_add_s8_mve_accepts:
 * the same arguments, the same bytes. */
void tflm_s8_add_x4__mve(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                         const int8_t *input1, const int8_t *input2, int8_t *output);

#endif /* TFLM_KERNELS_ARM_ADD_ARM_H */
