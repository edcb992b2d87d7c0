/* model_verifier.c - see model_verifier.h. The order of checks makes every
 * message able to name its place: a tensor's name is verified before any
 * other message quotes it. */
#include "core/model_verifier.h"

#include <stdarg.h>

#include "core/flatbuffer.h"
#include "core/flatbuffer_verifier.h"
#include "core/format.h"
#include "core/model.h"
#include "core/schema.h"
#include "tflm/kernel.h"

/* Names longer than this are cut in messages so the problem still fits. */
#define NAME_IN_MESSAGE 32

typedef struct model_verifier {
    fb_verifier fb;
    tflm_status status;    /* of the first failure */
    uint32_t buffers;      /* Model.buffers vector */
    uint32_t buffer_count;
    uint32_t opcode_count;
    uint32_t subgraph_count;
    uint32_t subgraph;     /* being verified */
    uint32_t tensor_count; /* of that subgraph */
} model_verifier;

/* A structural failure (fbv_* already wrote the message). */
static bool broken(model_verifier *mv)
{
    mv->status = TFLM_ERROR_MALFORMED_MODEL;
    return false;
}

/* A semantic failure: "[subgraph N ]" + formatted text. */
static bool fail(model_verifier *mv, tflm_status status, const char *format, ...)
{
    size_t n = 0;
    if (mv->subgraph > 0) {
        n = tflm_format(mv->fb.message, TFLM_ERROR_MESSAGE_CAPACITY, 0, "subgraph %u ", mv->subgraph);
    }
    va_list args;
    va_start(args, format);
    tflm_vformat(mv->fb.message, TFLM_ERROR_MESSAGE_CAPACITY, n, format, args);
    va_end(args);
    mv->status = status;
    return false;
}

static bool in_range(uint32_t index, uint32_t count, bool zero_always_ok)
{
    return index < count || (zero_always_ok && index == 0);
}

/* Checks a list of tensor indices: "<owner><kind> <i>: tensor index ...",
 * owner being e.g. "operator 12 " or "" for the subgraph's own lists. */
static bool verify_tensor_indices(model_verifier *mv, uint32_t vector, uint32_t count,
                                  bool optional_allowed, const char *owner, const char *kind)
{
    for (uint32_t i = 0; i < count; i++) {
        int32_t index = fb_i32(mv->fb.buf, vector + 4 + 4 * i);
        if (index == -1 && optional_allowed) {
            continue;
        }
        if (index < 0 || (uint32_t)index >= mv->tensor_count) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                        "%s%s %u: tensor index %d out of range (model has %u tensors)", owner,
                        kind, i, index, mv->tensor_count);
        }
    }
    return true;
}

static bool verify_int_vector(model_verifier *mv, uint32_t table, unsigned field,
                              uint32_t *vector, uint32_t *count, fb_where where)
{
    return fbv_vector(&mv->fb, table, field, 4, vector, count, where) || broken(mv);
}

static bool verify_scalar(model_verifier *mv, uint32_t table, unsigned field, uint32_t size,
                          uint32_t *pos, fb_where where)
{
    return fbv_field(&mv->fb, table, field, size, pos, where) || broken(mv);
}

static bool verify_operator_codes(model_verifier *mv, uint32_t model)
{
    uint32_t codes, count, pos;
    if (!fbv_vector(&mv->fb, model, MODEL_OPERATOR_CODES, 4, &codes, &count,
                    (fb_where){"operator codes", 0, 0})) {
        return broken(mv);
    }
    mv->opcode_count = count;
    for (uint32_t i = 0; i < count; i++) {
        fb_where where = {"operator code %u", i, 0};
        uint32_t code, name, name_length;
        if (!fbv_table_element(&mv->fb, codes, i, &code, where) ||
            !fbv_field(&mv->fb, code, OPERATOR_CODE_DEPRECATED_BUILTIN_CODE, 1, &pos, where) ||
            !fbv_field(&mv->fb, code, OPERATOR_CODE_VERSION, 4, &pos, where) ||
            !fbv_field(&mv->fb, code, OPERATOR_CODE_BUILTIN_CODE, 4, &pos, where) ||
            !fbv_vector(&mv->fb, code, OPERATOR_CODE_CUSTOM_CODE, 1, &name, &name_length, where)) {
            return broken(mv);
        }
        int32_t builtin = model_opcode_builtin(mv->fb.buf, code);
        if (builtin < 0 || builtin > TFLM_BUILTIN_CODE_MAX) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                        "operator code %u: builtin code %d out of range", i, builtin);
        }
        if (builtin == TFLM_BUILTIN_CUSTOM && name_length == 0) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                        "operator code %u: CUSTOM without a custom_code name", i);
        }
    }
    return true;
}

