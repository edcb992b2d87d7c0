/*
 * x86_kernels.h - the x86-64 SIMD variants of the kernels, for the node
 * glue of the reference kernels (built only when CMake targets x86-64 and
 * defines TFLM_X86_KERNELS).
 *
 * Each op has a plan, filled in prepare from the interpreter's ISA level
 * (tflm_kernel_isa): the variant comes from a table indexed by tflm_isa
 * (XNNPACK style, no scattered ifs), filters are packed once into
 * persistent arena memory (CONV_2D: reserved at prepare, packed at the
 * first invoke, so creates that fail for want of arena stay cheap), and
 * the scratch a kernel needs is sized by a _get_buffer_size twin (CMSIS-NN style) and requested from the arena.
 * A plan whose `run` is NULL means "no variant for this ISA or shape": the
 * glue then runs the reference kernel. Every variant equals the reference
 * byte for byte: float32 variants add in the reference's order, without
 * contraction (-ffp-contract=off), so they are bit-identical too.
 *
 * Variants per op and level (kernel files x86/<type>_<op>_<tile>_<isa>.c):
 *                      AVX2                 AVX512            AVX512_VNNI
 *   CONV_2D s8         im2col+int16 madd    = AVX2             im2col+vpdpbusd (ymm: out_c<=8)
 *   DEPTHWISE s8 c=1   = CONV_2D (one input channel: a convolution)
 *   DEPTHWISE s8 m=1   channel-vector x8    x16, 4 vectors     = AVX512
 *                                           a pass; 16/c px a vector (c < 16, stride 1)
 *   DEPTHWISE s8 m>1   x8 + vpermd gather   x16 + vpermd       = AVX512
 *                      (broadcast when a channel block reads one input channel)
 *   FULLY_CONN s8      8 rows, int16 madd   = AVX2             8 rows, vpdpbusd
 *   ADD s8, MUL s8     exact requant x8     = AVX2             = AVX2
 *   MAX_POOL s8, f32   x32, x8              = AVX2             = AVX2
 *   AVERAGE_POOL s8/f32 x8 (float divide)   = AVX2             = AVX2
 *   SOFTMAX s8->s8/s16 x8 fixed-point exp  = AVX2             = AVX2
 *   FULLY_CONN f32     8 units, transpose   = AVX2             = AVX2
 *   CONV_2D f32        4 px x 16 ch         8 px x 32 ch       = AVX512
 *   DEPTHWISE f32 m=1  channel-vector x8    = AVX2             = AVX2
 *   DEPTHWISE f32 m>1  x8 + vpermps gather  = AVX2             = AVX2
 *   SOFTMAX f32        x8 exp, scalar sum   = AVX2             = AVX2
 *   ADD f32, MUL f32   x8                   = AVX2             = AVX2
 *   SVDF s8, s16 state 8 rows, int16 madd   = AVX2             = AVX2
 * Packing (a copy of the weights in the arena) only where it pays: CONV_2D
 * (int8 at every level; float32 transposed to channel lanes) packs;
 * FULLY_CONNECTED reads the model's weights as they are (ad01_int8: its
 * packed copy cost 290 KB of arena for 15% of speed); DEPTHWISE reads
 * them too, looping channel block outermost and widening one block's
 * weights into scratch (kh * kw * 16 int32), which every pixel of the
 * layer then reuses.
 * Not vectorized (the reference runs): grouped float32 CONV_2D, float32
 * SVDF and SVDF with an int8 state.
 */
#ifndef TFLM_KERNELS_X86_KERNELS_H
#define TFLM_KERNELS_X86_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../add.h"
#include "../depthwise_conv.h"
#include "../fully_connected.h"
#include "../mul.h"
#include "../pooling.h"
#include "../softmax.h"
#include "../svdf.h"
#include "../nn_types.h"
#include "tflm/kernel.h"

/* x rounded up to a multiple of the power of two `to`: the offsets of the
 * arrays a plan carves out of its persistent memory. */
static inline size_t tflm_x86_round_up(size_t x, size_t to)
{
    return (x + to - 1) & ~(to - 1);
}

/* ---- CONV_2D int8 -------------------------------------------------------- */

typedef struct tflm_conv_s8_x86 tflm_conv_s8_x86;
typedef void (*tflm_conv_s8_x86_fn)(const tflm_conv_s8_x86 *plan, const int8_t *input,
                                    int8_t *output, void *scratch);

