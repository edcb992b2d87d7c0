/*
 * schema.h - facts of TensorFlow Lite's flatbuffer schema (version 3) that
 * the reader uses: the field number of every field read, and the ranges of
 * the enums checked. Field numbers count from 0 in declaration order.
 */
#ifndef TFLM_CORE_SCHEMA_H
#define TFLM_CORE_SCHEMA_H

enum { TFLM_SCHEMA_VERSION = 3 };

enum tflm_model_field {
    MODEL_VERSION = 0,
    MODEL_OPERATOR_CODES = 1,
    MODEL_SUBGRAPHS = 2,
    MODEL_DESCRIPTION = 3,
    MODEL_BUFFERS = 4,
    MODEL_METADATA_BUFFER = 5,
    MODEL_METADATA = 6,
    MODEL_SIGNATURE_DEFS = 7
};

enum tflm_subgraph_field {
    SUBGRAPH_TENSORS = 0,
    SUBGRAPH_INPUTS = 1,
    SUBGRAPH_OUTPUTS = 2,
    SUBGRAPH_OPERATORS = 3,
    SUBGRAPH_NAME = 4
};

enum tflm_tensor_field {
    TENSOR_SHAPE = 0,
    TENSOR_TYPE = 1,
    TENSOR_BUFFER = 2,
    TENSOR_NAME = 3,
    TENSOR_QUANTIZATION = 4,
    TENSOR_IS_VARIABLE = 5,
    TENSOR_SPARSITY = 6,
    TENSOR_SHAPE_SIGNATURE = 7,
    TENSOR_HAS_RANK = 8,
    TENSOR_VARIANT_TENSORS = 9
};

enum tflm_quantization_field {
    QUANTIZATION_MIN = 0,
    QUANTIZATION_MAX = 1,
    QUANTIZATION_SCALE = 2,
    QUANTIZATION_ZERO_POINT = 3,
    QUANTIZATION_DETAILS_TYPE = 4,
    QUANTIZATION_DETAILS = 5,
    QUANTIZATION_QUANTIZED_DIMENSION = 6
};

/* QuantizationDetails union: NONE or CustomQuantization{custom:[ubyte]}. */
enum { QUANTIZATION_DETAILS_MAX = 1, CUSTOM_QUANTIZATION_CUSTOM = 0 };

/* VariantSubType{shape:[int], type:TensorType, has_rank:bool}. */
enum { VARIANT_SUBTYPE_SHAPE = 0, VARIANT_SUBTYPE_TYPE = 1 };

enum tflm_operator_field {
    OPERATOR_OPCODE_INDEX = 0,
    OPERATOR_INPUTS = 1,
    OPERATOR_OUTPUTS = 2,
    OPERATOR_BUILTIN_OPTIONS_TYPE = 3,
    OPERATOR_BUILTIN_OPTIONS = 4,
    OPERATOR_CUSTOM_OPTIONS = 5,
    OPERATOR_CUSTOM_OPTIONS_FORMAT = 6,
    OPERATOR_MUTATING_VARIABLE_INPUTS = 7,
    OPERATOR_INTERMEDIATES = 8,
    OPERATOR_LARGE_CUSTOM_OPTIONS_OFFSET = 9,
    OPERATOR_LARGE_CUSTOM_OPTIONS_SIZE = 10,
    OPERATOR_BUILTIN_OPTIONS_2_TYPE = 11,
    OPERATOR_BUILTIN_OPTIONS_2 = 12
};

enum tflm_operator_code_field {
    OPERATOR_CODE_DEPRECATED_BUILTIN_CODE = 0,
    OPERATOR_CODE_CUSTOM_CODE = 1,
    OPERATOR_CODE_VERSION = 2,
    OPERATOR_CODE_BUILTIN_CODE = 3
};

enum tflm_buffer_field { BUFFER_DATA = 0, BUFFER_OFFSET = 1, BUFFER_SIZE = 2 };

enum tflm_metadata_field { METADATA_NAME = 0, METADATA_BUFFER = 1 };

enum tflm_signature_def_field {
    SIGNATURE_DEF_INPUTS = 0,
    SIGNATURE_DEF_OUTPUTS = 1,
    SIGNATURE_DEF_SIGNATURE_KEY = 2,
    SIGNATURE_DEF_SUBGRAPH_INDEX = 4 /* field 3 is deprecated_tag */
};

enum tflm_tensor_map_field { TENSOR_MAP_NAME = 0, TENSOR_MAP_TENSOR_INDEX = 1 };

/* Largest TensorType the verifier accepts; those of BuiltinOperator and the
 * BuiltinOptions unions come from the schema (tflm/builtin_codes.h,
 * tflm/builtin_options.h). */
enum { TFLM_TENSOR_TYPE_MAX = 17 /* INT4 */ };

#endif /* TFLM_CORE_SCHEMA_H */
