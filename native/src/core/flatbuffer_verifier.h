/*
 * flatbuffer_verifier.h - checks the structure of a flatbuffer before
 * flatbuffer.h reads it, driven by a description of its schema as data:
 * every table (vtable and inline data inside the buffer), every field
 * (inside its table), every offset, vector and string (inside the buffer,
 * aligned as its elements need), recursively through sub-tables. Nothing
 * here reads outside [buf, buf + size); no offset sum wraps (each is
 * checked against the room left before it is formed).
 *
 * One generic walker and a few bytes per table instead of code per table:
 * on a Cortex-M this is a third of the size of a hand-written verifier.
 * Meaning (enum ranges, indices between tables) is the caller's to check
 * afterwards, with the unchecked readers of flatbuffer.h.
 */
#ifndef TFLM_CORE_FLATBUFFER_VERIFIER_H
#define TFLM_CORE_FLATBUFFER_VERIFIER_H

#include <stdbool.h>
#include <stdint.h>

/* How a field is stored. Deprecated fields (FB_SKIP) are never read, so
 * they are not checked. */
enum fb_kind {
    FB_SKIP = 0,
    FB_U8 = 1,     /* scalars of 1, 4 and 8 bytes */
    FB_U32 = 2,
    FB_U64 = 3,
    FB_BYTES = 4,  /* vectors of 1-, 4- and 8-byte elements; strings are FB_BYTES */
    FB_WORDS = 5,
    FB_QWORDS = 6,
    FB_TABLE = 7,  /* a sub-table */
    FB_TABLES = 8, /* a vector of sub-tables */
    FB_END = 0xff  /* ends a table's fields (no kind and sub-table make it) */
};

/* A field: its kind, and for FB_TABLE(S) the number of the sub-table's
 * schema (at most 15). */
#define FB_FIELD(kind) ((uint8_t)(kind))
#define FB_SUB(kind, table) ((uint8_t)((kind) | ((table) << 4)))

/* The schema is two lists in table-number order, so it takes a byte per
 * field and a name per table (no pointer per table): the fields of each
 * table by field number from 0, each table's ended by FB_END, and the
 * tables' names, NUL-separated ("subgraph 0 tensor 7 field 3" in
 * messages). Fields the schema added later than the description are not
 * checked and must not be read. */

/* Deepest nesting of tables (the root is depth 1). */
#define FB_MAX_DEPTH 6

typedef struct fb_verifier {
    const uint8_t *buf;
    uint32_t size;
    char *message; /* TFLM_ERROR_MESSAGE_CAPACITY bytes, set on failure */
    const uint8_t *fields; /* the schema (above) */
    const char *names;
    /* Where the walk is, for messages: per level a table, its index in its
     * vector (UINT32_MAX when not in one) and the field being read. */
    unsigned depth;
    struct {
        uint8_t table;
        uint8_t field;
        uint32_t index;
    } path[FB_MAX_DEPTH];
} fb_verifier;

/* Records "model: PROBLEM at offset POS reading PATH" ("the header" at
 * depth 0) and returns false. */
bool fbv_fail(fb_verifier *v, const char *problem, uint32_t pos);

/* Verifies the table at root as table 0 of the schema, and everything it
 * refers to. */
bool fbv_verify(fb_verifier *v, uint32_t root);

#endif /* TFLM_CORE_FLATBUFFER_VERIFIER_H */
