#include "fixed_point.h"

#include <string.h>

/* frexp for finite positive doubles: real = fraction * 2^exponent with
 * fraction in [0.5, 1). Works on the bits so the core needs no libm. */
static double split_exponent(double real, int *exponent)
{
    uint64_t bits;
    memcpy(&bits, &real, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7ff);
    if (biased == 0) { /* subnormal: scale into the normal range first */
        double scaled = real * 18014398509481984.0; /* 2^54 */
        double fraction = split_exponent(scaled, exponent);
        *exponent -= 54;
        return fraction;
    }
    *exponent = biased - 1022;
    bits = (bits & ~((uint64_t)0x7ff << 52)) | ((uint64_t)1022 << 52);
    double fraction;
    memcpy(&fraction, &bits, sizeof fraction);
    return fraction;
}

void tflm_quantize_multiplier(double real_multiplier, int32_t *multiplier, int *shift)
{
    if (!(real_multiplier > 0.0) || real_multiplier > 1e300) { /* 0, negative, NaN, inf */
        *multiplier = 0;
        *shift = 0;
        return;
    }
    int exponent;
    double fraction = split_exponent(real_multiplier, &exponent);
    /* fraction * 2^31 lies in [2^30, 2^31]: adding 0.5 and truncating is
     * round-half-away-from-zero for a positive value. */
    int64_t q = (int64_t)(fraction * 2147483648.0 + 0.5);
    if (q == ((int64_t)1 << 31)) {
        q /= 2;
        ++exponent;
    }
    if (exponent < -31) {
        exponent = 0;
        q = 0;
    }
    *multiplier = (int32_t)q;
    *shift = exponent;
}