static bool verify_buffers(model_verifier *mv, uint32_t model)
{
    if (!fbv_vector(&mv->fb, model, MODEL_BUFFERS, 4, &mv->buffers, &mv->buffer_count,
                    (fb_where){"buffers", 0, 0})) {
        return broken(mv);
    }
    for (uint32_t i = 0; i < mv->buffer_count; i++) {
        fb_where where = {"buffer %u", i, 0};
        uint32_t buffer, data, length, offset, size;
        if (!fbv_table_element(&mv->fb, mv->buffers, i, &buffer, where) ||
            !fbv_vector(&mv->fb, buffer, BUFFER_DATA, 1, &data, &length, where) ||
            !fbv_field(&mv->fb, buffer, BUFFER_OFFSET, 8, &offset, where) ||
            !fbv_field(&mv->fb, buffer, BUFFER_SIZE, 8, &size, where)) {
            return broken(mv);
        }
        /* The schema gives offset meaning only above 1 (models over 2 GB). */
        if (offset != 0 && fb_u64(mv->fb.buf, offset) > 1) {
            return fail(mv, TFLM_ERROR_UNSUPPORTED,
                        "buffer %u: data outside the flatbuffer (offset/size) is not supported", i);
        }
    }
    return true;
}

static bool verify_quantization(model_verifier *mv, uint32_t tensor, fb_where where)
{
    uint32_t q, vector, count, pos, details;
    if (!fbv_table_field(&mv->fb, tensor, TENSOR_QUANTIZATION, &q, where)) {
        return broken(mv);
    }
    if (q == 0) {
        return true;
    }
    if (!fbv_vector(&mv->fb, q, QUANTIZATION_MIN, 4, &vector, &count, where) ||
        !fbv_vector(&mv->fb, q, QUANTIZATION_MAX, 4, &vector, &count, where) ||
        !fbv_vector(&mv->fb, q, QUANTIZATION_SCALE, 4, &vector, &count, where) ||
        !fbv_vector(&mv->fb, q, QUANTIZATION_ZERO_POINT, 8, &vector, &count, where) ||
        !fbv_field(&mv->fb, q, QUANTIZATION_QUANTIZED_DIMENSION, 4, &pos, where) ||
        !fbv_field(&mv->fb, q, QUANTIZATION_DETAILS_TYPE, 1, &pos, where) ||
        !fbv_table_field(&mv->fb, q, QUANTIZATION_DETAILS, &details, where)) {
        return broken(mv);
    }
    uint8_t details_type = pos ? fb_u8(mv->fb.buf, pos) : 0;
    if (details_type > QUANTIZATION_DETAILS_MAX) {
        fbv_fail(&mv->fb, "quantization details type out of range", pos, where);
        return broken(mv);
    }
    if (details != 0 &&
        !fbv_vector(&mv->fb, details, CUSTOM_QUANTIZATION_CUSTOM, 1, &vector, &count, where)) {
        return broken(mv);
    }
    return true;
}

/* VariantSubType tables: only meaningful for VARIANT tensors, which the
 * interpreter rejects, but verified like every other part of the model. */
static bool verify_variant_tensors(model_verifier *mv, uint32_t tensor, fb_where where)
{
    uint32_t vector, count, sub, shape, dims, pos;
    if (!fbv_vector(&mv->fb, tensor, TENSOR_VARIANT_TENSORS, 4, &vector, &count, where)) {
        return broken(mv);
    }
    for (uint32_t i = 0; i < count; i++) {
        if (!fbv_table_element(&mv->fb, vector, i, &sub, where) ||
            !fbv_vector(&mv->fb, sub, VARIANT_SUBTYPE_SHAPE, 4, &shape, &dims, where) ||
            !fbv_field(&mv->fb, sub, VARIANT_SUBTYPE_TYPE, 1, &pos, where)) {
            return broken(mv);
        }
    }
    return true;
}

