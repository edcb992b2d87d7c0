#include "lut.h"

#include "f32_math.h"

static int16_t clamp_to_s16(float x)
{
    const float lo = -32768.0f, hi = 32767.0f;
    if (x != x) {
        return 0; /* NaN (see lut.h) */
    }
    return (int16_t)(x < lo ? lo : (x > hi ? hi : x)); /* std::min(std::max(x, lo), hi) */
}

void tflm_lut_populate_s16(float input_scale, int32_t input_zero_point, float output_scale,
                           int32_t output_zero_point, tflm_lut_fn transform, const void *params, int16_t *lut)
{
    const float input_min = input_scale * (float)(INT16_MIN - input_zero_point);
    const float input_max = input_scale * (float)(INT16_MAX - input_zero_point);
    const float output_min = output_scale * (float)(INT16_MIN - output_zero_point);
    const float output_max = output_scale * (float)(INT16_MAX - output_zero_point);
    const int steps = TFLM_LUT_S16_SIZE - 1;
    const float step = (input_max - input_min) / (float)steps;
    const float half_step = step / 2.0f;
    const float scaling_inv = 65536.0f / (output_max - output_min);

    for (int i = 0; i < steps; ++i) {
        const float value = transform(input_min + (float)i * step, params);
        const float value_midpoint = transform(input_min + (float)i * step + half_step, params);
        const float value_next = transform(input_min + (float)(i + 1) * step, params);
        const float sample = tflm_roundf(value * scaling_inv);
        const float midpoint_interpolated =
            tflm_roundf((value_next * scaling_inv + tflm_roundf(value * scaling_inv)) / 2.0f);
        const float midpoint = tflm_roundf(value_midpoint * scaling_inv);
        const float bias = tflm_roundf((midpoint_interpolated - midpoint) / 2.0f);
        lut[i] = clamp_to_s16(sample - bias);
    }
    lut[steps] = clamp_to_s16(tflm_roundf(transform(input_max, params) * scaling_inv));
}
