/* model.c - the readers of model.h. */
#include "core/model.h"

uint32_t model_subgraph(const uint8_t *buf, uint32_t index)
{
    return fb_vector_table(buf, fb_field_vector(buf, model_root(buf), MODEL_SUBGRAPHS), index);
}

int32_t model_opcode_builtin(const uint8_t *buf, uint32_t opcode)
{
    int32_t deprecated = (int8_t)fb_field_u8(buf, opcode, OPERATOR_CODE_DEPRECATED_BUILTIN_CODE);
    int32_t code = fb_field_i32(buf, opcode, OPERATOR_CODE_BUILTIN_CODE);
    return deprecated > code ? deprecated : code;
}

uint32_t model_opcode(const uint8_t *buf, uint32_t index)
{
    return fb_vector_table(buf, fb_field_vector(buf, model_root(buf), MODEL_OPERATOR_CODES), index);
}

uint32_t model_tensor_data(const uint8_t *buf, uint32_t tensor, uint32_t *length)
{
    uint32_t buffers = fb_field_vector(buf, model_root(buf), MODEL_BUFFERS);
    uint32_t index = fb_field_u32(buf, tensor, TENSOR_BUFFER);
    *length = 0;
    if (index >= fb_vector_length(buf, buffers)) {
        return 0; /* only buffer 0 of a model without buffers gets here */
    }
    uint32_t data = fb_field_vector(buf, fb_vector_table(buf, buffers, index), BUFFER_DATA);
    *length = fb_vector_length(buf, data);
    return *length ? data + 4 : 0;
}
