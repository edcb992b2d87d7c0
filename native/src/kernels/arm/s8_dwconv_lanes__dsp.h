/*
 * s8_dwconv_lanes__dsp.h - what the Cortex-M DSP DEPTHWISE_CONV_2D
 * microkernels (s8_dwconv_*__dsp.c) share: a block of 4 output channels
 * (lanes) summed in registers, its sums' starts, and its requantization
 * into 4 bytes at once.
 *
 * Exactness. The reference sums w * (x + input_offset) over the taps inside
 * the input, wrapping in 32 bits. The kernels sum w * x over every tap and
 * start from bias + input_offset * (sum of the lane's weights); a tap
 * outside the input reads the input zero point (-input_offset), whose
 * product cancels its share of that start. Modulo 2^32 that is the same
 * int32. Requantization (both of the reference's roundings, in one 64-bit
 * multiply-add; see requantize) is checked against tflm_nn_requantize_s8 by
 * the board test and falls back to it for a block with a left shift.
 */
#ifndef TFLM_KERNELS_ARM_S8_DWCONV_LANES__DSP_H
#define TFLM_KERNELS_ARM_S8_DWCONV_LANES__DSP_H

#include <arm_acle.h>
#include <stdbool.h>
#include <stdint.h>

#include "../nn_common.h"
#include "s8_pairs__dsp.h"

#if !defined(__ARM_FEATURE_DSP)
#error "s8_dwconv_lanes__dsp.h needs the DSP extension; arm/sources.cmake lists its users for such cores only"
#endif

enum { LANES = 4 };

/* Four bytes to p, unaligned: one str (see tflm_dsp_load4). */
static inline void store4(int8_t *p, uint32_t word)
{
    __builtin_memcpy(p, &word, sizeof word);
}

/* The low halves of lo and hi: bytes (lo0, lo1, hi0, hi1). */
static inline uint32_t low_halves(uint32_t lo, uint32_t hi)
{
    uint32_t word;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(word) : "r"(lo), "r"(hi));
    return word;
}

/* The high halves of lo and hi: bytes (lo2, lo3, hi2, hi3). */
static inline uint32_t high_halves(uint32_t lo, uint32_t hi)
{
    uint32_t word;
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(word) : "r"(hi), "r"(lo));
    return word;
}

/* One lane's requantization, its words together for a load-multiple. */
typedef struct dw_lane {
    int64_t round;      /* 2^30 + 2^(30 + e), e the right shift     */
    int32_t multiplier;
    int32_t shift;      /* fast: e - 1; otherwise the quant's shift */
} dw_lane;

/* What a block computes in: its lanes' output channels, sums' starts and
 * requantization. */
typedef struct dw_block {
    int32_t lanes;            /* 1 to 4 channels; the others compute zeros */
    int32_t out[LANES];       /* output channel of each lane              */
    uint32_t start[LANES];    /* bias + input_offset * sum of weights     */
    dw_lane lane[LANES];      /* requantization                           */
    bool fast;                /* every lane has e >= 1 (no left shift)    */
} dw_block;

/* Fills blk's sums' starts and requantization from its lanes and out[]
 * (set by the caller) and sum_w, the sum of each lane's weights. */
static inline void dw_set_lanes(const tflm_conv_params *params, const tflm_per_channel_quant *quant,
                                const int32_t *bias, const uint32_t sum_w[LANES], dw_block *blk)
{
    blk->fast = true;
    for (int32_t l = 0; l < LANES; ++l) {
        const int32_t shift = quant->shift[tflm_quant_channel(quant, blk->out[l])];
        blk->fast = blk->fast && shift < 0 && shift >= -31;
    }
    for (int32_t l = 0; l < LANES; ++l) {
        const int32_t o = blk->out[l], pair = tflm_quant_channel(quant, o);
        blk->start[l] = (bias != NULL && l < blk->lanes ? (uint32_t)bias[o] : 0u) +
                        (uint32_t)params->input_offset * sum_w[l];
        dw_lane *q = &blk->lane[l];
        q->multiplier = quant->multiplier[pair];
        const int32_t e = -quant->shift[pair];
        q->shift = blk->fast ? e - 1 : quant->shift[pair];
        q->round = blk->fast ? ((int64_t)1 << 30) + ((int64_t)1 << (30 + e)) : 0;
    }
}

