/*
 * flexbuffer.c - tflm/flexbuffer.h: FlexBuffers read in place, each read
 * bounded by the buffer.
 *
 * The format (flatbuffers' flexbuffers.h): the buffer ends with the root's
 * packed type and its slot's width; a packed type is (type << 2) | log2 of
 * the width of what the value points at. Scalars sit in their slot; every
 * other value's slot holds an unsigned offset back to its data. Vectors
 * and maps keep their length just before their elements; untyped vectors
 * and maps follow the elements with one packed type per element; a map
 * keeps, before its length, the width and an offset back to its sorted
 * vector of keys.
 */
#include "tflm/flexbuffer.h"

/* Reads width (1, 2, 4 or 8) little-endian bytes at position at; false
 * when they are not all inside the buffer. */
static bool read_uint(const tflm_flex *v, uint64_t at, uint32_t width, uint64_t *out)
{
    if (at > v->size || width > v->size - at) {
        return false;
    }
    uint64_t value = 0;
    for (uint32_t i = 0; i < width; i++) {
        value |= (uint64_t)v->buf[at + i] << (8 * i);
    }
    *out = value;
    return true;
}

static bool valid_width(uint32_t width)
{
    return width == 1 || width == 2 || width == 4 || width == 8;
}

static bool is_inline(uint8_t type)
{
    return type <= TFLM_FLEX_FLOAT || type == TFLM_FLEX_BOOL;
}

/* The types this reader knows: those FlexBuffers writes. */
static bool known_type(uint8_t type)
{
    return type <= TFLM_FLEX_VECTOR_FLOAT4 || type == TFLM_FLEX_BLOB || type == TFLM_FLEX_BOOL ||
           type == TFLM_FLEX_VECTOR_BOOL;
}

static bool is_fixed_vector(uint8_t type)
{
    return type >= TFLM_FLEX_VECTOR_INT2 && type <= TFLM_FLEX_VECTOR_FLOAT4;
}

/* Where an offset value's data starts: its slot's offset back. */
static bool target_of(const tflm_flex *v, uint64_t *target)
{
    uint64_t offset;
    if (is_inline(v->type) || !read_uint(v, v->at, v->slot_width, &offset) || offset > v->at) {
        return false;
    }
    *target = v->at - offset;
    return true;
}

/* The int in the low 8 x width bits of raw. */
static int64_t sign_extend(uint64_t raw, uint32_t width)
{
    const uint32_t bits = 8 * width;
    return bits == 64 ? (int64_t)raw : (int64_t)(raw ^ ((uint64_t)1 << (bits - 1))) - ((int64_t)1 << (bits - 1));
}

static bool read_float(const tflm_flex *v, uint64_t at, uint32_t width, double *out)
{
    uint64_t raw;
    if ((width != 4 && width != 8) || !read_uint(v, at, width, &raw)) {
        return false;
    }
    if (width == 4) {
        float f;
        const uint32_t bits = (uint32_t)raw;
        __builtin_memcpy(&f, &bits, sizeof f);
        *out = f;
    } else {
        __builtin_memcpy(out, &raw, sizeof *out);
    }
    return true;
}

/* A number's position and width: in its slot, or where an indirect one
 * points. */
static bool number_at(const tflm_flex *v, uint8_t *kind, uint64_t *at, uint32_t *width)
{
    switch (v->type) {
    case TFLM_FLEX_INT:
    case TFLM_FLEX_UINT:
    case TFLM_FLEX_FLOAT:
    case TFLM_FLEX_BOOL:
        *kind = v->type == TFLM_FLEX_BOOL ? TFLM_FLEX_UINT : v->type;
        *at = v->at;
        *width = v->slot_width;
        return true;
    case TFLM_FLEX_INDIRECT_INT:
    case TFLM_FLEX_INDIRECT_UINT:
    case TFLM_FLEX_INDIRECT_FLOAT:
        *kind = (uint8_t)(v->type - TFLM_FLEX_INDIRECT_INT + TFLM_FLEX_INT);
        *width = v->target_width;
        return target_of(v, at);
    default:
        return false;
    }
}