struct tflm_conv_s8_x86 {
    tflm_conv_s8_x86_fn run;   /* NULL: use the reference kernel */
    tflm_conv_params params;
    tflm_dims input_dims, filter_dims, output_dims;
    int32_t k;                 /* kh x kw x in_c: one output's taps       */
    int32_t k_padded;          /* k rounded up to the variant's k step    */
    int32_t n_padded;          /* out_c rounded up to its channel block   */
    int32_t rows;              /* output pixels per tile                  */
    int32_t element_size;      /* bytes of one im2col element             */
    const int8_t *filter;      /* packed [n_padded / block][k_padded / k_step][block][k_step] */
    const int32_t *bias;       /* n_padded each: bias with offsets folded in */
    const int32_t *multiplier;
    const int32_t *left_shift;
    const int32_t *right_shift;
    int32_t block, k_step;     /* the variant's packing steps             */
    bool right_shift_only;     /* no left shift, no INT32_MIN multiplier:
                                  the shorter requantization applies     */
    bool pointwise;            /* 1x1, stride 1, no padding, k == k_padded:
                                  a tile's im2col rows are adjacent input */
    /* The model's constant filter and bias and the op's multipliers, kept
       for a deferred pack (tflm_conv_s8_x86_run packs on its first call). */
    const int8_t *source_filter;
    int32_t source_o_stride, source_i_stride; /* filter o's tap i at o x os + i x is */
    const int32_t *source_bias;
    tflm_per_channel_quant source_quant;
    bool packed;
};

/* Persistent bytes tflm_conv_s8_x86_init needs (0: no variant applies). */
size_t tflm_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                        const tflm_dims *filter_dims,
                                        const tflm_dims *output_dims);
/* Scratch bytes past the im2col tile that the variants' plain moves may
 * write (conv_im2col.h). */
#define TFLM_CONV_S8_X86_SLACK 32
/* Scratch bytes of one run (the im2col tile and TFLM_CONV_S8_X86_SLACK). */
size_t tflm_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_dims *filter_dims);
/* Packs the filter into persistent (16-aligned, persistent_size bytes). */
void tflm_conv_s8_x86_init(tflm_conv_s8_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                           const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                           const tflm_dims *filter_dims, const int8_t *filter,
                           const int32_t *bias, const tflm_dims *output_dims, void *persistent);

/* Runs the plan's variant, packing first if setup deferred it. */
/* A DEPTHWISE_CONV_2D int8 with one input channel as a CONV_2D: its
 * filter dims as CONV_2D's {out_c, kh, kw, 1} (for the _size functions),
 * and init from the depthwise filter [1][kh][kw][out_c] as it is. */
tflm_dims tflm_conv_s8_x86_depthwise_as_conv(const tflm_dims *depthwise_filter_dims);
void tflm_conv_s8_x86_init_depthwise(tflm_conv_s8_x86 *plan, tflm_isa isa,
                                     const tflm_conv_params *params,
                                     const tflm_per_channel_quant *quant,
                                     const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                     const int8_t *filter, const int32_t *bias,
                                     const tflm_dims *output_dims, void *persistent);
void tflm_conv_s8_x86_run(const tflm_conv_s8_x86 *plan, const int8_t *input, int8_t *output,
                          void *scratch);

/* The variants (x86/s8_conv_*.c). */
void tflm_s8_conv_im2col_4x16__avx2(const tflm_conv_s8_x86 *plan, const int8_t *input,
                                    int8_t *output, void *scratch);
void tflm_s8_conv_im2col_8x32__avx512vnni(const tflm_conv_s8_x86 *plan, const int8_t *input,
                                          int8_t *output, void *scratch);

/* Prepare-time glue: picks a variant for the context's ISA, packs into the
 * arena, requests scratch. *plan stays NULL when none applies. */
tflm_status tflm_conv_s8_x86_setup(tflm_context *ctx, const tflm_conv_params *params,
                                   const tflm_per_channel_quant *quant,
                                   const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                   const tflm_tensor *filter, const tflm_tensor *bias,
                                   const tflm_dims *output_dims, const tflm_conv_s8_x86 **plan,
                                   int32_t *scratch_index);
/* The same for a DEPTHWISE_CONV_2D int8 (filter [1][kh][kw][out_c]);
 * *plan stays NULL unless it has one input channel. */
