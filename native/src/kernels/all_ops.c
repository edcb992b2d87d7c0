/*
 * all_ops.c - tflm_op_resolver_add_all: every kernel of tflm/ops.h in one
 * resolver, for hosts and tools. Firmware registers only what its model
 * needs, so the linker leaves this file (and the unused kernels) out.
 */
#include "tflm/ops.h"

tflm_status tflm_op_resolver_add_all(tflm_op_resolver *resolver)
{
    static const tflm_kernel *const kernels[] = {
        &tflm_op_add,
        &tflm_op_average_pool_2d,
        &tflm_op_conv_2d,
        &tflm_op_depthwise_conv_2d,
        &tflm_op_dequantize,
        &tflm_op_fully_connected,
        &tflm_op_max_pool_2d,
        &tflm_op_mul,
        &tflm_op_quantize,
        &tflm_op_reshape,
        &tflm_op_softmax,
        &tflm_op_svdf,
    };
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; ++i) {
        tflm_status status = tflm_op_resolver_add(resolver, kernels[i]);
        if (status != TFLM_OK) {
            return status;
        }
    }
    return TFLM_OK;
}
