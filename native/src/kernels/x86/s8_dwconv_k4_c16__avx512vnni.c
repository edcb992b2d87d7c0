/*
 * s8_dwconv_k4_c16__avx512vnni.c - DEPTHWISE_CONV_2D int8, depth multiplier
 * 1 and unit column dilation, with AVX-512 VNNI: vpdpbusd multiplies four
 * taps of a filter row at once, 16 channels a vector.
 *
 * vpdpbusd sums four byte products into each int32 lane, which for a
 * depthwise convolution must all belong to one channel: lane c takes the
 * bytes of channel c at four neighbouring columns, against the weights of
 * four neighbouring taps of a filter row (zero past the filter's width).
 * Four neighbouring input pixels of 16 channels are 64 contiguous bytes of
 * a channel block's image; one vpermd and one vpshufb transpose them into
 * that lane order (channel c's four bytes in lane c), so a 3x3 filter takes
 * three vpdpbusd per pixel where the AVX512 kernel takes nine vpmaddwd.
 *
 * The image is the block's input copied into scratch with the padding
 * around it, as unsigned bytes x + 128, the padding holding the zero
 * point's (128 - input_offset): every window is then whole, and
 * sum (x + 128) w = sum (x + input_offset) w + (128 - input_offset) sum w,
 * where the padding's terms, (zero point + input_offset) w, are 0 in the
 * reference's sum. The plan's bias is therefore
 * bias + (input_offset - 128) x (the sum of the channel's weights), and
 * every int32 sum wraps as the reference's does: the same bytes. The
 * weights are packed in that lane order once, at prepare (persistent:
 * kh x ceil(kw / 4) x 64 bytes a block of 16 channels).
 * Four pixels of a row are summed at a time, sharing each weight vector;
 * the requantization is the AVX512 kernel's (requant.h).
 */
#include <assert.h>
#include <string.h>

#include "depthwise_conv_x86.h"
#include "dpbusd.h"
#include "requant.h"

/* The padded image of one channel block: rows x columns pixels of 16 bytes. */
typedef struct image_shape {
    int32_t rows, cols, groups; /* groups: filter-row taps in fours, rounded up */
} image_shape;

static image_shape shape_of(const tflm_conv_params *c, const tflm_dims *filter_dims,
                            const tflm_dims *output_dims)
{
    image_shape s;
    s.groups = (filter_dims->w + 3) / 4;
    s.rows = (output_dims->h - 1) * c->stride_h + (filter_dims->h - 1) * c->dilation_h + 1;
    /* the last pixel's last group reads 4 columns from its start */
    s.cols = (output_dims->w - 1) * c->stride_w + 4 * s.groups;
    return s;
}

size_t tflm_s8_dwconv_k4_c16__avx512vnni_scratch(const tflm_conv_params *params,
                                                 const tflm_dims *filter_dims,
                                                 const tflm_dims *output_dims)
{
    const image_shape s = shape_of(params, filter_dims, output_dims);
    return (size_t)s.rows * s.cols * 16;
}

size_t tflm_s8_dwconv_k4_c16__avx512vnni_packed_size(const tflm_dims *filter_dims)
{
    const size_t blocks = (size_t)(filter_dims->c + 15) / 16;
    return blocks * (size_t)filter_dims->h * (size_t)((filter_dims->w + 3) / 4) * 64;
}

void tflm_s8_dwconv_k4_c16__avx512vnni_pack(const tflm_conv_params *params,
                                            const tflm_dims *filter_dims, const int8_t *filter,
                                            int32_t *bias, int8_t *packed)
{
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w, c = filter_dims->c;
    const int32_t groups = (k_w + 3) / 4;
    for (int32_t o = 0; o < c; o += 16) {
        for (int32_t l = 0; l < 16; ++l) {
            int32_t sum = 0;
            for (int32_t ky = 0; ky < k_h; ++ky) {
                for (int32_t g = 0; g < groups; ++g) {
                    int8_t *v = packed + ((size_t)ky * groups + g) * 64 + l * 4;
                    for (int32_t j = 0; j < 4; ++j) {
                        const int32_t kx = 4 * g + j;
                        v[j] = o + l < c && kx < k_w ? filter[((size_t)ky * k_w + kx) * c + o + l]
                                                     : 0;
                        sum += v[j];
                    }
                }
            }
            /* wraps as the kernel's int32 sums do */
            bias[o + l] = (int32_t)((uint32_t)bias[o + l] +
                                    (uint32_t)sum * (uint32_t)(params->input_offset - 128));
        }
        packed += (size_t)k_h * groups * 64;
    }
}

