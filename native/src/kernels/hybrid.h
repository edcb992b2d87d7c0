/*
 * hybrid.h - what TF Lite's hybrid kernels (float32 activations, int8
 * weights, as dynamic-range quantization writes them) share: quantizing a
 * float vector to int8 at run time, symmetric or asymmetric as the op's
 * asymmetric_quantize_inputs option says. TF Lite's
 * tensor_utils::SymmetricQuantizeFloats and AsymmetricQuantizeFloats
 * (reference/portable_tensor_utils.cc), bit for bit, without libm. TFLM
 * refuses hybrid models; these follow TF Lite.
 */
#ifndef TFLM_KERNELS_HYBRID_H
#define TFLM_KERNELS_HYBRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* q = round(x * 127 / max|x|) in [-127, 127]; *scale = max|x| / 127 (1 and
 * all zeros when every x is 0). */
void tflm_hybrid_quantize_symmetric(const float *x, int32_t n, int8_t *q, float *scale);

/* q = round(offset + x / scale) in [-128, 127] over the range [min(x, 0),
 * max(x, 0)] split in 255 steps, the zero point nudged onto an integer
 * (1, 0 and all zeros when that range is empty). */
void tflm_hybrid_quantize_asymmetric(const float *x, int32_t n, int8_t *q, float *scale,
                                     int32_t *offset);

/* Whether every element is 0 (or -0): TF Lite skips the product then. */
bool tflm_hybrid_all_zero(const float *x, size_t n);

/* TF Lite's hybrid matrix product: out[b * rows + r] += (filter row r) .
 * (batch b of x), with x (batches x depth floats) quantized per batch (as
 * `asymmetric` says) and the int32 dot rescaled by its scale x the filter's
 * scale: filter_scales[0] for every row, or filter_scales[r] when
 * per_channel (the product then formed per row, as TF Lite's per-channel
 * path does); nothing when x is all zero. filter is rows x depth. scratch
 * holds, in order, batches scales (float), batches offsets and rows row
 * sums (int32) and batches x depth quantized values (int8). */
void tflm_hybrid_matmul_accumulate(const float *x, int32_t batches, int32_t depth,
                                   bool asymmetric, const int8_t *filter, int32_t rows,
                                   const float *filter_scales, bool per_channel, void *scratch,
                                   float *out);

#endif /* TFLM_KERNELS_HYBRID_H */