static bool verify_tensor(model_verifier *mv, uint32_t tensors, uint32_t t)
{
    fb_where where = {"tensor %u", t, 0};
    uint32_t tensor, name, name_length, shape, dims, pos, vector, count;
    if (!fbv_table_element(&mv->fb, tensors, t, &tensor, where) ||
        !fbv_vector(&mv->fb, tensor, TENSOR_NAME, 1, &name, &name_length, where)) {
        return broken(mv);
    }
    /* From here on messages quote the name. */
    int shown = name_length > NAME_IN_MESSAGE ? NAME_IN_MESSAGE : (int)name_length;
    const char *chars = name ? (const char *)mv->fb.buf + name + 4 : "";
    char label[32 + NAME_IN_MESSAGE];
    tflm_format(label, sizeof label, 0, "tensor %u (%.*s)", t, shown, chars);

    if (!verify_int_vector(mv, tensor, TENSOR_SHAPE, &shape, &dims, where) ||
        !verify_scalar(mv, tensor, TENSOR_TYPE, 1, &pos, where)) {
        return false;
    }
    uint8_t type = pos ? fb_u8(mv->fb.buf, pos) : TFLM_TYPE_FLOAT32;
    if (type > TFLM_TENSOR_TYPE_MAX) {
        return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "%s: type %u out of range", label, type);
    }
    if (dims > TFLM_MAX_DIMS) {
        return fail(mv, TFLM_ERROR_UNSUPPORTED, "%s: %u dimensions, at most %u supported", label,
                    dims, (unsigned)TFLM_MAX_DIMS);
    }
    uint64_t elements = 1;
    for (uint32_t d = 0; d < dims; d++) {
        int32_t dim = fb_i32(mv->fb.buf, shape + 4 + 4 * d);
        if (dim < 0) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "%s: dimension %u is negative (%d)", label,
                        d, dim);
        }
        elements *= (uint64_t)dim; /* <= 2^31 * 2^31 before the check below */
        if (elements > INT32_MAX) {
            return fail(mv, TFLM_ERROR_UNSUPPORTED, "%s: more than 2^31-1 elements", label);
        }
    }
    uint64_t bytes = elements * tflm_type_size((tflm_type)type);
    if (bytes > UINT32_MAX) {
        return fail(mv, TFLM_ERROR_UNSUPPORTED, "%s: byte size exceeds 4 GiB", label);
    }

    if (!verify_scalar(mv, tensor, TENSOR_BUFFER, 4, &pos, where)) {
        return false;
    }
    uint32_t buffer = pos ? fb_u32(mv->fb.buf, pos) : 0;
    if (!in_range(buffer, mv->buffer_count, true)) {
        return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "%s: buffer %u out of range (model has %u buffers)",
                    label, buffer, mv->buffer_count);
    }
    uint32_t length;
    uint32_t data = model_tensor_data(mv->fb.buf, tensor, &length);
    uint32_t type_size = tflm_type_size((tflm_type)type);
    if (data != 0 && type_size != 0) {
        if (length != bytes) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "%s: buffer %u holds %u bytes, shape needs %u",
                        label, buffer, length, (unsigned)bytes);
        }
        uint32_t alignment = type_size > 8 ? 8 : type_size;
        if (((uintptr_t)(mv->fb.buf + data) & (alignment - 1u)) != 0) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                        "%s: data of buffer %u at offset %u is not aligned to %u bytes", label,
                        buffer, data, alignment);
        }
    }

    if (!verify_quantization(mv, tensor, where) ||
        !verify_scalar(mv, tensor, TENSOR_IS_VARIABLE, 1, &pos, where) ||
        !verify_scalar(mv, tensor, TENSOR_HAS_RANK, 1, &pos, where) ||
        !verify_int_vector(mv, tensor, TENSOR_SHAPE_SIGNATURE, &vector, &count, where) ||
        !verify_variant_tensors(mv, tensor, where) ||
        !verify_scalar(mv, tensor, TENSOR_SPARSITY, 4, &pos, where)) {
        return false;
    }
    if (pos != 0) {
        return fail(mv, TFLM_ERROR_UNSUPPORTED, "%s: sparse tensors are not supported", label);
    }
    return true;
}