/* The block's image: input rows and columns at the padding's offset, the
 * rest the zero point, every byte + 128. */
static void fill_image(const tflm_depthwise_conv_s8_x86 *p, const image_shape *s,
                       const int8_t *in_batch, __mmask16 lanes, uint8_t *image)
{
    const tflm_conv_params *c = &p->params;
    const int32_t in_h = p->input_dims.h, in_w = p->input_dims.w, in_c = p->input_dims.c;
    const __m128i flip = _mm_set1_epi8((char)0x80);
    const __m128i pad = _mm_set1_epi8((char)(uint8_t)(128 - c->input_offset));
    for (int32_t py = 0; py < s->rows; ++py) {
        const int32_t iy = py - c->pad_h;
        uint8_t *row = image + (size_t)py * s->cols * 16;
        for (int32_t px = 0; px < s->cols; ++px) {
            const int32_t ix = px - c->pad_w;
            __m128i v = pad;
            if (iy >= 0 && iy < in_h && ix >= 0 && ix < in_w) {
                const int8_t *src = in_batch + ((size_t)iy * in_w + ix) * in_c;
                v = _mm_xor_si128(lanes == 0xFFFF ? _mm_loadu_si128((const __m128i *)src)
                                                  : _mm_maskz_loadu_epi8(lanes, src),
                                  flip);
            }
            _mm_storeu_si128((__m128i *)(row + (size_t)px * 16), v);
        }
    }
}

/* What the store of a pixel's 16 sums needs. */
typedef struct block_out {
    __m512i mult, lshift, rshift, out_offset, act_min, act_max;
    int right_only, int8_range;
    __mmask16 lanes;
} block_out;

static inline __attribute__((always_inline)) void store(const block_out *b, __m512i acc,
                                                        int8_t *out)
{
    __m512i y = b->right_only ? tflm_requant_right_avx512(acc, b->mult, b->rshift)
                              : tflm_requant_avx512(acc, b->mult, b->lshift, b->rshift);
    y = _mm512_add_epi32(y, b->out_offset);
    if (b->int8_range) { /* the saturating narrowing is that clamp */
        _mm_mask_storeu_epi8(out, b->lanes, _mm512_cvtsepi32_epi8(y));
        return;
    }
    y = _mm512_min_epi32(_mm512_max_epi32(y, b->act_min), b->act_max);
    _mm_mask_storeu_epi8(out, b->lanes, _mm512_cvtepi32_epi8(y));
}

/* Four neighbouring pixels of 16 bytes at src, transposed: lane c holds
 * the four pixels' bytes of channel c. */
static inline __attribute__((always_inline)) __m512i transpose4(const uint8_t *src,
                                                                __m512i dwords, __m512i bytes)
{
    const __m512i v = _mm512_permutexvar_epi32(dwords, _mm512_loadu_si512(src));
    return _mm512_shuffle_epi8(v, bytes);
}

