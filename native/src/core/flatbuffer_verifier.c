/* flatbuffer_verifier.c - see flatbuffer_verifier.h. */
#include "core/flatbuffer_verifier.h"

#include "core/flatbuffer.h"
#include "core/format.h"
#include "tflm/tflm.h"

bool fbv_fail(fb_verifier *v, const char *problem, uint64_t pos, fb_where where)
{
    size_t n = tflm_format(v->message, TFLM_ERROR_MESSAGE_CAPACITY, 0,
                           "model: %s at offset %z reading ", problem, (size_t)pos);
    tflm_format(v->message, TFLM_ERROR_MESSAGE_CAPACITY, n, where.what, where.a, where.b);
    return false;
}

/* Whether the bytes at pos are aligned in memory (not only in the file:
 * kernels read int32 and float data in place). */
static bool aligned(const fb_verifier *v, uint64_t pos, uint32_t alignment)
{
    return (((uintptr_t)v->buf + (uintptr_t)pos) & (alignment - 1u)) == 0;
}

static bool fits(const fb_verifier *v, uint64_t pos, uint64_t bytes)
{
    return pos <= v->size && bytes <= v->size - pos;
}

bool fbv_table(fb_verifier *v, uint32_t table, fb_where where)
{
    if (!fits(v, table, 4)) {
        return fbv_fail(v, "truncated", table, where);
    }
    if (!aligned(v, table, 4)) {
        return fbv_fail(v, "misaligned table", table, where);
    }
    int64_t vtable = (int64_t)table - fb_i32(v->buf, table);
    if (vtable < 0 || !fits(v, (uint64_t)vtable, 4) || !aligned(v, (uint64_t)vtable, 2)) {
        return fbv_fail(v, "invalid vtable", table, where);
    }
    uint32_t vt = (uint32_t)vtable;
    uint16_t vtable_size = fb_u16(v->buf, vt);
    uint16_t inline_size = fb_u16(v->buf, vt + 2);
    if (vtable_size < 4 || (vtable_size & 1u) || !fits(v, vt, vtable_size)) {
        return fbv_fail(v, "invalid vtable", table, where);
    }
    if (inline_size < 4 || !fits(v, table, inline_size)) {
        return fbv_fail(v, "truncated table", table, where);
    }
    return true;
}

bool fbv_field(fb_verifier *v, uint32_t table, unsigned field, uint32_t field_size,
               uint32_t *pos, fb_where where)
{
    uint32_t vt = fb_vtable(v->buf, table);
    uint32_t entry = 4u + 2u * field;
    *pos = 0;
    if (entry + 2u > fb_u16(v->buf, vt)) {
        return true;
    }
    uint16_t offset = fb_u16(v->buf, vt + entry);
    if (offset == 0) {
        return true;
    }
    if ((uint32_t)offset + field_size > fb_u16(v->buf, vt + 2)) {
        return fbv_fail(v, "field outside its table", (uint64_t)table + offset, where);
    }
    *pos = table + offset;
    return true;
}

/* Follows the offset field to its target, which must leave room for at
 * least 4 bytes (a length word or a table's vtable offset). */
static bool follow(fb_verifier *v, uint32_t table, unsigned field, uint32_t *target,
                   fb_where where)
{
    uint32_t pos;
    if (!fbv_field(v, table, field, 4, &pos, where)) {
        return false;
    }
    *target = 0;
    if (pos == 0) {
        return true;
    }
    uint64_t to = (uint64_t)pos + fb_u32(v->buf, pos);
    if (!fits(v, to, 4)) {
        return fbv_fail(v, "truncated", to, where);
    }
    *target = (uint32_t)to;
    return true;
}

bool fbv_vector(fb_verifier *v, uint32_t table, unsigned field, uint32_t elem_size,
                uint32_t *vector, uint32_t *count, fb_where where)
{
    uint32_t at;
    *vector = 0;
    *count = 0;
    if (!follow(v, table, field, &at, where)) {
        return false;
    }
    if (at == 0) {
        return true;
    }
    uint32_t alignment = elem_size < 4 ? 4 : elem_size; /* the length word is 4-aligned */
    if (!aligned(v, at, 4) || !aligned(v, (uint64_t)at + 4, alignment)) {
        return fbv_fail(v, "misaligned vector", at, where);
    }
    uint32_t n = fb_u32(v->buf, at);
    if (!fits(v, (uint64_t)at + 4, (uint64_t)n * elem_size)) {
        return fbv_fail(v, "truncated", at, where);
    }
    *vector = at;
    *count = n;
    return true;
}

bool fbv_table_field(fb_verifier *v, uint32_t table, unsigned field, uint32_t *sub,
                     fb_where where)
{
    if (!follow(v, table, field, sub, where)) {
        return false;
    }
    return *sub == 0 || fbv_table(v, *sub, where);
}

bool fbv_table_element(fb_verifier *v, uint32_t vector, uint32_t i, uint32_t *table,
                       fb_where where)
{
    uint32_t pos = vector + 4u + 4u * i;
    uint64_t to = (uint64_t)pos + fb_u32(v->buf, pos);
    if (!fits(v, to, 4)) {
        return fbv_fail(v, "truncated", to, where);
    }
    *table = (uint32_t)to;
    return fbv_table(v, *table, where);
}
