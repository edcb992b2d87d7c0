#include "kernel_harness.h"

#include "core/format.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void harness_init(tflm_context *ctx, const tflm_kernel *kernel, int inputs)
{
    harness_init_outputs(ctx, kernel, inputs, 1);
}

void harness_init_outputs(tflm_context *ctx, const tflm_kernel *kernel, int inputs, int outputs)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->inputs[0] = inputs;
    for (int i = 0; i < inputs; ++i) {
        ctx->inputs[1 + i] = i;
    }
    ctx->outputs[0] = outputs;
    for (int i = 0; i < outputs; ++i) {
        ctx->outputs[1 + i] = inputs + i;
    }
    ctx->node.inputs = (const tflm_int_array *)ctx->inputs;
    ctx->node.outputs = (const tflm_int_array *)ctx->outputs;
    ctx->node.kernel = kernel;
}

void harness_custom_options(tflm_context *ctx, const uint8_t *bytes, uint32_t size)
{
    ctx->node.custom_options = bytes;
    ctx->node.custom_options_size = size;
}

tflm_status harness_reset(tflm_context *ctx)
{
    return ctx->node.kernel->reset ? ctx->node.kernel->reset(ctx, &ctx->node) : TFLM_OK;
}

void harness_tensor(tflm_context *ctx, int i, tflm_type type, const int32_t *dims, int rank,
                    void *data, float scale, int32_t zero_point)
{
    tflm_tensor *t = &ctx->tensors[i];
    ctx->dims_storage[i][0] = rank;
    int64_t count = 1;
    for (int d = 0; d < rank; ++d) {
        ctx->dims_storage[i][1 + d] = dims[d];
        count *= dims[d];
    }
    t->dims = (const tflm_int_array *)ctx->dims_storage[i];
    t->data = data;
    t->type = (uint8_t)type;
    t->bytes = (uint32_t)(count * tflm_type_size(type));
    memset(&ctx->quantization[i], 0, sizeof ctx->quantization[i]);
    if (scale != 0.0f) {
        ctx->scale_storage[i] = scale;
        ctx->zero_point_storage[i] = zero_point;
        ctx->quantization[i].scales = &ctx->scale_storage[i];
        ctx->quantization[i].zero_points = &ctx->zero_point_storage[i];
        ctx->quantization[i].scale_count = 1;
        ctx->quantization[i].zero_point_count = 1;
    }
}

void harness_per_channel(tflm_context *ctx, int i, const float *scales, const int64_t *zero_points,
                         uint32_t count, int32_t quantized_dimension)
{
    ctx->quantization[i].scales = scales;
    ctx->quantization[i].zero_points = zero_points;
    ctx->quantization[i].scale_count = count;
    ctx->quantization[i].zero_point_count = count;
    ctx->quantization[i].quantized_dimension = quantized_dimension;
}

void harness_binary_s8(tflm_context *ctx, const tflm_kernel *kernel, int8_t *a, int8_t *b,
                       int8_t *out, float output_scale)
{
    const int32_t da[4] = {1, 2, 2, 2}, db[4] = {1, 1, 1, 2};
    harness_init(ctx, kernel, 2);
    harness_tensor(ctx, 0, TFLM_TYPE_INT8, da, 4, a, 0.05f, -3);
    harness_tensor(ctx, 1, TFLM_TYPE_INT8, db, 4, b, 0.02f, 4);
    harness_tensor(ctx, 2, TFLM_TYPE_INT8, da, 4, out, output_scale, -10);
}

void harness_absent_input(tflm_context *ctx, int input)
{
    ctx->inputs[1 + input] = -1;
}

void harness_option_int(tflm_context *ctx, uint8_t options_type, int field, int32_t value)
{
    ctx->option_type = options_type;
    ctx->has_field[field] = true;
    ctx->int_field[field] = value;
    ctx->node.options_type = options_type;
}

void harness_option_float(tflm_context *ctx, uint8_t options_type, int field, float value)
{
    ctx->option_type = options_type;
    ctx->has_field[field] = true;
    ctx->float_field[field] = value;
    ctx->node.options_type = options_type;
}

void harness_option_int_vector(tflm_context *ctx, uint8_t options_type, int field,
                               const int32_t *values, int count)
{
    ctx->option_type = options_type;
    ctx->has_vector[field] = true;
    ctx->vector_field[field][0] = count;
    memcpy(&ctx->vector_field[field][1], values, (size_t)count * sizeof *values);
    ctx->node.options_type = options_type;
}

tflm_status harness_prepare(tflm_context *ctx)
{
    ctx->message[0] = '\0';
    ctx->formatted[0] = '\0';
    return ctx->node.kernel->prepare(ctx, &ctx->node);
}

bool harness_rejects(tflm_context *ctx, tflm_status status, const char *text)
{
    const tflm_status got = harness_prepare(ctx);
    const bool rejected = got == status && strstr(ctx->formatted, text) != NULL;
    if (!rejected) {
        fprintf(stderr, "prepare gave status %d, \"%s\"; expected %d, \"...%s...\"\n", (int)got,
                ctx->formatted, (int)status, text);
    }
    harness_free(ctx);
    return rejected;
}

tflm_status harness_invoke(tflm_context *ctx)
{
    return ctx->node.kernel->invoke(ctx, &ctx->node);
}

