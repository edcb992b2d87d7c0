/*
 * fw_tensor.h - helpers the firmware examples share around the interpreter:
 * the golden input generator of ../shared/golden (a 64-bit LCG), printing
 * tensors in the golden files' format, and a resolver of given kernels.
 */
#ifndef FW_TENSOR_H
#define FW_TENSOR_H

#include "tflm/kernel.h"
#include "tflm/tflm.h"

/* Fills every input in order from the LCG of ../shared/golden/README.md
 * (seed 12345): one byte (s >> 56) per byte of integer tensors, one value
 * ((s >> 40) / 2^24) * 2 - 1 per float32 element. */
tflm_status fw_fill_golden_inputs(tflm_interpreter *interp);

/* "output <index> <TYPE> [<shape>] <hex>\n" for every output, as in the
 * golden files. */
tflm_status fw_print_outputs(tflm_interpreter *interp);

/* "INT8", "FLOAT32", ...: the schema's name of a tensor type. */
const char *fw_type_name(tflm_type type);

/* Initializes ops over slots (count entries) and adds the count kernels to
 * it: a resolver of exactly the kernels a firmware links. */
tflm_status fw_resolver_of(tflm_op_resolver *ops, const tflm_kernel **slots,
                           const tflm_kernel *const *kernels, size_t count);

/* Prints "error: <what>: <message>\n" and returns 1, for main to return. */
int fw_fail(const char *what, const char *message);

#endif /* FW_TENSOR_H */