tflm_status tflm_flex_root(const void *buf, size_t size, tflm_flex *root)
{
    const uint8_t *bytes = buf;
    if (buf == NULL || size < 3 || size > UINT32_MAX) {
        return TFLM_ERROR_MALFORMED_MODEL;
    }
    const uint32_t width = bytes[size - 1];
    const uint8_t packed = bytes[size - 2];
    if (!valid_width(width) || width > size - 2 || !known_type((uint8_t)(packed >> 2))) {
        return TFLM_ERROR_MALFORMED_MODEL;
    }
    root->buf = bytes;
    root->size = (uint32_t)size;
    root->at = (uint32_t)(size - 2 - width);
    root->slot_width = (uint8_t)width;
    root->target_width = (uint8_t)(1u << (packed & 3));
    root->type = (uint8_t)(packed >> 2);
    return TFLM_OK;
}

/* A number read as its own kind: FLOAT in f, INT and UINT (and BOOL, a
 * UINT) in u, INT also sign-extended in i. NULL reads as the INT 0. */
typedef struct number {
    uint8_t kind;
    int64_t i;
    uint64_t u;
    double f;
} number;

static bool read_number(const tflm_flex *v, number *n)
{
    uint64_t at;
    uint32_t width;
    if (v->type == TFLM_FLEX_NULL) {
        *n = (number){TFLM_FLEX_INT, 0, 0, 0.0};
        return true;
    }
    if (!number_at(v, &n->kind, &at, &width)) {
        return false;
    }
    if (n->kind == TFLM_FLEX_FLOAT) {
        return read_float(v, at, width, &n->f);
    }
    if (!valid_width(width) || !read_uint(v, at, width, &n->u)) {
        return false;
    }
    /* A UINT above 2^63 wraps, as FlexBuffers' AsInt64. */
    n->i = n->kind == TFLM_FLEX_INT ? sign_extend(n->u, width) : (int64_t)n->u;
    return true;
}

bool tflm_flex_int(const tflm_flex *value, int64_t *out)
{
    number n;
    if (!read_number(value, &n)) {
        return false;
    }
    if (n.kind == TFLM_FLEX_FLOAT) {
        /* Truncated; NaN and values beyond int64 have no int. */
        if (!(n.f > -9223372036854775808.0 && n.f < 9223372036854775808.0)) {
            return false;
        }
        *out = (int64_t)n.f;
        return true;
    }
    *out = n.i;
    return true;
}

bool tflm_flex_float(const tflm_flex *value, double *out)
{
    number n;
    if (!read_number(value, &n)) {
        return false;
    }
    *out = n.kind == TFLM_FLEX_FLOAT ? n.f : n.kind == TFLM_FLEX_UINT ? (double)n.u : (double)n.i;
    return true;
}

bool tflm_flex_bool(const tflm_flex *value, bool *out)
{
    double d;
    if (!tflm_flex_float(value, &d)) {
        return false;
    }
    *out = d != 0.0;
    return true;
}

bool tflm_flex_string(const tflm_flex *value, const char **chars, uint32_t *length)
{
    uint64_t target;
    if ((value->type != TFLM_FLEX_KEY && value->type != TFLM_FLEX_STRING) || !target_of(value, &target)) {
        return false;
    }
    if (value->type == TFLM_FLEX_STRING) {
        uint64_t n;
        if (target < value->target_width || !read_uint(value, target - value->target_width, value->target_width, &n) ||
            n > value->size - target) {
            return false;
        }
        *length = (uint32_t)n;
    } else {
        uint64_t end = target;
        while (end < value->size && value->buf[end] != 0) {
            end++;
        }
        if (end == value->size) {
            return false; /* no NUL before the buffer ends */
        }
        *length = (uint32_t)(end - target);
    }
    *chars = (const char *)(value->buf + target);
    return true;
}

/* A vector's (or map's, blob's) first element and length, its elements'
 * width, and whether packed types follow the elements; false unless all of
 * that lies inside the buffer. */
typedef struct vector_view {
    uint64_t elements;
    uint64_t length;
    uint32_t width;
    bool typed_after; /* VECTOR, MAP */
} vector_view;

