/*
 * model.h - what the interpreter reads from a verified model
 * (model_verifier.h), named after the schema: the root, subgraphs, tensors,
 * operators, operator codes and buffers. Positions as in flatbuffer.h.
 */
#ifndef TFLM_CORE_MODEL_H
#define TFLM_CORE_MODEL_H

#include "core/flatbuffer.h"
#include "core/schema.h"

static inline uint32_t model_root(const uint8_t *buf) { return fb_u32(buf, 0); }

static inline uint32_t model_subgraph(const uint8_t *buf, uint32_t index)
{
    return fb_vector_table(buf, fb_field_vector(buf, model_root(buf), MODEL_SUBGRAPHS), index);
}

/* The effective builtin code of an OperatorCode: the larger of the old
 * int8 field and the int32 one (models written before the int32 field
 * existed only have the first; newer ones put 127 there for large codes). */
static inline int32_t model_opcode_builtin(const uint8_t *buf, uint32_t opcode)
{
    int32_t deprecated = (int8_t)fb_field_u8(buf, opcode, OPERATOR_CODE_DEPRECATED_BUILTIN_CODE, 0);
    int32_t code = fb_field_i32(buf, opcode, OPERATOR_CODE_BUILTIN_CODE, 0);
    return deprecated > code ? deprecated : code;
}

static inline uint32_t model_opcode(const uint8_t *buf, uint32_t index)
{
    return fb_vector_table(buf, fb_field_vector(buf, model_root(buf), MODEL_OPERATOR_CODES), index);
}

/* The constant data of a tensor: position of its first byte, 0 when the
 * tensor has none (no buffer, or an empty one). */
static inline uint32_t model_tensor_data(const uint8_t *buf, uint32_t tensor, uint32_t *length)
{
    uint32_t buffers = fb_field_vector(buf, model_root(buf), MODEL_BUFFERS);
    uint32_t index = fb_field_u32(buf, tensor, TENSOR_BUFFER, 0);
    *length = 0;
    if (index >= fb_vector_length(buf, buffers)) {
        return 0; /* only buffer 0 of a model without buffers gets here */
    }
    uint32_t data = fb_field_vector(buf, fb_vector_table(buf, buffers, index), BUFFER_DATA);
    *length = fb_vector_length(buf, data);
    return *length ? data + 4 : 0;
}

#endif /* TFLM_CORE_MODEL_H */