/*
 * The reference's requantization of one sum (tflm_nn_requantize_s8 before
 * the offset) for a right shift e >= 1, in one 64-bit multiply-add. The
 * reference computes r1 = floor((a m + 2^30) / 2^31) (its doubling high
 * multiply, whose nudge and truncating division amount to this floor), then
 * rounds r1 / 2^e half away from zero: floor((r1 + 2^(e-1) - [r1 < 0]) / 2^e).
 * Nested floors of integer divisions merge, so the result is
 * floor((a m + 2^30 + 2^(30+e) - [a m < 0] 2^31) / 2^(31+e)) ([r1 < 0] may
 * be replaced by [a m < 0]: where they differ r1 = 0 and both give 0), the
 * high word of the 64-bit sum shifted right by e - 1. The multiplier is
 * positive, so the sign of a m is the sign of a.
 */
static inline int32_t requantize(int32_t acc, const dw_lane *q)
{
    const int64_t v = q->round - (acc < 0 ? (int64_t)1 << 31 : 0) + (int64_t)acc * q->multiplier;
    return (int32_t)(v >> 32) >> q->shift;
}

/* Bytes (b0, b1, b2, b3) from the low bytes of four words: BFI, which the
 * compiler does not choose by itself for this. */
static inline uint32_t pack4(int32_t b0, int32_t b1, int32_t b2, int32_t b3)
{
    uint32_t word = (uint32_t)b0;
    __asm__("bfi %0, %1, #8, #8\n\tbfi %0, %2, #16, #8\n\tbfi %0, %3, #24, #8"
            : "+&r"(word)
            : "r"(b1), "r"(b2), "r"(b3));
    return word;
}

/* The 4 sums of a block, in registers. */
typedef struct sums {
    int32_t a0, a1, a2, a3;
} sums;

/* Requantizes a pixel's sums and stores its lanes' outputs. adjacent: a
 * full block's outputs are 4 consecutive bytes (one store). lo4, hi4: the
 * activation range in each byte. */
static inline __attribute__((always_inline)) void
finish(const dw_block *blk, sums s, const tflm_conv_params *params,
       uint32_t lo4, uint32_t hi4, bool adjacent, int8_t *out)
{
    const int32_t acc[LANES] = {s.a0, s.a1, s.a2, s.a3};
    if (!blk->fast) {
        for (int32_t l = 0; l < blk->lanes; ++l) {
            out[blk->out[l]] = tflm_nn_requantize_s8(
                (uint32_t)acc[l], blk->lane[l].multiplier, blk->lane[l].shift, params->output_offset,
                params->activation.min, params->activation.max);
        }
        return;
    }
    const int32_t offset = params->output_offset;
    uint32_t packed = pack4(__ssat(requantize(s.a0, &blk->lane[0]) + offset, 8),
                            __ssat(requantize(s.a1, &blk->lane[1]) + offset, 8),
                            __ssat(requantize(s.a2, &blk->lane[2]) + offset, 8),
                            __ssat(requantize(s.a3, &blk->lane[3]) + offset, 8));
    /* The clamp, 4 lanes at once (the range lies in int8, where __ssat put
       every lane): GE flags of a byte-wise subtraction pick max(v, lo),
       then min(v, hi). */
    (void)__ssub8((int8x4_t)packed, (int8x4_t)lo4);
    packed = __sel(packed, lo4);
    (void)__ssub8((int8x4_t)packed, (int8x4_t)hi4);
    packed = __sel(hi4, packed);
    if (adjacent && blk->lanes == LANES) {
        store4(out + blk->out[0], packed);
        return;
    }
    for (int32_t l = 0; l < blk->lanes; ++l) {
        out[blk->out[l]] = (int8_t)(packed >> (8 * l));
    }
}

/* The sums a pixel starts from. */
static inline sums start_sums(const dw_block *blk)
{
    return (sums){(int32_t)blk->start[0], (int32_t)blk->start[1], (int32_t)blk->start[2],
                  (int32_t)blk->start[3]};
}

#endif /* TFLM_KERNELS_ARM_S8_DWCONV_LANES__DSP_H */
