/*
 * model.h - what the interpreter reads from a verified model
 * (model_verifier.h), named after the schema: the root, subgraphs, tensors,
 * operators, operator codes and buffers. Positions as in flatbuffer.h.
 */
#ifndef TFLM_CORE_MODEL_H
#define TFLM_CORE_MODEL_H

#include "core/flatbuffer.h"
#include "core/schema.h"

/* Out of line (model.c) for the same reason as flatbuffer.h's navigation. */

static inline uint32_t model_root(const uint8_t *buf) { return fb_u32(buf, 0); }

/* The table of subgraph index. */
uint32_t model_subgraph(const uint8_t *buf, uint32_t index);

/* The effective builtin code of an OperatorCode: the larger of the old
 * int8 field and the int32 one (models written before the int32 field
 * existed only have the first; newer ones put 127 there for large codes). */
int32_t model_opcode_builtin(const uint8_t *buf, uint32_t opcode);

/* The OperatorCode table of operator code index. */
uint32_t model_opcode(const uint8_t *buf, uint32_t index);

/* The constant data of a tensor: position of its first byte, 0 when the
 * tensor has none (no buffer, or an empty one). */
uint32_t model_tensor_data(const uint8_t *buf, uint32_t tensor, uint32_t *length);

#endif /* TFLM_CORE_MODEL_H */