tflm_status tflm_conv_s8_x86_setup_depthwise(tflm_context *ctx, const tflm_conv_params *params,
                                             const tflm_per_channel_quant *quant,
                                             const tflm_dims *input_dims,
                                             const tflm_dims *filter_dims,
                                             const tflm_tensor *filter, const tflm_tensor *bias,
                                             const tflm_dims *output_dims,
                                             const tflm_conv_s8_x86 **plan,
                                             int32_t *scratch_index);

/* ---- FULLY_CONNECTED int8 ------------------------------------------------------ */

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
    const int32_t *multiplier; /* units each: the op's own arrays              */
    const int32_t *shift;
    const int32_t *source_bias; /* the model's (or NULL), folded at the first run */
    bool unsigned_input;       /* the variant multiplies x + 128 (vpdpbusd)    */
    bool ready;                /* bias folded                                   */
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
tflm_status tflm_fc_s8_x86_setup(tflm_context *ctx, const tflm_fc_params *params,
                                 const tflm_per_channel_quant *quant, int32_t batches,
                                 int32_t depth, int32_t units, const tflm_tensor *filter,
                                 const tflm_tensor *bias, const tflm_fc_s8_x86 **plan,
                                 int32_t *scratch_index);

/* ---- DEPTHWISE_CONV_2D int8 ------------------------------------------------------ */

typedef struct tflm_depthwise_conv_s8_x86 tflm_depthwise_conv_s8_x86;
typedef void (*tflm_depthwise_conv_s8_x86_fn)(const tflm_depthwise_conv_s8_x86 *plan,
                                              const int8_t *input, int8_t *output,
                                              void *scratch);

struct tflm_depthwise_conv_s8_x86 {
    tflm_depthwise_conv_s8_x86_fn run; /* NULL: use the reference kernel */
    tflm_conv_params params;
    tflm_dims input_dims, filter_dims, output_dims;
    int32_t c_padded;          /* channels rounded up to 16                    */
    const int8_t *filter;      /* the model's weights, [kh * kw][out_c], unpacked:
                                  a variant widens one channel block at a time
                                  into scratch (tflm_depthwise_conv_s8_x86_widen) */
    const int32_t *bias, *multiplier, *left_shift, *right_shift; /* c_padded each */
    const int32_t *tap_offset;  /* kh * kw: input element offset of each tap from the
                                   window's first, for pixels whose window is inside */
    int32_t block;              /* output channels per vector (8 or 16) */
    /* Depth multiplier > 1 only (NULL otherwise): output channel o reads
       input channel o / m = gather_base[o / block] + gather[o]. */
    const int32_t *gather;      /* c_padded: lane -> input channel within the block */
    const int32_t *gather_base; /* c_padded / block: first input channel per block  */
};

size_t tflm_depthwise_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_conv_params *params,
                                                  const tflm_dims *filter_dims);
/* Scratch bytes of one run: one channel block's widened weights. */
size_t tflm_depthwise_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_dims *filter_dims);
void tflm_depthwise_conv_s8_x86_init(tflm_depthwise_conv_s8_x86 *plan, tflm_isa isa,
                                     const tflm_conv_params *params,
                                     const tflm_per_channel_quant *quant,
                                     const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                     const int8_t *filter, const int32_t *bias,
                                     const tflm_dims *output_dims, void *persistent);
/* Writes the weights of output channels [o, o + block) to w, [kh * kw][block]
 * int32 with the int16 weight in the low half and a zero high half, so that
 * vpmaddwd against int32 inputs multiplies exactly; channels >= out_c are 0. */
void tflm_depthwise_conv_s8_x86_widen(const tflm_depthwise_conv_s8_x86 *plan, int32_t o,
                                      int32_t *w);
void tflm_s8_dwconv_c8__avx2(const tflm_depthwise_conv_s8_x86 *plan, const int8_t *input,
                             int8_t *output, void *scratch);
void tflm_s8_dwconv_c16__avx512(const tflm_depthwise_conv_s8_x86 *plan, const int8_t *input,
                                int8_t *output, void *scratch);
/* Depth multiplier > 1: input lanes gathered per output channel (vpermd),
 * or broadcast when a block reads one input channel. */
void tflm_s8_dwconv_multiplier_c8__avx2(const tflm_depthwise_conv_s8_x86 *plan,
                                        const int8_t *input, int8_t *output, void *scratch);
void tflm_s8_dwconv_multiplier_c16__avx512(const tflm_depthwise_conv_s8_x86 *plan,
                                           const int8_t *input, int8_t *output, void *scratch);
