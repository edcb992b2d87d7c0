/*
 * model_verifier.h - checks a TensorFlow Lite model (schema version 3)
 * completely before anything reads it with flatbuffer.h: the structure of
 * every table, vector and string of every subgraph, every tensor, buffer
 * and operator-code index, the enums (tensor type, builtin code, options
 * union tags), tensor shapes and byte sizes, and the length of constant
 * data (whatever its alignment: the interpreter copies data not aligned for
 * its type). All subgraphs are verified, as the interpreter builds and
 * prepares every one.
 *
 * A model the verifier accepts can be read with the unchecked accessors of
 * flatbuffer.h/model.h for every field listed in schema.h.
 */
#ifndef TFLM_CORE_MODEL_VERIFIER_H
#define TFLM_CORE_MODEL_VERIFIER_H

#include <stddef.h>
#include <stdint.h>

#include "tflm/tflm.h"

/* TFLM_OK, TFLM_ERROR_MALFORMED_MODEL (broken structure or index) or
 * TFLM_ERROR_UNSUPPORTED (valid, but a feature this runtime lacks: another
 * schema version, sparse tensors, data outside the flatbuffer). message
 * (TFLM_ERROR_MESSAGE_CAPACITY bytes) says what is wrong and where. */
tflm_status tflm_verify_model(const void *model, size_t size, char *message);

/* What create calls instead in a TFLM_VERIFY=build-time library
 * (tflm/verified_models.h): TFLM_OK when the model's size and CRC-32 are
 * those of a model the build verified with tflm_verify_model, else
 * TFLM_ERROR_MALFORMED_MODEL with a message. */
tflm_status tflm_check_verified_model(const void *model, size_t size, char *message);

#endif /* TFLM_CORE_MODEL_VERIFIER_H */
