#include "fw_tensor.h"

#include <string.h>

#include "fw_print.h"

#define LCG_SEED 12345u
#define LCG_MULTIPLIER 6364136223846793005u
#define LCG_INCREMENT 1442695040888963407u

/* The float (k / 2^24) * 2 - 1 == (k - 2^23) / 2^23 for k < 2^24, exact in
 * float, built from its bits: no soft-float code on cores without an FPU. */
static uint32_t lcg_real_bits(uint32_t k)
{
    uint32_t sign = k < 0x800000u ? 0x80000000u : 0;
    uint32_t magnitude = sign ? 0x800000u - k : k - 0x800000u; /* <= 2^23 */
    if (magnitude == 0) {
        return 0;
    }
    int top = 31 - __builtin_clz(magnitude); /* magnitude / 2^23 in [2^(top-23), 2^(top-22)) */
    uint32_t fraction = (magnitude << (23 - top)) & 0x7fffffu;
    return sign | (uint32_t)(127 + top - 23) << 23 | fraction;
}

tflm_status fw_fill_golden_inputs(tflm_interpreter *interp)
{
    uint64_t s = LCG_SEED;
    for (size_t i = 0; i < tflm_interpreter_input_count(interp); ++i) {
        tflm_tensor_info in;
        tflm_status status = tflm_interpreter_input(interp, i, &in);
        if (status != TFLM_OK) {
            return status;
        }
        uint8_t *data = in.data;
        if (in.type == TFLM_TYPE_FLOAT32) {
            for (size_t e = 0; e < in.bytes / 4; ++e) {
                s = s * LCG_MULTIPLIER + LCG_INCREMENT;
                uint32_t bits = lcg_real_bits((uint32_t)(s >> 40));
                memcpy(data + 4 * e, &bits, 4);
            }
        } else {
            for (size_t b = 0; b < in.bytes; ++b) {
                s = s * LCG_MULTIPLIER + LCG_INCREMENT;
                data[b] = (uint8_t)(s >> 56);
            }
        }
    }
    return TFLM_OK;
}

const char *fw_type_name(tflm_type type)
{
    switch (type) {
    case TFLM_TYPE_FLOAT32: return "FLOAT32";
    case TFLM_TYPE_INT32: return "INT32";
    case TFLM_TYPE_UINT8: return "UINT8";
    case TFLM_TYPE_INT64: return "INT64";
    case TFLM_TYPE_BOOL: return "BOOL";
    case TFLM_TYPE_INT16: return "INT16";
    case TFLM_TYPE_INT8: return "INT8";
    default: return "OTHER";
    }
}

tflm_status fw_print_outputs(tflm_interpreter *interp)
{
    for (size_t i = 0; i < tflm_interpreter_output_count(interp); ++i) {
        tflm_tensor_info out;
        tflm_status status = tflm_interpreter_output(interp, i, &out);
        if (status != TFLM_OK) {
            return status;
        }
        fw_print("output ");
        fw_print_uint(i);
        fw_print(" ");
        fw_print(fw_type_name(out.type));
        fw_print(" [");
        for (int32_t d = 0; d < out.dims_count; ++d) {
            if (d > 0) {
                fw_print(",");
            }
            fw_print_int(out.dims[d]);
        }
        fw_print("] ");
        fw_print_hex(out.data, out.bytes);
        fw_print("\n");
    }
    return TFLM_OK;
}

int fw_fail(const char *what, const char *message)
{
    fw_print("error: ");
    fw_print(what);
    fw_print(": ");
    fw_print(message);
    fw_print("\n");
    return 1;
}

tflm_status fw_resolver_of(tflm_op_resolver *ops, const tflm_kernel **slots,
                           const tflm_kernel *const *kernels, size_t count)
{
    tflm_op_resolver_init(ops, slots, count);
    tflm_status status = TFLM_OK;
    for (size_t i = 0; i < count && status == TFLM_OK; i++) {
        status = tflm_op_resolver_add(ops, kernels[i]);
    }
    return status;
}
