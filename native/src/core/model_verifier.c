/* model_verifier.c - see model_verifier.h. Two passes: the structure of
 * everything (flatbuffer_verifier.c walking the schema tables below), then
 * what the structure means (enums, indices between tables, shapes and
 * data), read with the unchecked accessors the first pass made safe. */
#include "core/model_verifier.h"

#include <stdarg.h>

#include "core/flatbuffer.h"
#include "core/flatbuffer_verifier.h"
#include "core/format.h"
#include "core/model.h"
#include "core/schema.h"
#include "tflm/builtin_options.h" /* the *_MAX of the BuiltinOptions unions */
#include "tflm/kernel.h"

/* ---- Structure: the schema's tables as data ------------------------------ */

enum {
    T_MODEL, T_OPERATOR_CODE, T_SUBGRAPH, T_TENSOR, T_QUANTIZATION, T_CUSTOM_QUANTIZATION,
    T_VARIANT_SUBTYPE, T_OPERATOR, T_OPTIONS, T_BUFFER, T_METADATA, T_SIGNATURE_DEF, T_TENSOR_MAP
};

/* Each table's fields in schema order (schema.h numbers them), ended by
 * FB_END, the tables in T_ order. Tensor.sparsity is a table the runtime
 * rejects when present, so only its offset is checked; options tables are
 * read field by field through kernel_context.c, which checks each against
 * the verified table's inline size. */
static const uint8_t schema_fields[] = {
    /* T_MODEL */
    FB_U32, FB_SUB(FB_TABLES, T_OPERATOR_CODE), FB_SUB(FB_TABLES, T_SUBGRAPH), FB_BYTES,
    FB_SUB(FB_TABLES, T_BUFFER), FB_WORDS, FB_SUB(FB_TABLES, T_METADATA),
    FB_SUB(FB_TABLES, T_SIGNATURE_DEF), FB_END,
    /* T_OPERATOR_CODE */
    FB_U8, FB_BYTES, FB_U32, FB_U32, FB_END,
    /* T_SUBGRAPH */
    FB_SUB(FB_TABLES, T_TENSOR), FB_WORDS, FB_WORDS, FB_SUB(FB_TABLES, T_OPERATOR), FB_BYTES, FB_END,
    /* T_TENSOR */
    FB_WORDS, FB_U8, FB_U32, FB_BYTES, FB_SUB(FB_TABLE, T_QUANTIZATION), FB_U8, FB_U32, FB_WORDS,
    FB_U8, FB_SUB(FB_TABLES, T_VARIANT_SUBTYPE), FB_END,
    /* T_QUANTIZATION */
    FB_WORDS, FB_WORDS, FB_WORDS, FB_QWORDS, FB_U8, FB_SUB(FB_TABLE, T_CUSTOM_QUANTIZATION),
    FB_U32, FB_END,
    /* T_CUSTOM_QUANTIZATION */
    FB_BYTES, FB_END,
    /* T_VARIANT_SUBTYPE */
    FB_WORDS, FB_U8, FB_U8, FB_END,
    /* T_OPERATOR */
    FB_U32, FB_WORDS, FB_WORDS, FB_U8, FB_SUB(FB_TABLE, T_OPTIONS), FB_BYTES, FB_U8, FB_BYTES,
    FB_WORDS, FB_U64, FB_U64, FB_U8, FB_SUB(FB_TABLE, T_OPTIONS), FB_END,
    /* T_OPTIONS */
    FB_END,
    /* T_BUFFER */
    FB_BYTES, FB_U64, FB_U64, FB_END,
    /* T_METADATA */
    FB_BYTES, FB_U32, FB_END,
    /* T_SIGNATURE_DEF */
    FB_SUB(FB_TABLES, T_TENSOR_MAP), FB_SUB(FB_TABLES, T_TENSOR_MAP), FB_BYTES, FB_SKIP, FB_U32,
    FB_END,
    /* T_TENSOR_MAP */
    FB_BYTES, FB_U32, FB_END};

