#include "hybrid.h"

#include "quantize.h" /* tflm_round_f64 */

/* std::round of a float: the double rounding of its exact widening. */
static inline float round_f32(float x)
{
    return (float)tflm_round_f64((double)x);
}

/* (int32_t) of a rounded value; out-of-range values (undefined in C++)
 * saturate and NaN gives INT32_MIN, as x86 converts it for TF Lite; then
 * the caller clamps. */
static inline int32_t to_int(float r)
{
    if (r != r) {
        return INT32_MIN;
    }
    return r >= 2147483520.0f ? INT32_MAX : r <= -2147483648.0f ? INT32_MIN : (int32_t)r;
}

static inline float abs_f32(float x)
{
    return x < 0.0f ? -x : x;
}

static inline double abs_f64(double x)
{
    return x < 0.0 ? -x : x;
}

/* std::minmax_element: the first smallest and the last largest (0 and 0
 * for an empty vector, which quantizes like an all-zero one). */
static void min_max(const float *x, int32_t n, float *lo, float *hi)
{
    if (n < 1) {
        *lo = *hi = 0.0f;
        return;
    }
    *lo = *hi = x[0];
    for (int32_t i = 1; i < n; ++i) {
        if (x[i] < *lo) {
            *lo = x[i];
        }
        if (!(x[i] < *hi)) {
            *hi = x[i];
        }
    }
}

void tflm_hybrid_quantize_symmetric(const float *x, int32_t n, int8_t *q, float *scale)
{
    float lo, hi;
    min_max(x, n, &lo, &hi);
    const float a = abs_f32(lo), b = abs_f32(hi);
    const float range = a < b ? b : a; /* std::max(a, b) */
    if (range == 0.0f) {
        for (int32_t i = 0; i < n; ++i) {
            q[i] = 0;
        }
        *scale = 1.0f;
        return;
    }
    *scale = range / 127.0f;
    const float inverse = 127.0f / range;
    for (int32_t i = 0; i < n; ++i) {
        int32_t v = to_int(round_f32(x[i] * inverse));
        q[i] = (int8_t)(v < -127 ? -127 : v > 127 ? 127 : v);
    }
}

void tflm_hybrid_quantize_asymmetric(const float *x, int32_t n, int8_t *q, float *scale,
                                     int32_t *offset)
{
    float lo, hi;
    min_max(x, n, &lo, &hi);
    const double rmin = (double)(lo < 0.0f ? lo : 0.0f);
    const double rmax = (double)(hi > 0.0f ? hi : 0.0f);
    if (rmin == rmax) {
        for (int32_t i = 0; i < n; ++i) {
            q[i] = 0;
        }
        *scale = 1.0f;
        *offset = 0;
        return;
    }
    const double s = (rmax - rmin) / 255.0;
    const double from_min = -128.0 - rmin / s;
    const double from_max = 127.0 - rmax / s;
    const double from_min_error = 128.0 + abs_f64(rmin / s);
    const double from_max_error = 127.0 + abs_f64(rmax / s);
    const double zero_point = from_min_error < from_max_error ? from_min : from_max;
    int32_t nudged;
    if (zero_point != zero_point) {
        /* NaN, from an infinite input: TF Lite's static_cast<int8_t> is
         * undefined; x86 gives INT32_MIN's low byte, 0. */
        nudged = 0;
    } else if (zero_point <= -128.0) {
        nudged = -128;
    } else if (zero_point >= 127.0) {
        nudged = 127;
    } else {
        nudged = (int32_t)tflm_round_f64(zero_point);
    }
    *scale = (float)s;
    *offset = nudged;
    const float inverse = 1.0f / *scale;
    for (int32_t i = 0; i < n; ++i) {
        int32_t v = to_int(round_f32((float)nudged + x[i] * inverse));
        q[i] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
    }
}

bool tflm_hybrid_all_zero(const float *x, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (x[i] != 0.0f) {
            return false;
        }
    }
    return true;
}

void tflm_hybrid_matmul_accumulate(const float *x, int32_t batches, int32_t depth,
                                   bool asymmetric, const int8_t *filter, int32_t rows,
                                   const float *filter_scales, bool per_channel, void *scratch,
                                   float *out)
{
    if (tflm_hybrid_all_zero(x, (size_t)batches * depth)) {
        return;
    }
    float *scales = scratch;
    int32_t *offsets = (int32_t *)(scales + batches);
    int32_t *row_sums = offsets + batches;
    int8_t *quantized = (int8_t *)(row_sums + rows);
    for (int32_t b = 0; b < batches; ++b) {
        const size_t at = (size_t)b * depth;
        if (asymmetric) {
            tflm_hybrid_quantize_asymmetric(x + at, depth, quantized + at, &scales[b],
                                            &offsets[b]);
        } else {
            tflm_hybrid_quantize_symmetric(x + at, depth, quantized + at, &scales[b]);
            offsets[b] = 0;
        }
        if (!per_channel) {
            scales[b] *= filter_scales[0];
        }
    }
    for (int32_t r = 0; r < rows; ++r) {
        uint32_t sum = 0;
        for (int32_t d = 0; d < depth; ++d) {
            sum += (uint32_t)(int32_t)filter[(size_t)r * depth + d];
        }
        row_sums[r] = (int32_t)sum;
    }
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *q = quantized + (size_t)b * depth;
        for (int32_t r = 0; r < rows; ++r) {
            const int8_t *row = filter + (size_t)r * depth;
            uint32_t dot = 0; /* TF Lite's int32, wrapping without UB */
            for (int32_t d = 0; d < depth; ++d) {
                dot += (uint32_t)(row[d] * q[d]);
            }
            dot -= (uint32_t)row_sums[r] * (uint32_t)offsets[b];
            const float scale = per_channel ? scales[b] * filter_scales[r] : scales[b];
            out[(size_t)b * rows + r] += (float)(int32_t)dot * scale;
        }
    }
}