static bool verify_options_union(model_verifier *mv, uint32_t op, unsigned type_field,
                                 unsigned table_field, unsigned max_type, fb_where where)
{
    uint32_t pos, options;
    if (!verify_scalar(mv, op, type_field, 1, &pos, where)) {
        return false;
    }
    if (pos != 0 && fb_u8(mv->fb.buf, pos) > max_type) {
        return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "operator %u: options type %u out of range",
                    where.a, fb_u8(mv->fb.buf, pos));
    }
    return fbv_table_field(&mv->fb, op, table_field, &options, where) || broken(mv);
}

static bool verify_operator(model_verifier *mv, uint32_t operators, uint32_t o)
{
    fb_where where = {"operator %u", o, 0};
    uint32_t op, pos, inputs, input_count, outputs, output_count, vector, count;
    if (!fbv_table_element(&mv->fb, operators, o, &op, where)) {
        return broken(mv);
    }
    if (!verify_scalar(mv, op, OPERATOR_OPCODE_INDEX, 4, &pos, where)) {
        return false;
    }
    uint32_t opcode = pos ? fb_u32(mv->fb.buf, pos) : 0;
    if (opcode >= mv->opcode_count) {
        return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                    "operator %u: opcode index %u out of range (model has %u operator codes)", o,
                    opcode, mv->opcode_count);
    }
    char owner[24];
    tflm_format(owner, sizeof owner, 0, "operator %u ", o);
    if (!verify_int_vector(mv, op, OPERATOR_INPUTS, &inputs, &input_count, where) ||
        !verify_tensor_indices(mv, inputs, input_count, true, owner, "input") ||
        !verify_int_vector(mv, op, OPERATOR_OUTPUTS, &outputs, &output_count, where) ||
        !verify_tensor_indices(mv, outputs, output_count, false, owner, "output") ||
        !verify_int_vector(mv, op, OPERATOR_INTERMEDIATES, &vector, &count, where) ||
        !verify_tensor_indices(mv, vector, count, false, owner, "intermediate") ||
        !verify_options_union(mv, op, OPERATOR_BUILTIN_OPTIONS_TYPE, OPERATOR_BUILTIN_OPTIONS,
                              TFLM_BUILTIN_OPTIONS_MAX, where) ||
        !verify_options_union(mv, op, OPERATOR_BUILTIN_OPTIONS_2_TYPE, OPERATOR_BUILTIN_OPTIONS_2,
                              TFLM_BUILTIN_OPTIONS_2_MAX, where) ||
        !verify_scalar(mv, op, OPERATOR_CUSTOM_OPTIONS_FORMAT, 1, &pos, where)) {
        return false;
    }
    if (!fbv_vector(&mv->fb, op, OPERATOR_CUSTOM_OPTIONS, 1, &vector, &count, where) ||
        !fbv_vector(&mv->fb, op, OPERATOR_MUTATING_VARIABLE_INPUTS, 1, &vector, &count, where) ||
        !fbv_field(&mv->fb, op, OPERATOR_LARGE_CUSTOM_OPTIONS_SIZE, 8, &pos, where) ||
        !fbv_field(&mv->fb, op, OPERATOR_LARGE_CUSTOM_OPTIONS_OFFSET, 8, &pos, where)) {
        return broken(mv);
    }
    if (pos != 0 && fb_u64(mv->fb.buf, pos) > 1) {
        return fail(mv, TFLM_ERROR_UNSUPPORTED,
                    "operator %u: custom options outside the flatbuffer are not supported", o);
    }
    return true;
}

static bool verify_subgraph(model_verifier *mv, uint32_t subgraphs, uint32_t s)
{
    fb_where where = {"subgraph %u", s, 0};
    uint32_t sg, tensors, operators, operator_count, vector, count;
    mv->subgraph = s;
    if (!fbv_table_element(&mv->fb, subgraphs, s, &sg, where) ||
        !fbv_vector(&mv->fb, sg, SUBGRAPH_NAME, 1, &vector, &count,
                    (fb_where){"subgraph %u name", s, 0}) ||
        !fbv_vector(&mv->fb, sg, SUBGRAPH_TENSORS, 4, &tensors, &mv->tensor_count,
                    (fb_where){"subgraph %u tensors vector", s, 0}) ||
        !fbv_vector(&mv->fb, sg, SUBGRAPH_OPERATORS, 4, &operators, &operator_count,
                    (fb_where){"subgraph %u operators vector", s, 0})) {
        return broken(mv);
    }
    for (uint32_t t = 0; t < mv->tensor_count; t++) {
        if (!verify_tensor(mv, tensors, t)) {
            return false;
        }
    }
    if (!verify_int_vector(mv, sg, SUBGRAPH_INPUTS, &vector, &count, where) ||
        !verify_tensor_indices(mv, vector, count, false, "", "input") ||
        !verify_int_vector(mv, sg, SUBGRAPH_OUTPUTS, &vector, &count, where) ||
        !verify_tensor_indices(mv, vector, count, false, "", "output")) {
        return false;
    }
    for (uint32_t o = 0; o < operator_count; o++) {
        if (!verify_operator(mv, operators, o)) {
            return false;
        }
    }
    return true;
}