/* The tables' names in messages, in T_ order. */
static const char schema_names[] = "model\0operator code\0subgraph\0tensor\0quantization\0"
                                   "details\0variant\0operator\0options\0buffer\0metadata\0"
                                   "signature_def\0tensor map";

/* ---- Meaning ------------------------------------------------------------- */

/* Names longer than this are cut in messages so the problem still fits. */
#define NAME_IN_MESSAGE 32

typedef struct model_check {
    const uint8_t *buf;
    char *message;
    tflm_status status;    /* of the first failure */
    uint32_t root;
    uint32_t buffer_count;
    uint32_t opcode_count;
    uint32_t subgraph;     /* being checked */
    uint32_t tensors;      /* of that subgraph: its vector of tensor tables */
    uint32_t tensor_count;
    /* What is being checked, which each message starts with: a format of
     * its index (and, for a tensor, its name's length and characters),
     * e.g. "operator %u"; set per item, formatted only on failure. */
    const char *owner;
    uint32_t index;
    uint32_t name_length;
    const char *name;
} model_check;

static void set_owner(model_check *mc, const char *owner, uint32_t index)
{
    mc->owner = owner;
    mc->index = index;
}

/* "[subgraph N ]" + the owner + formatted text, and false. */
static bool fail(model_check *mc, tflm_status status, const char *format, ...)
{
    size_t n = tflm_message_start(mc->message, mc->subgraph, mc->owner, mc->index,
                                  (int)mc->name_length, mc->name);
    va_list args;
    va_start(args, format);
    tflm_vformat(mc->message, TFLM_ERROR_MESSAGE_CAPACITY, n, format, args);
    va_end(args);
    mc->status = status;
    return false;
}

/* An index into a list of count things (noun: "buffer", "tensor", ...). */
static bool in_range(model_check *mc, const char *noun, uint32_t index, uint32_t count)
{
    return index < count ||
           fail(mc, TFLM_ERROR_MALFORMED_MODEL, ": %s %u out of range (model has %u %ss)", noun,
                index, count, noun);
}

static bool enum_in_range(model_check *mc, const char *what, int32_t value, int32_t max)
{
    return (value >= 0 && value <= max) ||
           fail(mc, TFLM_ERROR_MALFORMED_MODEL, ": %s %d out of range", what, value);
}

/* A 64-bit offset/size pair pointing outside the flatbuffer: the schema
 * gives it meaning only above 1 (models over 2 GB), which no MCU holds. */
static bool data_inside(model_check *mc, uint32_t table, unsigned field)
{
    uint32_t pos = fb_field(mc->buf, table, field);
    return pos == 0 || fb_u64(mc->buf, pos) <= 1 ||
           fail(mc, TFLM_ERROR_UNSUPPORTED, ": data outside the flatbuffer is not supported");
}

/* Constant data of a tensor: its buffer's, unless it is a variable (whose
 * buffer holds the initial value). */
static bool is_constant(const uint8_t *buf, uint32_t tensor)
{
    uint32_t length;
    return fb_field_u8(buf, tensor, TENSOR_IS_VARIABLE) == 0 &&
           model_tensor_data(buf, tensor, &length) != 0;
}

/* How a list of tensor indices may refer to tensors. */
enum { INDICES_READ, INDICES_READ_OPTIONAL, INDICES_WRITTEN };

/* Tensor indices of a list: "<owner><kind> <i>: tensor index ...". Lists
 * something writes (operator outputs, subgraph inputs) name no constant:
 * its data is the model's, in flash. */
