/*
 * fw_tensor.h - helpers the firmware examples share around the interpreter:
 * the golden input generator of ../shared/golden (a 64-bit LCG) and printing
 * tensors in the golden files' format.
 */
#ifndef FW_TENSOR_H
#define FW_TENSOR_H

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

/* Prints "error: <what>: <message>\n" and returns 1, for main to return. */
int fw_fail(const char *what, const char *message);

#endif /* FW_TENSOR_H */
