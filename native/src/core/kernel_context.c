/*
 * kernel_context.c - the functions kernel.h gives kernels: tensors of a
 * node, quantization, builtin options, memory and errors. Options tables
 * were verified structurally (vtable and inline size inside the model), so
 * reading a field only needs its offset + size checked against the
 * table's inline size.
 */
#include <string.h>

#include "core/arena.h"
#include "core/flatbuffer.h"
#include "core/format.h"
#include "core/interpreter_state.h"
#include "core/model.h"

/* The node's tensors are those of the subgraph running (or preparing). */
static tflm_tensor *node_tensor(tflm_context *ctx, const tflm_int_array *list, int i)
{
    if (list == NULL || i < 0 || i >= list->size) {
        return NULL;
    }
    const tflm_subgraph *g = &ctx->subgraphs[ctx->current_subgraph];
    int32_t index = list->data[i];
    if (index < 0 || (uint32_t)index >= g->tensor_count) {
        return NULL;
    }
    return &g->tensors[index];
}

tflm_tensor *tflm_input(tflm_context *ctx, const tflm_node *node, int i)
{
    return node_tensor(ctx, node->inputs, i);
}

tflm_tensor *tflm_output(tflm_context *ctx, const tflm_node *node, int i)
{
    return node_tensor(ctx, node->outputs, i);
}

/* The elements of the vector field of table q, NULL when it has none. */
static const void *vector_elements(const uint8_t *buf, uint32_t q, unsigned field, uint32_t *count)
{
    uint32_t vector = fb_field_vector(buf, q, field);
    *count = fb_vector_length(buf, vector);
    return *count ? buf + vector + 4 : NULL;
}

void tflm_tensor_quantization(const tflm_context *ctx, const tflm_tensor *tensor,
                              tflm_quantization *quantization)
{
    memset(quantization, 0, sizeof *quantization);
    const uint8_t *buf = ctx->model;
    uint32_t table = tflm_tensor_table(ctx, tensor);
    uint32_t q = table ? fb_field_table(buf, table, TENSOR_QUANTIZATION) : 0;
    if (q == 0) {
        return;
    }
    /* Verified: inside the model and aligned for float / int64 reads. */
    quantization->scales = vector_elements(buf, q, QUANTIZATION_SCALE, &quantization->scale_count);
    quantization->zero_points =
        vector_elements(buf, q, QUANTIZATION_ZERO_POINT, &quantization->zero_point_count);
    quantization->quantized_dimension = fb_field_i32(buf, q, QUANTIZATION_QUANTIZED_DIMENSION);
}

int32_t tflm_element_count(const tflm_tensor *tensor)
{
    int32_t count = 1; /* the verifier bounds the product by 2^31 - 1 */
    for (int32_t d = 0; d < tensor->dims->size; d++) {
        count *= tensor->dims->data[d];
    }
    return count;
}

uint32_t tflm_type_size(tflm_type type)
{
    /* Bytes per tflm_type value 0..17; 0: no fixed size (STRING, VARIANT)
     * or less than a byte (INT4). RESOURCE elements are int32 ids (TFLM). */
    static const uint8_t sizes[] = {4, 2, 4, 1, 8, 0, 1, 2, 8, 1, 8, 16, 8, 4, 0, 4, 2, 0};
    return (unsigned)type < sizeof sizes ? sizes[type] : 0;
}

/* The bytes of a field of the node's options table, or NULL when the table
 * is of another type, absent, or lacks the field. */
static const uint8_t *option_field(const tflm_node *node, uint8_t expected_type, int field,
                                   uint32_t size)
{
    if (node->options == NULL || node->options_type != expected_type || field < 0 ||
        field > 0x7ffe) {
        return NULL;
    }
    const uint8_t *table = node->options;
    const uint8_t *vtable = table - fb_i32(table, 0);
    uint32_t entry = 4u + 2u * (uint32_t)field;
    if (entry + 2u > fb_u16(vtable, 0)) {
        return NULL;
    }
    uint16_t offset = fb_u16(vtable, entry);
    if (offset == 0 || (uint32_t)offset + size > fb_u16(vtable, 2)) {
        return NULL;
    }
    return table + offset;
}

int32_t tflm_option_int32(const tflm_context *ctx, const tflm_node *node, uint8_t expected_type,
                          int field, int32_t default_value)
{
    (void)ctx;
    const uint8_t *p = option_field(node, expected_type, field, 4);
    return p != NULL ? fb_i32(p, 0) : default_value;
}

int8_t tflm_option_int8(const tflm_context *ctx, const tflm_node *node, uint8_t expected_type,
                        int field, int8_t default_value)
{
    (void)ctx;
    const uint8_t *p = option_field(node, expected_type, field, 1);
    return p != NULL ? (int8_t)*p : default_value;
}

bool tflm_option_bool(const tflm_context *ctx, const tflm_node *node, uint8_t expected_type,
                      int field, bool default_value)
{
    (void)ctx;
    const uint8_t *p = option_field(node, expected_type, field, 1);
    return p != NULL ? *p != 0 : default_value;
}