/* Metadata{name, buffer} and the deprecated metadata_buffer list. */
static bool verify_metadata(model_verifier *mv, uint32_t model)
{
    uint32_t vector, count, table, name, length, pos;
    if (!verify_int_vector(mv, model, MODEL_METADATA_BUFFER, &vector, &count,
                           (fb_where){"metadata_buffer", 0, 0})) {
        return false;
    }
    for (uint32_t i = 0; i < count; i++) {
        uint32_t buffer = fb_u32(mv->fb.buf, vector + 4 + 4 * i);
        if (!in_range(buffer, mv->buffer_count, false)) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "metadata_buffer %u: buffer %u out of range",
                        i, buffer);
        }
    }
    if (!fbv_vector(&mv->fb, model, MODEL_METADATA, 4, &vector, &count, (fb_where){"metadata", 0, 0})) {
        return broken(mv);
    }
    for (uint32_t i = 0; i < count; i++) {
        fb_where where = {"metadata %u", i, 0};
        if (!fbv_table_element(&mv->fb, vector, i, &table, where) ||
            !fbv_vector(&mv->fb, table, METADATA_NAME, 1, &name, &length, where) ||
            !fbv_field(&mv->fb, table, METADATA_BUFFER, 4, &pos, where)) {
            return broken(mv);
        }
        uint32_t buffer = pos ? fb_u32(mv->fb.buf, pos) : 0;
        if (!in_range(buffer, mv->buffer_count, false)) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL, "metadata %u: buffer %u out of range", i,
                        buffer);
        }
    }
    return true;
}

/* TensorMap{name, tensor_index} lists of a SignatureDef. */
static bool verify_tensor_maps(model_verifier *mv, uint32_t signature, unsigned field,
                               uint32_t s, uint32_t tensor_count)
{
    uint32_t vector, count, map, name, length, pos;
    fb_where where = {"signature_def %u", s, 0};
    if (!fbv_vector(&mv->fb, signature, field, 4, &vector, &count, where)) {
        return broken(mv);
    }
    for (uint32_t i = 0; i < count; i++) {
        if (!fbv_table_element(&mv->fb, vector, i, &map, where) ||
            !fbv_vector(&mv->fb, map, TENSOR_MAP_NAME, 1, &name, &length, where) ||
            !fbv_field(&mv->fb, map, TENSOR_MAP_TENSOR_INDEX, 4, &pos, where)) {
            return broken(mv);
        }
        uint32_t tensor = pos ? fb_u32(mv->fb.buf, pos) : 0;
        if (tensor >= tensor_count) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                        "signature_def %u: tensor index %u out of range (subgraph has %u tensors)", s,
                        tensor, tensor_count);
        }
    }
    return true;
}