static bool tensor_indices(model_check *mc, uint32_t table, unsigned field, int use,
                           const char *kind)
{
    uint32_t vector = fb_field_vector(mc->buf, table, field);
    for (uint32_t i = 0; i < fb_vector_length(mc->buf, vector); i++) {
        int32_t index = fb_i32(mc->buf, vector + 4 + 4 * i);
        if ((index < 0 || (uint32_t)index >= mc->tensor_count) &&
            !(index == -1 && use == INDICES_READ_OPTIONAL)) {
            return fail(mc, TFLM_ERROR_MALFORMED_MODEL,
                        "%s %u: tensor index %d out of range (model has %u tensors)", kind, i, index,
                        mc->tensor_count);
        }
        if (use == INDICES_WRITTEN &&
            is_constant(mc->buf, fb_vector_table(mc->buf, mc->tensors, (uint32_t)index))) {
            return fail(mc, TFLM_ERROR_MALFORMED_MODEL, "%s %u: tensor %d is constant", kind, i,
                        index);
        }
    }
    return true;
}

static bool check_operator_codes(model_check *mc)
{
    for (uint32_t i = 0; i < mc->opcode_count; i++) {
        uint32_t code = model_opcode(mc->buf, i);
        int32_t builtin = model_opcode_builtin(mc->buf, code);
        set_owner(mc, "operator code %u", i);
        if (!enum_in_range(mc, "builtin code", builtin, TFLM_BUILTIN_CODE_MAX)) {
            return false;
        }
        if (builtin == TFLM_BUILTIN_CUSTOM &&
            fb_vector_length(mc->buf, fb_field_vector(mc->buf, code, OPERATOR_CODE_CUSTOM_CODE)) == 0) {
            return fail(mc, TFLM_ERROR_MALFORMED_MODEL, ": CUSTOM without a name");
        }
    }
    return true;
}

/* Shape, byte size and constant data of a tensor (the owner). */
static bool check_tensor_data(model_check *mc, uint32_t tensor)
{
    uint8_t type = fb_field_u8(mc->buf, tensor, TENSOR_TYPE);
    uint32_t shape = fb_field_vector(mc->buf, tensor, TENSOR_SHAPE);
    uint32_t dims = fb_vector_length(mc->buf, shape);
    if (!enum_in_range(mc, "type", type, TFLM_TENSOR_TYPE_MAX)) {
        return false;
    }
    if (dims > TFLM_MAX_DIMS) {
        return fail(mc, TFLM_ERROR_UNSUPPORTED, ": %u dimensions, at most %u supported", dims,
                    (unsigned)TFLM_MAX_DIMS);
    }
    /* The bound is on the product of the nonzero dimensions, so that every
     * partial product a kernel forms (strides, outer and inner counts) fits
     * an int32, even in a tensor that a zero dimension leaves empty (fuzz
     * finding: strides of [0, 12549, 395264]). Each step is a 32 x 32-bit
     * product: both factors stay below 2^31. */
    uint32_t nonzero_product = 1;
    bool empty = false;
    for (uint32_t d = 0; d < dims; d++) {
        int32_t dim = fb_i32(mc->buf, shape + 4 + 4 * d);
        if (dim < 0) {
            return fail(mc, TFLM_ERROR_MALFORMED_MODEL, ": dimension %u is negative (%d)", d, dim);
        }
        empty |= dim == 0;
        uint64_t product = (uint64_t)nonzero_product * (dim == 0 ? 1u : (uint32_t)dim);
        if (product > INT32_MAX) {
            return fail(mc, TFLM_ERROR_UNSUPPORTED, ": dimensions multiply to more than 2^31-1");
        }
        nonzero_product = (uint32_t)product;
    }
    const uint32_t elements = empty ? 0 : nonzero_product;
    uint32_t type_size = tflm_type_size((tflm_type)type);
    /* INT4: two values a byte, low nibble first (TFLM's packed weights). */
    uint64_t bytes = type == TFLM_TYPE_INT4 ? (elements + 1u) / 2 : (uint64_t)elements * type_size;
    if (bytes > UINT32_MAX) {
        return fail(mc, TFLM_ERROR_UNSUPPORTED, ": more than 4 GiB");
    }
    uint32_t buffer = fb_field_u32(mc->buf, tensor, TENSOR_BUFFER);
    if (buffer != 0 && !in_range(mc, "buffer", buffer, mc->buffer_count)) {
        return false;
    }
    /* What the interpreter cannot hold: elements of no fixed size, and
     * INT4 other than packed constant weights. */
    if (type == TFLM_TYPE_INT4 && !is_constant(mc->buf, tensor)) {
        return fail(mc, TFLM_ERROR_UNSUPPORTED,
                    ": INT4 tensors are supported as constant (packed) weights only");
    }
    if (type_size == 0 && type != TFLM_TYPE_INT4) {
        return fail(mc, TFLM_ERROR_UNSUPPORTED,
                    ": tensor type %u (no fixed element size) is not supported", type);
    }
    uint32_t length;
    uint32_t data = model_tensor_data(mc->buf, tensor, &length);
    if (data == 0) {
        return true;
    }
    /* Data not aligned for its type is valid (converters write it): the
     * interpreter reads such constants from an aligned copy. */
    return length == bytes ||
           fail(mc, TFLM_ERROR_MALFORMED_MODEL, ": buffer %u holds %u bytes, shape needs %u",
                buffer, length, (unsigned)bytes);
}