float tflm_option_float(const tflm_context *ctx, const tflm_node *node, uint8_t expected_type,
                        int field, float default_value)
{
    (void)ctx;
    const uint8_t *p = option_field(node, expected_type, field, 4);
    float value = default_value;
    if (p != NULL) {
        uint32_t bits = fb_u32(p, 0);
        __builtin_memcpy(&value, &bits, sizeof value); /* a call with -ffreestanding */
    }
    return value;
}

/* Position of the vector (or string) a field of the node's options points
 * to, with *count its length, or 0 when absent or not inside the model
 * with count elements of element_size bytes (and 4-byte aligned when
 * aligned). The verifier does not know the vector fields of the ~130
 * options tables, so these are checked here. */
static uint32_t option_vector(const tflm_context *ctx, const tflm_node *node,
                              uint8_t expected_type, int field, uint32_t element_size,
                              bool aligned, uint32_t *count)
{
    const uint8_t *p = option_field(node, expected_type, field, 4);
    if (p == NULL) {
        return 0;
    }
    uint32_t at = (uint32_t)(p - ctx->model);
    uint64_t vector = (uint64_t)at + fb_u32(ctx->model, at);
    if (vector > ctx->model_size || ctx->model_size - vector < 4 ||
        (aligned && ((uintptr_t)(ctx->model + vector) & 3u) != 0)) {
        return 0;
    }
    *count = fb_u32(ctx->model, (uint32_t)vector);
    if ((uint64_t)*count * element_size > ctx->model_size - vector - 4) {
        return 0;
    }
    return (uint32_t)vector;
}

const tflm_int_array *tflm_option_int_vector(const tflm_context *ctx, const tflm_node *node,
                                             uint8_t expected_type, int field)
{
    uint32_t count;
    uint32_t vector = option_vector(ctx, node, expected_type, field, 4, true, &count);
    return vector != 0 ? (const tflm_int_array *)(const void *)(ctx->model + vector) : NULL;
}

const char *tflm_option_string(const tflm_context *ctx, const tflm_node *node,
                               uint8_t expected_type, int field, size_t *length)
{
    uint32_t count = 0;
    uint32_t vector = option_vector(ctx, node, expected_type, field, 1, false, &count);
    *length = vector != 0 ? count : 0;
    return vector != 0 ? (const char *)(ctx->model + vector + 4) : NULL;
}

void *tflm_alloc_persistent(tflm_context *ctx, size_t bytes)
{
    return tflm_preparing(ctx) ? tflm_arena_persistent(ctx->arena, bytes) : NULL;
}

void *tflm_alloc_persistent_for(tflm_context *ctx, size_t bytes, tflm_memory_purpose purpose)
{
    void *memory = tflm_alloc_persistent(ctx, bytes);
    if (memory != NULL && ctx->arena->tagged != NULL) { /* the memory report's count */
        ctx->arena->tagged[purpose] += (uint32_t)tflm_arena_round_persistent(bytes);
    }
    return memory;
}

tflm_status tflm_request_scratch(tflm_context *ctx, size_t bytes, int32_t *index)
{
    if (!tflm_preparing(ctx) || index == NULL || ctx->scratch_count >= INT32_MAX) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    if (bytes > UINT32_MAX - TFLM_ARENA_ALIGNMENT) {
        if (ctx->arena->shortfall == 0) {
            ctx->arena->shortfall = bytes;
        }
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    if (!tflm_add_request(ctx, (uint32_t)bytes, -1)) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    *index = (int32_t)ctx->scratch_count++;
    return TFLM_OK;
}

bool tflm_add_request(tflm_context *ctx, uint32_t bytes, int32_t callee)
{
    tflm_request *request = tflm_arena_temp(ctx->arena, sizeof *request);
    if (request != NULL) {
        if (ctx->scratch_count + ctx->call_count == 0) {
            ctx->requests = request;
        }
        *request = (tflm_request){bytes, ctx->current_node, ctx->current_subgraph, callee};
    }
    return request != NULL;
}

void *tflm_scratch(tflm_context *ctx, int32_t index)
{
    if (ctx->scratch == NULL || index < 0 || (uint32_t)index >= ctx->scratch_count) {
        return NULL;
    }
    return ctx->scratch[index];
}

tflm_status tflm_fail(tflm_context *ctx, tflm_status status, const char *format, ...)
{
    size_t n = 0;
    const tflm_subgraph *g = &ctx->subgraphs[ctx->current_subgraph];
    if (ctx->current_node >= 0 && (uint32_t)ctx->current_node < g->node_count) {
        n = tflm_message_start(ctx->message, ctx->current_subgraph, "operator %d (%s): ",
                               ctx->current_node, tflm_node_name(&g->nodes[ctx->current_node]));
    }
    va_list args;
    va_start(args, format);
    tflm_vformat(ctx->message, sizeof ctx->message, n, format, args);
    va_end(args);
    return status;
}

tflm_isa tflm_kernel_isa(const tflm_context *ctx)
{
    return ctx->isa;
}