void tflm_s8_dwconv_k4_c16__avx512vnni(const tflm_depthwise_conv_s8_x86 *p, const int8_t *input,
                                       int8_t *output, void *scratch)
{
    const tflm_conv_params *c = &p->params;
    assert(c->depth_multiplier == 1 && c->dilation_w == 1 && p->input_dims.c == p->output_dims.c);
    const image_shape s = shape_of(c, &p->filter_dims, &p->output_dims);
    const int32_t ch = p->output_dims.c, out_h = p->output_dims.h, out_w = p->output_dims.w;
    const int32_t k_h = p->filter_dims.h, sw = c->stride_w;
    uint8_t *image = scratch;
    /* vpermd: dword 4k + j of the result is dword 4j + k of the source
       (pixel j's channels 4k..4k+3); vpshufb then puts byte 4j + i of each
       128-bit lane at 4i + j (channel 4k + i's byte of pixel j). */
    int32_t dword_index[16];
    int8_t byte_index[64];
    for (int32_t d = 0; d < 16; ++d) {
        dword_index[d] = (d % 4) * 4 + d / 4;
    }
    for (int32_t b = 0; b < 64; ++b) {
        byte_index[b] = (int8_t)((b % 4) * 4 + (b % 16) / 4);
    }
    const __m512i dwords = _mm512_loadu_si512(dword_index);
    const __m512i bytes = _mm512_loadu_si512(byte_index);
    block_out bo;
    bo.out_offset = _mm512_set1_epi32(c->output_offset);
    bo.act_min = _mm512_set1_epi32(c->activation.min);
    bo.act_max = _mm512_set1_epi32(c->activation.max);
    bo.int8_range = c->activation.min == INT8_MIN && c->activation.max == INT8_MAX;
    const size_t row_bytes = (size_t)s.cols * 16, step = (size_t)sw * 16;
    const size_t dy = (size_t)c->dilation_h * row_bytes;
    for (int32_t o = 0; o < ch; o += 16) {
        const int32_t lanes = ch - o < 16 ? ch - o : 16;
        bo.lanes = (__mmask16)((1u << lanes) - 1);
        bo.mult = _mm512_loadu_si512(p->multiplier + o);
        bo.lshift = _mm512_loadu_si512(p->left_shift + o);
        bo.rshift = _mm512_loadu_si512(p->right_shift + o);
        bo.right_only = _mm512_test_epi32_mask(bo.lshift, bo.lshift) == 0 &&
                        _mm512_cmpeq_epi32_mask(bo.mult, _mm512_set1_epi32(INT32_MIN)) == 0;
        const __m512i bias = _mm512_loadu_si512(p->bias + o);
        const __m512i *w = (const __m512i *)(p->packed + (size_t)o / 16 * k_h * s.groups * 64);
        for (int32_t n = 0; n < p->output_dims.n; ++n) {
            const int8_t *in_batch =
                input + (size_t)n * p->input_dims.h * p->input_dims.w * ch + o;
            fill_image(p, &s, in_batch, bo.lanes, image);
            int8_t *out_batch = output + (size_t)n * out_h * out_w * ch + o;
            for (int32_t oy = 0; oy < out_h; ++oy) {
                const uint8_t *row = image + (size_t)oy * c->stride_h * row_bytes;
                int8_t *out = out_batch + (size_t)oy * out_w * ch;
                int32_t ox = 0;
                for (; ox + 4 <= out_w; ox += 4) {
                    __m512i a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                    const uint8_t *px = row + (size_t)ox * step;
                    for (int32_t ky = 0; ky < k_h; ++ky) {
                        for (int32_t g = 0; g < s.groups; ++g) {
                            const __m512i wv = _mm512_loadu_si512(w + ky * s.groups + g);
                            const uint8_t *at = px + (size_t)ky * dy + (size_t)g * 64;
                            TFLM_DPBUSD(a0, transpose4(at, dwords, bytes), wv);
                            TFLM_DPBUSD(a1, transpose4(at + step, dwords, bytes), wv);
                            TFLM_DPBUSD(a2, transpose4(at + 2 * step, dwords, bytes), wv);
                            TFLM_DPBUSD(a3, transpose4(at + 3 * step, dwords, bytes), wv);
                        }
                    }
                    store(&bo, a0, out + (size_t)ox * ch);
                    store(&bo, a1, out + (size_t)(ox + 1) * ch);
                    store(&bo, a2, out + (size_t)(ox + 2) * ch);
                    store(&bo, a3, out + (size_t)(ox + 3) * ch);
                }
                for (; ox < out_w; ++ox) {
                    __m512i a = bias;
                    const uint8_t *px = row + (size_t)ox * step;
                    for (int32_t ky = 0; ky < k_h; ++ky) {
                        for (int32_t g = 0; g < s.groups; ++g) {
                            TFLM_DPBUSD(a, transpose4(px + (size_t)ky * dy + (size_t)g * 64, dwords, bytes),
                                        _mm512_loadu_si512(w + ky * s.groups + g));
                        }
                    }
                    store(&bo, a, out + (size_t)ox * ch);
                }
            }
        }
    }
}