/* Zero points of the integer types must be values of that type: kernels
 * subtract them from 32-bit values, and one far outside the type would
 * overflow there (a hostile model, never a converter's). */
static bool check_zero_points(model_check *mc, uint32_t tensor, uint32_t q)
{
    uint8_t type = fb_field_u8(mc->buf, tensor, TENSOR_TYPE);
    int bits = type == TFLM_TYPE_INT4 ? 4 : type == TFLM_TYPE_INT16 ? 16
             : type == TFLM_TYPE_INT8 || type == TFLM_TYPE_UINT8 ? 8 : 0;
    int32_t lo = type == TFLM_TYPE_UINT8 ? 0 : -(int32_t)((UINT32_C(1) << bits) >> 1);
    uint32_t span = (UINT32_C(1) << bits) - 1; /* values lo .. lo + span */
    uint32_t zero_points = fb_field_vector(mc->buf, q, QUANTIZATION_ZERO_POINT);
    for (uint32_t i = 0; bits != 0 && i < fb_vector_length(mc->buf, zero_points); i++) {
        if (fb_u64(mc->buf, zero_points + 4 + 8 * i) - (uint64_t)(int64_t)lo > span) {
            return fail(mc, TFLM_ERROR_MALFORMED_MODEL, ": zero point %u outside [%d, %d]", i,
                        (int)lo, (int)(lo + (int32_t)span));
        }
    }
    return true;
}

static bool check_tensor(model_check *mc, uint32_t tensors, uint32_t t)
{
    uint32_t tensor = fb_vector_table(mc->buf, tensors, t);
    uint32_t name = fb_field_vector(mc->buf, tensor, TENSOR_NAME);
    uint32_t length = fb_vector_length(mc->buf, name);
    set_owner(mc, "tensor %u (%.*s)", t);
    mc->name_length = length > NAME_IN_MESSAGE ? NAME_IN_MESSAGE : length;
    mc->name = (const char *)mc->buf + name + 4; /* not read when length is 0 */
    if (!check_tensor_data(mc, tensor)) {
        return false;
    }
    uint32_t q = fb_field_table(mc->buf, tensor, TENSOR_QUANTIZATION);
    if (q != 0 && (!enum_in_range(mc, "quantization details type",
                                  fb_field_u8(mc->buf, q, QUANTIZATION_DETAILS_TYPE),
                                  QUANTIZATION_DETAILS_MAX) ||
                   !check_zero_points(mc, tensor, q))) {
        return false;
    }
    return fb_field(mc->buf, tensor, TENSOR_SPARSITY) == 0 ||
           fail(mc, TFLM_ERROR_UNSUPPORTED, ": sparse tensors are not supported");
}