static bool vector_of(const tflm_flex *v, vector_view *view)
{
    const bool untyped = v->type == TFLM_FLEX_VECTOR || v->type == TFLM_FLEX_MAP;
    const bool typed = (v->type >= TFLM_FLEX_VECTOR_INT && v->type <= TFLM_FLEX_VECTOR_FLOAT4) ||
                       v->type == TFLM_FLEX_VECTOR_BOOL;
    if ((!untyped && !typed && v->type != TFLM_FLEX_BLOB) || !target_of(v, &view->elements)) {
        return false;
    }
    view->width = v->type == TFLM_FLEX_BLOB ? 1 : v->target_width;
    view->typed_after = untyped;
    if (is_fixed_vector(v->type)) {
        view->length = (uint64_t)(v->type - TFLM_FLEX_VECTOR_INT2) / 3 + 2;
    } else if (view->elements < v->target_width ||
               !read_uint(v, view->elements - v->target_width, v->target_width, &view->length)) {
        return false;
    }
    /* Elements, then for VECTOR and MAP one type byte each, all inside. */
    const uint64_t room = v->size - view->elements;
    const uint64_t per_element = (uint64_t)view->width + (untyped ? 1u : 0u);
    return view->length <= room / per_element;
}

uint32_t tflm_flex_length(const tflm_flex *value)
{
    vector_view view;
    return vector_of(value, &view) ? (uint32_t)view.length : 0;
}

bool tflm_flex_at(const tflm_flex *vector, uint32_t i, tflm_flex *element)
{
    vector_view view;
    if (vector->type == TFLM_FLEX_BLOB || !vector_of(vector, &view) || i >= view.length) {
        return false;
    }
    uint8_t type, target_width = 1;
    if (view.typed_after) {
        const uint8_t packed = vector->buf[view.elements + view.length * view.width + i];
        type = (uint8_t)(packed >> 2);
        target_width = (uint8_t)(1u << (packed & 3));
    } else if (vector->type == TFLM_FLEX_VECTOR_BOOL) {
        type = TFLM_FLEX_BOOL;
    } else if (is_fixed_vector(vector->type)) {
        type = (uint8_t)((vector->type - TFLM_FLEX_VECTOR_INT2) % 3 + TFLM_FLEX_INT);
    } else {
        type = vector->type == TFLM_FLEX_VECTOR_STRING ? TFLM_FLEX_STRING
                                                      : (uint8_t)(vector->type - TFLM_FLEX_VECTOR_INT + TFLM_FLEX_INT);
    }
    if (!known_type(type)) {
        return false;
    }
    *element = *vector;
    element->at = (uint32_t)(view.elements + (uint64_t)i * view.width);
    element->slot_width = (uint8_t)view.width;
    element->target_width = target_width;
    element->type = type;
    return true;
}

/* Whether the NUL-terminated key equals the KEY at position at. */
static bool key_equals(const tflm_flex *map, uint64_t at, const char *key)
{
    for (;; at++, key++) {
        if (at >= map->size || map->buf[at] != (uint8_t)*key) {
            return false;
        }
        if (*key == '\0') {
            return true;
        }
    }
}

bool tflm_flex_map_find(const tflm_flex *map, const char *key, tflm_flex *value)
{
    vector_view values;
    if (map->type != TFLM_FLEX_MAP || !vector_of(map, &values)) {
        return false;
    }
    /* Before the length: the keys' width, and before it an offset back to
     * the keys (a typed vector of KEY offsets). */
    const uint32_t w = map->target_width;
    uint64_t keys_width, keys_offset, key_count;
    if (values.elements < 3u * w || !read_uint(map, values.elements - 2u * w, w, &keys_width) ||
        !read_uint(map, values.elements - 3u * w, w, &keys_offset) || !valid_width((uint32_t)keys_width) ||
        keys_offset > values.elements - 3u * w) {
        return false;
    }
    const uint64_t keys = values.elements - 3u * w - keys_offset;
    if (keys < keys_width || !read_uint(map, keys - keys_width, (uint32_t)keys_width, &key_count) ||
        key_count != values.length || key_count > (map->size - keys) / keys_width) {
        return false;
    }
    for (uint32_t i = 0; i < key_count; i++) {
        const uint64_t slot = keys + (uint64_t)i * keys_width;
        uint64_t offset;
        if (!read_uint(map, slot, (uint32_t)keys_width, &offset) || offset > slot) {
            return false;
        }
        if (key_equals(map, slot - offset, key)) {
            return tflm_flex_at(map, i, value);
        }
    }
    return false;
}
