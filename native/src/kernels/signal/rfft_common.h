/*
 * rfft_common.h - what SignalRfft (rfft.c) and SignalIrfft (irfft.c)
 * share: their options, T (the TensorType of input and output: INT16,
 * INT32 or FLOAT32) and fft_length (even, its half made of the factors 2,
 * 3 and 5), and kiss_fft's plan for that type (fft_kiss.h) with its
 * twiddles, persistent and computed in prepare.
 */
#ifndef TFLM_SIGNAL_RFFT_COMMON_H
#define TFLM_SIGNAL_RFFT_COMMON_H

#include "fft_kiss.h"
#include "tflm/kernel.h"

typedef struct rfft_data {
    union {
        fft_int16_plan int16;
        fft_int32_plan int32;
        fft_float_plan f32;
    } plan;
    uint8_t type;       /* of the samples: INT16, INT32 or FLOAT32 */
    int32_t fft_length; /* real samples: twice plan's n            */
    int32_t rows;       /* transforms an invoke runs               */
    int32_t scratch;    /* the kernel's work buffer                */
} rfft_data;

/* Reads the options, checks that the node has one input and one output of
 * type T and the same rank, and sets *data up with a forward or inverse
 * plan. Shapes beyond the rank are the kernel's to check. */
tflm_status rfft_prepare_common(tflm_context *ctx, tflm_node *node, bool inverse,
                                rfft_data **data);

#endif /* TFLM_SIGNAL_RFFT_COMMON_H */
