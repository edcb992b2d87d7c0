/*
 * flatbuffer_verifier.h - checks the structure of a flatbuffer before
 * flatbuffer.h reads it: every table (its vtable and inline size), every
 * field (inside its table), every offset, vector and string (inside the
 * buffer and aligned as its elements need). Nothing here reads outside
 * [buf, buf + size), and all offset arithmetic is done in 64 bits.
 *
 * Each check names what it was reading for the error message, as a format
 * with up to two %u (fb_where), e.g. {"subgraph %u tensor %u", 0, 7}.
 */
#ifndef TFLM_CORE_FLATBUFFER_VERIFIER_H
#define TFLM_CORE_FLATBUFFER_VERIFIER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct fb_verifier {
    const uint8_t *buf;
    uint32_t size;
    char *message; /* TFLM_ERROR_MESSAGE_CAPACITY bytes, set on failure */
} fb_verifier;

typedef struct fb_where {
    const char *what;
    unsigned a, b;
} fb_where;

/* Records "model: PROBLEM at offset POS reading WHERE" and returns false. */
bool fbv_fail(fb_verifier *v, const char *problem, uint64_t pos, fb_where where);

/* The table at pos: aligned, vtable and inline data inside the buffer. */
bool fbv_table(fb_verifier *v, uint32_t table, fb_where where);

/* Position of a field of field_size bytes in a verified table (0 when
 * absent); fails when the field would reach past the table's inline data. */
bool fbv_field(fb_verifier *v, uint32_t table, unsigned field, uint32_t field_size,
               uint32_t *pos, fb_where where);

/* A vector field with elements of elem_size bytes (1, 2, 4 or 8, aligned
 * to that size up to 8). *vector is the position of its length word (0
 * when absent) and *count its length (0 when absent). Strings are vectors
 * of 1-byte elements. */
bool fbv_vector(fb_verifier *v, uint32_t table, unsigned field, uint32_t elem_size,
                uint32_t *vector, uint32_t *count, fb_where where);

/* A table field, verified as a table; *sub is 0 when absent. */
bool fbv_table_field(fb_verifier *v, uint32_t table, unsigned field, uint32_t *sub,
                     fb_where where);

/* Element i of a verified vector of tables, verified as a table. */
bool fbv_table_element(fb_verifier *v, uint32_t vector, uint32_t i, uint32_t *table,
                       fb_where where);

#endif /* TFLM_CORE_FLATBUFFER_VERIFIER_H */
