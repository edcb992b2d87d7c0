/*
 * svdf_x86.h - SVDF on x86-64: the plan of int8 with an int16 state and its
 * microkernel (s8_s16_svdf_*.c), for the glue svdf_x86.c and the tests.
 * README.md in the parent folder: variants, file names.
 *
 *                          AVX2                 AVX512     AVX512_VNNI
 *   int8, int16 state      8 rows, int16 madd   = AVX2     = AVX2
 *
 * Not vectorized (the reference runs): float32, and int8 with an int8 state.
 */
#ifndef TFLM_KERNELS_X86_SVDF_X86_H
#define TFLM_KERNELS_X86_SVDF_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../svdf.h"

typedef struct tflm_svdf_s8_x86 tflm_svdf_s8_x86;
typedef void (*tflm_svdf_s8_x86_fn)(const tflm_svdf_s8_x86 *plan, const int8_t *input,
                                    int16_t *state, int8_t *output, void *scratch);

struct tflm_svdf_s8_x86 {
    tflm_svdf_s8_x86_fn run;   /* NULL: use the reference kernel */
    tflm_svdf_params params;
    tflm_svdf_quant quant;
    const int8_t *weights_feature; /* the model's, [filters][input_size] */
    const int16_t *weights_time;   /* the model's, [filters][memory]     */
    const int32_t *bias;       /* units or NULL: the model's, or after the fold
                                  the model's minus state_zero_point x the
                                  weights_time row sums of the unit's filters */
    int32_t *fold_into;        /* units (persistent) while a fold is pending   */
    int32_t scratch_index;     /* a node's plan: its scratch (tflm_scratch)    */
};

/* Whether a variant takes these shapes and zero points at this level. */
bool tflm_svdf_s8_x86_applies(tflm_isa isa, const tflm_svdf_params *params,
                              const tflm_svdf_quant *quant);
/* Persistent bytes: the folded bias, only for a state zero point other than 0. */
size_t tflm_svdf_s8_x86_persistent_size(const tflm_svdf_params *params,
                                        const tflm_svdf_quant *quant);
/* Scratch bytes of one run: one batch's filter sums and converted input row. */
size_t tflm_svdf_s8_x86_get_buffer_size(const tflm_svdf_params *params);
/* Fills the plan (persistent: persistent_size bytes); the bias is folded
 * by the first tflm_svdf_s8_x86_run. run stays NULL when no variant applies. */
void tflm_svdf_s8_x86_init(tflm_svdf_s8_x86 *plan, tflm_isa isa, const tflm_svdf_params *params,
                           const tflm_svdf_quant *quant, const int8_t *weights_feature,
                           const int16_t *weights_time, const int32_t *bias, void *persistent);
/* Runs the plan's variant, folding the bias first if the glue deferred it. */
void tflm_svdf_s8_x86_run(const tflm_svdf_s8_x86 *plan, const int8_t *input, int16_t *state,
                          int8_t *output, void *scratch);
void tflm_s8_s16_svdf_8x16__avx2(const tflm_svdf_s8_x86 *plan, const int8_t *input,
                                 int16_t *state, int8_t *output, void *scratch);
#endif /* TFLM_KERNELS_X86_SVDF_X86_H */
