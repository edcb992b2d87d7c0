/* signal_util.c - signal_util.h. */
#include "signal_util.h"

#include "../kernel_util.h" /* tflm_type_name_of */

static tflm_status check_one(tflm_context *ctx, const tflm_tensor *tensor, const char *role, int i,
                             const signal_tensor_spec *spec)
{
    if (tensor == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s %d missing", role, i);
    }
    const int rank = (int)tensor->dims->size;
    if (tensor->type != spec->type || (spec->rank == SIGNAL_ANY_RANK ? rank < 1 : rank != spec->rank)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s %d is %s of rank %d; expected %s of rank %s", role,
                         i, tflm_type_name_of(tensor->type), rank, tflm_type_name_of(spec->type),
                         spec->rank == 0 ? "0" : spec->rank == 1 ? "1" : "1 or more");
    }
    return TFLM_OK;
}

tflm_status signal_check_tensors(tflm_context *ctx, const tflm_node *node,
                                 const signal_tensor_spec *inputs, int input_count,
                                 const signal_tensor_spec *outputs, int output_count)
{
    if (node->inputs->size != input_count || node->outputs->size != output_count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected %d inputs and %d outputs, got %d and %d",
                         input_count, output_count, (int)node->inputs->size,
                         (int)node->outputs->size);
    }
    for (int i = 0; i < input_count; i++) {
        tflm_status status = check_one(ctx, tflm_input(ctx, node, i), "input", i, &inputs[i]);
        if (status != TFLM_OK) {
            return status;
        }
    }
    for (int i = 0; i < output_count; i++) {
        tflm_status status = check_one(ctx, tflm_output(ctx, node, i), "output", i, &outputs[i]);
        if (status != TFLM_OK) {
            return status;
        }
    }
    return TFLM_OK;
}

void *signal_alloc_state(tflm_context *ctx, int64_t count, size_t size)
{
    if (count < 0 || count > INT32_MAX / (int64_t)size) {
        return NULL;
    }
    return tflm_alloc_persistent(ctx, (size_t)count * size);
}

bool signal_same_leading_dims(const tflm_tensor *a, const tflm_tensor *b, int32_t count)
{
    if (a->dims->size < count || b->dims->size < count) {
        return false;
    }
    for (int32_t i = 0; i < count; i++) {
        if (a->dims->data[i] != b->dims->data[i]) {
            return false;
        }
    }
    return true;
}

int32_t signal_last_dim(const tflm_tensor *tensor)
{
    return tensor->dims->size > 0 ? tensor->dims->data[tensor->dims->size - 1] : 1;
}

uint32_t signal_msb32(uint32_t x)
{
    return x ? 32u - (uint32_t)__builtin_clz(x) : 32u;
}

uint32_t signal_msb64(uint64_t x)
{
    return x ? 64u - (uint32_t)__builtin_clzll(x) : 64u;
}

/* The digit-by-digit square root of TFLM's Sqrt32/Sqrt64, on 64 bits for
 * both: bit starts at the even power of 4 at or below num's top bit (the
 * "| 1" makes the count of leading zeros odd), and the root is rounded up
 * when the remainder exceeds it, unless that would overflow its width. */
static uint64_t digit_sqrt(uint64_t num, int width, uint32_t msb, uint64_t max_root)
{
    int max_bit_number = (int)((uint32_t)width - msb) | 1;
    uint64_t bit = (uint64_t)1 << (width - 1 - max_bit_number);
    int iterations = (width - 1 - max_bit_number) / 2 + 1;
    uint64_t res = 0;
    while (iterations--) {
        if (num >= res + bit) {
            num -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    if (num > res && res != max_root) {
        ++res;
    }
    return res;
}

uint16_t signal_sqrt32(uint32_t x)
{
    return x == 0 ? 0 : (uint16_t)digit_sqrt(x, 32, signal_msb32(x), 0xFFFF);
}

uint32_t signal_sqrt64(uint64_t x)
{
    if ((x >> 32) == 0) {
        return signal_sqrt32((uint32_t)x); /* TFLM's shortcut, off by one near 2^32 */
    }
    return (uint32_t)digit_sqrt(x, 64, signal_msb64(x), 0xFFFFFFFF);
}

/* log2(1 + i/128) - i/128 in Q16, rounded, for i = 0..128, and a 0 of
 * padding: TFLM's kLogLut (test_signal checks the formula). */
static const uint16_t log2_correction[130] = {
    0, 224, 442, 654, 861, 1063, 1259, 1450, 1636, 1817, 1992, 2163,
    2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848,
    3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934,
    5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507,
    5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
    5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370,
    5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762,
    4697, 4630, 4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848,
    3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659,
    2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
    1094, 963, 830, 695, 559, 421, 282, 142, 0,
    0,
};

#define LOG_SCALE_BITS 16
#define LOG_SEGMENT_BITS 7
#define LN2_Q16 45426 /* ln 2 x 2^16, rounded */

/* The fraction of log2(x) in Q16, x's integer log2 given: the mantissa
 * below the top bit in Q16, plus the interpolated table correction. */
static uint32_t log2_fraction(uint32_t x, uint32_t log2x)
{
    int32_t frac = (int32_t)(x - (UINT32_C(1) << log2x));
    if (log2x < LOG_SCALE_BITS) {
        frac = (int32_t)((uint32_t)frac << (LOG_SCALE_BITS - log2x));
    } else {
        frac >>= log2x - LOG_SCALE_BITS;
    }
    const uint32_t segment = (uint32_t)frac >> (LOG_SCALE_BITS - LOG_SEGMENT_BITS);
    const int32_t c0 = log2_correction[segment];
    const int32_t c1 = log2_correction[segment + 1];
    const int32_t segment_base = (int32_t)(segment << (LOG_SCALE_BITS - LOG_SEGMENT_BITS));
    const int32_t between = ((c1 - c0) * (frac - segment_base)) >> LOG_SCALE_BITS;
    return (uint32_t)(frac + c0 + between);
}

uint32_t signal_log32(uint32_t x, uint32_t out_scale)
{
    const uint32_t integer = signal_msb32(x) - 1;
    const uint32_t log2 = (integer << LOG_SCALE_BITS) + log2_fraction(x, integer);
    const uint32_t round = 1u << (LOG_SCALE_BITS - 1);
    const uint32_t ln = (uint32_t)(((uint64_t)LN2_Q16 * log2 + round) >> LOG_SCALE_BITS);
    return (out_scale * ln + round) >> LOG_SCALE_BITS;
}
