#include "kernels/fixed_point.h"
#include "test.h"

int main(void)
{
    /* Values checked against TensorFlow Lite's QuantizeMultiplier. */
    int32_t m;
    int s;
    tflm_quantize_multiplier(0.5, &m, &s);
    CHECK_EQ_INT(1073741824, m);
    CHECK_EQ_INT(0, s);
    tflm_quantize_multiplier(1.0, &m, &s);
    CHECK_EQ_INT(1073741824, m);
    CHECK_EQ_INT(1, s);
    tflm_quantize_multiplier(0.0, &m, &s);
    CHECK_EQ_INT(0, m);
    CHECK_EQ_INT(0, s);
    /* 0.75 * 2^-3: fraction 0.75 -> 1610612736, exponent -3 */
    tflm_quantize_multiplier(0.09375, &m, &s);
    CHECK_EQ_INT(1610612736, m);
    CHECK_EQ_INT(-3, s);
    /* Rounding up to 2^31 moves into the next exponent. */
    tflm_quantize_multiplier(0.99999999999, &m, &s);
    CHECK_EQ_INT(1073741824, m);
    CHECK_EQ_INT(1, s);

    /* Usable up to a shift of 31 (2^30 <= x < 2^31); from 2^31 on the
     * left shift would be 32 or more: refused (found by fuzzing). */
    CHECK(tflm_quantize_multiplier(0x1.8p30, &m, &s));
    CHECK_EQ_INT(31, s);
    CHECK(!tflm_quantize_multiplier(0x1p31, &m, &s));
    CHECK(!tflm_quantize_multiplier(1e30, &m, &s));

    CHECK_EQ_INT(INT32_MAX, tflm_saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN));
    CHECK_EQ_INT(1, tflm_rounding_divide_by_pot(3, 2));   /* 0.75 -> 1 */
    CHECK_EQ_INT(1, tflm_rounding_divide_by_pot(2, 2));   /* 0.5 -> 1 (away from zero) */
    CHECK_EQ_INT(-1, tflm_rounding_divide_by_pot(-2, 2)); /* -0.5 -> -1 */
    CHECK_EQ_INT(0, tflm_rounding_divide_by_pot(-1, 2));  /* -0.25 -> 0 */
    /* 100 * 0.5 = 50 */
    CHECK_EQ_INT(50, tflm_multiply_by_quantized_multiplier(100, 1073741824, 0));
    /* 100 * 2 = 200 */
    CHECK_EQ_INT(200, tflm_multiply_by_quantized_multiplier(100, 1073741824, 2));
    TEST_MAIN_END();
}
