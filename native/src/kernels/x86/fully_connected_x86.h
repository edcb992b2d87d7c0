/*
 * fully_connected_x86.h - FULLY_CONNECTED on x86-64: the int8 plan and the
 * microkernels (s8_fc_*.c, f32_fc_*.c), for the glue fully_connected_x86.c
 * and the tests. README.md in the parent folder: variants, file names.
 *
 *                 AVX2                 AVX512     AVX512_VNNI
 *   int8          8 rows, int16 madd   = AVX2     8 rows, vpdpbusd
 *   float32       8 units, transpose   = AVX2     = AVX2
 *
 * The int8 variants read the model's weights as they are (ad01_int8: a
 * packed copy cost 290 KB of arena for 15% of speed).
 */
#ifndef TFLM_KERNELS_X86_FULLY_CONNECTED_X86_H
#define TFLM_KERNELS_X86_FULLY_CONNECTED_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../fully_connected.h"

typedef struct tflm_fc_s8_x86 tflm_fc_s8_x86;
typedef void (*tflm_fc_s8_x86_fn)(const tflm_fc_s8_x86 *plan, const int8_t *input,
                                  int8_t *output, void *scratch);

struct tflm_fc_s8_x86 {
    tflm_fc_s8_x86_fn run;     /* NULL: use the reference kernel */
    tflm_fc_params params;
    int32_t batches, depth, units;
    const int8_t *filter;      /* the model's weights, [units][depth], unpacked */
    int32_t *bias;             /* units (persistent): the model's bias, plus
                                  (io - 128) x row sum for the uint8 variant   */
    const int32_t *multiplier; /* units each, or one (per_tensor): the op's own */
    const int8_t *shift;
    bool per_tensor;           /* one multiplier/shift pair for every unit      */
    const int32_t *source_bias; /* the model's (or NULL), folded at the first run */
    bool unsigned_input;       /* the variant multiplies x + 128 (vpdpbusd)    */
    bool ready;                /* bias folded                                   */
    int32_t scratch_index;     /* a node's plan: its scratch (tflm_scratch)     */
};

/* Persistent bytes (the folded bias; 0: no variant at this level). */
size_t tflm_fc_s8_x86_persistent_size(tflm_isa isa, int32_t units);
/* Scratch bytes of one run (one converted input row). */
size_t tflm_fc_s8_x86_get_buffer_size(tflm_isa isa, int32_t depth);
/* Fills the plan (persistent: persistent_size bytes, 16-aligned); the
 * bias is folded by the first tflm_fc_s8_x86_run. */
void tflm_fc_s8_x86_init(tflm_fc_s8_x86 *plan, tflm_isa isa, const tflm_fc_params *params,
                         const tflm_per_channel_quant *quant, int32_t batches, int32_t depth,
                         int32_t units, const int8_t *filter, const int32_t *bias,
                         void *persistent);
void tflm_fc_s8_x86_run(const tflm_fc_s8_x86 *plan, const int8_t *input, int8_t *output,
                        void *scratch);

void tflm_s8_fc_8x16__avx2(const tflm_fc_s8_x86 *plan, const int8_t *input, int8_t *output,
                           void *scratch);
void tflm_s8_fc_8x64__avx512vnni(const tflm_fc_s8_x86 *plan, const int8_t *input,
                                 int8_t *output, void *scratch);

/* float32: the reference's signature; every lane adds in the reference's
 * order with separate mul and add (-ffp-contract=off). */
tflm_fc_f32_fn tflm_fc_f32_x86_variant(tflm_isa isa);
void tflm_f32_fc_8x8__avx2(const tflm_activation_f32 *activation, const tflm_fc_shape *shape,
                           const float *input, const float *filter, const float *bias,
                           float *output);

#endif /* TFLM_KERNELS_X86_FULLY_CONNECTED_X86_H */
