/*
 * all_ops.c - every kernel of tflm/ops.def at once: tflm_op_resolver_add_all
 * and the table that describes them, for hosts and tools. Firmware
 * registers only what its model needs, so the linker leaves these (and the
 * unused kernels) out; the two are kept apart so that add_all links no
 * INT8-only variant.
 */
#include "tflm/ops.h"

tflm_status tflm_op_resolver_add_all(tflm_op_resolver *resolver)
{
    static const tflm_kernel *const kernels[] = {
#define TFLM_OP(name) &tflm_op_##name,
#define TFLM_OP_INT8(name)
#include "tflm/ops.def"
    };
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; ++i) {
        tflm_status status = tflm_op_resolver_add(resolver, kernels[i]);
        if (status != TFLM_OK) {
            return status;
        }
    }
    return TFLM_OK;
}

typedef struct op_entry {
    const tflm_kernel *kernel;
    const char *symbol;
    bool int8_only;
} op_entry;

static const op_entry table[] = {
#define TFLM_OP(name) {&tflm_op_##name, "tflm_op_" #name, false},
#define TFLM_OP_INT8(name) {&tflm_op_##name, "tflm_op_" #name, true},
#include "tflm/ops.def"
};

size_t tflm_op_table_size(void)
{
    return sizeof table / sizeof table[0];
}

tflm_status tflm_op_table_entry(size_t index, tflm_op_info *info)
{
    if (index >= tflm_op_table_size() || info == NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    const op_entry *entry = &table[index];
    *info = (tflm_op_info){
        .kernel = entry->kernel,
        .symbol = entry->symbol,
        .name = entry->kernel->name,
        .custom_name = entry->kernel->custom_name,
        .builtin_code = entry->kernel->builtin_code,
        .int8_only = entry->int8_only,
    };
    return TFLM_OK;
}
