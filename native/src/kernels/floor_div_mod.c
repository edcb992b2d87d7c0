/*
 * FLOOR_DIV and FLOOR_MOD. Reference semantics: TFLM's floor_div.cc and
 * floor_mod.cc for float32 (reference_ops::FloorDiv, FloorMod), TF Lite's
 * for the integer types it adds (int8, int16, int32, int64).
 *
 * FLOOR_DIV: floor(in1 / in2), the quotient taken in double as TFLM does;
 * integers exactly (the same for int8 to int32; TF Lite's double quotient
 * loses int64 bits beyond 2^53). Any zero divisor fails the invoke, for
 * float32 too (both TFLM and TF Lite check before dividing).
 * FLOOR_MOD: in1 - floor(in1 / in2) * in2 through the truncated remainder
 * (tflm_fmodf for float32) moved to the divisor's sign. Integer zero divisors
 * fail the invoke (TF Lite); a float32 one gives NaN (fmodf), as in TFLM.
 * The most negative value divided by -1 wraps (quotient) or gives 0.
 */
#include "binary_common.h"
#include "f32_math.h"
#include "float_bits.h"
#include "tflm/ops.h"

#define FLOOR_TYPES                                                                          \
    (1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 | 1u << TFLM_TYPE_INT16 |                \
     1u << TFLM_TYPE_INT32 | 1u << TFLM_TYPE_INT64)

static tflm_status floor_prepare(tflm_context *ctx, tflm_node *node)
{
    return tflm_binary_prepare_broadcast(ctx, node, FLOOR_TYPES, "FLOAT32, INT8, INT16, INT32 or INT64", TFLM_BINARY_SAME_TYPE);
}

/* The first zero among the divisors, or -1. */
static int32_t first_zero(const tflm_tensor *divisor)
{
    const int32_t n = tflm_element_count(divisor);
    for (int32_t i = 0; i < n; ++i) {
        bool zero;
        switch (divisor->type) {
        case TFLM_TYPE_FLOAT32: zero = (tflm_float_bits(((const float *)divisor->data)[i]) << 1) == 0; break;
        case TFLM_TYPE_INT8: zero = ((const int8_t *)divisor->data)[i] == 0; break;
        case TFLM_TYPE_INT16: zero = ((const int16_t *)divisor->data)[i] == 0; break;
        case TFLM_TYPE_INT32: zero = ((const int32_t *)divisor->data)[i] == 0; break;
        default: zero = ((const int64_t *)divisor->data)[i] == 0; break;
        }
        if (zero) {
            return i;
        }
    }
    return -1;
}

#if __SIZEOF_DOUBLE__ == 8
/* floor of a double, from its bits (no libm). */
static double floor_f64(double x)
{
    uint64_t bits = tflm_double_bits(x);
    const bool negative = (bits >> 63) != 0;
    const int exponent = (int)((bits >> 52) & 0x7ff) - 1023;
    if (exponent >= 52) {
        return x; /* an integer already, infinite or NaN */
    }
    if (exponent < 0) { /* |x| < 1 */
        if ((bits << 1) == 0) {
            return x; /* +-0 */
        }
        return negative ? -1.0 : 0.0;
    }
    const uint64_t fraction = ((uint64_t)1 << (52 - exponent)) - 1;
    if ((bits & fraction) == 0) {
        return x;
    }
    if (negative) {
        bits += fraction; /* the magnitude rounds up; a carry moves into the exponent */
    }
    return tflm_double_from_bits(bits & ~fraction);
}
#endif

/* Integer floor division and modulo on int64 (every integer type fits):
 * the truncated quotient moved down when the remainder's sign differs
 * from the divisor's. */
