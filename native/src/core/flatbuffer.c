/* flatbuffer.c - the out-of-line navigation of flatbuffer.h. */
#include "core/flatbuffer.h"

uint32_t fb_field(const uint8_t *buf, uint32_t table, unsigned field)
{
    uint32_t vtable = fb_vtable(buf, table);
    uint32_t entry = 4u + 2u * field;
    if (entry + 2u > fb_u16(buf, vtable)) {
        return 0;
    }
    uint16_t offset = fb_u16(buf, vtable + entry);
    return offset ? table + offset : 0;
}

uint32_t fb_deref(const uint8_t *buf, uint32_t pos)
{
    return pos ? pos + fb_u32(buf, pos) : 0;
}

uint32_t fb_field_u32(const uint8_t *buf, uint32_t table, unsigned field)
{
    uint32_t pos = fb_field(buf, table, field);
    return pos ? fb_u32(buf, pos) : 0;
}

int32_t fb_field_i32(const uint8_t *buf, uint32_t table, unsigned field)
{
    uint32_t pos = fb_field(buf, table, field);
    return pos ? fb_i32(buf, pos) : 0;
}

uint8_t fb_field_u8(const uint8_t *buf, uint32_t table, unsigned field)
{
    uint32_t pos = fb_field(buf, table, field);
    return pos ? fb_u8(buf, pos) : 0;
}

uint32_t fb_field_vector(const uint8_t *buf, uint32_t table, unsigned field)
{
    return fb_deref(buf, fb_field(buf, table, field));
}

uint32_t fb_vector_table(const uint8_t *buf, uint32_t vector, uint32_t i)
{
    return fb_deref(buf, vector + 4u + 4u * i);
}

uint32_t fb_field_table(const uint8_t *buf, uint32_t table, unsigned field)
{
    return fb_deref(buf, fb_field(buf, table, field));
}