static bool check_operator(model_check *mc, uint32_t operators, uint32_t o)
{
    uint32_t op = fb_vector_table(mc->buf, operators, o);
    set_owner(mc, "operator %u", o);
    return in_range(mc, "operator code", fb_field_u32(mc->buf, op, OPERATOR_OPCODE_INDEX),
                    mc->opcode_count) &&
           enum_in_range(mc, "options type",
                         fb_field_u8(mc->buf, op, OPERATOR_BUILTIN_OPTIONS_TYPE),
                         TFLM_BUILTIN_OPTIONS_MAX) &&
           enum_in_range(mc, "options type",
                         fb_field_u8(mc->buf, op, OPERATOR_BUILTIN_OPTIONS_2_TYPE),
                         TFLM_BUILTIN_OPTIONS2_MAX) &&
           data_inside(mc, op, OPERATOR_LARGE_CUSTOM_OPTIONS_OFFSET) &&
           tensor_indices(mc, op, OPERATOR_INPUTS, INDICES_READ_OPTIONAL, " input") &&
           tensor_indices(mc, op, OPERATOR_OUTPUTS, INDICES_WRITTEN, " output") &&
           tensor_indices(mc, op, OPERATOR_INTERMEDIATES, INDICES_READ, " intermediate");
}

static bool check_subgraph(model_check *mc, uint32_t s)
{
    uint32_t sg = model_subgraph(mc->buf, s);
    uint32_t tensors = fb_field_vector(mc->buf, sg, SUBGRAPH_TENSORS);
    uint32_t operators = fb_field_vector(mc->buf, sg, SUBGRAPH_OPERATORS);
    mc->subgraph = s;
    mc->tensors = tensors;
    mc->tensor_count = fb_vector_length(mc->buf, tensors);
    for (uint32_t t = 0; t < mc->tensor_count; t++) {
        if (!check_tensor(mc, tensors, t)) {
            return false;
        }
    }
    set_owner(mc, "", 0);
    if (!tensor_indices(mc, sg, SUBGRAPH_INPUTS, INDICES_WRITTEN, "input") ||
        !tensor_indices(mc, sg, SUBGRAPH_OUTPUTS, INDICES_READ, "output")) {
        return false;
    }
    for (uint32_t o = 0; o < fb_vector_length(mc->buf, operators); o++) {
        if (!check_operator(mc, operators, o)) {
            return false;
        }
    }
    return true;
}

/* Each element of a list indexes count things (noun: as in_range):
 * the element itself (field < 0: a vector of indices) or field `field` of
 * the table it is. owner: the owner format of the elements, or NULL when
 * the list's owner is the one set. */
static bool list_in_range(model_check *mc, uint32_t list, int field, const char *owner,
                          const char *noun, uint32_t count)
{
    for (uint32_t i = 0; i < fb_vector_length(mc->buf, list); i++) {
        uint32_t index = field < 0 ? fb_u32(mc->buf, list + 4 + 4 * i)
                                   : fb_field_u32(mc->buf, fb_vector_table(mc->buf, list, i),
                                                  (unsigned)field);
        if (owner != NULL) {
            set_owner(mc, owner, i);
        }
        if (!in_range(mc, noun, index, count)) {
            return false;
        }
    }
    return true;
}