static bool verify_signature_defs(model_verifier *mv, uint32_t model)
{
    uint32_t vector, count, signature, key, length, pos;
    if (!fbv_vector(&mv->fb, model, MODEL_SIGNATURE_DEFS, 4, &vector, &count,
                    (fb_where){"signature_defs", 0, 0})) {
        return broken(mv);
    }
    for (uint32_t s = 0; s < count; s++) {
        fb_where where = {"signature_def %u", s, 0};
        if (!fbv_table_element(&mv->fb, vector, s, &signature, where) ||
            !fbv_vector(&mv->fb, signature, SIGNATURE_DEF_SIGNATURE_KEY, 1, &key, &length, where) ||
            !fbv_field(&mv->fb, signature, SIGNATURE_DEF_SUBGRAPH_INDEX, 4, &pos, where)) {
            return broken(mv);
        }
        uint32_t subgraph = pos ? fb_u32(mv->fb.buf, pos) : 0;
        if (subgraph >= mv->subgraph_count) {
            return fail(mv, TFLM_ERROR_MALFORMED_MODEL,
                        "signature_def %u: subgraph %u out of range (model has %u subgraphs)", s,
                        subgraph, mv->subgraph_count);
        }
        uint32_t tensors = fb_field_vector(mv->fb.buf, model_subgraph(mv->fb.buf, subgraph),
                                           SUBGRAPH_TENSORS);
        uint32_t tensor_count = fb_vector_length(mv->fb.buf, tensors);
        if (!verify_tensor_maps(mv, signature, SIGNATURE_DEF_INPUTS, s, tensor_count) ||
            !verify_tensor_maps(mv, signature, SIGNATURE_DEF_OUTPUTS, s, tensor_count)) {
            return false;
        }
    }
    return true;
}

/* A 4-character identifier at bytes 4..8 that is not TFL3 means another
 * kind of file; bytes that are not printable mean the (optional)
 * identifier is absent. */
static bool foreign_identifier(const uint8_t *buf)
{
    static const char expected[4] = {'T', 'F', 'L', '3'};
    bool printable = true;
    for (int i = 0; i < 4; i++) {
        printable = printable && buf[4 + i] >= 0x20 && buf[4 + i] < 0x7f;
    }
    return printable && memcmp(buf + 4, expected, 4) != 0;
}

tflm_status tflm_verify_model(const void *model, size_t size, char *message)
{
    model_verifier mv = {.fb = {.buf = model, .message = message}, .status = TFLM_OK};
    message[0] = '\0';
    if (size > UINT32_MAX) {
        fail(&mv, TFLM_ERROR_UNSUPPORTED, "model: %z bytes, at most 4 GiB supported", size);
        return mv.status;
    }
    mv.fb.size = (uint32_t)size;
    if (size < 8) {
        fail(&mv, TFLM_ERROR_MALFORMED_MODEL, "model: truncated at offset %z reading the header", size);
        return mv.status;
    }
    if (foreign_identifier(mv.fb.buf)) {
        fail(&mv, TFLM_ERROR_MALFORMED_MODEL, "model: file identifier \"%.*s\" is not TFL3", 4,
             (const char *)mv.fb.buf + 4);
        return mv.status;
    }
    uint32_t root = fb_u32(mv.fb.buf, 0), pos, subgraphs, description, length;
    if (root < 4) {
        fail(&mv, TFLM_ERROR_MALFORMED_MODEL, "model: root offset %u invalid", root);
        return mv.status;
    }
    fb_where where = {"model", 0, 0};
    if (!fbv_table(&mv.fb, root, where) || !fbv_field(&mv.fb, root, MODEL_VERSION, 4, &pos, where)) {
        return TFLM_ERROR_MALFORMED_MODEL;
    }
    uint32_t version = pos ? fb_u32(mv.fb.buf, pos) : 0;
    if (version != TFLM_SCHEMA_VERSION) {
        fail(&mv, TFLM_ERROR_UNSUPPORTED, "model: schema version %u is not supported (expected 3)",
             version);
        return mv.status;
    }
    if (!fbv_vector(&mv.fb, root, MODEL_DESCRIPTION, 1, &description, &length, where) ||
        !fbv_vector(&mv.fb, root, MODEL_SUBGRAPHS, 4, &subgraphs, &mv.subgraph_count, where)) {
        return TFLM_ERROR_MALFORMED_MODEL;
    }
    if (mv.subgraph_count == 0) {
        fail(&mv, TFLM_ERROR_MALFORMED_MODEL, "model: no subgraphs");
        return mv.status;
    }
    if (!verify_operator_codes(&mv, root) || !verify_buffers(&mv, root)) {
        return mv.status;
    }
    for (uint32_t s = 0; s < mv.subgraph_count; s++) {
        if (!verify_subgraph(&mv, subgraphs, s)) {
            return mv.status;
        }
    }
    mv.subgraph = 0;
    if (!verify_metadata(&mv, root) || !verify_signature_defs(&mv, root)) {
        return mv.status;
    }
    return TFLM_OK;
}
