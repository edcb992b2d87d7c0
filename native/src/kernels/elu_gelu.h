/*
 * elu_gelu.h - ELU's and GELU's float functions (elu_gelu.c has the ops;
 * their int8 paths are tables of these, lut_s8.h).
 */
#ifndef TFLM_KERNELS_ELU_GELU_H
#define TFLM_KERNELS_ELU_GELU_H

/* x < 0 ? e^x - 1 : x (TFLM's reference Elu, expm1). */
float tflm_elu_f32(float x);

/* ELU's int8 table function: TFLM builds it with exp(x) - 1.0f, not expm1. */
float tflm_elu_table_f32(float x);

/* TF Lite's GeluTransform: 0.5 x erfc(-x / sqrt 2). */
float tflm_gelu_f32(float x);

/* TF Lite's GeluTransformApproximate: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
float tflm_gelu_approximate_f32(float x);

#endif /* TFLM_KERNELS_ELU_GELU_H */