void harness_free(tflm_context *ctx)
{
    for (int i = 0; i < ctx->scratch_count; ++i) {
        free(ctx->scratch[i]);
        ctx->scratch[i] = NULL;
    }
    ctx->scratch_count = 0;
}

/* ---- tflm/kernel.h over the harness ---------------------------------------- */

tflm_tensor *tflm_input(tflm_context *ctx, const tflm_node *node, int i)
{
    if (i < 0 || i >= node->inputs->size || node->inputs->data[i] < 0) {
        return NULL;
    }
    return &ctx->tensors[node->inputs->data[i]];
}

tflm_tensor *tflm_output(tflm_context *ctx, const tflm_node *node, int i)
{
    if (i < 0 || i >= node->outputs->size) {
        return NULL;
    }
    return &ctx->tensors[node->outputs->data[i]];
}

void tflm_tensor_quantization(const tflm_context *ctx, const tflm_tensor *tensor,
                              tflm_quantization *quantization)
{
    *quantization = ctx->quantization[tensor - ctx->tensors];
}

int32_t tflm_element_count(const tflm_tensor *tensor)
{
    int32_t count = 1;
    for (int32_t i = 0; i < tensor->dims->size; ++i) {
        count *= tensor->dims->data[i];
    }
    return count;
}

uint32_t tflm_type_size(tflm_type type)
{
    switch (type) {
    case TFLM_TYPE_FLOAT32: case TFLM_TYPE_INT32: case TFLM_TYPE_UINT32: return 4;
    case TFLM_TYPE_INT16: case TFLM_TYPE_UINT16: case TFLM_TYPE_FLOAT16: return 2;
    case TFLM_TYPE_INT8: case TFLM_TYPE_UINT8: case TFLM_TYPE_BOOL: return 1;
    case TFLM_TYPE_INT64: case TFLM_TYPE_FLOAT64: case TFLM_TYPE_UINT64: return 8;
    default: return 0;
    }
}

static bool has(const tflm_context *ctx, uint8_t type, int field)
{
    return ctx->option_type == type && field >= 0 && field < HARNESS_MAX_FIELDS && ctx->has_field[field];
}

int32_t tflm_option_int32(const tflm_context *ctx, const tflm_node *node, uint8_t type, int field,
                          int32_t default_value)
{
    (void)node;
    return has(ctx, type, field) ? ctx->int_field[field] : default_value;
}

int8_t tflm_option_int8(const tflm_context *ctx, const tflm_node *node, uint8_t type, int field,
                        int8_t default_value)
{
    (void)node;
    return has(ctx, type, field) ? (int8_t)ctx->int_field[field] : default_value;
}

bool tflm_option_bool(const tflm_context *ctx, const tflm_node *node, uint8_t type, int field,
                      bool default_value)
{
    (void)node;
    return has(ctx, type, field) ? ctx->int_field[field] != 0 : default_value;
}

float tflm_option_float(const tflm_context *ctx, const tflm_node *node, uint8_t type, int field,
                        float default_value)
{
    (void)node;
    return has(ctx, type, field) ? ctx->float_field[field] : default_value;
}

const tflm_int_array *tflm_option_int_vector(const tflm_context *ctx, const tflm_node *node,
                                             uint8_t type, int field)
{
    (void)node;
    if (ctx->option_type != type || field < 0 || field >= HARNESS_MAX_FIELDS ||
        !ctx->has_vector[field]) {
        return NULL;
    }
    return (const tflm_int_array *)ctx->vector_field[field];
}

void *tflm_alloc_persistent(tflm_context *ctx, size_t bytes)
{
    size_t start = (ctx->persistent_used + 15) & ~(size_t)15;
    if (start + bytes > sizeof ctx->persistent) {
        return NULL;
    }
    ctx->persistent_used = start + bytes;
    memset(ctx->persistent + start, 0, bytes);
    return ctx->persistent + start;
}

void *tflm_alloc_persistent_for(tflm_context *ctx, size_t bytes, tflm_memory_purpose purpose)
{
    (void)purpose; /* the harness keeps no memory report */
    return tflm_alloc_persistent(ctx, bytes);
}

tflm_status tflm_request_scratch(tflm_context *ctx, size_t bytes, int32_t *index)
{
    if (ctx->scratch_count == 4) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    /* Filled with garbage: kernels must not rely on scratch contents. */
    ctx->scratch[ctx->scratch_count] = malloc(bytes + 16);
    memset(ctx->scratch[ctx->scratch_count], 0xa5, bytes + 16);
    ctx->scratch_bytes[ctx->scratch_count] = bytes;
    *index = ctx->scratch_count++;
    return TFLM_OK;
}

void *tflm_scratch(tflm_context *ctx, int32_t index)
{
    return ctx->scratch[index];
}

tflm_status tflm_fail(tflm_context *ctx, tflm_status status, const char *format, ...)
{
    snprintf(ctx->message, sizeof ctx->message, "%s", format);
    va_list args;
    va_start(args, format);
    tflm_vformat(ctx->formatted, sizeof ctx->formatted, 0, format, args);
    va_end(args);
    return status;
}

/* The harness runs the reference kernels (their node glue is what it tests)
 * unless a test sets ctx->isa; the SIMD variants' arithmetic is tested
 * against them in test_x86_kernels.c. */
tflm_isa tflm_kernel_isa(const tflm_context *ctx)
{
    return ctx->isa == TFLM_ISA_BEST ? TFLM_ISA_SCALAR : ctx->isa;
}
