/* flatbuffer_verifier.c - see flatbuffer_verifier.h. */
#include "core/flatbuffer_verifier.h"

#include "core/flatbuffer.h"
#include "core/format.h"
#include "tflm/tflm.h"

/* path[].field while a table's own header is checked. */
#define NO_FIELD 0xffu

/* The entry of table number n in a list of entries each ended by end: the
 * schema's fields and names (flatbuffer_verifier.h). */
static const uint8_t *schema_entry(const void *list, unsigned n, uint8_t end)
{
    const uint8_t *p = list;
    while (n > 0) {
        n -= *p++ == end;
    }
    return p;
}

bool fbv_fail(fb_verifier *v, const char *problem, uint32_t pos)
{
    enum { CAP = TFLM_ERROR_MESSAGE_CAPACITY };
    size_t n = tflm_format(v->message, CAP, 0, "model: %s at offset %u reading%s", problem, pos,
                           v->depth == 0 ? " the header" : "");
    for (unsigned i = v->depth > 1 ? 1 : 0; i < v->depth; i++) { /* the root's name only alone */
        n = tflm_format(v->message, CAP, n, v->path[i].index != UINT32_MAX ? " %s %u" : " %s",
                        (const char *)schema_entry(v->names, v->path[i].table, '\0'),
                        v->path[i].index);
    }
    if (v->depth > 0 && v->path[v->depth - 1].field != NO_FIELD) {
        tflm_format(v->message, CAP, n, " field %u", v->path[v->depth - 1].field);
    }
    return false;
}

/* Whether the bytes at pos are aligned in memory (not only in the file:
 * kernels read int32 and float data in place). */
static bool aligned(const fb_verifier *v, uint32_t pos, uint32_t alignment)
{
    return (((uintptr_t)v->buf + (uintptr_t)pos) & (alignment - 1u)) == 0;
}

/* Whether bytes bytes at pos lie inside the buffer (in 32 bits: nothing
 * here adds before it has checked that the sum stays inside). */
static bool fits(const fb_verifier *v, uint32_t pos, uint32_t bytes)
{
    return pos <= v->size && bytes <= v->size - pos;
}

/* Follows the offset at pos to a target that has room for its first 4
 * bytes (a vector's length, a table's vtable offset); 0 (never a target:
 * it lies past pos) when it has not. */
static uint32_t follow(fb_verifier *v, uint32_t pos)
{
    uint32_t offset = fb_u32(v->buf, pos);
    if (!fits(v, pos, offset) || !fits(v, pos + offset, 4)) {
        fbv_fail(v, "offset out of bounds", pos);
        return 0;
    }
    return pos + offset;
}

static bool verify_table(fb_verifier *v, unsigned type, uint32_t index, uint32_t table);

/* The vector at `at` of elements of kind FB_BYTES..FB_TABLES. */
static bool verify_vector(fb_verifier *v, unsigned kind, unsigned sub, uint32_t at)
{
    static const uint8_t elem_size[] = {1, 4, 8, 4, 4}; /* FB_BYTES .. FB_TABLES */
    uint32_t size = elem_size[kind - FB_BYTES];
    /* The length word is 4-aligned; elements to their size, up to 8. */
    if (!aligned(v, at, 4) || !aligned(v, at + 4, size)) {
        return fbv_fail(v, "misaligned vector", at);
    }
    uint32_t count = fb_u32(v->buf, at);
    /* follow() left room for the length word: at + 4 <= size. */
    if (count > (v->size - at - 4) / size) {
        return fbv_fail(v, "truncated", at);
    }
    for (uint32_t i = 0; kind == FB_TABLES && i < count; i++) {
        uint32_t element = follow(v, at + 4 + 4 * i);
        if (element == 0 || !verify_table(v, sub, i, element)) {
            return false;
        }
    }
    return true;
}

/* The fields of a table whose header was checked. */
static bool verify_fields(fb_verifier *v, const uint8_t *fields, uint32_t table, uint32_t vt)
{
    static const uint8_t stored_size[] = {0, 1, 4, 8, 4, 4, 4, 4, 4}; /* by fb_kind */
    uint16_t vtable_size = fb_u16(v->buf, vt), inline_size = fb_u16(v->buf, vt + 2);
    for (unsigned f = 0; fields[f] != FB_END && 4u + 2u * f + 2u <= vtable_size; f++) {
        unsigned kind = fields[f] & 15u, sub = fields[f] >> 4;
        uint16_t offset = fb_u16(v->buf, vt + 4 + 2 * f);
        if (kind == FB_SKIP || offset == 0) {
            continue;
        }
        v->path[v->depth - 1].field = (uint8_t)f;
        uint32_t pos = table + offset;
        if ((uint32_t)offset + stored_size[kind] > inline_size) {
            return fbv_fail(v, "field outside its table", pos);
        }
        if (kind < FB_BYTES) {
            continue;
        }
        uint32_t target = follow(v, pos);
        if (target == 0 ||
            !(kind == FB_TABLE ? verify_table(v, sub, UINT32_MAX, target)
                               : verify_vector(v, kind, sub, target))) {
            return false;
        }
    }
    return true;
}

/* The table at `table` as table number type of the schema, element index of its vector. */
static bool verify_table(fb_verifier *v, unsigned type, uint32_t index, uint32_t table)
{
    if (v->depth == FB_MAX_DEPTH) {
        return fbv_fail(v, "tables nested too deep", table);
    }
    v->path[v->depth].table = (uint8_t)type;
    v->path[v->depth].index = index;
    v->path[v->depth].field = NO_FIELD;
    v->depth++;
    if (!aligned(v, table, 4)) {
        return fbv_fail(v, "misaligned table", table);
    }
    /* The vtable at table - soffset, which must not leave the buffer on
     * either side (follow() left room for the soffset: table + 4 <= size). */
    int32_t soffset = fb_i32(v->buf, table);
    uint32_t vt = table - (uint32_t)soffset;
    if ((soffset > 0 ? (uint32_t)soffset > table : 0u - (uint32_t)soffset > v->size - table) ||
        !fits(v, vt, 4) || !aligned(v, vt, 2)) {
        return fbv_fail(v, "invalid vtable", table);
    }
    uint16_t vtable_size = fb_u16(v->buf, vt), inline_size = fb_u16(v->buf, vt + 2);
    if (vtable_size < 4 || (vtable_size & 1u) || !fits(v, vt, vtable_size)) {
        return fbv_fail(v, "invalid vtable", table);
    }
    if (inline_size < 4 || !fits(v, table, inline_size)) {
        return fbv_fail(v, "truncated table", table);
    }
    if (!verify_fields(v, schema_entry(v->fields, type, FB_END), table, vt)) {
        return false;
    }
    v->depth--;
    return true;
}

bool fbv_verify(fb_verifier *v, uint32_t root)
{
    v->depth = 0;
    if (root < 4 || !fits(v, root, 4)) { /* 0..3 hold the root offset itself */
        return fbv_fail(v, "invalid root offset", 0);
    }
    return verify_table(v, 0, UINT32_MAX, root);
}