/* Buffers, metadata and signatures: the model's lists besides subgraphs. */
static bool check_model_lists(model_check *mc, uint32_t subgraph_count)
{
    uint32_t list = fb_field_vector(mc->buf, mc->root, MODEL_BUFFERS);
    for (uint32_t i = 0; i < mc->buffer_count; i++) {
        set_owner(mc, "buffer %u", i);
        if (!data_inside(mc, fb_vector_table(mc->buf, list, i), BUFFER_OFFSET)) {
            return false;
        }
    }
    uint32_t signatures = fb_field_vector(mc->buf, mc->root, MODEL_SIGNATURE_DEFS);
    if (!list_in_range(mc, fb_field_vector(mc->buf, mc->root, MODEL_METADATA_BUFFER), -1,
                       "metadata_buffer %u", "buffer", mc->buffer_count) ||
        !list_in_range(mc, fb_field_vector(mc->buf, mc->root, MODEL_METADATA), METADATA_BUFFER,
                       "metadata %u", "buffer", mc->buffer_count) ||
        !list_in_range(mc, signatures, SIGNATURE_DEF_SUBGRAPH_INDEX, "signature_def %u",
                       "subgraph", subgraph_count)) {
        return false;
    }
    for (uint32_t s = 0; s < fb_vector_length(mc->buf, signatures); s++) {
        uint32_t signature = fb_vector_table(mc->buf, signatures, s);
        uint32_t subgraph = fb_field_u32(mc->buf, signature, SIGNATURE_DEF_SUBGRAPH_INDEX);
        uint32_t tensor_count = fb_vector_length(
            mc->buf, fb_field_vector(mc->buf, model_subgraph(mc->buf, subgraph), SUBGRAPH_TENSORS));
        set_owner(mc, "signature_def %u", s);
        for (unsigned field = SIGNATURE_DEF_INPUTS; field <= SIGNATURE_DEF_OUTPUTS; field++) {
            if (!list_in_range(mc, fb_field_vector(mc->buf, signature, field),
                               TENSOR_MAP_TENSOR_INDEX, NULL, "tensor", tensor_count)) {
                return false;
            }
        }
    }
    return true;
}

/* A 4-character identifier at bytes 4..8 that is not TFL3 means another
 * kind of file; bytes that are not printable mean the (optional)
 * identifier is absent. */
static bool foreign_identifier(const uint8_t *buf)
{
    bool printable = true;
    for (int i = 4; i < 8; i++) {
        printable &= buf[i] - 0x20u < 0x5fu; /* 0x20 .. 0x7e */
    }
    return printable && fb_u32(buf, 4) != fb_u32((const uint8_t *)"TFL3", 0);
}

tflm_status tflm_verify_model(const void *model, size_t size, char *message)
{
    model_check mc = {.buf = model, .message = message, .status = TFLM_ERROR_MALFORMED_MODEL,
                      .owner = "model"};
    message[0] = '\0';
    if (size > UINT32_MAX) {
        fail(&mc, TFLM_ERROR_UNSUPPORTED, ": %z bytes, at most 4 GiB supported", size);
        return mc.status;
    }
    fb_verifier fb = {.buf = model, .size = (uint32_t)size, .message = message,
                     .fields = schema_fields, .names = schema_names};
    if (size < 8) {
        fbv_fail(&fb, "truncated", (uint32_t)size);
        return mc.status;
    }
    if (foreign_identifier(mc.buf)) {
        fail(&mc, TFLM_ERROR_MALFORMED_MODEL, ": file identifier \"%.*s\" is not TFL3", 4,
             (const char *)mc.buf + 4);
        return mc.status;
    }
    mc.root = model_root(mc.buf);
    if (!fbv_verify(&fb, mc.root)) {
        return mc.status;
    }
    uint32_t version = fb_field_u32(mc.buf, mc.root, MODEL_VERSION);
    if (version != TFLM_SCHEMA_VERSION) {
        fail(&mc, TFLM_ERROR_UNSUPPORTED, ": schema version %u is not supported (expected 3)",
             version);
        return mc.status;
    }
    uint32_t subgraph_count =
        fb_vector_length(mc.buf, fb_field_vector(mc.buf, mc.root, MODEL_SUBGRAPHS));
    if (subgraph_count == 0) {
        fail(&mc, TFLM_ERROR_MALFORMED_MODEL, ": no subgraphs");
        return mc.status;
    }
    mc.buffer_count = fb_vector_length(mc.buf, fb_field_vector(mc.buf, mc.root, MODEL_BUFFERS));
    mc.opcode_count =
        fb_vector_length(mc.buf, fb_field_vector(mc.buf, mc.root, MODEL_OPERATOR_CODES));
    if (!check_operator_codes(&mc)) {
        return mc.status;
    }
    for (uint32_t s = 0; s < subgraph_count; s++) {
        if (!check_subgraph(&mc, s)) {
            return mc.status;
        }
    }
    mc.subgraph = 0;
    return check_model_lists(&mc, subgraph_count) ? TFLM_OK : mc.status;
}
