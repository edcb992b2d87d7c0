/*
 * conv_x86.h - CONV_2D on x86-64: the int8 and float32 plans and their
 * microkernels (s8_conv_*.c, f32_conv_*.c), for the glue conv_x86.c, the
 * DEPTHWISE_CONV_2D glue (a depthwise convolution with one input channel
 * is a convolution) and the tests. README.md in the parent folder:
 * variants, file names.
 *
 *                      AVX2                 AVX512            AVX512_VNNI
 *   int8               im2col+int16 madd    = AVX2            taps in place (in_c % 4 == 0)
 *                                                              or im2col, +vpdpbusd (ymm: out_c<=8)
 *   float32            4 px x 16 ch         8 px x 32 ch      = AVX512
 *
 * Both pack the filter once into persistent arena memory (reserved at
 * prepare, packed at the first invoke, so creates that fail for want of
 * arena stay cheap). Grouped convolutions keep the reference.
 */
#ifndef TFLM_KERNELS_X86_CONV_X86_H
#define TFLM_KERNELS_X86_CONV_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../conv.h"

/* ---- int8 -------------------------------------------------------------------- */

/* The VNNI variant's padded image: the input as uint8 (x + 128) inside a
 * border of the padding's value (128 - input_offset), so every output
 * pixel's taps lie inside and a tile reads them in place instead of
 * gathering im2col rows. Used when each four-byte group of a filter row is
 * one tap's channels (in_c % 4 == 0) and the op is not pointwise (whose
 * rows are the input's already); it lives in the scratch at image_at. */
typedef struct tflm_conv_s8_x86_image {
    bool used;
    int32_t top, left; /* padding before the input's rows and columns */
    int32_t h, w;      /* padded rows and columns; c = the input's    */
    size_t bytes;      /* per batch: h x w x c                         */
    size_t image_at;   /* scratch offset (64-aligned), after the tile  */
} tflm_conv_s8_x86_image;

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
    tflm_conv_s8_x86_image image; /* VNNI: taps read in place, when used */
    /* The model's constant filter and bias and the op's multipliers, kept
       for a deferred pack (tflm_conv_s8_x86_run packs on its first call). */
    const int8_t *source_filter;
    int32_t source_o_stride, source_i_stride; /* filter o's tap i at o x os + i x is */
    const int32_t *source_bias;
    tflm_per_channel_quant source_quant;
    bool packed;
    int32_t scratch_index;     /* a node's plan: its scratch (tflm_scratch) */
};

/* Persistent bytes tflm_conv_s8_x86_init needs (0: no variant applies). */
size_t tflm_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_dims *input_dims,
                                        const tflm_dims *filter_dims,
                                        const tflm_dims *output_dims);
/* Scratch bytes past the im2col tile that the variants' plain moves may
 * write (s8_conv_im2col__avx2.h). */
#define TFLM_CONV_S8_X86_SLACK 32
/* Scratch bytes of one run: the im2col tile, TFLM_CONV_S8_X86_SLACK and,
 * where the VNNI variant reads its taps in place, the padded image
 * (tflm_conv_s8_x86_image). */
size_t tflm_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_conv_params *params,
                                        const tflm_dims *input_dims, const tflm_dims *filter_dims,
                                        const tflm_dims *output_dims);


/* Packs the filter into persistent (16-aligned, persistent_size bytes). */
void tflm_conv_s8_x86_init(tflm_conv_s8_x86 *plan, tflm_isa isa, const tflm_conv_params *params,
                           const tflm_per_channel_quant *quant, const tflm_dims *input_dims,
                           const tflm_dims *filter_dims, const int8_t *filter,
                           const int32_t *bias, const tflm_dims *output_dims, void *persistent);

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
/* Runs the plan's variant, packing first if the glue deferred it. */
void tflm_conv_s8_x86_run(const tflm_conv_s8_x86 *plan, const int8_t *input, int8_t *output,
                          void *scratch);

/* The variants (x86/s8_conv_*.c). */
void tflm_s8_conv_im2col_4x16__avx2(const tflm_conv_s8_x86 *plan, const int8_t *input,
                                    int8_t *output, void *scratch);
void tflm_s8_conv_im2col_8x32__avx512vnni(const tflm_conv_s8_x86 *plan, const int8_t *input,
                                          int8_t *output, void *scratch);

/* The CONV_2D int8 variant for a DEPTHWISE_CONV_2D int8 node (state: its
 * prepared data, filter [1][kh][kw][out_c]) with one input channel, from
 * AVX512 on; finds none otherwise. */
tflm_status tflm_conv_s8_x86_variant_for_depthwise(tflm_context *ctx, const tflm_node *node,
                                                  const tflm_nn_conv_state *state,
                                                  tflm_variant *variant);

/* ---- float32 ------------------------------------------------------------------ */
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
/* Runs the plan's variant, packing first if the glue deferred it. */
void tflm_conv_f32_x86_run(const tflm_conv_f32_x86 *plan, const float *input, float *output);
/* The variants (x86/f32_conv_*.c). */
void tflm_f32_conv_4x16__avx2(const tflm_conv_f32_x86 *plan, const float *input, float *output);
void tflm_f32_conv_8x32__avx512(const tflm_conv_f32_x86 *plan, const float *input, float *output);

#endif /* TFLM_KERNELS_X86_CONV_X86_H */
