/*
 * depthwise_conv_x86.h - DEPTHWISE_CONV_2D on x86-64: the int8 plan and the
 * microkernels (s8_dwconv_*.c, f32_dwconv_*.c), for the glue
 * depthwise_conv_x86.c and the tests. README.md in the parent folder:
 * variants, file names.
 *
 *                      AVX2                 AVX512            AVX512_VNNI
 *   int8 c=1           = CONV_2D's (one input channel: a convolution, conv_x86.h)
 *   int8 m=1           channel-vector x8    x16, 4 vectors    4 taps a vpdpbusd,
 *                                           a pass; 16/c px   x16, over a padded
 *                                           a vector (c < 16, image (stride 1, column
 *                                           stride 1)         dilation 1, c >= 16;
 *                                                             else = AVX512)
 *   int8 m>1           x8 + vpermd gather   x16 + vpermd      = AVX512
 *                      (broadcast when a channel block reads one input channel)
 *   float32 m=1        channel-vector x8    = AVX2            = AVX2
 *   float32 m>1        x8 + vpermps gather  = AVX2            = AVX2
 *
 * The int8 variants read the model's weights as they are, looping channel
 * block outermost and widening one block's weights into scratch (kh * kw *
 * 16 int32), which every pixel of the layer then reuses; but the VNNI
 * kernel, whose weights are packed at prepare (persistent, kh x ceil(kw/4)
 * x 4 bytes a channel) and whose scratch holds the block's input image with
 * its padding (16 bytes a pixel), so that every window is whole.
 */
#ifndef TFLM_KERNELS_X86_DEPTHWISE_CONV_X86_H
#define TFLM_KERNELS_X86_DEPTHWISE_CONV_X86_H

#include <stddef.h>
#include <stdint.h>

#include "../depthwise_conv.h"

/* ---- int8 -------------------------------------------------------------------- */

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
    const int32_t *bias, *multiplier, *left_shift, *right_shift; /* c_padded each; the
                                  VNNI kernel's bias includes its weights' offset term */
    const int8_t *packed;       /* the VNNI kernel's weights (its file), else NULL */
    const int32_t *tap_offset;  /* kh * kw: input element offset of each tap from the
                                   window's first, for pixels whose window is inside */
    int32_t block;              /* output channels per vector (8 or 16) */
    /* Depth multiplier > 1 only (NULL otherwise): output channel o reads
       input channel o / m = gather_base[o / block] + gather[o]. */
    const int32_t *gather;      /* c_padded: lane -> input channel within the block */
    const int32_t *gather_base; /* c_padded / block: first input channel per block  */
    int32_t scratch_index;      /* a node's plan: its scratch (tflm_scratch)        */
};

size_t tflm_depthwise_conv_s8_x86_persistent_size(tflm_isa isa, const tflm_conv_params *params,
                                                  const tflm_dims *filter_dims);
/* Scratch bytes of one run: one channel block's widened weights (and for
 * the VNNI kernel its padded image). */
size_t tflm_depthwise_conv_s8_x86_get_buffer_size(tflm_isa isa, const tflm_conv_params *params,
                                                  const tflm_dims *filter_dims,
                                                  const tflm_dims *output_dims);
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
/* Depth multiplier 1 and column dilation 1 at AVX512_VNNI: four taps of a
 * filter row per vpdpbusd, from a padded image of the channel block in
 * scratch (tflm_s8_dwconv_k4_c16__avx512vnni_scratch bytes), with weights
 * packed at prepare (_packed_size bytes, written by _pack, which also adds
 * the weights' offset term to the bias, c_padded int32). */
size_t tflm_s8_dwconv_k4_c16__avx512vnni_scratch(const tflm_conv_params *params,
                                                 const tflm_dims *filter_dims,
                                                 const tflm_dims *output_dims);
size_t tflm_s8_dwconv_k4_c16__avx512vnni_packed_size(const tflm_dims *filter_dims);
void tflm_s8_dwconv_k4_c16__avx512vnni_pack(const tflm_conv_params *params,
                                            const tflm_dims *filter_dims, const int8_t *filter,
                                            int32_t *bias, int8_t *packed);
void tflm_s8_dwconv_k4_c16__avx512vnni(const tflm_depthwise_conv_s8_x86 *plan,
                                       const int8_t *input, int8_t *output, void *scratch);
/* Depth multiplier > 1: input lanes gathered per output channel (vpermd),
 * or broadcast when a block reads one input channel. */
void tflm_s8_dwconv_multiplier_c8__avx2(const tflm_depthwise_conv_s8_x86 *plan,
                                        const int8_t *input, int8_t *output, void *scratch);
void tflm_s8_dwconv_multiplier_c16__avx512(const tflm_depthwise_conv_s8_x86 *plan,
                                           const int8_t *input, int8_t *output, void *scratch);
/* ---- float32 ------------------------------------------------------------------ */
/* The reference's signature; every lane adds in the reference's order with
 * separate mul and add (-ffp-contract=off): bit-identical results. */

tflm_depthwise_conv_f32_fn tflm_depthwise_conv_f32_x86_variant(tflm_isa isa,
                                                               const tflm_conv_params *params);
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

#endif /* TFLM_KERNELS_X86_DEPTHWISE_CONV_X86_H */
