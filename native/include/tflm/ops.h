/*
 * ops.h - the kernels this library provides, tflm_op_<name> for every line
 * of tflm/ops.def: tflm_op_add, tflm_op_conv_2d, ...,
 * tflm_op_fully_connected_int8. Register only those a model needs and the
 * linker leaves the rest out of the firmware:
 *
 *     const tflm_kernel *storage[2];
 *     tflm_op_resolver ops;
 *     tflm_op_resolver_init(&ops, storage, 2);
 *     tflm_op_resolver_add(&ops, &tflm_op_depthwise_conv_2d);
 *     tflm_op_resolver_add(&ops, &tflm_op_softmax);
 *
 * `./tflm resolver MODEL` writes these lines for a given model.
 */
#ifndef TFLM_OPS_H
#define TFLM_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "tflm/kernel.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TFLM_OP(name) extern const tflm_kernel tflm_op_##name;
#define TFLM_OP_INT8(name) extern const tflm_kernel tflm_op_##name;
#include "tflm/ops.def"

/* The number of TFLM_OP kernels: the storage tflm_op_resolver_add_all
 * needs. */
#define TFLM_OP(name) +1
#define TFLM_OP_INT8(name)
enum { TFLM_OP_COUNT = 0
#include "tflm/ops.def"
};

/* Registers every TFLM_OP kernel (not the INT8-only variants), for hosts and
 * tools, where size is no concern. The resolver needs room for
 * TFLM_OP_COUNT kernels: TFLM_ERROR_RESOLVER_FULL otherwise. */
tflm_status tflm_op_resolver_add_all(tflm_op_resolver *resolver);

/* A kernel of tflm/ops.def as tflm_op_table_entry describes it, for tools
 * that choose kernels (the Java CLI's `resolver` command) and for tests. */
typedef struct tflm_op_info {
    const struct tflm_kernel *kernel; /* for tflm_op_resolver_add            */
    const char *symbol;               /* its C name: "tflm_op_softmax_int8"  */
    const char *name;                 /* the op's: "SOFTMAX" (tflm_kernel)   */
    const char *custom_name;          /* a custom op's name, else NULL       */
    int32_t builtin_code;             /* tflm_builtin                        */
    bool int8_only;                   /* a TFLM_OP_INT8 variant              */
} tflm_op_info;

/* The number of kernels in tflm/ops.def, variants included. */
size_t tflm_op_table_size(void);

/* Describes kernel index of tflm/ops.def, in its order. INVALID_ARGUMENT
 * when index >= tflm_op_table_size() or info is NULL. */
tflm_status tflm_op_table_entry(size_t index, tflm_op_info *info);

#ifdef __cplusplus
}
#endif

#endif /* TFLM_OPS_H */
