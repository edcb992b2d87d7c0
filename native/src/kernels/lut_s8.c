#include "lut_s8.h"

#include "f32_math.h"

void tflm_lut_s8_populate(float input_scale, int32_t input_zero_point, float output_scale,
                          int32_t output_zero_point, tflm_lut_fn transform, const void *params,
                          int8_t table[256])
{
    const float inverse_scale = 1.0f / output_scale;
    for (int32_t x = INT8_MIN; x <= INT8_MAX; ++x) {
        const float dequantized = input_scale * (float)(x - input_zero_point);
        const float rescaled = tflm_roundf(transform(dequantized, params) * inverse_scale) + (float)output_zero_point;
        /* The float to int32 conversion saturates here (C++ leaves it
         * undefined beyond int32; NaN takes the minimum, as x86 gives). */
        const int32_t q = rescaled >= 127.0f ? INT8_MAX : (rescaled > -128.0f ? (int32_t)rescaled : INT8_MIN);
        table[(uint8_t)(int8_t)x] = (int8_t)q;
    }
}

void tflm_lut_s8_apply(const int8_t table[256], int32_t count, const int8_t *input, int8_t *output)
{
    for (int32_t i = 0; i < count; ++i) {
        output[i] = table[(uint8_t)input[i]];
    }
}
