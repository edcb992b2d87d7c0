/*
 * ops.h - the kernels this library provides. Register only those a model
 * needs and the linker leaves the rest out of the firmware:
 *
 *     tflm_op_resolver_add(&ops, &tflm_op_depthwise_conv_2d);
 *
 * `./tflm resolver MODEL` writes these lines for a given model.
 */
#ifndef TFLM_OPS_H
#define TFLM_OPS_H

#include "tflm/kernel.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const tflm_kernel tflm_op_add;
extern const tflm_kernel tflm_op_average_pool_2d;
extern const tflm_kernel tflm_op_conv_2d;
extern const tflm_kernel tflm_op_depthwise_conv_2d;
extern const tflm_kernel tflm_op_dequantize;
extern const tflm_kernel tflm_op_fully_connected;
extern const tflm_kernel tflm_op_max_pool_2d;
extern const tflm_kernel tflm_op_mul;
extern const tflm_kernel tflm_op_quantize;
extern const tflm_kernel tflm_op_reshape;
extern const tflm_kernel tflm_op_softmax;
extern const tflm_kernel tflm_op_svdf;

/* INT8-only variants of the kernels above, as TFLM's Register_*_INT8: they
 * reject other types in prepare and link no float code, which saves a few
 * KB on a Cortex-M without an FPU. `./tflm resolver` picks them for models
 * whose tensors are all integer. */
extern const tflm_kernel tflm_op_depthwise_conv_2d_int8;
extern const tflm_kernel tflm_op_fully_connected_int8;
extern const tflm_kernel tflm_op_softmax_int8; /* INT8 input, INT8 or INT16 output */

/* Registers every general kernel above (not the _int8 variants): for hosts
 * and tools, where size is no concern. */
tflm_status tflm_op_resolver_add_all(tflm_op_resolver *resolver);

#ifdef __cplusplus
}
#endif

#endif /* TFLM_OPS_H */
