/*
 * tflm/flexbuffer.h - reading FlexBuffers, the self-describing format of
 * custom operators' options (TFLM's signal ops keep a map there: "shift",
 * "frame_size", ...). Freestanding: no allocation, no libc.
 *
 * Every read is checked against the buffer's bounds, every offset and
 * width against the format, so hostile option bytes give false (or a
 * clean error), never a read outside the buffer. Maps, vectors (untyped,
 * typed and fixed-length), keys, strings, blobs, ints, uints, floats and
 * bools; values read as another numeric type convert as FlexBuffers' own
 * As*() functions do (a float read as an int truncates, an int read as a
 * float widens, nonzero reads as true).
 *
 *     tflm_flex root, shift;
 *     int64_t value;
 *     if (tflm_flex_root(node->custom_options, node->custom_options_size, &root) != TFLM_OK ||
 *         !tflm_flex_map_find(&root, "shift", &shift) || !tflm_flex_int(&shift, &value)) {
 *         return tflm_fail(ctx, TFLM_ERROR_KERNEL, "options need an int \"shift\"");
 *     }
 */
#ifndef TFLM_FLEXBUFFER_H
#define TFLM_FLEXBUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tflm/tflm.h"

/* FlexBuffers' value types (flexbuffers::Type). */
typedef enum tflm_flex_type {
    TFLM_FLEX_NULL = 0,
    TFLM_FLEX_INT = 1,
    TFLM_FLEX_UINT = 2,
    TFLM_FLEX_FLOAT = 3,
    TFLM_FLEX_KEY = 4,
    TFLM_FLEX_STRING = 5,
    TFLM_FLEX_INDIRECT_INT = 6,
    TFLM_FLEX_INDIRECT_UINT = 7,
    TFLM_FLEX_INDIRECT_FLOAT = 8,
    TFLM_FLEX_MAP = 9,
    TFLM_FLEX_VECTOR = 10,       /* elements of any type */
    TFLM_FLEX_VECTOR_INT = 11,   /* typed: INT ... KEY elements */
    TFLM_FLEX_VECTOR_UINT = 12,
    TFLM_FLEX_VECTOR_FLOAT = 13,
    TFLM_FLEX_VECTOR_KEY = 14,
    TFLM_FLEX_VECTOR_STRING = 15, /* deprecated by FlexBuffers; read like VECTOR_KEY */
    TFLM_FLEX_VECTOR_INT2 = 16,  /* fixed length 2, 3, 4 of INT, UINT, FLOAT */
    TFLM_FLEX_VECTOR_FLOAT4 = 24,
    TFLM_FLEX_BLOB = 25,
    TFLM_FLEX_BOOL = 26,
    TFLM_FLEX_VECTOR_BOOL = 36
} tflm_flex_type;

/* One value: where it sits and how to read it. Plain data: copy freely;
 * it points into the buffer, which must outlive it. */
typedef struct tflm_flex {
    const uint8_t *buf;
    uint32_t size;         /* of the whole buffer, the bound of every read */
    uint32_t at;           /* the value's slot */
    uint8_t slot_width;    /* bytes of the slot: 1, 2, 4 or 8 */
    uint8_t target_width;  /* bytes of what an offset slot points at */
    uint8_t type;          /* tflm_flex_type */
} tflm_flex;

/* The root value of a buffer of size bytes. MALFORMED_MODEL when the
 * buffer is too short for its trailer or the root's width or type is not
 * one FlexBuffers writes. */
tflm_status tflm_flex_root(const void *buf, size_t size, tflm_flex *root);

/* Scalars, converted as FlexBuffers does; false when the value is not a
 * number (or bool) or its bytes fall outside the buffer. */
bool tflm_flex_int(const tflm_flex *value, int64_t *out);
bool tflm_flex_float(const tflm_flex *value, double *out);
bool tflm_flex_bool(const tflm_flex *value, bool *out);

/* A KEY's or STRING's bytes (not copied; a KEY's end at its NUL, a
 * STRING's by its length) and length; false for other types. */
bool tflm_flex_string(const tflm_flex *value, const char **chars, uint32_t *length);

/* Elements of a vector (any kind), map (its values) or blob (bytes); 0 for
 * other types and for malformed ones. */
uint32_t tflm_flex_length(const tflm_flex *value);

/* Element i of a vector or map (its i-th value, in key order); false when
 * i is out of range or the element cannot be read. */
bool tflm_flex_at(const tflm_flex *vector, uint32_t i, tflm_flex *element);

/* The map's value under key (NUL-terminated); false when the value is not
 * a map, has no such key or is malformed. Keys are searched in order
 * (FlexBuffers sorts them), so at most as many compares as keys. */
bool tflm_flex_map_find(const tflm_flex *map, const char *key, tflm_flex *value);

#endif /* TFLM_FLEXBUFFER_H */
