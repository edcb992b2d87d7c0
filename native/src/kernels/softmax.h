/*
 * softmax.h - the pure compute functions of SOFTMAX, over the last axis of
 * a tensor seen as `rows` rows of `depth` elements, its node data and its
 * variant hook (variant.h).
 *
 * Quantized softmax is TensorFlow Lite's reference_ops::Softmax: input
 * differences to the row maximum are scaled (beta x input scale) into Q5.26,
 * exponentiated with gemmlowp's fixed-point exp, summed in Q12.19, and each
 * exp is multiplied by the fixed-point reciprocal of the sum.
 */
#ifndef TFLM_SOFTMAX_H
#define TFLM_SOFTMAX_H

#include <stdbool.h>
#include <stdint.h>

#include "fixed_point.h"
#include "fixed_point_math.h"
#include "variant.h"

/* Scaling of an int8 softmax, from tflm_softmax_quant_params. */
typedef struct tflm_softmax_quant {
    int32_t input_multiplier; /* Q31, beta x input_scale x 2^26 / 2^left_shift */
    int32_t input_left_shift; /* >= 0                                        */
    int32_t diff_min;         /* differences below it contribute exp = 0     */
} tflm_softmax_quant;

/* TensorFlow Lite's PreprocessSoftmaxScaling (5 integer bits) and
 * CalculateInputRadius, in double as TFLM computes them. Returns false when
 * beta x input_scale x 2^26 is not above 1 (TFLM rejects that too). */
bool tflm_softmax_quant_params(tflm_double beta, tflm_double input_scale, tflm_softmax_quant *quant);

/* The kernels' signatures, for variants. */
typedef void (*tflm_softmax_s8_fn)(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                                   const int8_t *input, int8_t *output);
typedef void (*tflm_softmax_s8_s16_fn)(const tflm_softmax_quant *quant, int32_t rows,
                                       int32_t depth, const int8_t *input, int16_t *output);
typedef void (*tflm_softmax_f32_fn)(float beta, int32_t rows, int32_t depth, const float *input,
                                    float *output);

/* The steps of the int8 softmax that LOG_SOFTMAX shares. */

/* exp(beta * input_scale * diff) in Q0 for diff_min <= diff <= 0. */
static inline int32_t tflm_softmax_exp_q0(const tflm_softmax_quant *quant, int32_t diff)
{
    /* MultiplyByQuantizedMultiplierGreaterThanOne: diff_min keeps the
     * shifted value inside int32. */
    const int32_t rescaled = tflm_saturating_rounding_doubling_high_mul(
        (int32_t)((uint32_t)diff << quant->input_left_shift), quant->input_multiplier);
    return tflm_fp_exp_on_negative_values(rescaled, 5);
}

static inline int32_t tflm_softmax_s8_row_max(const int8_t *row, int32_t depth)
{
    int32_t max = INT8_MIN;
    for (int32_t c = 0; c < depth; ++c) {
        max = row[c] > max ? row[c] : max;
    }
    return max;
}

/* The exps of a row's differences to its maximum from diff_min on, summed
 * in Q12.19 (plain int32 additions, as gemmlowp). */
static inline int32_t tflm_softmax_s8_sum_of_exps(const tflm_softmax_quant *quant,
                                                  const int8_t *row, int32_t depth,
                                                  int32_t max_in_row)
{
    int32_t sum = 0;
    for (int32_t c = 0; c < depth; ++c) {
        const int32_t diff = (int32_t)row[c] - max_in_row;
        if (diff >= quant->diff_min) {
            sum = tflm_fp_add(sum, tflm_rounding_divide_by_pot(tflm_softmax_exp_q0(quant, diff), 12));
        }
    }
    return sum;
}

/* int8 input (any scale) -> int8 output (scale 1/256, zero point -128). */
void tflm_softmax_s8(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                     const int8_t *input, int8_t *output);

/* int8 input -> int16 output (scale 1/65536, zero point -32768). */
void tflm_softmax_s8_s16(const tflm_softmax_quant *quant, int32_t rows, int32_t depth,
                         const int8_t *input, int16_t *output);

/* float32: exp((x - max) * beta) / sum, in float (exp: tflm_expf). */
void tflm_softmax_f32(float beta, int32_t rows, int32_t depth, const float *input, float *output);

/* Scaling and tables of an int16 softmax (TFLM's SoftmaxInt16): input
 * differences to the row maximum rescaled so that [-65535, 0] stands for
 * [-10, 0], exp and 1 / (1 + x) from interpolated tables (lut.h). */
typedef struct tflm_softmax_s16_params {
    int32_t input_multiplier; /* Q31, input_scale x beta / (10 / 65535) */
    int32_t input_shift;
    const int16_t *exp_lut;                 /* TFLM_LUT_S16_SIZE entries */
    const int16_t *one_over_one_plus_x_lut; /* TFLM_LUT_S16_SIZE entries */
} tflm_softmax_s16_params;

/* int16 input (zero point 0) -> int16 output (scale 1/32768, zero point 0).
 * depth at most 65535, so that a row's sum of exps fits an int32. */
void tflm_softmax_s16(const tflm_softmax_s16_params *params, int32_t rows, int32_t depth,
                      const int16_t *input, int16_t *output);

/* Fills the two tables an int16 softmax uses (TFLM_LUT_S16_SIZE entries
 * each): exp over [-10, 0] and 1 / (1 + x) over [0, 1]. */
void tflm_softmax_s16_tables(int16_t *exp_lut, int16_t *one_over_one_plus_x_lut);

#ifndef TFLM_VARIANT_SOFTMAX
#define TFLM_VARIANT_SOFTMAX 0
#endif

/* What prepare keeps in node->data: the input as rows x depth. */
typedef struct tflm_softmax_data {
    union {                            /* by the input's type: */
        tflm_softmax_quant quant;      /*   int8               */
        tflm_softmax_s16_params s16;   /*   int16              */
        float beta;                    /*   float32            */
    };
    int32_t rows;
    int32_t depth;
#if TFLM_VARIANT_SOFTMAX
    tflm_variant variant;
#endif
} tflm_softmax_data;

#if TFLM_VARIANT_SOFTMAX
TFLM_VARIANT_HOOK(tflm_softmax_variant, tflm_softmax_data);
#define TFLM_SOFTMAX_VARIANT(data) (&(data)->variant)
#else
TFLM_NO_VARIANT_HOOK(tflm_softmax_variant, tflm_softmax_data)
#define TFLM_SOFTMAX_VARIANT(data) NULL
#endif

#endif /* TFLM_SOFTMAX_H */
