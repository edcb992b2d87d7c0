/*
 * cast.c - CAST (TFLM's cast.cc: static_cast element by element) between
 * BOOL, INT8, UINT8, INT16, INT32, UINT32, INT64 and FLOAT32, any to any:
 * TFLM's pairs plus TF Lite's UINT8, INT64 and BOOL outputs.
 *
 * C++ defines static_cast for every pair but float to an integer type out
 * of its range (and NaN); there this kernel gives what TF Lite's x86-64
 * builds compute: the 32-bit truncating conversion for INT8, UINT8, INT16
 * and INT32 outputs (0x80000000 for NaN and out-of-range values, then the
 * low bits), the 64-bit one for INT64 and UINT32 (0x8000000000000000, then
 * the low bits). Integers narrow modulo 2^bits; to BOOL is x != 0.
 */
#include "cast.h"

#include "quant_util.h"
#include "tflm/ops.h"

/* ---- Pure compute -------------------------------------------------------- */

/* The x86-64 truncating conversions (cvttss2si, 32- and 64-bit). */
static int32_t float_to_i32(float x)
{
    return (x >= -2147483648.0f && x < 2147483648.0f) ? (int32_t)x : INT32_MIN;
}

static int64_t float_to_i64(float x)
{
    return (x >= -9223372036854775808.0f && x < 9223372036854775808.0f) ? (int64_t)x : INT64_MIN;
}

/* An integer or bool element widened to int64 (UINT32 zero-extended). */
static int64_t load_integer(uint8_t type, const void *data, int32_t i)
{
    switch (type) {
    case TFLM_TYPE_BOOL: return ((const bool *)data)[i] ? 1 : 0;
    case TFLM_TYPE_INT8: return ((const int8_t *)data)[i];
    case TFLM_TYPE_UINT8: return ((const uint8_t *)data)[i];
    case TFLM_TYPE_INT16: return ((const int16_t *)data)[i];
    case TFLM_TYPE_INT32: return ((const int32_t *)data)[i];
    case TFLM_TYPE_UINT32: return ((const uint32_t *)data)[i];
    default: return ((const int64_t *)data)[i];
    }
}

/* Stores an integer value, narrowing modulo 2^bits. */
static void store_integer(uint8_t type, void *data, int32_t i, int64_t v)
{
    const uint64_t u = (uint64_t)v;
    switch (type) {
    case TFLM_TYPE_BOOL: ((bool *)data)[i] = v != 0; break;
    case TFLM_TYPE_INT8: ((int8_t *)data)[i] = (int8_t)(uint8_t)u; break;
    case TFLM_TYPE_UINT8: ((uint8_t *)data)[i] = (uint8_t)u; break;
    case TFLM_TYPE_INT16: ((int16_t *)data)[i] = (int16_t)(uint16_t)u; break;
    case TFLM_TYPE_INT32: ((int32_t *)data)[i] = (int32_t)(uint32_t)u; break;
    case TFLM_TYPE_UINT32: ((uint32_t *)data)[i] = (uint32_t)u; break;
    case TFLM_TYPE_FLOAT32: ((float *)data)[i] = (float)v; break;
    default: ((int64_t *)data)[i] = v; break;
    }
}

void tflm_cast(uint8_t from, const void *input, uint8_t to, void *output, int32_t count)
{
    for (int32_t i = 0; i < count; ++i) {
        if (from != TFLM_TYPE_FLOAT32) {
            store_integer(to, output, i, load_integer(from, input, i));
            continue;
        }
        const float x = ((const float *)input)[i];
        switch (to) {
        case TFLM_TYPE_FLOAT32: ((float *)output)[i] = x; break;
        case TFLM_TYPE_BOOL: ((bool *)output)[i] = x != 0.0f; break; /* NaN is true */
        case TFLM_TYPE_INT64:
        case TFLM_TYPE_UINT32: store_integer(to, output, i, float_to_i64(x)); break;
        default: store_integer(to, output, i, float_to_i32(x)); break;
        }
    }
}

/* ---- Node glue -------------------------------------------------------------- */

static bool cast_type_supported(uint8_t type)
{
    return type == TFLM_TYPE_BOOL || type == TFLM_TYPE_INT8 || type == TFLM_TYPE_UINT8 ||
           type == TFLM_TYPE_INT16 || type == TFLM_TYPE_INT32 || type == TFLM_TYPE_UINT32 ||
           type == TFLM_TYPE_INT64 || type == TFLM_TYPE_FLOAT32;
}

#define CAST_TYPES "BOOL, INT8, UINT8, INT16, INT32, UINT32, INT64 or FLOAT32"

static tflm_status cast_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 1 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (!cast_type_supported(input->type)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "input type %s not supported; expected " CAST_TYPES,
                         tflm_type_name_of(input->type));
    }
    if (!cast_type_supported(output->type)) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "output type %s not supported; expected " CAST_TYPES,
                         tflm_type_name_of(output->type));
    }
    if (tflm_element_count(output) != tflm_element_count(input)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(output), (int)tflm_element_count(input));
    }
    return TFLM_OK;
}

static tflm_status cast_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    tflm_tensor *output = tflm_output(ctx, node, 0);
    tflm_cast(input->type, input->data, output->type, output->data, tflm_element_count(input));
    return TFLM_OK;
}

const tflm_kernel tflm_op_cast = {
    .builtin_code = TFLM_BUILTIN_CAST,
    .custom_name = NULL,
    .name = "CAST",
    .prepare = cast_prepare,
    .invoke = cast_invoke,
    .output_aliases_input = false,
};
