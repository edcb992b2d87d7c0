#include "fixed_point.h"

#include "exact_f64.h"

#include "float_bits.h"

#if defined(__OPTIMIZE_SIZE__)
int32_t tflm_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift)
{
    return tflm_multiply_by_quantized_multiplier_inline(x, multiplier, shift);
}
#endif

bool tflm_quantize_multiplier(tflm_double real_multiplier, int32_t *multiplier, int *shift)
{
    /* On the bits, without double arithmetic (see exact_f64.h). Positive
     * doubles order as their bits do: 0, negative, NaN, inf and values
     * above 1e300 give (0, 0). */
    uint64_t bits = tflm_double_bits(real_multiplier);
    if (bits == 0 || bits > UINT64_C(0x7e37e43c8800759c) /* 1e300 */) {
        *multiplier = 0;
        *shift = 0;
        return true;
    }
    tflm_f64_quantize_multiplier(tflm_f64_from_double(real_multiplier), multiplier, shift);
    return *shift <= TFLM_MAX_MULTIPLIER_SHIFT;
}
