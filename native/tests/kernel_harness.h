/* kernel_harness.h - runs one kernel's prepare and invoke without the
 * interpreter: a stand-in tflm_context implementing tflm/kernel.h over
 * tensors and option values the test sets up. Tests that use it link
 * kernel_harness.c; the core's implementation is then not pulled in. */
#ifndef TFLM_KERNEL_HARNESS_H
#define TFLM_KERNEL_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "tflm/builtin_options.h"
#include "tflm/kernel.h"

#define HARNESS_MAX_TENSORS 25
#define HARNESS_MAX_FIELDS 8
#define HARNESS_MAX_VECTOR 8

struct tflm_context {
    tflm_tensor tensors[HARNESS_MAX_TENSORS];
    tflm_quantization quantization[HARNESS_MAX_TENSORS];
    int32_t dims_storage[HARNESS_MAX_TENSORS][1 + TFLM_MAX_DIMS];
    float scale_storage[HARNESS_MAX_TENSORS];
    int64_t zero_point_storage[HARNESS_MAX_TENSORS];
    int32_t inputs[1 + HARNESS_MAX_TENSORS];
    int32_t outputs[1 + HARNESS_MAX_TENSORS];
    tflm_node node;
    uint8_t option_type;
    bool has_field[HARNESS_MAX_FIELDS];
    int32_t int_field[HARNESS_MAX_FIELDS];
    float float_field[HARNESS_MAX_FIELDS];
    int32_t vector_field[HARNESS_MAX_FIELDS][1 + HARNESS_MAX_VECTOR];
    bool has_vector[HARNESS_MAX_FIELDS];
    _Alignas(16) uint8_t persistent[4096];
    size_t persistent_used;
    void *scratch[4];
    size_t scratch_bytes[4]; /* as requested */
    int scratch_count;
    tflm_isa isa;        /* what tflm_kernel_isa answers: 0 (init) means SCALAR */
    char message[256];   /* tflm_fail's format, unformatted */
    char formatted[256]; /* and formatted as the interpreter does */
};

/* Starts a node for kernel with the given tensor counts; tensor i is input
 * i for i < inputs, then the output. */
void harness_init(tflm_context *ctx, const tflm_kernel *kernel, int inputs);
/* The same with several outputs: tensors inputs .. inputs + outputs - 1. */
void harness_init_outputs(tflm_context *ctx, const tflm_kernel *kernel, int inputs, int outputs);

/* Describes tensor i: type, dims, data (not copied), per-tensor quantization
 * (scale 0 = none). An input index of -1 marks an absent optional input. */
void harness_tensor(tflm_context *ctx, int i, tflm_type type, const int32_t *dims, int rank,
                    void *data, float scale, int32_t zero_point);
/* Per-channel quantization of tensor i: count scales and zero points (not
 * copied) along dimension quantized_dimension. */
void harness_per_channel(tflm_context *ctx, int i, const float *scales, const int64_t *zero_points,
                         uint32_t count, int32_t quantized_dimension);
void harness_absent_input(tflm_context *ctx, int input);

void harness_option_int(tflm_context *ctx, uint8_t options_type, int field, int32_t value);
void harness_option_float(tflm_context *ctx, uint8_t options_type, int field, float value);
/* An [int] field of count (<= HARNESS_MAX_VECTOR) values, copied. */
void harness_option_int_vector(tflm_context *ctx, uint8_t options_type, int field,
                               const int32_t *values, int count);
/* The same, naming the table and field as tflm/builtin_options.h does:
 * HARNESS_OPTION_INT(ctx, CONV_2D, STRIDE_W, 2) sets the stride_w field of a
 * Conv2DOptions table. */
#define HARNESS_OPTION_INT(ctx, table, field, value) \
    harness_option_int(ctx, TFLM_OPTIONS_##table, TFLM_##table##_OPTIONS_##field, value)
#define HARNESS_OPTION_FLOAT(ctx, table, field, value) \
    harness_option_float(ctx, TFLM_OPTIONS_##table, TFLM_##table##_OPTIONS_##field, value)

/* An int8 two-input node (ADD, MUL): a [1,2,2,2] (scale 0.05, zero point
 * -3) and b [1,1,1,2] broadcast over it (0.02, 4) into out [1,2,2,2]
 * (output_scale, -10). */
void harness_binary_s8(tflm_context *ctx, const tflm_kernel *kernel, int8_t *a, int8_t *b,
                       int8_t *out, float output_scale);

/* A custom op's options bytes (not copied). */
void harness_custom_options(tflm_context *ctx, const uint8_t *bytes, uint32_t size);

tflm_status harness_prepare(tflm_context *ctx);
/* Runs prepare and frees the node: true when prepare fails with status
 * and a message containing text; otherwise prints what it got. */
bool harness_rejects(tflm_context *ctx, tflm_status status, const char *text);
/* The kernel's reset hook (tflm_interpreter_reset_state), when it has one. */
tflm_status harness_reset(tflm_context *ctx);
tflm_status harness_invoke(tflm_context *ctx);
void harness_free(tflm_context *ctx);

#endif