static int64_t floor_div_s64(int64_t a, int64_t b)
{
    if (b == -1) {
        return (int64_t)(0 - (uint64_t)a); /* wraps for INT64_MIN */
    }
    const int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t floor_mod_s64(int64_t a, int64_t b)
{
    if (b == -1) {
        return 0;
    }
    const int64_t r = a % b;
    return (r != 0 && ((b < 0) != (r < 0))) ? r + b : r;
}

#if __SIZEOF_DOUBLE__ == 8
static float floor_div_f32(float a, float b)
{
    return (float)floor_f64((double)a / (double)b);
}
#else
/* No binary64 double (8-bit AVR): the quotient in float, which can differ
 * from TFLM's double quotient where that one rounds to an integer. */
static float floor_div_f32(float a, float b)
{
    return tflm_floorf(a / b);
}
#endif

static float floor_mod_f32(float a, float b)
{
    const float r = tflm_fmodf(a, b);
    return ((tflm_float_bits(r) << 1) != 0 && ((b < 0.0f) != (r < 0.0f))) ? r + b : r;
}

/* The loop of one type, the element function FN (integers narrow to the
 * output type by wrapping, GCC and Clang's conversion). */
#define FLOOR_LOOP(T, FN) TFLM_BINARY_LOOP(bc, T, T, input1, input2, output, FLOOR_ELEMENT_##FN)
#define FLOOR_ELEMENT_DIV_F(i1, i2, o) out_[o] = floor_div_f32(in1_[i1], in2_[i2])
#define FLOOR_ELEMENT_MOD_F(i1, i2, o) out_[o] = floor_mod_f32(in1_[i1], in2_[i2])
#define FLOOR_ELEMENT_DIV_I(i1, i2, o) out_[o] = floor_div_s64(in1_[i1], in2_[i2])
#define FLOOR_ELEMENT_MOD_I(i1, i2, o) out_[o] = floor_mod_s64(in1_[i1], in2_[i2])

static tflm_status floor_invoke(tflm_context *ctx, tflm_node *node, bool div)
{
    const tflm_broadcast *bc = node->data;
    const tflm_tensor *input1 = tflm_input(ctx, node, 0);
    const tflm_tensor *input2 = tflm_input(ctx, node, 1);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    if (div || output->type != TFLM_TYPE_FLOAT32) {
        const int32_t zero = first_zero(input2);
        if (zero >= 0) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "division by zero (input 2 element %d)",
                             (int)zero);
        }
    }
    switch (output->type) {
    case TFLM_TYPE_FLOAT32:
        if (div) { FLOOR_LOOP(float, DIV_F); } else { FLOOR_LOOP(float, MOD_F); }
        break;
    case TFLM_TYPE_INT8:
        if (div) { FLOOR_LOOP(int8_t, DIV_I); } else { FLOOR_LOOP(int8_t, MOD_I); }
        break;
    case TFLM_TYPE_INT16:
        if (div) { FLOOR_LOOP(int16_t, DIV_I); } else { FLOOR_LOOP(int16_t, MOD_I); }
        break;
    case TFLM_TYPE_INT32:
        if (div) { FLOOR_LOOP(int32_t, DIV_I); } else { FLOOR_LOOP(int32_t, MOD_I); }
        break;
    default:
        if (div) { FLOOR_LOOP(int64_t, DIV_I); } else { FLOOR_LOOP(int64_t, MOD_I); }
        break;
    }
    return TFLM_OK;
}

static tflm_status floor_div_invoke(tflm_context *ctx, tflm_node *node)
{
    return floor_invoke(ctx, node, true);
}

static tflm_status floor_mod_invoke(tflm_context *ctx, tflm_node *node)
{
    return floor_invoke(ctx, node, false);
}

const tflm_kernel tflm_op_floor_div = {
    .builtin_code = TFLM_BUILTIN_FLOOR_DIV,
    .custom_name = NULL,
    .name = "FLOOR_DIV",
    .prepare = floor_prepare,
    .invoke = floor_div_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_floor_mod = {
    .builtin_code = TFLM_BUILTIN_FLOOR_MOD,
    .custom_name = NULL,
    .name = "FLOOR_MOD",
    .prepare = floor_prepare,
    .invoke = floor_mod_invoke,
    .output_aliases_input = false,
};
