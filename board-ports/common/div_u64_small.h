/*
 * div_u64_small.h - 64-bit by small (16-bit) division with 32-bit divides
 * only. On Cortex-M a plain uint64_t division links libgcc's __udivmoddi4
 * (about 0.7 KB); the timer and the decimal printer only ever divide by
 * small constants, so a three-step long division does.
 */
#ifndef DIV_U64_SMALL_H
#define DIV_U64_SMALL_H

#include <stdint.h>

/* n / divisor, *remainder = n % divisor, for divisor in [1, 65535]: the high
 * word first, then the low word in two 16-bit digits. Each partial dividend
 * is below divisor * 2^16 <= 2^32, so every step is a 32-bit division and
 * each low quotient digit fits 16 bits. */
static inline uint64_t div_u64_small(uint64_t n, uint32_t divisor, uint32_t *remainder)
{
    uint32_t high = (uint32_t)(n >> 32), low = (uint32_t)n;
    uint32_t rest = high % divisor;
    uint32_t part = (rest << 16) | (low >> 16);
    uint32_t mid = part / divisor;
    part = ((part % divisor) << 16) | (low & 0xFFFFu);
    *remainder = part % divisor;
    return ((uint64_t)(high / divisor) << 32) | (mid << 16) | (part / divisor);
}

#endif /* DIV_U64_SMALL_H */