tflm_status tflm_depthwise_conv_s8_x86_setup(tflm_context *ctx, const tflm_conv_params *params,
                                             const tflm_per_channel_quant *quant,
                                             const tflm_dims *input_dims,
                                             const tflm_dims *filter_dims,
                                             const tflm_tensor *filter, const tflm_tensor *bias,
                                             const tflm_dims *output_dims,
                                             const tflm_depthwise_conv_s8_x86 **plan,
                                             int32_t *scratch_index);

/* ---- ADD and MUL int8 (element-wise, broadcasting) ------------------------------ */

/* The variant for a level, or NULL (reference). */
tflm_add_s8_fn tflm_add_s8_x86_variant(tflm_isa isa);
tflm_mul_s8_fn tflm_mul_s8_x86_variant(tflm_isa isa);
void tflm_s8_add_x8__avx2(const tflm_add_quant *quant, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output);
void tflm_s8_mul_x8__avx2(const tflm_mul_quant *quant, const tflm_broadcast *broadcast,
                          const int8_t *input1, const int8_t *input2, int8_t *output);

/* ---- AVERAGE_POOL_2D and MAX_POOL_2D, int8 and float32 ---------------------------- */

/* The variant for a level (and window), or NULL (reference); variants
 * vectorize over channels and have the reference's signatures (pooling.h). */
tflm_pool_s8_fn tflm_max_pool_s8_x86_variant(tflm_isa isa);
tflm_pool_s8_fn tflm_average_pool_s8_x86_variant(tflm_isa isa, const tflm_pool_params *params);
tflm_pool_f32_fn tflm_max_pool_f32_x86_variant(tflm_isa isa);
tflm_pool_f32_fn tflm_average_pool_f32_x86_variant(tflm_isa isa);
void tflm_s8_maxpool_c32__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const int8_t *input, const tflm_dims *output_dims, int8_t *output);
void tflm_s8_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                              const int8_t *input, const tflm_dims *output_dims, int8_t *output);
void tflm_f32_maxpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output);
void tflm_f32_avgpool_c8__avx2(const tflm_pool_params *params, const tflm_dims *input_dims,
                               const float *input, const tflm_dims *output_dims, float *output);

/* ---- SOFTMAX int8 -> int8 / int16 ------------------------------------------------- */

typedef void (*tflm_softmax_s8_fn)(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                   const int8_t *input, int8_t *output);
typedef void (*tflm_softmax_s8_s16_fn)(const tflm_softmax_quant *quant, int32_t rows,
                                       int32_t depth, const int8_t *input, int16_t *output);
tflm_softmax_s8_fn tflm_softmax_s8_x86_variant(tflm_isa isa);
tflm_softmax_s8_s16_fn tflm_softmax_s8_s16_x86_variant(tflm_isa isa);
void tflm_s8_softmax_x8__avx2(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                              const int8_t *input, int8_t *output);
void tflm_s8_s16_softmax_x8__avx2(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                  const int8_t *input, int16_t *output);

/* ---- CONV_2D float32 ---------------------------------------------------------------- */
/* Lanes are output channels: each lane adds its taps in the reference's
 * order (rows, columns, the taps inside the input only, input channels),
 * one mul then one add, then the bias and the clamp: bit for bit
 * tflm_conv_f32. */

typedef struct tflm_conv_f32_x86 tflm_conv_f32_x86;
typedef void (*tflm_conv_f32_x86_fn)(const tflm_conv_f32_x86 *plan, const float *input,
                                     float *output);

struct tflm_conv_f32_x86 {
    tflm_conv_f32_x86_fn run;  /* NULL: use the reference kernel */
    tflm_conv_params params;
    tflm_dims input_dims, filter_dims, output_dims;
    int32_t block;             /* output channels per vector (8 or 16)     */
    const float *filter;       /* packed: [out_c / block][kh][kw][in_c][block],
                                  the last block's extra lanes zero        */
    const float *bias;         /* out_c rounded up to block; 0.0f without one */
    /* The model's constant filter and bias, kept for a deferred pack
       (tflm_conv_f32_x86_run packs on its first call). */
    const float *source_filter, *source_bias;
    bool packed;
};

/* Persistent bytes tflm_conv_f32_x86_init needs (0: no variant applies). */
size_t tflm_conv_f32_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                         const tflm_dims *filter_dims,
                                         const tflm_dims *output_dims);
/* Packs the filter into persistent (persistent_size bytes). */
void tflm_conv_f32_x86_init(tflm_conv_f32_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                            const tflm_dims *input_dims, const tflm_dims *filter_dims,
                            const float *filter, const float *bias, const tflm_dims *output_dims,
                            void *persistent);
/* Runs the plan's variant, packing first if setup deferred it. */
void tflm_conv_f32_x86_run(const tflm_conv_f32_x86 *plan, const float *input, float *output);
/* The variants (x86/f32_conv_*.c). */
void tflm_f32_conv_4x16__avx2(const tflm_conv_f32_x86 *plan, const float *input, float *output);
void tflm_f32_conv_8x32__avx512(const tflm_conv_f32_x86 *plan, const float *input, float *output);
/* Prepare-time glue: *plan stays NULL when no variant applies. */
tflm_status tflm_conv_f32_x86_setup(tflm_context *ctx, const tflm_conv_params *params,
                                    const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                    const tflm_tensor *filter, const tflm_tensor *bias,
                                    const tflm_dims *output_dims, const tflm_conv_f32_x86 **plan);

/* ---- float32: FULLY_CONNECTED, DEPTHWISE_CONV_2D, SOFTMAX, ADD, MUL ------------------ */
/* The reference's signatures; every lane adds in the reference's order with
 * separate mul and add (-ffp-contract=off): bit-identical results. */

typedef void (*tflm_binary_f32_fn)(const tflm_activation_f32 *activation,
                                   const tflm_broadcast *broadcast, const float *input1,
                                   const float *input2, float *output);
typedef void (*tflm_softmax_f32_fn)(float beta, int32_t rows, int32_t depth, const float *input,
                                    float *output);

tflm_fc_f32_fn tflm_fc_f32_x86_variant(tflm_isa isa);
tflm_depthwise_conv_f32_fn tflm_depthwise_conv_f32_x86_variant(tflm_isa isa,
                                                               const tflm_conv_params *params);
tflm_softmax_f32_fn tflm_softmax_f32_x86_variant(tflm_isa isa);
tflm_binary_f32_fn tflm_add_f32_x86_variant(tflm_isa isa);
tflm_binary_f32_fn tflm_mul_f32_x86_variant(tflm_isa isa);
void tflm_f32_fc_8x8__avx2(const tflm_activation_f32 *activation, const tflm_dims *input_dims,
                           const float *input, const tflm_dims *filter_dims, const float *filter,
                           const tflm_dims *bias_dims, const float *bias,
                           const tflm_dims *output_dims, float *output);
void tflm_f32_dwconv_c8__avx2(const tflm_conv_params *params, const tflm_dims *input_dims,
                              const float *input, const tflm_dims *filter_dims,
                              const float *filter, const tflm_dims *bias_dims, const float *bias,
                              const tflm_dims *output_dims, float *output);
/* Depth multiplier > 1: input lanes gathered per output channel (vpermps). */
void tflm_f32_dwconv_multiplier_c8__avx2(const tflm_conv_params *params,
                                         const tflm_dims *input_dims, const float *input,
                                         const tflm_dims *filter_dims, const float *filter,
                                         const tflm_dims *bias_dims, const float *bias,
                                         const tflm_dims *output_dims, float *output);
void tflm_f32_softmax_x8__avx2(float beta, int32_t rows, int32_t depth, const float *input,
                               float *output);
void tflm_f32_add_x8__avx2(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                           const float *input1, const float *input2, float *output);
void tflm_f32_mul_x8__avx2(const tflm_activation_f32 *activation, const tflm_broadcast *broadcast,
                           const float *input1, const float *input2, float *output);

/* ---- SVDF int8 with an int16 state ---------------------------------------------- */

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
/* Runs the plan's variant, folding the bias first if setup deferred it. */
void tflm_svdf_s8_x86_run(const tflm_svdf_s8_x86 *plan, const int8_t *input, int16_t *state,
                          int8_t *output, void *scratch);
void tflm_s8_s16_svdf_8x16__avx2(const tflm_svdf_s8_x86 *plan, const int8_t *input,
                                 int16_t *state, int8_t *output, void *scratch);
/* Prepare-time glue: *plan stays NULL (and no scratch is requested) when no
 * variant applies; the glue then requests the reference's scratch. */
tflm_status tflm_svdf_s8_x86_setup(tflm_context *ctx, const tflm_svdf_params *params,
                                   const tflm_svdf_quant *quant,
                                   const tflm_tensor *weights_feature,
                                   const tflm_tensor *weights_time, const tflm_tensor *bias,
                                   const tflm_svdf_s8_x86 **plan, int32_t *scratch_index);

#endif /* TFLM_KERNELS_X86_KERNELS_H */
